import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { demoApp, signIn } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface Project {
  amountYuan: string | null;
  signedAt: string | null;
  createdAt: string;
}

// Partner routes for each caller are also covered route by route in projects.test.ts (scoping).
describe.each(testEngines())('partners API on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;
  let admin: string;
  let partner: string;
  let partnerId: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
    admin = await signIn(app, 'admin@jiading.demo');
    partner = await signIn(app, 'partner@jiading.demo');
    partnerId = (await call('GET', '/api/v1/auth/me', partner)).json().partnerId;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (method: Method, url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  it('keeps partners with contacts and a scorecard that equals a recount', async () => {
    const created = await call('POST', '/api/v1/partners', officer, {
      nameZh: '上海市集成电路行业协会',
      kind: 'association',
      agreementRef: '测试协议',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const a = await call('POST', `/api/v1/partners/${id}/contacts`, officer, {
      name: '张三',
      isPrimary: true,
    });
    const b = await call('POST', `/api/v1/partners/${id}/contacts`, officer, {
      name: '李四',
      isPrimary: true,
    });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const got = (await call('GET', `/api/v1/partners/${id}`, officer)).json();
    expect(got.contacts.map((c: { name: string; isPrimary: boolean }) => [c.name, c.isPrimary])).toEqual([
      ['李四', true],
      ['张三', false],
    ]);
    expect(got.scorecard).toMatchObject({ referred: 0, signed: 0, conversion: null });
    const bad = await call('POST', '/api/v1/partners', officer, { nameZh: 'x', kind: 'club' });
    expect(bad.statusCode).toBe(400);

    const list = (await call('GET', '/api/v1/partners?limit=200', officer)).json().items;
    for (const partner of list) {
      const referred = (await call('GET', `/api/v1/projects?limit=200&credited=${partner.id}`, admin)).json()
        .items;
      const signed = referred.filter((p: Project) => p.signedAt !== null);
      expect(partner.scorecard).toMatchObject({
        referred: referred.length,
        signed: signed.length,
        amountSignedYuan: signed
          .reduce((n: bigint, p: Project) => n + BigInt(p.amountYuan ?? 0), 0n)
          .toString(),
      });
      if (signed.length) {
        const days = signed.map(
          (p: Project) => (Date.parse(String(p.signedAt)) - Date.parse(String(p.createdAt))) / 86_400_000,
        );
        const s = [...days].sort((x, y) => x - y);
        const mid = (s.length - 1) / 2;
        expect(partner.scorecard.medianDaysLeadToSigned).toBeCloseTo(
          (s[Math.floor(mid)] + s[Math.ceil(mid)]) / 2,
          2,
        );
        expect(partner.scorecard.conversion).toBeCloseTo(signed.length / referred.length, 4);
      }
    }
  });

  it('keeps a partner that referred projects', async () => {
    const referrer = (await call('GET', '/api/v1/partners?limit=200', officer))
      .json()
      .items.find((p: { scorecard: { referred: number } }) => p.scorecard.referred > 0);
    const res = await call('DELETE', `/api/v1/partners/${referrer.id}`, admin);
    expect(res.statusCode).toBe(409);
    expect((await call('GET', `/api/v1/partners/${referrer.id}`, admin)).statusCode).toBe(200);
  });

  it('shows a partner its own record and scorecard only', async () => {
    const partners = (await call('GET', '/api/v1/partners', partner)).json().items;
    const referred = (await call('GET', `/api/v1/projects?limit=200&credited=${partnerId}`, partner)).json()
      .total;
    expect(partners.map((p: { id: string }) => p.id)).toEqual([partnerId]);
    expect(partners[0].scorecard.referred).toBe(referred);
    const others = (await call('GET', '/api/v1/partners?limit=200', admin)).json().items;
    for (const other of others.filter((p: { id: string }) => p.id !== partnerId)) {
      expect((await call('GET', `/api/v1/partners/${other.id}`, partner)).statusCode).toBe(404);
      expect((await call('PATCH', `/api/v1/partners/${other.id}`, partner, { notes: 'x' })).statusCode).toBe(
        403,
      );
    }
    expect(
      (await call('POST', '/api/v1/partners', partner, { nameZh: 'x', kind: 'agency' })).statusCode,
    ).toBe(403);
    expect((await call('GET', '/api/v1/companies', partner)).statusCode).toBe(403);
  });

  it('pages partners by name with a cursor and filters by kind and name', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/partners?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { id: string; nameZh: string }[]; nextCursor: string | null } = (
        await call('GET', url, officer)
      ).json();
      seen.push(...page.items.map((p) => p.nameZh));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect([...seen].sort()).toEqual(seen);
    const chambers = (await call('GET', '/api/v1/partners?kind=chamber', officer)).json().items;
    expect(chambers.map((p: { kind: string }) => p.kind)).toEqual(['chamber']);
    const byName = (
      await call('GET', `/api/v1/partners?q=${encodeURIComponent('医疗器械')}`, officer)
    ).json();
    expect(byName.items.map((p: { nameEn: string }) => p.nameEn)).toEqual([
      'Shanghai Medical Device Industry Association',
    ]);
  });
});
