import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { demoApp, signIn } from '../../test/app.ts';
import { freshDatabase } from '../../test/databases.ts';
import { createUser } from '../identity/service.ts';
import { createTenant } from '../tenants/service.ts';

describe('dashboard routes', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let admin: string;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    app = await demoApp(database);
    admin = await signIn(app, 'admin@jiading.demo');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('gives the cockpit to the bureau, with a list filter behind each figure, and refuses bad input with a 400', async () => {
    const res = await call('GET', '/api/v1/dashboard/cockpit?since=2021-01-01', admin);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.newCompanies.companies).toBeGreaterThan(0);
    expect(body.majorProjects.list).toMatchObject({
      path: '/projects',
      query: { major: 'true', signedFrom: '2021-01-01' },
    });
    // The filter opens exactly the rows the figure counts.
    const q = new URLSearchParams({ ...body.majorProjects.list.query, limit: '200' });
    const listed = (await call('GET', `/api/v1/projects?${q}`, admin)).json();
    expect(listed.total).toBe(body.majorProjects.projects);
    const c = new URLSearchParams({ ...body.newCompanies.list.query, limit: '1' });
    const companies = (await call('GET', `/api/v1/companies?${c}`, admin)).json();
    expect(companies.total).toBe(body.newCompanies.companies);
    for (const url of ['?since=2021-02-30', '?since=2026-02-01&until=2025-01-01', '?zone=nope']) {
      const bad = await call('GET', `/api/v1/dashboard/cockpit${url}`, admin);
      expect(bad.statusCode, url).toBe(400);
    }
    const viewer = await signIn(app, 'viewer@jiading.demo');
    expect((await call('GET', '/api/v1/dashboard/cockpit', viewer)).statusCode).toBe(200);
    const partner = await signIn(app, 'partner@jiading.demo');
    expect((await call('GET', '/api/v1/dashboard/cockpit', partner)).statusCode).toBe(403);
  });

  it('opens behind each leaderboard row the projects credited to that partner, as the scorecards credit them', async () => {
    const body = (await call('GET', '/api/v1/dashboard/cockpit?since=2021-01-01', admin)).json();
    expect(body.partnerLeaderboard.length).toBeGreaterThan(1);
    const introduced: string[] = [];
    for (const row of body.partnerLeaderboard) {
      expect(row.list.query).toMatchObject({ credited: row.partnerId });
      expect(row.list.query.partner).toBeUndefined();
      const q = new URLSearchParams({ ...row.list.query, limit: '200' });
      const listed = (await call('GET', `/api/v1/projects?${q}`, admin)).json();
      expect(listed.total).toBe(row.projects);
      const amount = listed.items.reduce(
        (n: bigint, p: { amountYuan: string | null }) => n + BigInt(p.amountYuan ?? 0),
        0n,
      );
      expect(amount.toString()).toBe(row.amountYuan);
      for (const p of listed.items) {
        expect(p.credit.partnerId).toBe(row.partnerId);
        if (p.partnerId !== row.partnerId) introduced.push(p.title);
      }
    }
    // The demo's registered introducers take credit from the referring partners (or give it where none referred).
    expect(introduced.length).toBeGreaterThan(0);
  });

  it('shows a town officer their towns only', async () => {
    await createUser(
      database.db,
      {
        tenantSlug: 'jiading',
        email: 'anting-cockpit@jiading.test',
        password: 'anting-password',
        role: 'officer',
        townCodes: ['310114103'],
      },
      { email: 'test@lodestone', userId: null },
    );
    const anting = await signIn(app, 'anting-cockpit@jiading.test', 'anting-password');
    const body = (await call('GET', '/api/v1/dashboard/cockpit?since=2021-01-01', anting)).json();
    expect(body.area.towns).toEqual(['310114103']);
    for (const t of body.registrationsByTown) expect(t.town).toBe('310114103');
    const district = (
      await call('GET', '/api/v1/dashboard/cockpit?since=2021-01-01&town=310114103', admin)
    ).json();
    expect(body.newCompanies).toEqual(district.newCompanies);
    expect((await call('GET', '/api/v1/dashboard/cockpit?town=310114501', anting)).statusCode).toBe(403);
  });

  it('lets admins keep yearly targets, shown with progress on the cockpit; others only read them', async () => {
    const created = await call('POST', '/api/v1/dashboard/targets', admin, {
      year: 2026,
      metric: 'major_projects',
      value: '120',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const again = await call('POST', '/api/v1/dashboard/targets', admin, {
      year: 2026,
      metric: 'major_projects',
      value: '1',
    });
    expect(again.statusCode).toBe(409);
    const scoped = await call('POST', '/api/v1/dashboard/targets', admin, {
      year: 2026,
      metric: 'new_companies',
      clusterId: '01a212d9-4261-71b4-bdb2-87fd82bab5af',
      value: '1',
    });
    expect(scoped.statusCode).toBe(400);
    expect(
      (await call('PATCH', `/api/v1/dashboard/targets/${id}`, admin, { value: '150' })).json().value,
    ).toBe('150');
    const officer = await signIn(app, 'officer@jiading.demo');
    expect((await call('GET', '/api/v1/dashboard/targets?year=2026', officer)).json().items).toHaveLength(1);
    expect((await call('PATCH', `/api/v1/dashboard/targets/${id}`, officer, { value: '1' })).statusCode).toBe(
      403,
    );
    const cockpit = (
      await call('GET', '/api/v1/dashboard/cockpit?since=2026-01-01&until=2026-11-01', admin)
    ).json();
    expect(cockpit.targets).toHaveLength(1);
    expect(cockpit.targets[0]).toMatchObject({ metric: 'major_projects', value: '150' });

    await createTenant(
      database.db,
      { slug: 'other-cockpit', nameZh: '浦东新区', divisionCode: '310115' },
      {
        email: 'test@lodestone',
        userId: null,
      },
    );
    await createUser(
      database.db,
      { tenantSlug: 'other-cockpit', email: 'o@cockpit.test', password: 'other-password', role: 'admin' },
      { email: 'test@lodestone', userId: null },
    );
    const other = await signIn(app, 'o@cockpit.test', 'other-password');
    expect((await call('GET', `/api/v1/dashboard/targets/${id}`, other)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/dashboard/targets/${id}`, other)).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/dashboard/targets', other)).json().items).toEqual([]);
    expect((await call('GET', '/api/v1/dashboard/cockpit', other)).json().majorProjects.projects).toBe(0);
    expect((await call('DELETE', `/api/v1/dashboard/targets/${id}`, admin)).statusCode).toBe(204);
  });
});
