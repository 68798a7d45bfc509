/**
 * Browser tests of the company registry (issue 3): search, profile, analytics and export, the company form
 * with the server's validation, edit/history/delete, and the bulk import of a GB18030 CSV with a mapping step,
 * live progress, result counts, rejected rows and the error report. Real Chromium against the real server on a
 * fresh embedded database seeded with the Jiading demo tenant.
 *
 * Needs `npx vite build` first (the server serves dist/web). Without Chromium the suite is skipped, except
 * under CI=true, where a missing browser is a failure.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCreditCode } from '../src/domain/credit-code.ts';
import { csvRecord } from '../src/domain/csv.ts';
import { describeInChromium, launchBrowser, requireBuiltWebApp } from './browser.ts';

const DEMO_PASSWORD = 'lodestone-demo';
const OFFICER = 'officer@jiading.demo';

interface ApiCompany {
  id: string;
  creditCode: string;
  nameZh: string;
  nameEn: string | null;
  formerNames: string[];
  hqType: string;
}

/** A credit code with a wrong check character: the valid code with its last character replaced. */
function withWrongCheck(code: string): string {
  const last = code.at(-1);
  return code.slice(0, 17) + (last === 'A' ? 'B' : 'A');
}

/** The import fixture: Chinese headers (one the server does not know), 3 valid rows and 3 invalid ones. */
function importFixture() {
  const valid = [
    {
      code: makeCreditCode('91310114', 'E2ELC001'),
      name: '上海澜沧氢能科技有限公司',
      en: 'Shanghai Lancang Hydrogen Technology Co., Ltd.',
      industry: '3849',
      capital: '500',
      date: '2021-03-15',
      town: '安亭镇',
    },
    {
      code: makeCreditCode('91310114', 'E2ELC002'),
      name: '上海澜沧芯片设计有限公司',
      en: '',
      industry: '6520',
      capital: '1200.5',
      date: '2022-07-01',
      town: '310114106',
    },
    {
      code: makeCreditCode('91310114', 'E2ELC003'),
      name: '上海澜沧供应链管理有限公司',
      en: '',
      industry: '7224',
      capital: '50',
      date: '2023-11-30',
      town: '嘉定工业区',
    },
  ];
  const badCheck = withWrongCheck(makeCreditCode('91310114', 'E2ELC004'));
  const header =
    '统一社会信用代码,企业名称,英文名称,行业代码,注册资本(万元),成立日期,所属街镇,登记状态,联系电话';
  const rows = [
    ...valid.map((r) => [
      r.code,
      r.name,
      r.en,
      r.industry,
      r.capital,
      r.date,
      r.town,
      '存续',
      '021-59990000',
    ]),
    // line 5: wrong check character
    [badCheck, '上海澜沧错误代码有限公司', '', '3849', '100', '2021-05-05', '安亭镇', '存续', ''],
    // line 6: no such date
    [
      makeCreditCode('91310114', 'E2ELC005'),
      '上海澜沧日期有限公司',
      '',
      '3849',
      '100',
      '2021-02-30',
      '安亭镇',
      '存续',
      '',
    ],
    // line 7: unknown town
    [
      makeCreditCode('91310114', 'E2ELC006'),
      '上海澜沧火星有限公司',
      '',
      '3849',
      '100',
      '2021-06-06',
      '火星镇',
      '存续',
      '',
    ],
  ];
  const csv = `${[header, ...rows.map(csvRecord)].join('\r\n')}\r\n`;
  return { valid, badCheck, csv };
}

describeInChromium('company registry (Chromium)', () => {
  let browser: Browser;
  let server: { baseUrl: string; close: () => Promise<void> } | undefined;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let workDir: string;

  beforeAll(async () => {
    requireBuiltWebApp();
    workDir = mkdtempSync(join(tmpdir(), 'lodestone-e2e-registry-'));
    const { startServer } = await import('./harness.ts');
    const started = await startServer();
    server = started;
    baseUrl = started.baseUrl.replace(/\/$/, '');
    browser = await launchBrowser();
    context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);

    // Sign in as an officer, arriving at the registry.
    await page.goto('/companies');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.locator('input[name="email"]').fill(OFFICER);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/companies');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  const rows = () => page.getByTestId('company-row');
  const rowNames = () => page.getByTestId('company-name').allTextContents();

  /** Types a search and waits until the table shows the server's answer; returns that answer. */
  async function search(text: string): Promise<{ items: ApiCompany[]; total: number }> {
    const response = page.waitForResponse((res) => {
      const url = new URL(res.url());
      return url.pathname === '/api/v1/companies' && url.searchParams.get('q') === text;
    });
    await page.getByTestId('registry-search').fill(text);
    const res = await response;
    const answer = (await res.json()) as { items: ApiCompany[]; total: number };
    expect(res.status(), JSON.stringify(answer)).toBe(200);
    await page.waitForURL((url) => url.searchParams.get('q') === text);
    const shown = Math.min(answer.items.length, 50);
    if (shown === 0) await page.getByTestId('registry-empty').waitFor();
    else
      await page.waitForFunction(
        (codes) => {
          const rendered = [...document.querySelectorAll('[data-testid="company-row"]')].map((el) =>
            el.getAttribute('data-credit-code'),
          );
          return JSON.stringify(rendered) === JSON.stringify(codes);
        },
        answer.items.slice(0, 50).map((item) => item.creditCode),
      );
    return answer;
  }

  it('searches 氢能 as an officer, sees only matching rows and opens a profile', async () => {
    expect(await page.getByTestId('nav-companies').textContent()).toBe('企业库');
    await rows().first().waitFor();
    expect(await page.getByTestId('registry-new').count()).toBe(1);
    expect(await page.getByTestId('registry-import').count()).toBe(1);

    // One character is not enough: the hint says so and the list is not narrowed.
    await page.getByTestId('registry-search').fill('氢');
    await page.getByText('请至少输入 2 个字符后再搜索').waitFor();

    const answer = await search('氢能');
    expect(answer.items.length).toBeGreaterThan(0);

    // Every row is a match: 氢能 in its Chinese name, English name or a former name, as the API says.
    for (const item of answer.items) {
      const text = [item.nameZh, item.nameEn ?? '', ...item.formerNames].join(' ');
      expect(text, `${item.nameZh} does not match 氢能`).toContain('氢能');
    }
    const names = await rowNames();
    expect(names.filter((name) => name.includes('氢能')).length).toBeGreaterThan(0);
    expect(await page.getByTestId('registry-total').textContent()).toContain(String(answer.total));

    // Open the first one.
    const first = answer.items[0] as ApiCompany;
    await page.getByTestId('company-name').first().click();
    await page.waitForURL((url) => url.pathname === `/companies/${first.id}`);
    expect(await page.getByTestId('company-title').textContent()).toBe(first.nameZh);
    expect(await page.getByTestId('fact-credit-code').textContent()).toBe(first.creditCode);
    await page.getByTestId('company-facts').waitFor();
    // The headquarters type reads as the form offers it: not a headquarters is a fact, not a gap.
    const hqTypes: Record<string, string> = {
      none: '非总部',
      regional_hq: '地区总部',
      rnd_center: '研发中心',
    };
    expect(await page.getByTestId('fact-hq-type').textContent()).toBe(hqTypes[first.hqType]);
    await page.getByTestId('company-history').waitFor();
    expect(await page.getByTestId('error-state').count()).toBe(0);

    // Back to the filtered list: the search is in the URL.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/companies' && url.searchParams.get('q') === '氢能');
    expect(await page.getByTestId('registry-search').inputValue()).toBe('氢能');
  });

  it('flags very similar names in the list and links them from the profile', async () => {
    const names = ['上海澜屿汽车零部件有限公司', '上海澜屿汽车零部件制造有限公司'];
    const ids: string[] = [];
    for (const [i, nameZh] of names.entries()) {
      const res = await page.request.post('/api/v1/companies', {
        data: { creditCode: makeCreditCode('91310114', `E2ENM00${i}`), nameZh },
      });
      expect(res.status(), await res.text()).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    await page.goto('/companies');
    const bestAnswer = page.waitForResponse(
      (res) => new URL(res.url()).pathname === '/api/v1/companies/best-matches',
    );
    const answer = await search('澜屿汽车');
    expect(answer.items.map((item) => item.id).sort()).toEqual([...ids].sort());
    // Both names begin with the word after 上海: named above the list, with links to their profiles.
    const bestItems = ((await (await bestAnswer).json()) as { items: ApiCompany[] }).items;
    expect(bestItems.map((item) => item.id).sort()).toEqual([...ids].sort());
    const best = page.getByTestId('registry-best-matches');
    await best.waitFor();
    expect(await best.textContent()).toContain('名称以「澜屿汽车」开头');
    expect(await best.getByRole('link').count()).toBe(2);
    expect(await page.getByTestId('similar-name-badge').count()).toBe(2);
    expect(await page.getByTestId('similar-name-badge').first().textContent()).toBe('名称相近');

    await page.goto(`/companies/${ids[0]}`);
    const section = page.getByTestId('similar-names');
    await section.waitFor();
    await section.getByText(names[1] as string).click();
    await page.waitForURL((url) => url.pathname === `/companies/${ids[1]}`);
    // The address changes first; the previous profile stays on screen until the next one has loaded.
    await expect.poll(() => page.getByTestId('company-title').textContent()).toBe(names[1]);
    await page
      .getByTestId('similar-names')
      .getByText(names[0] as string)
      .waitFor();
  });

  it('takes its filters from the URL (capital in 万元 → yuan for the API) and pages with the cursor', async () => {
    const request = page.waitForRequest((req) => new URL(req.url()).pathname === '/api/v1/companies');
    await page.goto(
      '/companies?town=310114103,310114106&status=active&capitalMinWan=1000&sort=capital&order=asc',
    );
    const sent = new URL((await request).url()).searchParams;
    expect(sent.get('town')).toBe('310114103,310114106');
    expect(sent.get('status')).toBe('active');
    expect(sent.get('capitalMin')).toBe('10000000');
    expect(sent.get('sort')).toBe('capital');
    expect(sent.get('order')).toBe('asc');
    await rows().first().waitFor();
    // The filter panel opens by itself when the link carries filters, and shows them.
    expect(await page.getByTestId('filter-capital-min').inputValue()).toBe('1000');
    const towns = await page.getByTestId('company-row').locator('td:nth-child(4)').allTextContents();
    expect(new Set(towns).size).toBeGreaterThan(0);
    for (const town of towns) expect(['安亭镇', '马陆镇']).toContain(town);
    const capitals = await page
      .locator('[data-testid="company-row"] [data-yuan]')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-yuan'))));
    expect(capitals.every((yuan) => yuan >= 10_000_000)).toBe(true);
    expect(capitals).toEqual([...capitals].sort((a, b) => a - b));

    // Keyset paging over the whole registry: next, then back.
    await page.goto('/companies');
    await rows().first().waitFor();
    const firstPage = await rows().evaluateAll((els) => els.map((el) => el.getAttribute('data-credit-code')));
    expect(firstPage).toHaveLength(50);
    const next = page.waitForRequest((req) => new URL(req.url()).searchParams.has('cursor'));
    await page.getByTestId('registry-next').click();
    await next;
    await page.getByTestId('registry-page').filter({ hasText: '第 2 页' }).waitFor();
    await page.waitForFunction(
      (first) =>
        document.querySelector('[data-testid="company-row"]')?.getAttribute('data-credit-code') !== first,
      firstPage[0],
    );
    const secondPage = await rows().evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-credit-code')),
    );
    expect(secondPage.filter((code) => firstPage.includes(code))).toEqual([]);
    await page.getByTestId('registry-previous').click();
    await page.getByTestId('registry-page').filter({ hasText: '第 1 页' }).waitFor();
    expect(await rows().evaluateAll((els) => els.map((el) => el.getAttribute('data-credit-code')))).toEqual(
      firstPage,
    );
  });

  it('shows registration analytics and exports with the same filters', async () => {
    await page.goto('/companies?q=%E6%B0%A2%E8%83%BD&view=analytics');
    const countSince = page.getByTestId('count-since');
    await countSince.waitFor();
    const expected = await page.request.get(
      '/api/v1/companies/analytics/count-since?since=2021-01-01&q=氢能',
    );
    expect(expected.status()).toBe(200);
    const { count } = (await expected.json()) as { count: number };
    expect(await countSince.textContent()).toBe(
      `自 2021-01-01 以来新注册 ${count.toLocaleString('zh-CN')} 家`,
    );
    await page.getByTestId('registrations-chart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('registrations-table').locator('tbody tr').count()).toBeGreaterThan(0);

    const csvHref = await page.getByTestId('export-csv').getAttribute('href');
    expect(csvHref).toContain('/api/v1/companies/export?');
    const csvParams = new URL(csvHref as string, baseUrl).searchParams;
    expect(csvParams.get('format')).toBe('csv');
    expect(csvParams.get('q')).toBe('氢能');
    expect(
      new URL(
        (await page.getByTestId('export-xlsx').getAttribute('href')) as string,
        baseUrl,
      ).searchParams.get('format'),
    ).toBe('xlsx');
    const exported = await page.request.get(csvHref as string);
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-disposition'] ?? '').toContain('attachment');
  });

  it('creates a company, shows the server’s check-character error, edits it with history, then deletes it', async () => {
    const code = makeCreditCode('91310114', 'E2EFM001');
    await page.goto('/companies');
    await page.getByTestId('registry-new').click();
    await page.waitForURL((url) => url.pathname === '/companies/new');
    await page.locator('input[name="creditCode"]').fill(withWrongCheck(code));
    await page.locator('input[name="nameZh"]').fill('上海澜沧表单测试有限公司');
    await page.locator('input[name="registeredCapitalWan"]').fill('300');
    await page.getByTestId('company-form-submit').click();
    const error = page.getByTestId('company-form-error');
    await error.waitFor();
    // In the page's language, from the problem's message code, and under the field it is about.
    expect(await error.textContent()).toMatch(/统一社会信用代码：校验码（第 18 位）应为“.”，实为“.”/);
    await page.getByText(/^校验码（第 18 位）应为/).waitFor();

    await page.locator('input[name="creditCode"]').fill(code);
    await page.getByTestId('company-form-submit').click();
    await page.waitForURL((url) => /^\/companies\/[0-9a-f-]{36}$/.test(url.pathname));
    expect(await page.getByTestId('company-title').textContent()).toBe('上海澜沧表单测试有限公司');
    expect(await page.getByTestId('fact-capital').textContent()).toBe('300 万元');
    const id = new URL(page.url()).pathname.split('/').at(-1) as string;

    await page.getByTestId('company-edit').click();
    await page.locator('input[name="park"]').fill('氢能港');
    await page.getByTestId('company-form-submit').click();
    await page.getByTestId('company-facts').getByText('氢能港', { exact: true }).waitFor();
    const update = page.locator('[data-testid="history-entry"][data-action="update"]').first();
    await update.waitFor();
    expect(await update.locator('[data-field="park"]').textContent()).toContain('氢能港');
    expect(await update.textContent()).toContain(OFFICER);

    await page.getByTestId('company-delete').click();
    await page.getByTestId('company-delete-confirm').click();
    await page.waitForURL((url) => url.pathname === '/companies');
    expect((await page.request.get(`/api/v1/companies/${id}`)).status()).toBe(404);
  });

  it('imports a GB18030 CSV: maps an unknown column, follows progress to done, shows rejects and the report', async () => {
    const fixture = importFixture();
    const file = join(workDir, '嘉定企业名录-gb18030.csv');
    writeFileSync(file, iconv.encode(fixture.csv, 'gb18030'));

    await page.goto('/companies');
    await page.getByTestId('registry-import').click();
    await page.waitForURL((url) => url.pathname === '/companies/import');
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('import-chosen-file').waitFor();
    await page.getByTestId('import-upload').click();

    // Mapping step: the encoding was detected, the unknown header waits for a decision.
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('import-format').textContent()).toContain('GB18030');
    const mappingRows = page.getByTestId('mapping-row');
    expect(await mappingRows.count()).toBe(9);
    const phone = page.locator('[data-testid="mapping-row"][data-header="联系电话"] select');
    expect(await phone.inputValue()).toBe('');
    expect(
      await page.locator('[data-testid="mapping-row"][data-header="统一社会信用代码"] select').inputValue(),
    ).toBe('creditCode');
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    await phone.selectOption('__ignore__');
    expect(await page.getByTestId('import-start').isEnabled()).toBe(true);

    // Start, and watch the job through the polls the page makes.
    const polls: Promise<string>[] = [];
    page.on('response', (res) => {
      if (/\/api\/v1\/companies\/imports\/[^/]+$/.test(new URL(res.url()).pathname) && res.ok()) {
        polls.push(res.json().then((body: { status: string }) => body.status));
      }
    });
    await page.getByTestId('import-start').click();
    await page.waitForURL((url) => url.searchParams.has('job'));
    await page.locator('[data-testid="import-job"][data-status="done"]').waitFor({ timeout: 30_000 });
    const statuses = await Promise.all(polls);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe('done');

    expect(await page.getByTestId('result-rows').textContent()).toBe('6');
    expect(await page.getByTestId('result-inserted').textContent()).toBe('3');
    expect(await page.getByTestId('result-updated').textContent()).toBe('0');
    expect(await page.getByTestId('result-unchanged').textContent()).toBe('0');
    expect(await page.getByTestId('result-rejected').textContent()).toBe('3');

    // The rejected rows, with their line in the file (the header is line 1) and why.
    await page.getByTestId('reject-row').first().waitFor();
    const lines = await page.getByTestId('reject-line').allTextContents();
    const reasons = await page.getByTestId('reject-reason').allTextContents();
    expect(lines).toEqual(['5', '6', '7']);
    // In the page's language: a Chinese officer reads Chinese.
    expect(reasons[0]).toMatch(/^统一社会信用代码：校验码（第 18 位）应为“.”，实为“.”$/);
    expect(reasons[1]).toBe('成立日期：日期 2021-02-30 不存在');
    expect(reasons[2]).toBe('街镇：本区没有街镇“火星镇”');

    // The error report downloads as CSV with every rejected row.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('rejects-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const report = readFileSync(await download.path(), 'utf8');
    expect(report).toContain(fixture.badCheck);
    expect(report).toContain('成立日期：日期 2021-02-30 不存在');
    expect(report).toContain('街镇：本区没有街镇“火星镇”');

    // The job is listed among the recent imports.
    await page.getByTestId('recent-imports').getByText('嘉定企业名录-gb18030.csv').first().waitFor();

    // The imported companies are in the registry and found by search.
    await page.goto('/companies');
    await search('澜沧');
    expect((await rowNames()).sort()).toEqual(fixture.valid.map((row) => row.name).sort());
    await search('澜沧氢能');
    expect(await rowNames()).toEqual(['上海澜沧氢能科技有限公司']);
    await page.getByTestId('company-name').first().click();
    await page.getByTestId('company-facts').waitFor();
    expect(await page.getByTestId('fact-credit-code').textContent()).toBe(fixture.valid[0]?.code);
    expect(await page.getByTestId('fact-town').textContent()).toBe('安亭镇');
    expect(await page.getByTestId('fact-capital').textContent()).toBe('500 万元');
    expect(await page.getByTestId('fact-established').textContent()).toBe('2021-03-15');
  });
  it('is read-only for a viewer and closed to a partner', async () => {
    for (const [email, canRead] of [
      ['viewer@jiading.demo', true],
      ['partner@jiading.demo', false],
    ] as const) {
      const other = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
      try {
        const p = await other.newPage();
        p.setDefaultTimeout(15_000);
        await p.goto('/login');
        await p.locator('input[name="email"]').fill(email);
        await p.locator('input[name="password"]').fill(DEMO_PASSWORD);
        await p.getByTestId('login-submit').click();
        // A partner's home is its portal.
        await p.waitForURL((url) => url.pathname === (canRead ? '/' : '/portal'));
        await p.getByTestId(canRead ? 'nav-home' : 'nav-portal').waitFor();
        expect(await p.getByTestId('nav-companies').count()).toBe(canRead ? 1 : 0);
        await p.goto('/companies');
        if (canRead) {
          await p.getByTestId('company-row').first().waitFor();
          expect(await p.getByTestId('registry-new').count()).toBe(0);
          expect(await p.getByTestId('registry-import').count()).toBe(0);
          expect(await p.getByTestId('export-csv').count()).toBe(1);
          await p.getByTestId('company-name').first().click();
          await p.getByTestId('company-facts').waitFor();
          expect(await p.getByTestId('company-edit').count()).toBe(0);
          expect(await p.getByTestId('company-delete').count()).toBe(0);
          await p.goto('/companies/import');
          await p.getByTestId('forbidden').waitFor();
        } else {
          await p.getByTestId('forbidden').waitFor();
        }
      } finally {
        await other.close();
      }
    }
  });
});
