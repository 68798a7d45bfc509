import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { daily } from '../../domain/itinerary.ts';
import { demoApp, signIn } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { createUser } from '../identity/service.ts';
import { createTenant } from '../tenants/service.ts';

const operator = { email: 'test@lodestone', userId: null };
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Site {
  id: string;
  nameEn: string;
  townCode: string;
  capacity: number | null;
}

describe.each(testEngines())('sites API on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;
  let viewer: string;
  let partner: string;
  let other: string;
  let anting: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
    viewer = await signIn(app, 'viewer@jiading.demo');
    partner = await signIn(app, 'partner@jiading.demo');
    await createTenant(database.db, { slug: 'other', nameZh: '浦东新区', divisionCode: '310115' }, operator);
    await createUser(
      database.db,
      { tenantSlug: 'other', email: 'o@other.test', password: 'other-password', role: 'admin' },
      operator,
    );
    await createUser(
      database.db,
      {
        tenantSlug: 'jiading',
        email: 'anting@jiading.test',
        password: 'anting-password',
        role: 'officer',
        townCodes: ['310114103'],
      },
      operator,
    );
    other = await signIn(app, 'o@other.test', 'other-password');
    anting = await signIn(app, 'anting@jiading.test', 'anting-password');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (method: Method, url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const sites = async (cookie = officer): Promise<Site[]> =>
    (await call('GET', '/api/v1/sites', cookie)).json().items;

  const showroom = {
    nameZh: '某车企展厅',
    nameEn: 'A carmaker’s showroom',
    kind: 'company_showroom',
    townCode: '310114103',
    address: '安亭镇',
    capacity: 40,
    openingHours: [null, ...daily('10:00', '16:00').slice(1)],
    hostName: '接待',
    hostPhone: '021-0000 0000',
    introZh: '展厅',
    introEn: 'Showroom',
  };

  it('lists the demo sites with capacity and opening hours, and keeps a new one with an audit row', async () => {
    const demo = await sites();
    expect(demo.map((s) => s.nameEn)).toEqual(
      expect.arrayContaining(['Jiading New City Exhibition Hall', 'Jiading Industrial Internet Base']),
    );
    for (const s of demo) expect(s.capacity).toBeGreaterThan(0);
    const created = await call('POST', '/api/v1/sites', officer, showroom);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ ...showroom, id: expect.any(String) });
    const id = created.json().id;
    const patched = await call('PATCH', `/api/v1/sites/${id}`, officer, { capacity: 45 });
    expect(patched.json().capacity).toBe(45);
    expect((await call('GET', `/api/v1/sites/${id}`, viewer)).json().capacity).toBe(45);
    const admin = await signIn(app, 'admin@jiading.demo');
    const trail = (await call('GET', `/api/v1/audit?entity=sites&entityId=${id}`, admin)).json().items;
    expect(trail.map((a: { action: string }) => a.action)).toEqual(['update', 'create']);
    expect((await call('DELETE', `/api/v1/sites/${id}`, officer)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/sites/${id}`, officer)).statusCode).toBe(404);
  });

  it('keeps a site a project is intended for', async () => {
    const site = (await call('POST', '/api/v1/sites', officer, { ...showroom, nameZh: '项目展厅' })).json();
    const project = await call('POST', '/api/v1/projects', officer, { title: '展厅项目', siteId: site.id });
    expect(project.statusCode, project.body).toBe(201);
    expect((await call('DELETE', `/api/v1/sites/${site.id}`, officer)).statusCode).toBe(409);
    expect((await call('GET', `/api/v1/sites/${site.id}`, officer)).statusCode).toBe(200);
  });

  it.each([
    ['an unknown town', { townCode: '310115001' }],
    ['a town code of the wrong form', { townCode: 'x' }],
    ['a kind it does not know', { kind: 'museum' }],
    ['six days of hours', { openingHours: daily('09:00', '17:00').slice(0, 6) }],
    [
      'a day that closes before it opens',
      { openingHours: [...daily('09:00', '17:00').slice(0, 6), { open: '17:00', close: '09:00' }] },
    ],
    ['a capacity of zero', { capacity: 0 }],
    ['an empty name', { nameZh: '' }],
  ])('refuses %s with 400 and keeps nothing', async (_what, change) => {
    const before = (await sites()).length;
    const res = await call('POST', '/api/v1/sites', officer, { ...showroom, nameZh: '坏展厅', ...change });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await sites()).length).toBe(before);
  });

  it('keeps a symmetric travel-time table', async () => {
    const [a, b, c] = await sites();
    if (!a || !b || !c) throw new Error('the demo has sites');
    const set = await call('PUT', '/api/v1/sites/travel-times', officer, {
      from: b.id,
      to: a.id,
      minutes: 25,
    });
    expect(set.statusCode, set.body).toBe(200);
    await call('PUT', '/api/v1/sites/travel-times', officer, { from: a.id, to: b.id, minutes: 20 });
    const table = (await call('GET', '/api/v1/sites/travel-times', viewer)).json().items;
    const pair = table.filter(
      (t: { siteA: string; siteB: string }) =>
        [t.siteA, t.siteB].sort().join() === [a.id, b.id].sort().join(),
    );
    expect(pair).toEqual([expect.objectContaining({ minutes: 20 })]);
    expect(
      (await call('PUT', '/api/v1/sites/travel-times', officer, { from: a.id, to: a.id, minutes: 5 }))
        .statusCode,
    ).toBe(400);
    expect(
      (await call('PUT', '/api/v1/sites/travel-times', officer, { from: a.id, to: c.id, minutes: -1 }))
        .statusCode,
    ).toBe(400);
    const gone = await call('DELETE', `/api/v1/sites/travel-times?from=${a.id}&to=${b.id}`, officer);
    expect(gone.statusCode).toBe(204);
    expect(
      (await call('DELETE', `/api/v1/sites/travel-times?from=${a.id}&to=${b.id}`, officer)).statusCode,
    ).toBe(404);
  });

  it('lets a viewer read but not write, and shows a partner nothing', async () => {
    const [site] = await sites();
    expect((await call('POST', '/api/v1/sites', viewer, showroom)).statusCode).toBe(403);
    expect((await call('PATCH', `/api/v1/sites/${site?.id}`, viewer, { capacity: 1 })).statusCode).toBe(403);
    for (const url of ['/api/v1/sites', `/api/v1/sites/${site?.id}`, '/api/v1/sites/travel-times'])
      expect((await call('GET', url, partner)).statusCode, url).toBe(403);
  });

  it('keeps a town officer to the sites of their town', async () => {
    const all = await sites();
    const elsewhere = all.find((s) => s.townCode !== '310114103') as Site;
    const own = all.find((s) => s.townCode === '310114103') as Site;
    expect((await call('PATCH', `/api/v1/sites/${elsewhere.id}`, anting, { capacity: 9 })).statusCode).toBe(
      404,
    );
    expect(
      (await call('PATCH', `/api/v1/sites/${own.id}`, anting, { townCode: '310114501' })).statusCode,
    ).toBe(403);
    expect(
      (await call('PATCH', `/api/v1/sites/${own.id}`, anting, { capacity: own.capacity })).statusCode,
    ).toBe(200);
    const outside = await call('POST', '/api/v1/sites', anting, { ...showroom, townCode: '310114501' });
    expect(outside.statusCode).toBe(403);
  });

  it('answers 404 to another tenant', async () => {
    const [site, second] = await sites();
    expect(await sites(other)).toEqual([]);
    expect((await call('GET', `/api/v1/sites/${site?.id}`, other)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/v1/sites/${site?.id}`, other, { capacity: 1 })).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/sites/${site?.id}`, other)).statusCode).toBe(404);
    const travel = await call('PUT', '/api/v1/sites/travel-times', other, {
      from: site?.id,
      to: second?.id,
      minutes: 5,
    });
    expect(travel.statusCode).toBe(404);
    expect((await call('GET', '/api/v1/sites/travel-times', other)).json().items).toEqual([]);
  });
});
