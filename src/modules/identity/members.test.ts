import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { demoApp, signIn } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { createTenant } from '../tenants/service.ts';
import { createUser } from './service.ts';

const operator = { email: 'test@lodestone', userId: null };

describe.each(testEngines())('member directory on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    await createTenant(database.db, { slug: 'other', nameZh: '浦东新区', divisionCode: '310115' }, operator);
    await createUser(
      database.db,
      {
        tenantSlug: 'other',
        email: 'o@other.test',
        password: 'other-password',
        role: 'officer',
        displayName: '浦东专员',
      },
      operator,
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

  it("lists the tenant's members by name and role, without emails", async () => {
    const res = await get('/api/v1/members', await signIn(app, 'viewer@jiading.demo'));
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; displayName: string; role: string }[];
    expect(items.map((m) => [m.displayName, m.role]).sort()).toEqual(
      [
        ['管理员 Admin', 'admin'],
        ['招商专员 Officer', 'officer'],
        ['分析员 Analyst', 'analyst'],
        ['访客 Viewer', 'viewer'],
        ['合作伙伴 Partner', 'partner'],
      ].sort(),
    );
    expect(res.body).not.toContain('@');
    expect(res.body).not.toContain('浦东专员');
  });

  it('filters by role and refuses an unknown one', async () => {
    const cookie = await signIn(app, 'officer@jiading.demo');
    const res = await get('/api/v1/members?role=officer,admin', cookie);
    expect(
      res
        .json()
        .items.map((m: { role: string }) => m.role)
        .sort(),
    ).toEqual(['admin', 'officer']);
    const bad = await get('/api/v1/members?role=boss', cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  });

  it('shows another tenant only its own members', async () => {
    const res = await get('/api/v1/members', await signIn(app, 'o@other.test', 'other-password'));
    expect(res.json().items).toEqual([{ id: expect.any(String), displayName: '浦东专员', role: 'officer' }]);
  });

  it('does not list members to a partner, nor name officers in its funnel', async () => {
    const partner = await signIn(app, 'partner@jiading.demo');
    const res = await get('/api/v1/members', partner);
    expect(res.statusCode).toBe(403);
    const funnel = (await get('/api/v1/projects/funnel?by=officer', partner)).json();
    expect(funnel.groups.length).toBeGreaterThan(0);
    for (const g of funnel.groups) expect(g.label).toBeNull();
    const staff = (
      await get('/api/v1/projects/funnel?by=officer', await signIn(app, 'admin@jiading.demo'))
    ).json();
    expect(staff.groups.map((g: { label: string | null }) => g.label)).toContain('招商专员 Officer');
  });

  it('refuses the unsigned', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/members' })).statusCode).toBe(401);
  });
});
