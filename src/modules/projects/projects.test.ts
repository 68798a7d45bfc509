import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { demoApp, signIn, signInTownOfficer } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { demoProjects } from '../demo/pipeline.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Project {
  id: string;
  stage: string;
  updatedAt: string;
  amountYuan: string | null;
  partnerId: string | null;
  [k: string]: unknown;
}

describe.each(testEngines())('projects API on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;
  let admin: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
    admin = await signIn(app, 'admin@jiading.demo');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (method: Method, url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const create = async (payload: object, cookie = officer): Promise<Project> => {
    const res = await call('POST', '/api/v1/projects', cookie, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const move = (id: string, body: object, cookie = officer) =>
    call('POST', `/api/v1/projects/${id}/stage`, cookie, body);
  const auditCount = async (id: string) =>
    (await call('GET', `/api/v1/audit?entity=projects&entityId=${id}&limit=200`, admin)).json().items.length;

  it('creates a lead from a title alone, with its first history entry and an audit row', async () => {
    const p = await create({ title: '氢能重卡整车项目' });
    expect(p).toMatchObject({
      stage: 'lead',
      source: 'direct',
      priority: 'medium',
      amount: null,
      major: false,
      allowedMoves: ['contacted', 'on_hold', 'lost'],
    });
    const history = (await call('GET', `/api/v1/projects/${p.id}/history`, officer)).json();
    expect(history.moves).toHaveLength(1);
    expect(history.moves[0]).toMatchObject({ from: null, to: 'lead', byEmail: 'officer@jiading.demo' });
    const audit = (await call('GET', `/api/v1/projects/${p.id}/audit`, officer)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ action: 'create', actorEmail: 'officer@jiading.demo' });
  });

  it('keeps the amount as entered and in yuan at the tenant’s rate, and flags major projects', async () => {
    const usd = await create({
      title: '燃料电池系统研发中心',
      prospectName: 'Example Fuel Cells',
      prospectCountry: 'CA',
      amount: 'US$13,000,000',
      kind: 'rnd_center',
      foreignFunded: true,
    });
    // The demo rate is 7.2 yuan per dollar.
    expect(usd).toMatchObject({ amount: '13000000', currency: 'USD', amountYuan: '93600000', major: false });
    const big = await create({ title: '整车基地', amount: '1.5亿' });
    expect(big).toMatchObject({ amount: '150000000', currency: 'CNY', amountYuan: '150000000', major: true });
    const words = await create({ title: '欧元项目', amount: 1000, currency: 'EUR' });
    expect(words.amountYuan).toBe('7800');

    // A new rate applies to amounts entered from then on; amounts already entered keep their yuan value.
    expect((await call('PUT', '/api/v1/currency-rates/USD', officer, { yuanPerUnit: '8' })).statusCode).toBe(
      403,
    );
    expect((await call('PUT', '/api/v1/currency-rates/USD', admin, { yuanPerUnit: '8' })).statusCode).toBe(
      200,
    );
    expect((await call('GET', `/api/v1/projects/${usd.id}`, officer)).json().amountYuan).toBe('93600000');
    const patched = await call('PATCH', `/api/v1/projects/${usd.id}`, officer, { amount: '13000000' });
    expect(patched.json()).toMatchObject({ currency: 'USD', amountYuan: '104000000', major: true });
    await call('PUT', '/api/v1/currency-rates/USD', admin, { yuanPerUnit: '7.2' });

    // The threshold is the tenant's: raising it makes the same amounts ordinary.
    const put = await call('PUT', '/api/v1/pipeline-settings', admin, { majorThresholdYuan: '200000000' });
    expect(put.statusCode, put.body).toBe(200);
    expect((await call('GET', `/api/v1/projects/${big.id}`, officer)).json().major).toBe(false);
    await call('PUT', '/api/v1/pipeline-settings', admin, { majorThresholdYuan: '100000000' });
    const majors = (await call('GET', '/api/v1/projects?major=true&limit=200', officer)).json().items;
    for (const p of majors) expect(BigInt(p.amountYuan)).toBeGreaterThanOrEqual(100_000_000n);
    expect(majors.map((p: Project) => p.id)).toContain(big.id);
  });

  it.each([
    [{ amount: '5000000', currency: 'GBP' }, /no rate for GBP/],
    [{ amount: 'US$5', currency: 'EUR' }, /written in USD/],
    [{ prospectName: 'X', investorCompanyId: '00000000-0000-7000-8000-000000000000' }, /not both/],
    [{ prospectCountry: 'de' }, /ISO 3166/],
    [{ industryCode: '9999' }, /GB\/T 4754/],
    [{ townCode: '310115001' }, /unknown town/],
    [{ clusterId: '00000000-0000-7000-8000-000000000000' }, /cluster/],
    [{ source: 'partner_referral' }, /names the partner/],
    [{ officerId: '00000000-0000-7000-8000-000000000000' }, /officer/],
    [{ amount: '-5' }, /negative/],
    [{ code: 'JD 2026' }, /letters, digits/],
  ])('refuses %j with a reason and writes nothing', async (change, reason) => {
    const before = (await call('GET', '/api/v1/projects?limit=1', officer)).json().total;
    const res = await call('POST', '/api/v1/projects', officer, { title: '无效项目', ...change });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().detail).toMatch(reason);
    expect((await call('GET', '/api/v1/projects?limit=1', officer)).json().total).toBe(before);
  });

  it('keeps a project code unique in the tenant and finds a project by it', async () => {
    const first = await create({ title: '编号项目', code: 'JD-2026-001' });
    expect(first.code).toBe('JD-2026-001');
    const clash = await call('POST', '/api/v1/projects', officer, { title: '另一个', code: 'JD-2026-001' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().detail).toMatch(/already used/);
    const other = await create({ title: '另一个' });
    expect(
      (await call('PATCH', `/api/v1/projects/${other.id}`, officer, { code: 'JD-2026-001' })).statusCode,
    ).toBe(409);
    // Saving a project with its own code is no clash.
    const same = await call('PATCH', `/api/v1/projects/${first.id}`, officer, {
      code: 'JD-2026-001',
      title: '编号项目二',
    });
    expect(same.statusCode, same.body).toBe(200);
    const found = (await call('GET', '/api/v1/projects?q=JD-2026-001', officer)).json().items;
    expect(found.map((p: Project) => p.id)).toEqual([first.id]);
  });

  describe('stages', () => {
    let id: string;
    beforeAll(async () => {
      id = (await create({ title: '阶段测试项目', amount: '2亿' })).id;
    });

    it('refuses an illegal move with problem+json and changes nothing', async () => {
      const before = (await call('GET', `/api/v1/projects/${id}`, officer)).json();
      const audits = await auditCount(id);
      const res = await move(id, { to: 'signed', note: '跳级' });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json()).toMatchObject({
        type: 'urn:lodestone:problem:illegal-move',
        from: 'lead',
        to: 'signed',
      });
      expect(res.json().detail).toMatch(/allowed: contacted, on_hold, lost/);
      expect((await call('GET', `/api/v1/projects/${id}`, officer)).json()).toEqual(before);
      expect((await call('GET', `/api/v1/projects/${id}/history`, officer)).json().moves).toHaveLength(1);
      expect(await auditCount(id)).toBe(audits);
      const unknown = await move(id, { to: 'won' });
      expect(unknown.statusCode).toBe(400);
    });

    it('records every move with who, when, note and time in the stage left, each in the audit', async () => {
      for (const to of ['contacted', 'negotiating']) {
        const res = await move(id, { to, note: `到${to}` });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().stage).toBe(to);
      }
      const noReason = await move(id, { to: 'on_hold' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().type).toBe('urn:lodestone:problem:reason-required');
      const held = await move(id, { to: 'on_hold', reason: 'policy_review', note: '等待政策评审' });
      expect(held.json()).toMatchObject({
        stage: 'on_hold',
        heldFrom: 'negotiating',
        stageReason: 'policy_review',
      });
      expect(held.json().allowedMoves).toEqual(['negotiating', 'signed', 'contacted', 'lost']);
      const resumed = await move(id, { to: 'negotiating', note: '恢复洽谈' });
      expect(resumed.json()).toMatchObject({ stage: 'negotiating', heldFrom: null, stageReason: null });
      const history = (await call('GET', `/api/v1/projects/${id}/history`, officer)).json();
      expect(history.moves.map((m: { to: string }) => m.to)).toEqual([
        'lead',
        'contacted',
        'negotiating',
        'on_hold',
        'negotiating',
      ]);
      expect(history.moves[3]).toMatchObject({
        from: 'negotiating',
        reason: 'policy_review',
        note: '等待政策评审',
        byEmail: 'officer@jiading.demo',
      });
      for (const m of history.moves.slice(1)) expect(m.secondsInFrom).toBeGreaterThanOrEqual(0);
      const stagesTimed = history.timeInStage.map((t: { stage: string }) => t.stage).sort();
      expect(stagesTimed).toEqual(['contacted', 'lead', 'negotiating', 'on_hold']);
      // One audit row for the creation and one per move, each with the stage before and after.
      const audit = (await call('GET', `/api/v1/projects/${id}/audit?limit=200`, officer)).json().items;
      expect(audit).toHaveLength(5);
      expect(audit[0]).toMatchObject({
        action: 'update',
        before: { stage: 'on_hold' },
        after: { stage: 'negotiating' },
      });
    });

    it('links the registry company by credit code on reaching registered', async () => {
      await move(id, { to: 'signed', note: '签约' });
      const company = (await call('GET', '/api/v1/companies?limit=1&sort=name&order=desc', officer)).json()
        .items[0];
      const missing = await move(id, { to: 'registered', creditCode: '914403001922038216' });
      expect(missing.statusCode).toBe(409);
      expect(missing.json().type).toBe('urn:lodestone:problem:company-not-registered');
      expect((await call('GET', `/api/v1/projects/${id}`, officer)).json().stage).toBe('signed');
      const noCode = await move(id, { to: 'registered' });
      expect(noCode.statusCode).toBe(400);
      const ok = await move(id, { to: 'registered', creditCode: company.creditCode, note: '完成注册' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({
        stage: 'registered',
        registeredCompanyId: company.id,
        registeredCompany: { creditCode: company.creditCode },
      });
      expect(ok.json().signedAt).not.toBeNull();
      // The company's profile lists the project: as the company registered, and as investor in another.
      const invested = (
        await call('POST', '/api/v1/projects', officer, { title: '增资扩产', investorCompanyId: company.id })
      ).json();
      const listed = (await call('GET', `/api/v1/projects?company=${company.id}&limit=200`, officer)).json();
      expect(listed.items.map((p: { id: string }) => p.id).sort()).toEqual([id, invested.id].sort());
      const other = (await call('GET', '/api/v1/companies?limit=1&sort=name&order=asc', officer)).json()
        .items[0];
      const none = (await call('GET', `/api/v1/projects?company=${other.id}`, officer)).json();
      expect(none.items.map((p: { id: string }) => p.id)).not.toContain(id);
      expect((await call('GET', '/api/v1/projects?company=not-a-uuid', officer)).statusCode).toBe(400);
    });

    it('settles the referring partner once a project is signed', async () => {
      const partnerId = (await call('GET', '/api/v1/partners?limit=1', officer)).json().items[0].id;
      const res = await call('PATCH', `/api/v1/projects/${id}`, officer, {
        source: 'partner_referral',
        partnerId,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().type).toBe('urn:lodestone:problem:credit-settled');
    });

    it('ends at operating and at lost', async () => {
      await move(id, { to: 'construction' });
      const done = await move(id, { to: 'operating' });
      expect(done.json()).toMatchObject({ stage: 'operating', allowedMoves: [] });
      expect((await move(id, { to: 'lost', reason: 'other' })).statusCode).toBe(409);
      const other = await create({ title: '流失测试' });
      const lost = await move(other.id, { to: 'lost', reason: 'competitor_location', note: '选址苏州' });
      expect(lost.json()).toMatchObject({
        stage: 'lost',
        stageReason: 'competitor_location',
        allowedMoves: [],
      });
      expect((await move(other.id, { to: 'lead' })).statusCode).toBe(409);
    });
  });

  describe('follow-ups', () => {
    it('lists an officer’s due and overdue tasks, and drops them when done', async () => {
      const p = await create({ title: '跟进测试项目' });
      const yesterday = new Date(Date.now() - 86_400_000 * 2).toISOString().slice(0, 10);
      const task = await call('POST', `/api/v1/projects/${p.id}/tasks`, officer, {
        title: '回访企业',
        dueOn: yesterday,
      });
      expect(task.statusCode, task.body).toBe(201);
      expect(task.json()).toMatchObject({ overdue: true, done: false });
      const far = await call('POST', `/api/v1/projects/${p.id}/tasks`, officer, {
        title: '明年再议',
        dueOn: '2099-01-01',
      });
      const due = (await call('GET', '/api/v1/tasks/due', officer)).json();
      const ids = due.items.map((t: { id: string }) => t.id);
      expect(ids).toContain(task.json().id);
      expect(ids).not.toContain(far.json().id);
      const mine = due.items.find((t: { id: string }) => t.id === task.json().id);
      expect(mine).toMatchObject({ projectTitle: '跟进测试项目', overdue: true });
      for (const t of due.items) expect(t.dueOn <= due.today || !t.overdue).toBe(true);
      // The demo gives the officer tasks too, and none to the admin for this project.
      const adminDue = (await call('GET', '/api/v1/tasks/due', admin)).json().items;
      expect(adminDue.map((t: { id: string }) => t.id)).not.toContain(task.json().id);
      const done = await call('PATCH', `/api/v1/projects/${p.id}/tasks/${task.json().id}`, officer, {
        done: true,
      });
      expect(done.json()).toMatchObject({ done: true, overdue: false });
      const after = (await call('GET', '/api/v1/tasks/due', officer)).json().items;
      expect(after.map((t: { id: string }) => t.id)).not.toContain(task.json().id);
      const listed = (await call('GET', `/api/v1/projects/${p.id}/tasks`, officer)).json().items;
      expect(listed.map((t: { title: string }) => t.title)).toEqual(['明年再议', '回访企业']);
      const viewer = await signIn(app, 'viewer@jiading.demo');
      expect((await call('POST', `/api/v1/projects/${p.id}/tasks`, viewer, { title: 'x' })).statusCode).toBe(
        403,
      );
    });

    it('logs activities, newest first, in the audit trail', async () => {
      const p = await create({ title: '活动测试项目' });
      for (const [kind, occurredAt] of [
        ['call', '2026-01-05T02:00:00Z'],
        ['visit', '2026-02-10T06:00:00Z'],
      ] as const) {
        const res = await call('POST', `/api/v1/projects/${p.id}/activities`, officer, {
          kind,
          occurredAt,
          summary: `${kind} 纪要`,
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      const bad = await call('POST', `/api/v1/projects/${p.id}/activities`, officer, {
        kind: 'email',
        summary: 'x',
      });
      expect(bad.statusCode).toBe(400);
      const log = (await call('GET', `/api/v1/projects/${p.id}/activities`, officer)).json().items;
      expect(log.map((a: { kind: string }) => a.kind)).toEqual(['visit', 'call']);
      const audit = (await call('GET', `/api/v1/audit?entity=project_activities&limit=200`, admin)).json()
        .items;
      expect(audit.filter((a: { after: { projectId: string } }) => a.after?.projectId === p.id)).toHaveLength(
        2,
      );
    });
  });

  describe('lists', () => {
    it('pages with a cursor through every project exactly once, in order', async () => {
      for (const sort of ['amount', 'title', 'created'] as const) {
        const seen: string[] = [];
        const keys: string[] = [];
        let cursor: string | null = null;
        do {
          const url: string = `/api/v1/projects?sort=${sort}&order=asc&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
          const page: { items: Project[]; nextCursor: string | null; total: number } = (
            await call('GET', url, officer)
          ).json();
          seen.push(...page.items.map((p) => p.id));
          keys.push(
            ...page.items.map((p) =>
              sort === 'amount'
                ? String(p.amountYuan ?? -1).padStart(20, '0')
                : sort === 'title'
                  ? String(p.title)
                  : String(p.createdAt),
            ),
          );
          cursor = page.nextCursor;
        } while (cursor);
        const total = (await call('GET', '/api/v1/projects?limit=1', officer)).json().total;
        expect(seen).toHaveLength(total);
        expect(new Set(seen).size).toBe(total);
        if (sort !== 'title') expect([...keys].sort()).toEqual(keys);
      }
    });

    it('filters by stage, source, partner, town, kind and text', async () => {
      const q = (query: string) =>
        call('GET', `/api/v1/projects?limit=200&${query}`, officer).then((r) => r.json());
      for (const p of (await q('stage=signed,registered')).items)
        expect(['signed', 'registered']).toContain(p.stage);
      for (const p of (await q('source=event')).items) expect(p.source).toBe('event');
      for (const p of (await q('town=310114103&kind=rnd_center')).items)
        expect([p.townCode, p.kind]).toEqual(['310114103', 'rnd_center']);
      const byText = await q(`q=${encodeURIComponent('氢燃料')}`);
      expect(byText.items.map((p: Project) => p.title)).toContain('氢燃料电池电堆研发中心');
      const byProspect = await q('q=ballard');
      expect(byProspect.items).toHaveLength(1);
      const partner = (await call('GET', '/api/v1/partners?limit=1', officer)).json().items[0];
      for (const p of (await q(`partner=${partner.id}`)).items) expect(p.partnerId).toBe(partner.id);
      // Days on the bureau's clock: a lead from 23:30 on 1 March (UTC+8) belongs to 1 March.
      const all = (await q('')).items as Project[];
      const day = (p: Project) =>
        new Date(Date.parse(String(p.createdAt)) + 8 * 3_600_000).toISOString().slice(0, 10);
      const cut = day(all[Math.floor(all.length / 2)] as Project);
      const since = (await q(`createdFrom=${cut}`)).items as Project[];
      const until = (await q(`createdTo=${cut}`)).items as Project[];
      expect(since.map((p) => p.id).sort()).toEqual(
        all
          .filter((p) => day(p) >= cut)
          .map((p) => p.id)
          .sort(),
      );
      expect(until.map((p) => p.id).sort()).toEqual(
        all
          .filter((p) => day(p) <= cut)
          .map((p) => p.id)
          .sort(),
      );
      const mine = await q('officer=me');
      expect(mine.items.length).toBeGreaterThan(0);
      expect((await call('GET', '/api/v1/projects?sort=bogus', officer)).statusCode).toBe(400);
    });
  });

  describe('funnel', () => {
    interface Row extends Project {
      source: string;
      partnerId: string | null;
      credit: { partnerId: string | null };
    }
    async function everything() {
      const rows: Row[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Row[]; nextCursor: string | null } = (
          await call('GET', `/api/v1/projects?limit=200${cursor ? `&cursor=${cursor}` : ''}`, admin)
        ).json();
        rows.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const histories = new Map<
        string,
        { moves: { from: string | null; to: string; secondsInFrom: number | null }[] }
      >();
      for (const r of rows)
        histories.set(r.id, (await call('GET', `/api/v1/projects/${r.id}/history`, admin)).json());
      return { rows, histories };
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const mid = (s.length - 1) / 2;
      return ((s[Math.floor(mid)] as number) + (s[Math.ceil(mid)] as number)) / 2;
    };
    const pipeline = [
      'lead',
      'contacted',
      'negotiating',
      'signed',
      'registered',
      'construction',
      'operating',
    ];

    it.each(['none', 'source', 'partner'] as const)('equals a recount from the rows (by %s)', async (by) => {
      const { rows, histories } = await everything();
      const funnel = (await call('GET', `/api/v1/projects/funnel?by=${by}`, admin)).json();
      const keyOf = (r: Row) =>
        by === 'none' ? 'all' : by === 'source' ? r.source : (r.credit.partnerId ?? 'none');
      const keys = [...new Set(rows.map(keyOf))].sort();
      expect(funnel.groups.map((g: { key: string }) => g.key)).toEqual(keys);
      for (const group of funnel.groups) {
        const mine = rows.filter((r) => keyOf(r) === group.key);
        expect(group.count).toBe(mine.length);
        for (const s of group.stages) {
          const here = mine.filter((r) => r.stage === s.stage);
          const reached = mine.filter((r) => histories.get(r.id)?.moves.some((m) => m.to === s.stage));
          const stays = mine.flatMap((r) =>
            (histories.get(r.id)?.moves ?? [])
              .filter((m) => m.from === s.stage)
              .map((m) => m.secondsInFrom ?? 0),
          );
          const sum = (xs: Row[]) => xs.reduce((n, r) => n + BigInt(r.amountYuan ?? 0), 0n).toString();
          expect(s, `${group.key} ${s.stage}`).toMatchObject({
            count: here.length,
            amountYuan: sum(here),
            reached: reached.length,
            reachedAmountYuan: sum(reached),
            completedStays: stays.length,
          });
          if (stays.length) expect(s.medianDays).toBeCloseTo(median(stays) / 86_400, 2);
          else expect(s.medianDays).toBeNull();
          const i = pipeline.indexOf(s.stage);
          const next = pipeline[i + 1];
          if (i >= 0 && next && reached.length) {
            const reachedNext = mine.filter((r) =>
              histories.get(r.id)?.moves.some((m) => m.to === next),
            ).length;
            expect(s.conversionToNext).toBeCloseTo(reachedNext / reached.length, 4);
          } else expect(s.conversionToNext).toBeNull();
        }
      }
      // The board's heads: the same counts and amounts now, without the history's figures.
      const current = (await call('GET', `/api/v1/projects/funnel?by=${by}&measures=current`, admin)).json();
      expect(current.groups.length).toBe(funnel.groups.length);
      for (const [i, group] of current.groups.entries()) {
        for (const [j, s] of group.stages.entries()) {
          const full = funnel.groups[i].stages[j];
          expect(s).toEqual({
            ...full,
            reached: 0,
            reachedAmountYuan: '0',
            conversionToNext: null,
            medianDays: null,
            completedStays: 0,
          });
        }
      }
    });

    it('groups by period, cluster and officer, and takes the list filters', async () => {
      const byYear = (await call('GET', '/api/v1/projects/funnel?by=period&period=year', admin)).json();
      for (const g of byYear.groups) expect(g.key).toMatch(/^\d{4}$/);
      const byQuarter = (await call('GET', '/api/v1/projects/funnel?by=period&period=quarter', admin)).json();
      for (const g of byQuarter.groups) expect(g.key).toMatch(/^\d{4}-Q[1-4]$/);
      const byCluster = (await call('GET', '/api/v1/projects/funnel?by=cluster', admin)).json();
      expect(byCluster.groups.some((g: { label: string | null }) => g.label === '氢能')).toBe(true);
      const byOfficer = (await call('GET', '/api/v1/projects/funnel?by=officer', admin)).json();
      const total = (await call('GET', '/api/v1/projects?limit=1', admin)).json().total;
      expect(byOfficer.groups.reduce((n: number, g: { count: number }) => n + g.count, 0)).toBe(total);
      const foreign = (await call('GET', '/api/v1/projects/funnel?foreignFunded=true', admin)).json();
      const foreignTotal = (await call('GET', '/api/v1/projects?limit=1&foreignFunded=true', admin)).json()
        .total;
      expect(foreign.groups[0].count).toBe(foreignTotal);
    });
  });

  describe('scoping', () => {
    let partner: string;
    let partnerId: string;
    let notReferred: Project[];
    let referred: Project[];

    beforeAll(async () => {
      partner = await signIn(app, 'partner@jiading.demo');
      partnerId = (await call('GET', '/api/v1/auth/me', partner)).json().partnerId;
      const all = (await call('GET', '/api/v1/projects?limit=200', admin)).json().items as Project[];
      referred = all.filter((p) => p.partnerId === partnerId);
      notReferred = all.filter((p) => p.partnerId !== partnerId);
    });

    it('shows a partner only the projects it referred, on every route', async () => {
      expect(referred.length).toBe(demoProjects.filter((p) => p.partner === 0).length);
      expect(notReferred.length).toBeGreaterThan(referred.length);
      const list = (await call('GET', '/api/v1/projects?limit=200', partner)).json();
      expect(list.items.map((p: Project) => p.id).sort()).toEqual(referred.map((p) => p.id).sort());
      for (const p of referred) {
        expect((await call('GET', `/api/v1/projects/${p.id}`, partner)).statusCode).toBe(200);
        expect((await call('GET', `/api/v1/projects/${p.id}/history`, partner)).statusCode).toBe(200);
      }
      // Whatever id it tries, another partner's project is not there; changes are not a partner's to make.
      for (const p of notReferred) {
        const before = (await call('GET', `/api/v1/projects/${p.id}`, admin)).json();
        for (const url of [`/api/v1/projects/${p.id}`, `/api/v1/projects/${p.id}/history`])
          expect((await call('GET', url, partner)).statusCode, url).toBe(404);
        for (const [method, url, body] of [
          ['GET', `/api/v1/projects/${p.id}/audit`],
          ['GET', `/api/v1/projects/${p.id}/tasks`],
          ['GET', `/api/v1/projects/${p.id}/activities`],
          ['PATCH', `/api/v1/projects/${p.id}`, { title: '改' }],
          ['DELETE', `/api/v1/projects/${p.id}`],
          ['POST', `/api/v1/projects/${p.id}/stage`, { to: 'lost', reason: 'other' }],
          ['POST', `/api/v1/projects/${p.id}/tasks`, { title: 'x' }],
          ['POST', `/api/v1/projects/${p.id}/activities`, { kind: 'note', summary: 'x' }],
        ] as [Method, string, object?][])
          expect((await call(method, url, partner, body)).statusCode, `${method} ${url}`).toBe(403);
        expect((await call('GET', `/api/v1/projects/${p.id}`, admin)).json()).toEqual(before);
      }
      for (const p of referred)
        expect((await call('PATCH', `/api/v1/projects/${p.id}`, partner, { title: '改' })).statusCode).toBe(
          403,
        );
      const funnel = (await call('GET', '/api/v1/projects/funnel', partner)).json();
      expect(funnel.groups[0].count).toBe(referred.length);
      expect((await call('GET', '/api/v1/tasks/due', partner)).statusCode).toBe(403);
    });

    it('lets a partner submit a lead that lands as a partner referral for triage', async () => {
      const refused = await call('POST', '/api/v1/projects', partner, {
        title: '伙伴线索',
        partnerId: notReferred[0]?.partnerId,
      });
      expect(refused.statusCode).toBe(400);
      const pinned = await call('POST', '/api/v1/projects', partner, { title: '伙伴线索', officerId: null });
      expect(pinned.statusCode).toBe(400);
      const res = await call('POST', '/api/v1/projects', partner, {
        title: '新能源商用车底盘项目',
        prospectName: '某商用车企业',
        prospectCountry: 'CN',
        amount: '3亿',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        stage: 'lead',
        source: 'partner_referral',
        partnerId,
        officerId: null,
      });
      const triage = (
        await call('GET', '/api/v1/projects?stage=lead&source=partner_referral&limit=200', officer)
      ).json();
      expect(triage.items.map((p: Project) => p.id)).toContain(res.json().id);
      expect((await call('GET', `/api/v1/projects/${res.json().id}`, partner)).statusCode).toBe(200);
    });

    it('answers 404 to another tenant on every project and partner route', async () => {
      const { createTenant } = await import('../tenants/service.ts');
      const { createUser } = await import('../identity/service.ts');
      const operator = { email: 'test@lodestone', userId: null };
      await createTenant(
        database.db,
        { slug: 'other', nameZh: '浦东新区', divisionCode: '310115' },
        operator,
      );
      await createUser(
        database.db,
        { tenantSlug: 'other', email: 'o@other.test', password: 'other-password', role: 'admin' },
        operator,
      );
      const other = await signIn(app, 'o@other.test', 'other-password');
      const p = referred[0] as Project;
      const task = (await call('GET', `/api/v1/projects/${p.id}/tasks`, admin)).json().items[0];
      for (const [method, url, body] of [
        ['GET', `/api/v1/projects/${p.id}`],
        ['PATCH', `/api/v1/projects/${p.id}`, { title: '改' }],
        ['DELETE', `/api/v1/projects/${p.id}`],
        ['POST', `/api/v1/projects/${p.id}/stage`, { to: 'lost', reason: 'other' }],
        ['GET', `/api/v1/projects/${p.id}/history`],
        ['GET', `/api/v1/projects/${p.id}/audit`],
        ['GET', `/api/v1/projects/${p.id}/tasks`],
        ['POST', `/api/v1/projects/${p.id}/tasks`, { title: 'x' }],
        ['PATCH', `/api/v1/projects/${p.id}/tasks/${task?.id}`, { done: true }],
        ['GET', `/api/v1/projects/${p.id}/activities`],
        ['POST', `/api/v1/projects/${p.id}/activities`, { kind: 'note', summary: 'x' }],
        ['GET', `/api/v1/partners/${partnerId}`],
        ['PATCH', `/api/v1/partners/${partnerId}`, { notes: 'x' }],
        ['DELETE', `/api/v1/partners/${partnerId}`],
        ['POST', `/api/v1/partners/${partnerId}/contacts`, { name: 'x' }],
      ] as [Method, string, object?][])
        expect((await call(method, url, other, body)).statusCode, `${method} ${url}`).toBe(404);
      expect((await call('GET', '/api/v1/projects', other)).json().total).toBe(0);
      expect((await call('GET', '/api/v1/partners', other)).json().items).toEqual([]);
      expect((await call('GET', '/api/v1/projects/funnel', other)).json().groups).toEqual([]);
      expect((await call('GET', '/api/v1/tasks/due', other)).json().items).toEqual([]);
      expect((await call('GET', '/api/v1/currency-rates', other)).json().items).toEqual([]);
      // Another tenant's partner cannot be named as a referrer either.
      const named = await call('POST', '/api/v1/projects', other, {
        title: 'x',
        source: 'partner_referral',
        partnerId,
      });
      expect(named.statusCode).toBe(400);
    });

    it('covers every pipeline route for a partner, another tenant and a town officer', async () => {
      const town = await signInTownOfficer(app, 'matrix@jiading.test', ['310114103']);
      const callers = {
        partner,
        other: await signIn(app, 'o@other.test', 'other-password'),
        town,
      };
      // A project neither referred by the partner nor in the town officer's town, with a task and an activity.
      const target = notReferred.find((p) => p.townCode === '310114501' && p.partnerId) as Project;
      const task = (await call('GET', `/api/v1/projects/${target.id}/tasks`, admin)).json().items[0];
      const activity = (await call('GET', `/api/v1/projects/${target.id}/activities`, admin)).json().items[0];
      const foreignPartner = target.partnerId as string;
      const contact = (await call('GET', `/api/v1/partners/${foreignPartner}`, admin)).json().contacts[0];
      const ids: Record<string, string> = {
        id: target.id,
        taskId: task.id,
        activityId: activity.id,
        contactId: contact.id,
        currency: 'USD',
      };
      // Expected status per caller; null where the caller's scope does not apply (said why beside it).
      type Expect = [partner: number, other: number | null, town: number | null, body?: object];
      const matrix: Record<string, Expect> = {
        'GET /api/v1/projects/{id}': [404, 404, 404],
        'PATCH /api/v1/projects/{id}': [403, 404, 404, { title: '改' }],
        'DELETE /api/v1/projects/{id}': [403, 404, 404],
        'POST /api/v1/projects/{id}/stage': [403, 404, 404, { to: 'lost', reason: 'other' }],
        'GET /api/v1/projects/{id}/history': [404, 404, 404],
        'GET /api/v1/projects/{id}/credit': [404, 404, 404],
        'GET /api/v1/projects/{id}/audit': [403, 404, 404],
        'GET /api/v1/projects/{id}/tasks': [403, 404, 404],
        'POST /api/v1/projects/{id}/tasks': [403, 404, 404, { title: 'x' }],
        'PATCH /api/v1/projects/{id}/tasks/{taskId}': [403, 404, 404, { done: true }],
        'DELETE /api/v1/projects/{id}/tasks/{taskId}': [403, 404, 404],
        'GET /api/v1/projects/{id}/activities': [403, 404, 404],
        'POST /api/v1/projects/{id}/activities': [403, 404, 404, { kind: 'note', summary: 'x' }],
        'DELETE /api/v1/projects/{id}/activities/{activityId}': [403, 404, 404],
        // Partners are the district's, not a town's: a town officer works with all of them.
        'GET /api/v1/partners/{id}': [404, 404, null],
        'PATCH /api/v1/partners/{id}': [403, 404, null, { notes: 'x' }],
        'DELETE /api/v1/partners/{id}': [403, 404, null],
        'POST /api/v1/partners/{id}/contacts': [403, 404, null, { name: 'x' }],
        'PATCH /api/v1/partners/{id}/contacts/{contactId}': [403, 404, null, { title: 'x' }],
        'DELETE /api/v1/partners/{id}/contacts/{contactId}': [403, 404, null],
        // Lists answer with the caller's own rows (checked in the tests above), never another's.
        'GET /api/v1/projects': [200, 200, 200],
        'POST /api/v1/projects': [201, 201, 201, { title: '矩阵线索', townCode: null }],
        'GET /api/v1/projects/funnel': [200, 200, 200],
        'GET /api/v1/projects/export': [200, 200, 200],
        // Refused before the body is read for a partner; the others reach the check of the (missing) file.
        'POST /api/v1/projects/import': [403, 400, 400],
        'GET /api/v1/partners': [200, 200, 200],
        'POST /api/v1/partners': [403, 201, 201, { nameZh: `矩阵伙伴`, kind: 'agency' }],
        'GET /api/v1/tasks/due': [403, 200, 200],
        // Tenant settings: read by every member, written by admins of their own tenant only.
        'GET /api/v1/pipeline-settings': [200, 200, 200],
        'PUT /api/v1/pipeline-settings': [403, 200, 403, { majorThresholdYuan: '100000000' }],
        'GET /api/v1/currency-rates': [200, 200, 200],
        'PUT /api/v1/currency-rates/{currency}': [403, 200, 403, { yuanPerUnit: '7.2' }],
        'DELETE /api/v1/currency-rates/{currency}': [403, 204, 403],
      };
      const doc = (await call('GET', '/api/openapi.json', admin)).json();
      const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
        ([path, ops]) =>
          /^\/api\/v1\/(projects|partners|tasks|pipeline-settings|currency-rates)/.test(path)
            ? Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)
            : [],
      );
      expect(routes.sort()).toEqual(Object.keys(matrix).sort());
      // Deletions last, so the routes before them still find their rows; the town officer's create needs a town.
      const order = Object.keys(matrix).sort(
        (a, b) => Number(a.startsWith('DELETE')) - Number(b.startsWith('DELETE')),
      );
      for (const route of order) {
        const [method, template] = route.split(' ') as [Method, string];
        const [forPartner, forOther, forTown, body] = matrix[route] as Expect;
        const url =
          template.replace(/\{(\w+)\}/g, (_, k: string) => ids[k] as string) +
          (template.endsWith('/export') ? '?format=csv' : '');
        const expected = { partner: forPartner, other: forOther, town: forTown };
        for (const who of ['partner', 'other', 'town'] as const) {
          const status = expected[who];
          if (status === null) continue;
          const payload =
            who === 'town' && route === 'POST /api/v1/projects' ? { ...body, townCode: '310114103' } : body;
          const named =
            route === 'POST /api/v1/partners' ? { ...payload, nameZh: `矩阵伙伴 ${who}` } : payload;
          const res = await call(method, url, callers[who], named);
          expect(res.statusCode, `${who} ${route}: ${res.body}`).toBe(status);
        }
      }
      // None of it touched the target.
      expect((await call('GET', `/api/v1/projects/${target.id}`, admin)).json()).toMatchObject({
        stage: target.stage,
        title: target.title,
      });
    });

    it('limits a town officer to projects in their towns', async () => {
      const { createUser } = await import('../identity/service.ts');
      await createUser(
        database.db,
        {
          tenantSlug: 'jiading',
          email: 'anting-pipeline@jiading.test',
          password: 'anting-password',
          role: 'officer',
          townCodes: ['310114103'],
        },
        { email: 'test@lodestone', userId: null },
      );
      const anting = await signIn(app, 'anting-pipeline@jiading.test', 'anting-password');
      const list = (await call('GET', '/api/v1/projects?limit=200', anting)).json();
      expect(list.items.length).toBeGreaterThan(0);
      for (const p of list.items) expect(p.townCode).toBe('310114103');
      const outside = (await call('GET', '/api/v1/projects?limit=200&town=310114501', admin)).json().items[0];
      for (const url of [
        `/api/v1/projects/${outside.id}`,
        `/api/v1/projects/${outside.id}/history`,
        `/api/v1/projects/${outside.id}/tasks`,
      ])
        expect((await call('GET', url, anting)).statusCode, url).toBe(404);
      expect((await move(outside.id, { to: 'lost', reason: 'other' }, anting)).statusCode).toBe(404);
      expect(
        (await call('PATCH', `/api/v1/projects/${outside.id}`, anting, { title: '改' })).statusCode,
      ).toBe(404);
      const inTown = list.items[0];
      const away = await call('PATCH', `/api/v1/projects/${inTown.id}`, anting, { townCode: '310114501' });
      expect(away.statusCode).toBe(403);
      expect((await call('GET', `/api/v1/projects/${inTown.id}`, anting)).json().townCode).toBe('310114103');
      expect(
        (await call('POST', '/api/v1/projects', anting, { title: '镇外项目', townCode: '310114501' }))
          .statusCode,
      ).toBe(403);
      expect((await call('POST', '/api/v1/projects', anting, { title: '无镇项目' })).statusCode).toBe(403);
      const created = await call('POST', '/api/v1/projects', anting, {
        title: '镇内项目',
        townCode: '310114103',
      });
      expect(created.statusCode).toBe(201);
      const funnel = (await call('GET', '/api/v1/projects/funnel', anting)).json();
      expect(funnel.groups[0].count).toBe(list.total + 1);
    });
  });
});
