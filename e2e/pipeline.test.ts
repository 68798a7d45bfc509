import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addDays, bureauTimeZone, civilDate } from '../src/domain/calendar.ts';
import { demoEventLeads } from '../src/modules/demo/events.ts';
import { demoPortalPartner, demoProjects } from '../src/modules/demo/pipeline.ts';
import { describeInChromium } from './browser.ts';
import { demoBrowser } from './demo-browser.ts';

describeInChromium('investment pipeline (Chromium)', () => {
  const { signedIn } = demoBrowser({ landing: '/projects' });

  const stageOf = (page: Page) => page.getByTestId('project-stage').getAttribute('data-stage');

  async function moveTo(page: Page, label: string) {
    await page.getByTestId('stage-move-to').click();
    await page.getByRole('option', { name: label, exact: true }).click();
  }

  it('records a lead as an officer and moves it through the stages the machine allows', async () => {
    const { context, page } = await signedIn('officer@jiading.demo');
    expect(await page.getByTestId('nav-projects').textContent()).toBe('招商项目');
    await page.getByTestId('project-row').first().waitFor();
    // The demo's pipeline and the leads its delegation visit produced.
    expect(await page.getByTestId('project-row').count()).toBe(demoProjects.length + demoEventLeads.length);

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

  it('lists an overdue task on the officer’s home page, linked to its project', async () => {
    const { context, page } = await signedIn('officer@jiading.demo');
    // A lead of my own: its tasks are mine unless assigned to someone else.
    await page.getByTestId('new-lead-title').fill('浏览器测试：待办项目');
    await page.getByTestId('new-lead-submit').click();
    await page.waitForURL((url) => /^\/projects\/[0-9a-f-]{36}$/.test(url.pathname));
    const projectPath = new URL(page.url()).pathname;
    const tasks = page.getByTestId('project-tasks');
    await tasks.getByLabel('新待办').fill('浏览器测试：回访投资方');
    await tasks.locator('input[type="date"]').fill(addDays(civilDate(new Date(), bureauTimeZone), -1));
    await tasks.getByRole('button', { name: '添加待办' }).click();
    await tasks.getByText('浏览器测试：回访投资方').waitFor();

    await page.goto('/');
    const due = page.getByTestId('due-task').filter({ hasText: '浏览器测试：回访投资方' });
    await due.waitFor();
    expect(await due.textContent()).toContain('已逾期');
    await due.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === projectPath);
    await context.close();
  });

  it('lists the partners with their scorecards, opens one with its contacts, and its credited projects', async () => {
    const { context, page } = await signedIn('officer@jiading.demo');
    await page.getByTestId('nav-partners').click();
    await page.getByTestId('partner-row').first().waitFor();
    const association = page.getByTestId('partner-row').filter({ hasText: '上海市汽车行业协会' });
    const api = (await (await page.request.get('/api/v1/partners?q=上海市汽车行业协会')).json()) as {
      items: { id: string; scorecard: { referred: number; signed: number } }[];
    };
    const card = api.items[0]?.scorecard;
    expect(card?.referred).toBeGreaterThan(0);
    expect(await association.getByTestId('partner-referred').textContent()).toBe(String(card?.referred));
    expect(await association.getByTestId('partner-signed').textContent()).toBe(String(card?.signed));

    await association.getByRole('link', { name: /上海市汽车行业协会/ }).click();
    await page.waitForURL((url) => /^\/partners\/[0-9a-f-]{36}$/.test(url.pathname));
    expect(await page.getByTestId('partner-name').textContent()).toBe('上海市汽车行业协会');
    expect(await page.getByTestId('partner-contact').first().textContent()).toContain('王立群');
    expect(await page.getByTestId('scorecard-referred').textContent()).toBe(String(card?.referred));

    // The projects behind the scorecard: the table filtered to those credited to the partner.
    await page.getByTestId('partner-credited-link').click();
    await page.waitForURL((url) => url.pathname === '/projects' && url.searchParams.has('credited'));
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="project-row"]').length === n,
      card?.referred,
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

  const card = (page: Page, id: string) =>
    page.locator(`[data-testid="board-card"][data-project-id="${id}"]`);
  const column = (page: Page, stage: string) =>
    page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);

  async function dragTo(page: Page, id: string, stage: string) {
    await card(page, id).dragTo(column(page, stage));
  }

  it('drags a project through its stages on the board, refusing an illegal drop with the allowed moves', async () => {
    // Wide enough for all nine columns: a synthetic drag does not scroll the board as a hand would.
    const { context, page } = await signedIn('officer@jiading.demo', { width: 2200, height: 1000 });
    const created = await page.request.post('/api/v1/projects', {
      data: { title: '看板测试：氢能储运项目' },
    });
    const { id } = (await created.json()) as { id: string };

    await page.getByTestId('projects-to-board').click();
    await page.waitForURL((url) => url.pathname === '/projects/board');
    await card(page, id).waitFor();
    expect(await card(page, id).getAttribute('data-stage')).toBe('lead');
    const leadsBefore = Number(await column(page, 'lead').getByTestId('board-column-count').textContent());

    // While a card is dragged, exactly the moves the state machine allows light up.
    await card(page, id).hover();
    await page.mouse.down();
    await column(page, 'contacted').hover();
    await column(page, 'negotiating').hover();
    const lit = await page
      .locator('[data-testid="board-column"][data-drop="allowed"]')
      .evaluateAll((columns) => columns.map((c) => c.getAttribute('data-stage')));
    expect(lit).toEqual(['contacted', 'on_hold', 'lost']);
    // Dropped back on its own column, the card stays where it is.
    await column(page, 'lead').hover();
    await page.mouse.up();

    for (const stage of ['contacted', 'negotiating', 'signed']) {
      await dragTo(page, id, stage);
      await column(page, stage).locator(`[data-project-id="${id}"]`).waitFor();
    }
    expect(Number(await column(page, 'lead').getByTestId('board-column-count').textContent())).toBe(
      leadsBefore - 1,
    );

    // A signature is a fact: back to a lead is refused, says why, and changes nothing.
    await dragTo(page, id, 'lead');
    const refusal = page.getByTestId('board-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('只能移到：注册、暂缓或流失');
    expect(await card(page, id).getAttribute('data-stage')).toBe('signed');
    const project = (await (await page.request.get(`/api/v1/projects/${id}`)).json()) as { stage: string };
    expect(project.stage).toBe('signed');

    // A pause asks for its reason first.
    await dragTo(page, id, 'on_hold');
    await page.getByTestId('board-move-modal').waitFor();
    expect(await page.getByTestId('board-move-submit').isDisabled()).toBe(true);
    await page.getByTestId('board-move-reason').click();
    await page.getByRole('option', { name: '审批', exact: true }).click();
    await page.getByTestId('board-move-submit').click();
    await column(page, 'on_hold').locator(`[data-project-id="${id}"]`).waitFor();

    const history = (await (await page.request.get(`/api/v1/projects/${id}/history`)).json()) as {
      moves: { to: string; reason: string | null }[];
    };
    expect(history.moves.map((m) => m.to)).toEqual(['lead', 'contacted', 'negotiating', 'signed', 'on_hold']);
    expect(history.moves.at(-1)?.reason).toBe('approvals');
    await context.close();
  });

  it('gives a partner a portal of its referrals, a lead form, and only the pages it may read', async () => {
    const { context, page } = await signedIn('partner@jiading.demo');
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/portal');
    const referred = demoProjects.filter((p) => p.partner === demoPortalPartner).map((p) => p.title);
    await page.getByTestId('portal-project').first().waitFor();
    const titles = await page.getByTestId('portal-project').locator('a').allTextContents();
    expect(titles.sort()).toEqual([...referred].sort());

    // Every page the navigation offers opens for a partner: none answers "forbidden" or fails to load.
    const links = page.getByRole('navigation').locator('a[data-testid^="nav-"]');
    const offered = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') as string));
    expect(offered).not.toContain('/');
    expect(offered).not.toContain('/companies');
    expect(offered).not.toContain('/audit');
    for (const href of offered) {
      await page.goto(href);
      await page.locator('main').getByRole('heading').first().waitFor();
      // A refused request shows as an error only once it has come back.
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('forbidden').count()).toBe(0);
      expect(await page.getByTestId('error-state').count()).toBe(0);
    }

    await page.goto('/portal');
    await page.getByTestId('lead-title').fill('门户测试：车规级芯片封测项目');
    await page.getByTestId('lead-investor').fill('Muster Halbleiter GmbH');
    await page.getByTestId('lead-country').fill('de');
    await page.getByTestId('lead-amount').fill('1.3亿');
    await page.getByTestId('lead-submit').click();
    await page.getByTestId('lead-submitted').waitFor();
    await page.getByTestId('portal-project').filter({ hasText: '门户测试：车规级芯片封测项目' }).waitFor();
    expect(await page.getByTestId('portal-project').count()).toBe(referred.length + 1);

    // It lands as this partner's referral, a lead for an officer to triage.
    const officer = await signedIn('officer@jiading.demo');
    const leads = (await (
      await officer.page.request.get('/api/v1/projects?q=车规级芯片封测&stage=lead')
    ).json()) as {
      items: {
        title: string;
        source: string;
        partner: { nameZh: string } | null;
        prospectCountry: string;
        amountYuan: string;
      }[];
    };
    await officer.context.close();
    expect(leads.items).toHaveLength(1);
    expect(leads.items[0]).toMatchObject({
      source: 'partner_referral',
      prospectCountry: 'DE',
      amountYuan: '130000000',
    });
    await context.close();
  });

  it('charts the funnel, whose stage figures equal a recount of the projects, by any breakdown', async () => {
    const { context, page } = await signedIn('analyst@jiading.demo');
    const all = (await (await page.request.get('/api/v1/projects?limit=200')).json()) as {
      items: { stage: string; source: string }[];
    };
    await page.getByTestId('nav-funnel').click();
    await page.waitForURL((url) => url.pathname === '/projects/funnel');
    await page.getByTestId('funnel-chart').locator('canvas').waitFor();
    const shown = await page
      .getByTestId('funnel-stage-row')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.getAttribute('data-stage'),
          Number(row.querySelector('[data-testid="funnel-count"]')?.textContent),
        ]),
      );
    const recount = new Map<string, number>();
    for (const p of all.items) recount.set(p.stage, (recount.get(p.stage) ?? 0) + 1);
    expect(Object.fromEntries(shown.filter(([, n]) => n))).toEqual(Object.fromEntries(recount));

    await page.getByTestId('funnel-by').click();
    await page.getByRole('option', { name: '来源', exact: true }).click();
    await page.getByTestId('funnel-breakdown-chart').locator('canvas').waitFor();
    await page.getByTestId('funnel-group-row').first().waitFor();
    expect(await page.getByTestId('funnel-group-row').count()).toBe(
      new Set(all.items.map((p) => p.source)).size,
    );
    await context.close();
  });

  it('lists a company’s projects on its profile and opens them all in the table', async () => {
    const { context, page } = await signedIn('officer@jiading.demo');
    const all = (await (await page.request.get('/api/v1/projects?limit=200')).json()) as {
      items: { id: string; title: string; investorCompanyId: string | null }[];
    };
    const invested = all.items.find((p) => p.investorCompanyId);
    if (!invested?.investorCompanyId) throw new Error('the demo has no project with a registry investor');
    const company = invested.investorCompanyId;
    const theirs = all.items.filter((p) => p.investorCompanyId === company);
    await page.goto(`/companies/${company}`);
    const section = page.getByTestId('company-projects');
    await section.waitFor();
    expect(await section.getByTestId('company-project').count()).toBe(theirs.length);
    expect(await section.textContent()).toContain(invested.title);
    await section
      .getByRole('link', { name: String(theirs.length), exact: false })
      .first()
      .click();
    await page.waitForURL(
      (url) => url.pathname === '/projects' && url.searchParams.get('company') === company,
    );
    await page.getByTestId('projects-url-filter-company').waitFor();
    await context.close();
  });
});
