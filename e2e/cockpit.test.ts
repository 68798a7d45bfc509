import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { Cockpit } from '../src/web/api/dashboard.ts';
import { describeInChromium } from './browser.ts';
import { cockpitSeed as seed } from './cockpit-seed.ts';
import { demoBrowser } from './demo-browser.ts';

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

describeInChromium('leadership cockpit (Chromium)', () => {
  const { signedIn } = demoBrowser({
    landing: '/cockpit',
    viewport: { width: 1366, height: 768 },
    seed,
    setupTimeout: 180_000,
    stepTimeout: 20_000,
  });

  async function newCityQuery(page: Page): Promise<string> {
    const zones = (await (await page.request.get('/api/v1/zones')).json()) as {
      items: { id: string; nameEn: string }[];
    };
    const zone = zones.items.find((z) => z.nameEn === 'Jiading New City');
    return new URLSearchParams({ zone: zone?.id ?? '', since: '2021-01-01' }).toString();
  }

  const cockpitOf = async (page: Page, query: string) =>
    (await (await page.request.get(`/api/v1/dashboard/cockpit?${query}`)).json()) as Cockpit;

  /** The figures on the board, as shown, beside the API's. */
  async function expectBoardEqualsApi(page: Page, api: Cockpit) {
    await page.getByTestId('cockpit-board').waitFor();
    expect(digits(await page.getByTestId('cockpit-new-companies-value').textContent())).toBe(
      api.newCompanies.companies,
    );
    for (const [id, figure] of [
      ['cockpit-major-projects', api.majorProjects],
      ['cockpit-foreign-funded', api.foreignFunded],
      ['cockpit-headquarters', api.headquarters],
      ['cockpit-signed', api.signed],
    ] as const) {
      expect(digits(await page.getByTestId(`${id}-value`).textContent())).toBe(figure.projects);
      expect(await page.getByTestId(`${id}-amount`).getAttribute('data-yuan')).toBe(figure.amountYuan);
    }
    const targets = page.getByTestId('cockpit-target');
    expect(await targets.count()).toBe(api.targets.length);
    for (const [i, target] of api.targets.entries())
      expect(await targets.nth(i).getAttribute('data-actual')).toBe(target.actual);
    expect(await page.getByTestId('cockpit-partner-row').count()).toBe(api.partnerLeaderboard.length);
  }

  it('shows the API figures in Chinese and in English, and keeps a target set on the page', async () => {
    const { context, page } = await signedIn('admin@jiading.demo');
    expect(await page.getByTestId('nav-cockpit').textContent()).toBe('领导驾驶舱');
    const query = await newCityQuery(page);
    await page.goto(`/cockpit?${query}`);
    await expectBoardEqualsApi(page, await cockpitOf(page, query));
    expect(await page.getByTestId('cockpit-new-companies-value').textContent()).toBe('1,172');

    // An admin sets this year's major-project target on the page; the bar counts against it.
    await page.getByTestId('target-value').fill('40');
    await page.getByTestId('target-add').click();
    await page.getByTestId('cockpit-target').first().waitFor();
    const withTarget = await cockpitOf(page, query);
    expect(withTarget.targets).toHaveLength(1);
    expect(withTarget.targets[0]?.value).toBe('40');
    await expectBoardEqualsApi(page, withTarget);

    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Leadership cockpit' }).waitFor();
    await expectBoardEqualsApi(page, withTarget);
    expect(await page.getByTestId('cockpit-scope').textContent()).toContain('Jiading New City');
    // No key without its text, in either language.
    expect(await page.locator('body').textContent()).not.toMatch(/cockpit\.[a-z]/);
    // A laptop screen scrolls down, never sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  });

  it('opens the list behind a card and behind a chart, and the list counts what the figure says', async () => {
    const { context, page } = await signedIn('viewer@jiading.demo');
    const query = await newCityQuery(page);
    const api = await cockpitOf(page, query);
    expect(api.majorProjects.projects).toBeGreaterThan(0);

    await page.goto(`/cockpit?${query}`);
    await page.getByTestId('cockpit-major-projects').click();
    await page.waitForURL((url) => url.pathname === '/projects' && url.searchParams.get('major') === 'true');
    await page.getByTestId('projects-url-filter-major').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="projects-total"]') !== null);
    expect(digits(await page.getByTestId('projects-total').textContent())).toBe(api.majorProjects.projects);

    // A partner on the leaderboard opens the projects credited to it, named on the filter's chip.
    const leader = api.partnerLeaderboard[0];
    if (!leader) throw new Error('the demo has no partner on the leaderboard');
    await page.goto(`/cockpit?${query}`);
    await page.getByTestId('cockpit-partner-row').first().getByRole('link').click();
    await page.waitForURL(
      (url) => url.pathname === '/projects' && url.searchParams.get('credited') === leader.partnerId,
    );
    const names = [leader.nameZh, leader.nameEn].filter((n): n is string => !!n);
    await page.waitForFunction((names) => {
      const chip = document.querySelector('[data-testid="projects-url-filter-credited"]')?.textContent ?? '';
      return names.some((n) => chip.includes(n)) && document.querySelector('[data-testid="projects-total"]');
    }, names);
    expect(digits(await page.getByTestId('projects-total').textContent())).toBe(leader.projects);

    await page.goto(`/cockpit?${query}`);
    await page.getByTestId('cockpit-new-companies').click();
    await page.waitForURL((url) => url.pathname === '/companies' && url.searchParams.has('establishedFrom'));
    await page.waitForFunction(() =>
      /\d/.test(document.querySelector('[data-testid="registry-total"]')?.textContent ?? ''),
    );
    // The list stops counting at 1,000; the registry's own analytics count the same filters exactly.
    const shown = await page.getByTestId('registry-total').textContent();
    expect(digits(shown)).toBe(Math.min(api.newCompanies.companies, 1_000));
    expect(shown?.includes('+')).toBe(api.newCompanies.companies > 1_000);
    const filters = new URL(page.url()).searchParams;
    expect(Object.fromEntries(filters)).toEqual(api.newCompanies.list.query);
    filters.set('period', 'year');
    const counted = (await (
      await page.request.get(`/api/v1/companies/analytics/registrations?${filters}`)
    ).json()) as { series: { total: number }[] };
    expect(counted.series.reduce((n, s) => n + s.total, 0)).toBe(api.newCompanies.companies);

    // A layer of the funnel chart opens the projects that reached that stage.
    await page.goto(`/cockpit?${query}`);
    const chart = page.getByTestId('cockpit-funnel-chart');
    await chart.locator('canvas').waitFor();
    await chart.scrollIntoViewIfNeeded();
    await page.waitForTimeout(800); // the funnel's entry animation
    const box = await chart.boundingBox();
    if (!box) throw new Error('the funnel chart has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.1);
    await page.waitForURL((url) => url.pathname === '/projects' && url.searchParams.has('reached'));
    const reached = new URL(page.url()).searchParams.get('reached');
    const layer = api.funnel.find((s) => s.stage === reached);
    await page.waitForFunction(() => document.querySelector('[data-testid="projects-total"]') !== null);
    expect(digits(await page.getByTestId('projects-total').textContent())).toBe(layer?.reached);

    // Taking the link's filter off widens the list back to the whole pipeline.
    await page.getByTestId('projects-url-filter-reached').getByRole('button').click();
    await page.waitForURL((url) => !url.searchParams.has('reached'));
    await context.close();
  });

  it('prints a monthly report whose figures are the API figures for the month and the year so far', async () => {
    const { context, page } = await signedIn('viewer@jiading.demo');
    const query = await newCityQuery(page);
    const zone = new URLSearchParams(query).get('zone') ?? '';
    const month = await cockpitOf(page, `zone=${zone}&since=2026-10-01&until=2026-10-31`);
    const year = await cockpitOf(page, `zone=${zone}&since=2026-01-01&until=2026-10-31`);
    expect(year.signed.projects).toBeGreaterThan(0);

    await page.goto(`/cockpit?${query}`);
    // The page's workbook button downloads the same period and area.
    const workbook = await page.request.get(
      (await page.getByTestId('cockpit-xlsx').getAttribute('href')) ?? '',
    );
    expect(workbook.headers()['content-type']).toContain('spreadsheetml');
    expect(new URL(workbook.url()).searchParams.get('zone')).toBe(zone);
    await page.getByTestId('cockpit-to-report').click();
    await page.waitForURL(
      (url) => url.pathname === '/cockpit/report' && url.searchParams.get('zone') === zone,
    );
    await page.goto(`/cockpit/report?zone=${zone}&month=2026-10`);
    expect(await page.getByTestId('report-title').textContent()).toBe('2026年10月招商工作月报');
    await page.getByTestId('report-row-newCompanies').waitFor();
    const row = (key: string) => page.getByTestId(`report-row-${key}`);
    expect(await row('newCompanies').getAttribute('data-month')).toBe(String(month.newCompanies.companies));
    expect(await row('newCompanies').getAttribute('data-year')).toBe(String(year.newCompanies.companies));
    for (const key of ['majorProjects', 'foreignFunded', 'headquarters', 'signed'] as const) {
      expect(await row(key).getAttribute('data-month')).toBe(String(month[key].projects));
      expect(await row(key).getAttribute('data-year')).toBe(String(year[key].projects));
      expect(await row(key).getAttribute('data-year-yuan')).toBe(year[key].amountYuan);
    }
    expect(await page.getByTestId('report-target').count()).toBe(year.targets.length);

    // On paper the controls are gone and the report is what is left.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('report-print').isVisible()).toBe(false);
    expect(await page.getByTestId('report-title').isVisible()).toBe(true);
    if (process.env.COCKPIT_REPORT_SHOT)
      await page.screenshot({ path: process.env.COCKPIT_REPORT_SHOT, fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });

  it('fills a 1920×1080 wall screen', async () => {
    const { context, page } = await signedIn('viewer@jiading.demo', { width: 1920, height: 1080 });
    const query = await newCityQuery(page);
    await page.goto(`/cockpit/screen?${query}`);
    // In English, so that a screenshot reads on a machine without Chinese fonts too.
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await expectBoardEqualsApi(page, await cockpitOf(page, query));
    await page.getByTestId('cockpit-registrations-chart').locator('canvas').waitFor();
    await page.waitForTimeout(1_000);
    // scripts/screenshot.ts sets this to refresh docs/cockpit.png; a test run leaves the docs alone.
    if (process.env.COCKPIT_SCREEN_SHOT) await page.screenshot({ path: process.env.COCKPIT_SCREEN_SHOT });
    // The whole board is on the screen without scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await context.close();
  });
});
