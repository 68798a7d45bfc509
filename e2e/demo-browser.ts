import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { SeedOptions } from '../src/modules/demo/seed.ts';
import { launchBrowser, requireBuiltWebApp } from './browser.ts';

export const DEMO_PASSWORD = 'lodestone-demo';

type Viewport = { width: number; height: number };

interface DemoBrowserOptions {
  /** Where a signed-in user starts: the page is asked for first, so the sign-in returns to it. */
  landing: string;
  viewport?: Viewport;
  seed?: SeedOptions;
  /** For a larger demo than the small one. */
  setupTimeout?: number;
  /** Playwright's wait for each step. */
  stepTimeout?: number;
}

/**
 * A browser test file's demo server and Chromium, started once for the file, and demo users signed in through
 * the login page, each in a browser context of their own.
 */
export function demoBrowser(options: DemoBrowserOptions) {
  let browser: Browser | undefined;
  let server: { baseUrl: string; close: () => Promise<void> } | undefined;

  beforeAll(async () => {
    requireBuiltWebApp();
    const { startServer } = await import('./harness.ts');
    server = await startServer(options.seed);
    browser = await launchBrowser();
  }, options.setupTimeout);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function newContext(viewport: Viewport, hasTouch = false): Promise<BrowserContext> {
    if (!browser || !server) throw new Error('the demo browser has not started');
    return browser.newContext({ baseURL: server.baseUrl.replace(/\/$/, ''), viewport, hasTouch });
  }

  return {
    /** A fresh context on the demo server, signed in as nobody. */
    newContext: (viewport: Viewport = options.viewport ?? { width: 1440, height: 900 }) =>
      newContext(viewport),
    async signedIn(
      email: string,
      viewport: Viewport = options.viewport ?? { width: 1440, height: 900 },
      { hasTouch = false } = {},
    ): Promise<{ context: BrowserContext; page: Page }> {
      const context = await newContext(viewport, hasTouch);
      const page = await context.newPage();
      page.setDefaultTimeout(options.stepTimeout ?? 15_000);
      await page.goto(options.landing);
      await page.waitForURL((url) => url.pathname === '/login');
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((url) => url.pathname === options.landing);
      return { context, page };
    },
  };
}
