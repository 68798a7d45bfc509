import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeInChromium, launchBrowser, requireBuiltWebApp } from './browser.ts';

const DEMO_PASSWORD = 'lodestone-demo';
const ADMIN = 'admin@jiading.demo';
const VIEWER = 'viewer@jiading.demo';

describeInChromium('web shell (Chromium)', () => {
  let browser: Browser;
  let server: { baseUrl: string; close: () => Promise<void> } | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    requireBuiltWebApp();
    const { startServer } = await import('./harness.ts');
    const started = await startServer();
    server = started;
    baseUrl = started.baseUrl.replace(/\/$/, '');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.getByTestId('login-submit').click();
  }

  const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
  const pathOf = (page: Page) => new URL(page.url()).pathname;

  describe('as admin', () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      ({ context, page } = await newPage());
    });

    afterAll(async () => {
      await context?.close();
    });

    it('redirects to /login, signs in, returns to the requested page and shows the tenant', async () => {
      await page.goto('/reference/divisions');
      await page.waitForURL((url) => url.pathname === '/login');
      // Default language before anything is chosen: zh-CN, and the switch is on the sign-in page.
      expect(await htmlLang(page)).toBe('zh-CN');
      await page.getByTestId('language-switch').waitFor();

      await signIn(page, ADMIN);
      await page.waitForURL((url) => url.pathname === '/reference/divisions');
      expect(await page.getByTestId('tenant-name').textContent()).toBe('嘉定区');
      expect(await page.getByTestId('user-email').textContent()).toBe(ADMIN);
      expect(await page.getByTestId('user-role').textContent()).toBe('管理员');
      // The divisions page lists provinces from the API; 上海市 among them.
      await page.getByTestId('divisions-table').getByText('上海市', { exact: true }).waitFor();

      await page.getByTestId('nav-home').click();
      await page.waitForURL((url) => url.pathname === '/');
      expect(await page.getByTestId('tenant-name-zh').textContent()).toBe('嘉定区');
      expect(await page.getByTestId('tenant-division').textContent()).toBe('310114');
      // Towns come from /api/v1/towns: Jiading has 12 towns and subdistricts.
      await page.getByTestId('towns').locator('tbody tr').first().waitFor();
      expect(await page.getByTestId('towns').locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('error-state').count()).toBe(0);
    });

    it('switches zh-CN ↔ en, changes the UI text and remembers the choice across a reload', async () => {
      const me = await page.request.get('/api/v1/auth/me');
      expect(me.status()).toBe(200);
      const tenant = ((await me.json()) as { tenant: { nameZh: string; nameEn: string | null } }).tenant;

      const navHome = page.getByTestId('nav-home');
      expect(await navHome.textContent()).toBe('辖区概况');
      expect(await page.getByTestId('sign-out').textContent()).toBe('退出登录');

      await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
      await navHome.filter({ hasText: 'Overview' }).waitFor();
      expect(await page.getByTestId('sign-out').textContent()).toBe('Sign out');
      expect(await page.getByTestId('tenant-name').textContent()).toBe(tenant.nameEn ?? tenant.nameZh);
      expect(await htmlLang(page)).toBe('en');
      expect(await page.evaluate(() => localStorage.getItem('lodestone.lang'))).toBe('en');

      await page.reload();
      await navHome.filter({ hasText: 'Overview' }).waitFor();
      expect(await htmlLang(page)).toBe('en');
      expect(await page.getByTestId('user-role').textContent()).toBe('Administrator');

      await page.getByTestId('language-switch').getByText('中文', { exact: true }).click();
      await navHome.filter({ hasText: '辖区概况' }).waitFor();
      await page.reload();
      await navHome.filter({ hasText: '辖区概况' }).waitFor();
      expect(await htmlLang(page)).toBe('zh-CN');
      expect(await page.getByTestId('tenant-name').textContent()).toBe('嘉定区');
    });

    it('shows the 404 page inside the layout for an unknown route, with a link home', async () => {
      await page.goto('/no/such/page');
      await page.getByTestId('not-found').waitFor();
      expect(await page.getByTestId('not-found').textContent()).toContain('页面不存在');
      expect(await page.getByTestId('tenant-name').textContent()).toBe('嘉定区');
      await page.getByTestId('not-found-home').click();
      await page.waitForURL((url) => url.pathname === '/');
    });

    it('reaches the audit log from the navigation', async () => {
      await page.getByTestId('nav-audit').click();
      await page.waitForURL((url) => url.pathname === '/audit');
      await page.locator('[data-testid="audit-table"], [data-testid="audit-empty"]').first().waitFor();
      expect(await page.getByTestId('error-state').count()).toBe(0);
      expect(await page.getByTestId('forbidden').count()).toBe(0);
    });
  });

  it('shows a clear error for a wrong password and stays on /login', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto('/login');
      await signIn(page, ADMIN, 'not-the-password');
      const error = page.getByTestId('login-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('邮箱或密码不正确');
      expect(pathOf(page)).toBe('/login');
      expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('explains a rate-limited sign-in (429)', async () => {
    const { context, page } = await newPage();
    try {
      // Exhaust the limit for a throwaway account (the limit is per address and account).
      const email = 'rate-limit-probe@example.test';
      let limited = false;
      for (let attempt = 0; attempt < 120 && !limited; attempt++) {
        const res = await page.request.post('/api/v1/auth/login', { data: { email, password: 'x' } });
        limited = res.status() === 429;
        if (limited) expect(res.headers()['content-type']).toContain('application/problem+json');
      }
      expect(limited, 'POST /api/v1/auth/login never answered 429 within 120 attempts').toBe(true);

      await page.goto('/login');
      await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
      await signIn(page, email, 'x');
      const error = page.getByTestId('login-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('Too many sign-in attempts');
    } finally {
      await context.close();
    }
  });

  it('signs out back to /login, after which /api/v1/auth/me is 401', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto('/');
      await page.waitForURL((url) => url.pathname === '/login');
      await signIn(page, ADMIN);
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByTestId('tenant-name').waitFor();
      expect((await page.request.get('/api/v1/auth/me')).status()).toBe(200);

      await page.getByTestId('sign-out').click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.locator('input[name="email"]').waitFor();
      expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);

      // The app pages are closed again.
      await page.goto('/audit');
      await page.waitForURL((url) => url.pathname === '/login');
    } finally {
      await context.close();
    }
  });

  it('does not offer the audit log to a viewer', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto('/login');
      await signIn(page, VIEWER);
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByTestId('nav-home').waitFor();
      expect(await page.getByTestId('user-role').textContent()).toBe('只读用户');
      expect(await page.getByTestId('nav-divisions').count()).toBe(1);
      expect(await page.getByTestId('nav-audit').count()).toBe(0);

      await page.goto('/audit');
      await page.getByTestId('forbidden').waitFor();
      expect((await page.request.get('/api/v1/audit')).status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
