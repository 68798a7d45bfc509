import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { demoApp, signIn, signInOtherTenant } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';

describe.each(testEngines())('saved views on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;
  let admin: string;
  let partner: string;
  let other: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
    admin = await signIn(app, 'admin@jiading.demo');
    partner = await signIn(app, 'partner@jiading.demo');
    other = await signInOtherTenant(app, 'officer');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const mine = async (cookie: string, entity = 'projects') =>
    (await call('GET', `/api/v1/saved-views?entity=${entity}`, cookie)).json().items as {
      id: string;
      name: string;
      query: Record<string, unknown>;
    }[];

  it('saves, lists by name, reopens and deletes a view of the project list', async () => {
    const query = { stage: 'negotiating,signed', major: true, officer: 'me', sort: 'amount', order: 'desc' };
    const res = await call('POST', '/api/v1/saved-views', officer, {
      entity: 'projects',
      name: '重大在谈',
      query,
    });
    expect(res.statusCode, res.body).toBe(201);
    const saved = res.json();
    await call('POST', '/api/v1/saved-views', officer, {
      entity: 'projects',
      name: 'A 新线索',
      query: { stage: 'lead' },
    });
    expect((await mine(officer)).map((v) => v.name)).toEqual(['A 新线索', '重大在谈']);

    // The saved query is what the list route takes: replayed, it filters the list.
    const view = (await mine(officer)).find((v) => v.id === saved.id);
    expect(view?.query).toEqual(query);
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const list = await call('GET', `/api/v1/projects?${params}`, officer);
    expect(list.statusCode, list.body).toBe(200);

    expect((await call('DELETE', `/api/v1/saved-views/${saved.id}`, officer)).statusCode).toBe(204);
    expect((await mine(officer)).map((v) => v.name)).toEqual(['A 新线索']);
    expect((await call('DELETE', `/api/v1/saved-views/${saved.id}`, officer)).statusCode).toBe(404);
  });

  it('keeps views personal: another user or tenant neither sees nor deletes them', async () => {
    const res = await call('POST', '/api/v1/saved-views', officer, {
      entity: 'projects',
      name: '我的视图',
      query: { source: 'event' },
    });
    const { id } = res.json();
    expect((await mine(admin)).map((v) => v.name)).not.toContain('我的视图');
    expect(await mine(other)).toEqual([]);
    expect((await call('DELETE', `/api/v1/saved-views/${id}`, admin)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/saved-views/${id}`, other)).statusCode).toBe(404);
    // The same name is free for someone else.
    const same = await call('POST', '/api/v1/saved-views', admin, {
      entity: 'projects',
      name: '我的视图',
      query: {},
    });
    expect(same.statusCode).toBe(201);
    expect((await mine(officer)).map((v) => v.name)).toContain('我的视图');
  });

  it('keeps views of the company list apart from the project list', async () => {
    const res = await call('POST', '/api/v1/saved-views', officer, {
      entity: 'companies',
      name: '安亭企业',
      query: { town: '310114103', sort: 'name' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await mine(officer, 'companies')).map((v) => v.name)).toEqual(['安亭企业']);
    expect((await mine(officer)).map((v) => v.name)).not.toContain('安亭企业');
  });

  it.each([
    [{ entity: 'projects', name: ' ', query: {} }, 400, /name/],
    [{ entity: 'projects', name: 'x', query: { limit: '5' } }, 400, /no parameter limit/],
    [{ entity: 'projects', name: 'x', query: { color: 'red' } }, 400, /no parameter color/],
    [{ entity: 'deals', name: 'x', query: {} }, 400, /entity/],
    [{ entity: 'projects', name: 'A 新线索', query: {} }, 409, /already have/],
  ])('refuses %j', async (body, status, reason) => {
    const before = (await mine(officer)).length;
    const res = await call('POST', '/api/v1/saved-views', officer, body);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().detail ?? res.json().title).toMatch(reason);
    expect((await mine(officer)).length).toBe(before);
  });

  it('lets a partner keep views of its referrals but not of the registry it may not read', async () => {
    const ok = await call('POST', '/api/v1/saved-views', partner, {
      entity: 'projects',
      name: '已签约',
      query: { stage: 'signed' },
    });
    expect(ok.statusCode).toBe(201);
    const refused = await call('POST', '/api/v1/saved-views', partner, {
      entity: 'companies',
      name: 'x',
      query: {},
    });
    expect(refused.statusCode).toBe(403);
    expect((await call('GET', '/api/v1/saved-views?entity=companies', partner)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/saved-views?entity=projects' })).statusCode).toBe(
      401,
    );
  });
});
