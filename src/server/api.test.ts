import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { createUser } from '../modules/identity/service.ts';
import { createTenant } from '../modules/tenants/service.ts';
import { demoApp, signIn } from '../test/app.ts';
import { freshDatabase, testEngines } from '../test/databases.ts';

const operator = { email: 'test@lodestone', userId: null };

describe.each(testEngines())('API on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let admin: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database, { loginRateLimit: { max: 5, timeWindow: 60_000 } });
    admin = await signIn(app, 'admin@jiading.demo');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = (url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('reports health with version and engine', async () => {
    const res = await get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      engine,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('signs in with a session cookie that is httpOnly and SameSite', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'Officer@Jiading.Demo', password: 'lodestone-demo' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      role: 'officer',
      tenant: { slug: 'jiading', nameZh: '嘉定区', divisionCode: '310114' },
    });
    const cookie = res.cookies.find((c) => c.name === 'lodestone_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
  });

  it('refuses a wrong password with problem+json and no cookie', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'viewer@jiading.demo', password: 'wrong-password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: 'urn:lodestone:problem:invalid-credentials', status: 401 });
    expect(res.cookies).toHaveLength(0);
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@jiading.demo', password: 'lodestone-demo' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('email or password is incorrect');
  });

  it('rate-limits repeated sign-in attempts for one account', async () => {
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'analyst@jiading.demo', password: 'nope-nope-nope' },
      });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await attempt()).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    const limited = await attempt();
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(limited.json().type).toBe('urn:lodestone:problem:rate-limited');
  });

  it('rejects malformed input as a 400 problem, never a 500', async () => {
    for (const payload of [{}, { email: 'x' }, { email: 1, password: [] }, 'not json']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: payload as object,
        headers: typeof payload === 'string' ? { 'content-type': 'application/json' } : {},
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const bad = await get('/api/v1/audit?limit=99999', admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().type).toBe('urn:lodestone:problem:validation');
  });

  it('returns the current session and ends it on sign-out', async () => {
    const cookie = await signIn(app, 'viewer@jiading.demo');
    const me = await get('/api/v1/auth/me', cookie);
    expect(me.json()).toMatchObject({ role: 'viewer', user: { email: 'viewer@jiading.demo' }, towns: [] });
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await get('/api/v1/auth/me', cookie)).statusCode).toBe(401);
  });

  it('lists the demo territory: 12 towns, the New City zone, the article sites and clusters', async () => {
    const towns = (await get('/api/v1/towns', admin)).json().items;
    expect(towns).toHaveLength(12);
    expect(towns.find((t: { code: string }) => t.code === '310114103')).toMatchObject({
      nameZh: '安亭镇',
      nameEn: 'Anting Town',
    });
    const zones = (await get('/api/v1/zones', admin)).json().items;
    expect(zones.map((z: { nameEn: string }) => z.nameEn)).toEqual(['Jiading New City']);
    const sites = (await get('/api/v1/sites', admin)).json().items.map((s: { nameEn: string }) => s.nameEn);
    expect(sites).toEqual(
      expect.arrayContaining([
        'Jiading New City Exhibition Hall',
        'Jiading Hydrogen Energy Harbor',
        'Shanghai Intelligent Automobile Software Park',
        'Jiading Industrial Internet Base',
      ]),
    );
    const clusters = (await get('/api/v1/clusters', admin)).json().items.map((c: { code: string }) => c.code);
    expect(clusters.sort()).toEqual(['auto-software', 'biomed', 'hydrogen', 'ic', 'icv', 'iiot']);
  });

  it('enforces each route’s declared access', async () => {
    expect((await get('/api/v1/towns')).statusCode).toBe(401);
    const viewer = await signIn(app, 'viewer@jiading.demo');
    expect((await get('/api/v1/audit', viewer)).statusCode).toBe(403);
    expect((await get('/api/v1/towns', viewer)).statusCode).toBe(200);
    const partner = await signIn(app, 'partner@jiading.demo');
    expect((await get('/api/v1/towns', partner)).statusCode).toBe(403);
    expect((await get('/api/v1/reference/industries', partner)).statusCode).toBe(200);
  });

  it('keeps every /api/v1 route behind a declared access level', async () => {
    const { buildApp } = await import('./app.ts');
    const broken = await buildApp({ database, serveWeb: false });
    expect(() => broken.get('/api/v1/oops', async () => 'open')).toThrow(/does not declare its access/);
    await broken.close().catch(() => {});
  });

  it('serves reference divisions and industries', async () => {
    const provinces = (await get('/api/v1/reference/divisions', admin)).json().items;
    expect(provinces).toHaveLength(31);
    const jiading = (await get('/api/v1/reference/divisions?parent=310114&limit=50', admin)).json().items;
    expect(jiading).toHaveLength(12);
    expect(jiading[0]).toMatchObject({ code: '310114001', level: 'town', parentCode: '310114' });
    const found = (await get(`/api/v1/reference/divisions?q=${encodeURIComponent('安亭')}`, admin)).json()
      .items;
    expect(found.map((d: { code: string }) => d.code)).toContain('310114103');
    expect((await get('/api/v1/reference/divisions/310114', admin)).json()).toMatchObject({
      name: '嘉定区',
      level: 'county',
    });
    expect((await get('/api/v1/reference/divisions/999999', admin)).statusCode).toBe(404);
    const sections = (await get('/api/v1/reference/industries', admin)).json().items;
    expect(sections).toHaveLength(20);
    const ic = (await get(`/api/v1/reference/industries?q=${encodeURIComponent('集成电路')}`, admin)).json()
      .items;
    expect(ic.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['3973', '6520']));
    const classes = (await get('/api/v1/reference/industries?parent=361', admin)).json().items;
    expect(classes.map((i: { code: string }) => i.code)).toEqual(['3611', '3612']);
    // An English reader finds a division by its English name.
    const cars = (await get('/api/v1/reference/industries?q=automobiles', admin)).json().items;
    expect(cars).toEqual([
      expect.objectContaining({ code: '36', nameZh: '汽车制造业', nameEn: 'Manufacture of Automobiles' }),
    ]);
  });

  it('records an audit trail that admins can read by record', async () => {
    const zones = (await get('/api/v1/zones', admin)).json().items;
    const zoneId = zones[0].id;
    const trail = (await get(`/api/v1/audit?entity=zones&entityId=${zoneId}`, admin)).json();
    expect(trail.items).toHaveLength(1);
    expect(trail.items[0]).toMatchObject({
      action: 'create',
      entity: 'zones',
      actorEmail: 'seed@lodestone',
      before: null,
    });
    expect(trail.items[0].after).toMatchObject({ nameEn: 'Jiading New City', townCodes: zones[0].townCodes });
    const page1 = (await get('/api/v1/audit?limit=2', admin)).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await get(`/api/v1/audit?limit=2&cursor=${page1.nextCursor}`, admin)).json();
    expect(page2.items[0].id < page1.items[1].id).toBe(true);
  });

  it('authenticates API tokens as Bearer and stops honouring them when revoked', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { cookie: admin },
      payload: { name: 'nightly report' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/towns', headers: bearer })).statusCode).toBe(200);
    const listed = (await get('/api/v1/auth/tokens', admin)).json().items;
    expect(listed.map((t: { id: string }) => t.id)).toContain(id);
    expect(JSON.stringify(listed)).not.toContain(token);
    await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}`, headers: { cookie: admin } });
    const after = await app.inject({ method: 'GET', url: '/api/v1/towns', headers: bearer });
    expect(after.statusCode).toBe(401);
    const wrong = await app.inject({
      method: 'GET',
      url: '/api/v1/towns',
      headers: { authorization: 'Bearer lst_nope' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  describe('tenant isolation', () => {
    let other: string;

    beforeAll(async () => {
      await createTenant(
        database.db,
        { slug: 'pudong', nameZh: '浦东新区', nameEn: 'Pudong', divisionCode: '310115' },
        operator,
      );
      await createUser(
        database.db,
        { tenantSlug: 'pudong', email: 'admin@pudong.test', password: 'pudong-admin-pass', role: 'admin' },
        operator,
      );
      other = await signIn(app, 'admin@pudong.test', 'pudong-admin-pass');
    });

    it('shows a user only their own tenant’s rows', async () => {
      const towns = (await get('/api/v1/towns', other)).json().items;
      expect(towns.length).toBeGreaterThan(0);
      expect(towns.every((t: { code: string }) => t.code.startsWith('310115'))).toBe(true);
      expect((await get('/api/v1/zones', other)).json().items).toEqual([]);
      expect((await get('/api/v1/sites', other)).json().items).toEqual([]);
    });

    it('answers 404 for another tenant’s record', async () => {
      const zoneId = (await get('/api/v1/zones', admin)).json().items[0].id;
      expect((await get(`/api/v1/zones/${zoneId}`, admin)).statusCode).toBe(200);
      const res = await get(`/api/v1/zones/${zoneId}`, other);
      expect(res.statusCode).toBe(404);
      expect(res.json().type).toBe('urn:lodestone:problem:not-found');
      const trail = (await get(`/api/v1/audit?entityId=${zoneId}`, other)).json();
      expect(trail.items).toEqual([]);
    });
  });

  it('publishes an OpenAPI document describing every route, request bodies included', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\.1/);
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/towns',
      '/api/v1/audit',
      '/api/v1/reference/divisions',
      '/api/health',
    ]) {
      expect(paths).toContain(p);
    }
    expect(
      doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['email', 'password']);
    const docs = await get('/api/docs/');
    expect(docs.statusCode).toBe(200);
  });

  it('answers unknown API paths with a 404 problem', async () => {
    const res = await get('/api/v1/nothing-here', admin);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
