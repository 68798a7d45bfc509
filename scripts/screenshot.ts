/**
 * Regenerates the README's pictures from a demo server: the registry searched for 科技 at laptop size
 * (docs/screenshot.png) and the cockpit on a 1920×1080 wall screen (docs/cockpit.png), both in Chinese.
 * Run: npm run build:web && npx tsx scripts/screenshot.ts
 * Chinese text needs a CJK font on the machine (Debian: apt-get install fonts-noto-cjk); without one the
 * pictures show empty boxes, so the script refuses to run.
 */
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/browser.ts';
import { cockpitSeed } from '../e2e/cockpit-seed.ts';
import { startServer } from '../e2e/harness.ts';

const fonts = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
if (!fonts.trim()) {
  console.error('screenshot: no Chinese font found (fc-list :lang=zh); install fonts-noto-cjk first');
  process.exit(1);
}

async function signedIn(
  browser: Browser,
  baseURL: string,
  email: string,
  viewport: { width: number; height: number },
) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.evaluate(() => localStorage.setItem('lodestone.lang', 'zh-CN'));
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill('lodestone-demo');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

const server = await startServer(cockpitSeed);
const browser = await launchBrowser();
try {
  const officer = await signedIn(browser, server.baseUrl, 'officer@jiading.demo', {
    width: 1440,
    height: 900,
  });
  await officer.goto(`/companies?q=${encodeURIComponent('科技')}`);
  await officer.getByTestId('company-row').first().waitFor();
  await officer.waitForTimeout(500);
  await officer.screenshot({ path: 'docs/screenshot.png' });

  const viewer = await signedIn(browser, server.baseUrl, 'viewer@jiading.demo', {
    width: 1920,
    height: 1080,
  });
  const zones = (await (await viewer.request.get('/api/v1/zones')).json()) as {
    items: { id: string; nameEn: string }[];
  };
  const newCity = zones.items.find((z) => z.nameEn === 'Jiading New City');
  if (!newCity) throw new Error('the demo has no Jiading New City zone');
  await viewer.goto(`/cockpit/screen?${new URLSearchParams({ zone: newCity.id, since: '2021-01-01' })}`);
  await viewer.getByTestId('cockpit-registrations-chart').locator('canvas').waitFor();
  await viewer.waitForTimeout(1_500);
  await viewer.screenshot({ path: 'docs/cockpit.png' });
} finally {
  await browser.close();
  await server.close();
}
