/**
 * Browser tests of the investment pipeline (issue 4): the project table, recording a lead, moving it through
 * stages from the project page (only the moves the state machine allows are offered, a pause needs a reason),
 * the timeline, and the partner's view, which holds only the projects its partner referred. Real Chromium
 * against the real server on a fresh embedded database seeded with the Jiading demo tenant.
 *
 * Needs `npx vite build` first (the server serves dist/web). Without Chromium the suite is skipped, except
 * under CI=true, where a missing browser is a failure.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPortalPartner, demoProjects } from '../src/modules/demo/pipeline.ts';
import { chromiumPath, hasChromium, launchBrowser } from './browser.ts';

const DEMO_PASSWORD = 'lodestone-demo';
const builtIndex = fileURLToPath(new URL('../dist/web/index.html', import.meta.url));
const chromiumFound = hasChromium();

if (!chromiumFound && process.env.CI === 'true') {
  describe('investment pipeline (Chromium)', () => {
    it('has a Chromium to run on', () => {
      throw new Error(
        `Chromium not found at ${chromiumPath} (set CHROMIUM_PATH); under CI=true this is a failure`,
      );
    });
  });
}

describe.skipIf(!chromiumFound)('investment pipeline (Chromium)', () => {
  let browser: Browser;
  let server: { baseUrl: string; close: () => Promise<void> } | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    if (!existsSync(builtIndex))
      throw new Error('dist/web/index.html is missing: run `npx vite build` first');
    const { startServer } = await import('./harness.ts');
    server = await startServer();
    baseUrl = server.baseUrl.replace(/\/$/, '');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto('/projects');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/projects');
    return { context, page };
  }

  const stageOf = (page: Page) => page.getByTestId('project-stage').getAttribute('data-stage');

  async function moveTo(page: Page, label: string) {
    await page.getByTestId('stage-move-to').click();
    await page.getByRole('option', { name: label, exact: true }).click();
  }

  it('records a lead as an officer and moves it through the stages the machine allows', async () => {
    const { context, page } = await signedIn('officer@jiading.demo');
    expect(await page.getByTestId('nav-projects').textContent()).toBe('招商项目');
    await page.getByTestId('project-row').first().waitFor();
    expect(await page.getByTestId('project-row').count()).toBe(demoProjects.length);

    await page.getByTestId('new-lead-title').fill('浏览器测试：智能座舱项目');
    await page.getByTestId('new-lead-submit').click();
    await page.waitForURL((url) => /^\/projects\/[0-9a-f-]{36}$/.test(url.pathname));
    expect(await page.getByTestId('project-title').textContent()).toBe('浏览器测试：智能座舱项目');
    expect(await stageOf(page)).toBe('lead');

    // Only the legal moves are offered: from a lead, contact it, pause it or lose it.
    await page.getByTestId('stage-move-to').click();
    const options = await page.getByRole('option').allTextContents();
    expect(options).toEqual(['接洽', '暂缓', '流失']);
    await page.keyboard.press('Escape');

    await moveTo(page, '接洽');
    await page.getByTestId('stage-move-submit').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="project-stage"]')?.getAttribute('data-stage') === 'contacted',
    );

    // A pause needs a reason before it can be submitted.
    await moveTo(page, '暂缓');
    expect(await page.getByTestId('stage-move-submit').isDisabled()).toBe(true);
    await page.getByTestId('stage-move-reason').click();
    await page.getByRole('option', { name: '资金', exact: true }).click();
    await page.getByTestId('stage-move-submit').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="project-stage"]')?.getAttribute('data-stage') === 'on_hold',
    );
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="stage-timeline-item"]').length === 3,
    );
    await context.close();
  });

  it('shows a partner only the projects it referred, and nothing else by its address', async () => {
    const { context, page } = await signedIn('partner@jiading.demo');
    const referred = demoProjects.filter((p) => p.partner === demoPortalPartner).map((p) => p.title);
    await page.getByTestId('project-row').first().waitFor();
    const titles = await page.getByTestId('project-row').locator('a').allTextContents();
    expect(titles.sort()).toEqual([...referred].sort());
    expect(await page.getByTestId('nav-companies').count()).toBe(0);
    expect(await page.getByTestId('stage-move').count()).toBe(0);

    // A project it did not refer is not found, whatever its id.
    const officer = await signedIn('officer@jiading.demo');
    const all = (await (await officer.page.request.get('/api/v1/projects?limit=200')).json()) as {
      items: { id: string; title: string }[];
    };
    await officer.context.close();
    const other = all.items.find((p) => !referred.includes(p.title));
    await page.goto(`/projects/${other?.id}`);
    await page.getByTestId('not-found').waitFor();
    await context.close();
  });
});
