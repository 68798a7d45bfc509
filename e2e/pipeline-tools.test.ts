import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInChromium } from './browser.ts';
import { demoBrowser } from './demo-browser.ts';

/** The project form, officer names, saved views, project import and the board on a phone. */
describeInChromium('pipeline tools (Chromium)', () => {
  const demo = demoBrowser({ landing: '/projects' });
  // Phone-sized windows are touch screens: the board's move menu is what a finger uses there.
  const signedIn = (email: string, viewport?: { width: number; height: number }) =>
    demo.signedIn(email, viewport, { hasTouch: (viewport?.width ?? 1440) < 600 });

  async function pick(page: Page, testId: string, option: string) {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  it('edits every field of a project, shows the yuan amount and major flag as typed, and explains a refusal', async () => {
    const { context, page } = await signedIn('officer@jiading.demo');
    const taken = await page.request.post('/api/v1/projects', {
      data: { title: '已占编号', code: 'JD-E2E-1' },
    });
    expect(taken.status()).toBe(201);
    const created = await page.request.post('/api/v1/projects', {
      data: { title: '表单测试：储能电池项目' },
    });
    const { id } = (await created.json()) as { id: string };

    await page.goto(`/projects/${id}`);
    await page.getByTestId('project-edit').click();
    await page.getByTestId('project-form').waitFor();
    await page.getByTestId('form-prospect-name').fill('Nordic Battery AB');
    await page.getByTestId('form-prospect-country').fill('se');
    expect(await page.getByTestId('form-prospect-country').inputValue()).toBe('SE');

    // The amount is read as the API reads it and converted at the district's rate (7.2 yuan per dollar).
    await page.getByTestId('form-amount').fill('US$10,000,000');
    await page.getByTestId('form-conversion').getByText('7,200').waitFor();
    expect(await page.getByTestId('form-major').textContent()).toBe('非重大项目');
    await page.getByTestId('form-amount').fill('US$20,000,000');
    await page.getByTestId('form-conversion').getByText('1.44').waitFor();
    expect(await page.getByTestId('form-major').textContent()).toBe('重大');

    await pick(page, 'form-kind', '研发中心');
    await page.getByTestId('form-foreign').check();
    await pick(page, 'form-officer', '招商专员 Officer');
    await pick(page, 'form-source', '合作伙伴推荐');
    await page.getByTestId('form-partner').click();
    await page.getByRole('option').first().click();

    // A code another project holds is refused by the API, and the form says why.
    await page.getByTestId('form-code').fill('JD-E2E-1');
    await page.getByTestId('form-save').click();
    const error = page.getByTestId('form-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('JD-E2E-1 is already used');
    await page.getByTestId('form-code').fill('JD-E2E-2');
    await page.getByTestId('form-save').click();
    await page.getByTestId('project-form').waitFor({ state: 'detached' });

    const facts = page.getByTestId('project-facts');
    await facts.getByText('JD-E2E-2').waitFor();
    expect(await page.getByTestId('project-officer').textContent()).toBe('招商专员 Officer');
    const saved = (await (await page.request.get(`/api/v1/projects/${id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(saved).toMatchObject({
      code: 'JD-E2E-2',
      prospectName: 'Nordic Battery AB',
      prospectCountry: 'SE',
      amount: '20000000',
      currency: 'USD',
      amountYuan: '144000000',
      major: true,
      kind: 'rnd_center',
      foreignFunded: true,
      source: 'partner_referral',
    });

    // The investor becomes a registry company, found by typing part of its name; the prospect is cleared.
    const companies = (await (await page.request.get('/api/v1/companies?limit=1&sort=name')).json()) as {
      items: { id: string; nameZh: string }[];
    };
    const company = companies.items[0] as { id: string; nameZh: string };
    await page.getByTestId('project-edit').click();
    await page.getByTestId('form-investor-mode').getByText('库内企业').click();
    await page.getByTestId('form-company').fill(company.nameZh.slice(0, 4));
    await page
      .getByRole('option', {
        name: new RegExp(`^${company.nameZh.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ·`),
      })
      .click();
    await page.getByTestId('form-save').click();
    await page.getByTestId('project-form').waitFor({ state: 'detached' });
    await facts.getByText(company.nameZh).waitFor();
    const switched = (await (await page.request.get(`/api/v1/projects/${id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(switched).toMatchObject({
      investorCompanyId: company.id,
      prospectName: null,
      amountYuan: '144000000',
    });

    // The table names the officer, and the officer filter finds the project.
    await page.goto('/projects');
    await pick(page, 'projects-officer-filter', '我');
    const row = page.getByTestId('project-row').filter({ hasText: '表单测试：储能电池项目' });
    await row.waitFor();
    expect(await row.getByTestId('project-row-officer').textContent()).toBe('招商专员 Officer');
    await context.close();
  });

  it('saves the table filters and sort as a view, reopens it after a reload, and deletes it', async () => {
    const { context, page } = await signedIn('officer@jiading.demo');
    const api = (await (
      await page.request.get('/api/v1/projects?source=partner_referral&limit=200')
    ).json()) as {
      total: number;
    };
    expect(api.total).toBeGreaterThan(0);
    await page.getByTestId('project-row').first().waitFor();
    await pick(page, 'projects-source-filter', '合作伙伴推荐');
    await pick(page, 'projects-sort', '投资额');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="project-row"]').length === n,
      api.total,
    );

    await page.getByTestId('saved-view-new').click();
    await page.getByTestId('saved-view-name').fill('伙伴推荐按金额');
    await page.getByTestId('saved-view-save').click();
    await page.getByTestId('saved-view-name').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('saved-views').inputValue()).toBe('伙伴推荐按金额');

    // A fresh page starts unfiltered; opening the view brings back its filters and sort.
    await page.reload();
    await page.getByTestId('project-row').first().waitFor();
    expect(await page.getByTestId('projects-source-filter').inputValue()).toBe('');
    await pick(page, 'saved-views', '伙伴推荐按金额');
    expect(await page.getByTestId('projects-source-filter').inputValue()).toBe('合作伙伴推荐');
    expect(await page.getByTestId('projects-sort').inputValue()).toBe('投资额');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="project-row"]').length === n,
      api.total,
    );

    // The same name twice is refused with the API's reason.
    await page.getByTestId('saved-view-new').click();
    await page.getByTestId('saved-view-name').fill('伙伴推荐按金额');
    await page.getByTestId('saved-view-save').click();
    expect(await page.getByTestId('saved-view-error').textContent()).toContain('already have a view');
    await page.keyboard.press('Escape');

    await page.getByTestId('saved-view-delete').click();
    await page.getByTestId('saved-view-delete').waitFor({ state: 'detached' });
    const left = (await (await page.request.get('/api/v1/saved-views?entity=projects')).json()) as {
      items: unknown[];
    };
    expect(left.items).toEqual([]);
    await context.close();
  });

  it('imports a project sheet from the table, listing bad rows by line, and exports the filtered table', async () => {
    const { context, page } = await signedIn('officer@jiading.demo');
    await page.getByTestId('projects-to-import').click();
    await page.waitForURL((url) => url.pathname === '/projects/import');
    const sheet = (rows: string[]) => ({
      name: 'projects.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`项目编号,项目名称,街镇,投资额\n${rows.join('\n')}\n`),
    });
    const input = page.locator('input[type="file"]');
    await input.setInputFiles(
      sheet(['WEB-1,网页导入：机器人本体,安亭镇,3亿', 'WEB-2,网页导入：坏街镇,火星镇,']),
    );
    await page.getByTestId('project-import-submit').click();
    await page.getByTestId('project-import-errors').waitFor();
    const errors = await page.getByTestId('project-import-error-row').allTextContents();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^3.*火星镇/);
    const none = (await (await page.request.get('/api/v1/projects?q=WEB-1')).json()) as { total: number };
    expect(none.total).toBe(0);

    await input.setInputFiles(sheet(['WEB-1,网页导入：机器人本体,安亭镇,3亿', 'WEB-2,网页导入：控制器,,']));
    await page.getByTestId('project-import-submit').click();
    const result = page.getByTestId('project-import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('新增 2');

    await page.goto('/projects');
    await page.getByTestId('projects-search').fill('网页导入');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="project-row"]').length === 2);
    await page.getByTestId('projects-export').click();
    const href = await page.getByTestId('projects-export-xlsx').getAttribute('href');
    expect(href).toContain('q=%E7%BD%91%E9%A1%B5%E5%AF%BC%E5%85%A5');
    const download = await page.request.get(href as string);
    expect(download.headers()['content-type']).toMatch(/spreadsheetml/);
    const csv = await (await page.request.get((href as string).replace('format=xlsx', 'format=csv'))).text();
    expect(csv.trim().split('\n')).toHaveLength(3);
    await context.close();
  });

  it('shows the board on a phone one stage at a time, moving cards by their menu', async () => {
    const { context, page } = await signedIn('officer@jiading.demo', { width: 390, height: 844 });
    const created = await page.request.post('/api/v1/projects', { data: { title: '手机看板：充电桩项目' } });
    const { id } = (await created.json()) as { id: string };
    await page.goto('/projects/board');
    const switcher = page.getByTestId('board-stage-switcher');
    await switcher.waitFor();
    expect(await page.getByTestId('board-column').count()).toBe(1);
    const card = page.locator(`[data-testid="board-card"][data-project-id="${id}"]`);
    await card.waitFor();
    // Nothing sticks out sideways: the page does not scroll horizontally.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await card.getAttribute('draggable')).toBe('false');

    // The menu offers exactly the moves the state machine allows.
    await card.getByTestId('board-card-move').tap();
    const offered = await page
      .getByTestId('board-card-move-to')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-stage')));
    expect(offered).toEqual(['contacted', 'on_hold', 'lost']);
    await page.locator('[data-testid="board-card-move-to"][data-stage="contacted"]').tap();
    await card.waitFor({ state: 'detached' });
    await switcher.tap();
    await page.getByRole('option', { name: /^接洽/ }).tap();
    await page
      .locator(`[data-testid="board-column"][data-stage="contacted"] [data-project-id="${id}"]`)
      .waitFor();

    // A pause through the menu asks for its reason, as a drop does.
    await page.locator(`[data-project-id="${id}"]`).getByTestId('board-card-move').tap();
    await page.locator('[data-testid="board-card-move-to"][data-stage="on_hold"]').tap();
    await page.getByTestId('board-move-modal').waitFor();
    await page.getByTestId('board-move-reason').tap();
    await page.getByRole('option', { name: '资金', exact: true }).tap();
    await page.getByTestId('board-move-submit').tap();
    await page.getByTestId('board-move-modal').waitFor({ state: 'detached' });
    const project = (await (await page.request.get(`/api/v1/projects/${id}`)).json()) as { stage: string };
    expect(project.stage).toBe('on_hold');
    await context.close();
  });
});
