/**
 * Browser tests of the registry page's details found in an acceptance review (issue 3): what an officer types
 * into the filters is kept as typed, and more. Real Chromium against the real server on a fresh embedded database
 * seeded with the Jiading demo tenant. Needs `npx vite build` first.
 */
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCreditCode } from '../src/domain/credit-code.ts';
import { createUser } from '../src/modules/identity/service.ts';
import { createTenant } from '../src/modules/tenants/service.ts';
import { describeInChromium, launchBrowser, requireBuiltWebApp } from './browser.ts';

const DEMO_PASSWORD = 'lodestone-demo';

describeInChromium('company registry details (Chromium)', () => {
  let browser: Browser;
  let server: { baseUrl: string; close: () => Promise<void> } | undefined;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;

  async function signIn(target: Page, email: string): Promise<void> {
    await target.goto('/login');
    await target.locator('input[name="email"]').fill(email);
    await target.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await target.getByTestId('login-submit').click();
    await target.waitForURL((url) => url.pathname !== '/login');
  }

  /** A page of its own, signed in as `email` (in English when asked, at a phone's width when asked), closed after. */
  async function asUser(
    email: string,
    work: (p: Page) => Promise<void>,
    options: { english?: boolean; width?: number; height?: number } = {},
  ): Promise<void> {
    const own = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    });
    try {
      if (options.english) await own.addInitScript(() => localStorage.setItem('lodestone.lang', 'en'));
      const p = await own.newPage();
      p.setDefaultTimeout(15_000);
      await signIn(p, email);
      await work(p);
    } finally {
      await own.close();
    }
  }

  beforeAll(async () => {
    requireBuiltWebApp();
    const { startServer } = await import('./harness.ts');
    server = await startServer({}, async (database) => {
      const by = { email: 'e2e@lodestone', userId: null };
      await createTenant(database.db, { slug: 'empty', nameZh: '空区', divisionCode: '310114' }, by);
      for (const [email, role] of [
        ['officer@empty.test', 'officer'],
        ['viewer@empty.test', 'viewer'],
      ] as const)
        await createUser(database.db, { tenantSlug: 'empty', email, password: DEMO_PASSWORD, role }, by);
      await createUser(
        database.db,
        {
          tenantSlug: 'jiading',
          email: 'anting@jiading.test',
          password: DEMO_PASSWORD,
          role: 'officer',
          townCodes: ['310114106'],
        },
        by,
      );
    });
    baseUrl = server.baseUrl.replace(/\/$/, '');
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, 'officer@jiading.demo');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('keeps every character typed into the capital filters at typing speed', async () => {
    await page.goto('/companies');
    await page.getByTestId('company-row').first().waitFor();
    await page.getByTestId('filters-toggle').click();
    await page.getByTestId('filter-capital-min').pressSequentially('100', { delay: 60 });
    await page.getByTestId('filter-capital-max').pressSequentially('5000', { delay: 60 });
    await page.waitForURL(
      (url) =>
        url.searchParams.get('capitalMinWan') === '100' && url.searchParams.get('capitalMaxWan') === '5000',
    );
    expect(await page.getByTestId('filter-capital-min').inputValue()).toBe('100');
    expect(await page.getByTestId('filter-capital-max').inputValue()).toBe('5000');
    // Clearing the filters empties what was typed.
    await page.getByTestId('filters-clear').click();
    await page.waitForURL((url) => !url.searchParams.has('capitalMaxWan'));
    await expect.poll(() => page.getByTestId('filter-capital-max').inputValue()).toBe('');
    expect(await page.getByTestId('filter-capital-min').inputValue()).toBe('');
  });

  it('filters by park, combined with a town, and keeps it over a reload and in the export', async () => {
    const created: string[] = [];
    for (const [i, park] of ['嘉定氢能港', '嘉定氢能港', '国际汽车城'].entries()) {
      const res = await page.request.post('/api/v1/companies', {
        data: {
          creditCode: makeCreditCode('91310114', `E2EPK00${i}`),
          nameZh: `上海园区筛选测试${i}有限公司`,
          park,
          townCode: i === 1 ? '310114103' : '310114106',
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      created.push(((await res.json()) as { creditCode: string }).creditCode);
    }
    await page.goto('/companies?town=310114106');
    await page.getByTestId('company-row').first().waitFor();
    await page.getByTestId('filter-park').fill('嘉定氢能港');
    await page.waitForURL((url) => url.searchParams.get('park') === '嘉定氢能港');
    const onlyFirst = async () =>
      expect
        .poll(() =>
          page
            .getByTestId('company-row')
            .evaluateAll((els) => els.map((el) => el.getAttribute('data-credit-code'))),
        )
        .toEqual([created[0]]);
    await onlyFirst();
    await page.reload();
    await onlyFirst();
    expect(await page.getByTestId('filter-park').inputValue()).toBe('嘉定氢能港');
    const href = (await page.getByTestId('export-csv').getAttribute('href')) as string;
    expect(new URL(href, baseUrl).searchParams.get('park')).toBe('嘉定氢能港');
  });

  it('says the registry is empty, not that filters hide companies, in a tenant with none', async () => {
    for (const [email, canEdit] of [
      ['officer@empty.test', true],
      ['viewer@empty.test', false],
    ] as const) {
      await asUser(email, async (p) => {
        await p.goto('/companies');
        const empty = p.locator('[data-testid="registry-empty"][data-reason="no-companies"]');
        await empty.waitFor();
        expect(await empty.textContent()).toContain('企业库还是空的');
        expect(await empty.getByRole('link', { name: '批量导入' }).count()).toBe(canEdit ? 1 : 0);
        // A search in the empty registry still speaks of the search.
        await p.getByTestId('registry-search').fill('氢能');
        await p.locator('[data-testid="registry-empty"]:not([data-reason])').waitFor();
      });
    }
  });

  it('offers a town officer their own town to filter by, and the import only to editors of the whole district', async () => {
    await asUser('anting@jiading.test', async (p) => {
      await p.goto('/companies');
      await p.getByTestId('company-row').first().waitFor();
      expect(await p.getByTestId('registry-new').count()).toBe(1);
      expect(await p.getByTestId('registry-import').count()).toBe(0);
      // Their town filter offers their own town alone.
      await p.getByTestId('filters-toggle').click();
      await p.getByTestId('filter-town').click();
      await p.getByRole('option').first().waitFor();
      expect(await p.getByRole('option').allTextContents()).toEqual(['马陆镇']);
      await p.keyboard.press('Escape');
      await p.goto('/companies/import');
      await p.getByTestId('forbidden').waitFor();
      expect(await p.getByTestId('import-dropzone').count()).toBe(0);
    });
    // An officer of the whole district still has it.
    await page.goto('/companies');
    await page.getByTestId('registry-import').waitFor();
  });

  it('returns to the page a company was opened from when going back from its profile', async () => {
    const firstCode = () => page.getByTestId('company-row').first().getAttribute('data-credit-code');
    await page.goto('/companies?status=active');
    await page.getByTestId('company-row').first().waitFor();
    for (const n of [2, 3]) {
      const before = await firstCode();
      await page.getByTestId('registry-next').click();
      await page
        .getByTestId('registry-page')
        .filter({ hasText: `第 ${n} 页` })
        .waitFor();
      await expect.poll(firstCode).not.toBe(before);
    }
    const third = await page
      .getByTestId('company-row')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-credit-code')));
    await page.getByTestId('company-name').nth(5).click();
    await page.getByTestId('company-facts').waitFor();
    await page.goBack();
    await page.getByTestId('registry-page').filter({ hasText: '第 3 页' }).waitFor();
    expect(
      await page
        .getByTestId('company-row')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-credit-code'))),
    ).toEqual(third);
    // Previous still walks back one page at a time.
    await page.getByTestId('registry-previous').click();
    await page.getByTestId('registry-page').filter({ hasText: '第 2 页' }).waitFor();
    // A new filter starts over at the first page.
    await page.getByTestId('registry-search').fill('上海');
    await page.getByTestId('registry-page').filter({ hasText: '第 1 页' }).waitFor();
  });

  it('shows the status of every recent import in full, in English too', async () => {
    // An upload left at the mapping step stays "not started", the longest status.
    const upload = await page.request.post('/api/v1/companies/imports', {
      multipart: {
        file: {
          name: 'mapping-left.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from('统一社会信用代码,企业名称\r\n'),
        },
      },
    });
    expect(upload.status(), await upload.text()).toBeLessThan(300);
    await asUser(
      'officer@jiading.demo',
      async (p) => {
        await p.goto('/companies/import');
        const statuses = p.getByTestId('recent-import-status');
        await statuses
          .filter({ hasText: /not started/i })
          .first()
          .waitFor();
        const clipped = await statuses.evaluateAll((badges) =>
          badges
            .map((badge) => badge.querySelector('span') ?? badge)
            .filter((label) => label.scrollWidth > label.clientWidth)
            .map((label) => label.textContent),
        );
        expect(clipped).toEqual([]);
      },
      { english: true },
    );
  });

  it('keeps the mapping step readable on a phone', async () => {
    await asUser(
      'officer@jiading.demo',
      async (p) => {
        await p.goto('/companies/import');
        await p.getByTestId('import-file-input').setInputFiles({
          name: 'phone.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from('统一社会信用代码,企业名称,注册资本(万元),联系电话\r\n'),
        });
        await p.getByTestId('import-upload').click();
        await p.getByTestId('import-mapping').waitFor();
        // Each select is wide enough for a field name such as "统一社会信用代码 (creditCode)".
        const widths = await p
          .getByTestId('mapping-select')
          .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
        expect(widths.length).toBe(4);
        for (const width of widths) expect(width).toBeGreaterThanOrEqual(200);
        // The page itself does not scroll sideways; the table does.
        expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      },
      { width: 390, height: 844 },
    );
  });

  it('describes an uploaded workbook by its format and columns, with no encoding to speak of', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('企业').addRow(['统一社会信用代码', '企业名称', '联系电话']);
    await page.goto('/companies/import');
    await page.getByTestId('import-file-input').setInputFiles({
      name: '名录.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('import-format').textContent()).toBe('格式 XLSX · 共 3 列');
  });

  it('names the analytics without a breakdown plainly in English', async () => {
    await asUser(
      'officer@jiading.demo',
      async (p) => {
        await p.goto('/companies?view=analytics');
        const table = p.getByTestId('registrations-table');
        await table.locator('tbody tr').first().waitFor();
        // The first column heads the rows' names; with no breakdown its one row is "All companies".
        expect(await table.locator('thead th').first().textContent()).toBe('No breakdown');
        expect(await table.locator('tbody tr').first().textContent()).toContain('All companies');
      },
      { english: true },
    );
  });

  it('counts one company in the singular in English', async () => {
    const res = await page.request.post('/api/v1/companies', {
      data: {
        creditCode: makeCreditCode('91310114', 'E2EPL001'),
        nameZh: '上海单数计数测试有限公司',
        establishedOn: '2022-05-05',
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    await asUser(
      'officer@jiading.demo',
      async (p) => {
        await p.goto(`/companies?q=${encodeURIComponent('单数计数')}`);
        await p.getByTestId('registry-total').filter({ hasText: /\d/ }).waitFor();
        expect(await p.getByTestId('registry-total').textContent()).toBe('1 company');
        await p.goto(`/companies?q=${encodeURIComponent('单数计数')}&view=analytics`);
        await p.getByTestId('count-since').waitFor();
        expect(await p.getByTestId('count-since').textContent()).toBe(
          '1 new company registered since 2021-01-01',
        );
        await p.goto(`/companies?q=${encodeURIComponent('上海')}`);
        await p.getByTestId('registry-total').filter({ hasText: /\d/ }).waitFor();
        expect(await p.getByTestId('registry-total').textContent()).toMatch(/^[\d,]+\+? companies$/);
      },
      { english: true },
    );
  });

  it('refuses an empty file before uploading it, in the user’s language', async () => {
    let uploads = 0;
    const count = (req: { method(): string; url(): string }) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/v1/companies/imports') uploads++;
    };
    page.on('request', count);
    try {
      await page.goto('/companies/import');
      await page.getByTestId('import-file-input').setInputFiles({
        name: '空文件.csv',
        mimeType: 'text/csv',
        buffer: Buffer.alloc(0),
      });
      const error = page.getByTestId('import-file-error');
      await error.waitFor();
      expect(await error.textContent()).toBe('“空文件.csv”是空文件（0 字节），请重新选择导出的文件。');
      expect(await page.getByTestId('import-upload').isDisabled()).toBe(true);
      expect(uploads).toBe(0);
    } finally {
      page.off('request', count);
    }
  });

  it('says why the server refused a file in the page’s language', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    for (const [english, text] of [
      [false, '文件不是电子表格（像是 PNG 图片）'],
      [true, 'the file is not a spreadsheet (looks like a PNG image)'],
    ] as const) {
      await asUser(
        'officer@jiading.demo',
        async (p) => {
          await p.goto('/companies/import');
          await p.getByTestId('import-file-input').setInputFiles({
            name: '名录.csv',
            mimeType: 'text/csv',
            buffer: png,
          });
          await p.getByTestId('import-upload').click();
          const error = p.getByTestId('import-upload-error');
          await error.waitFor();
          expect(await error.textContent()).toContain(text);
        },
        { english },
      );
    }
  });
});
