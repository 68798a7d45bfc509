/**
 * Regenerates the README screenshot: the demo registry in Chromium at laptop size.
 * Run: npx vite build && npx tsx scripts/screenshot.ts
 */
import { launchBrowser } from '../e2e/browser.ts';
import { startServer } from '../e2e/harness.ts';

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel(/邮箱|Email/).fill('officer@jiading.demo');
  await page.getByLabel(/密码|Password/).fill('lodestone-demo');
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${server.baseUrl}/companies?q=${encodeURIComponent('科技')}`);
  await page.getByRole('table').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'docs/screenshot.png' });
} finally {
  await browser.close();
  await server.close();
}
