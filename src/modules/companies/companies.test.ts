import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { makeCreditCode } from '../../domain/credit-code.ts';
import { nameSortKey } from '../../domain/name-order.ts';
import { demoApp, signIn } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { smallDemoCompanies } from '../demo/seed.ts';
import { createUser } from '../identity/service.ts';
import { createTenant } from '../tenants/service.ts';

const operator = { email: 'test@lodestone', userId: null };

/** Names compared as the database compares their sort keys: byte for byte. */
const inPinyinOrder = (a: string, b: string) =>
  Buffer.compare(Buffer.from(nameSortKey(a)), Buffer.from(nameSortKey(b)));

describe.each(testEngines())('companies API on %s', (engine) => {
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

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  const valid = {
    creditCode: '91330100716105852F',
    nameZh: '上海嘉定氢能港科技有限公司',
    nameEn: 'Shanghai Jiading Hydrogen Harbor Technology Co., Ltd.',
    industryCode: '3849',
    registeredCapitalYuan: '50000000',
    establishedOn: '2023-06-18',
    townCode: '310114103',
    enterpriseType: 'domestic' as const,
  };

  it('creates a company, reads it back and records it in its history', async () => {
    const res = await call('POST', '/api/v1/companies', officer, valid);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      creditCode: valid.creditCode,
      industrySection: 'C',
      industryDivision: '38',
      registeredCapitalYuan: '50000000',
      status: 'active',
    });
    const got = (await call('GET', `/api/v1/companies/${created.id}`, officer)).json();
    expect(got.company.nameZh).toBe(valid.nameZh);
    const history = (await call('GET', `/api/v1/companies/${created.id}/history`, officer)).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ action: 'create', actorEmail: 'officer@jiading.demo' });
  });

  it.each([
    [{ creditCode: '91330100716105852E' }, /check character/, 'creditCode', 'creditCode.checkChar'],
    [{ creditCode: '9133010071610585' }, /18 characters/, 'creditCode', 'creditCode.length'],
    [{ establishedOn: '2021-02-30' }, /no such date/, 'establishedOn', 'date.noSuchDate'],
    [{ townCode: '310115001' }, /unknown town/, 'townCode', 'town.unknown'],
    [{ industryCode: '9999' }, /GB\/T 4754/, 'industryCode', 'industry.unknown'],
    [
      { registeredCapitalYuan: '伍佰万' },
      /Chinese numerals/,
      'registeredCapitalYuan',
      'money.chineseNumerals',
    ],
  ])(
    'refuses %j with a specific reason, its field and code, and writes nothing',
    async (change, reason, field, code) => {
      const before = (await call('GET', '/api/v1/companies?limit=1', officer)).json().total;
      const res = await call('POST', '/api/v1/companies', officer, {
        ...valid,
        creditCode: '914403001922038216',
        ...change,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().detail).toMatch(reason);
      expect(res.json().errors).toEqual([{ field, code, params: expect.any(Object) }]);
      expect((await call('GET', '/api/v1/companies?limit=1', officer)).json().total).toBe(before);
    },
  );

  it('gives the parameters of a refusal, so a client can say it in Chinese', async () => {
    const res = await call('POST', '/api/v1/companies', officer, {
      ...valid,
      creditCode: '91330100716105852A',
    });
    expect(res.json()).toMatchObject({
      detail: '统一社会信用代码 credit code: check character should be "F", got "A"',
      errors: [{ field: 'creditCode', code: 'creditCode.checkChar', params: { expected: 'F', got: 'A' } }],
    });
    const patched = await call(
      'PATCH',
      `/api/v1/companies/${(await call('GET', `/api/v1/companies?q=${valid.creditCode}`, officer)).json().items[0].id}`,
      officer,
      { annualTaxYuan: '-5' },
    );
    expect(patched.json().errors).toEqual([
      { field: 'annualTaxYuan', code: 'money.negative', params: { text: '-5' } },
    ]);
  });

  it('lists what the registry holds now, right after an edit', async () => {
    const url = `/api/v1/companies?q=${valid.creditCode}`;
    const [listed] = (await call('GET', url, officer)).json().items;
    expect((await call('GET', url, officer)).json().items[0]).toEqual(listed);
    const renamed = await call('PATCH', `/api/v1/companies/${listed.id}`, officer, {
      nameEn: 'Jiading Hydrogen Harbour',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await call('GET', url, officer)).json().items[0].nameEn).toBe('Jiading Hydrogen Harbour');
  });

  it('keeps an unknown number of employees unknown (null), and zero as zero', async () => {
    const created = await call('POST', '/api/v1/companies', officer, {
      creditCode: makeCreditCode('91310114', 'MA7EMP01'),
      nameZh: '上海嘉定人数未知有限公司',
      employees: null,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().employees).toBeNull();
    const url = `/api/v1/companies/${created.json().id}`;
    expect((await call('PATCH', url, officer, { employees: 0 })).json().employees).toBe(0);
    expect((await call('PATCH', url, officer, { employees: 12 })).json().employees).toBe(12);
    expect((await call('PATCH', url, officer, { employees: null })).json().employees).toBeNull();
    const negative = await call('PATCH', url, officer, { employees: -1 });
    expect(negative.statusCode, negative.body).toBe(400);
    expect((await call('DELETE', url, officer)).statusCode).toBe(204);
  });

  it('refuses a second company with the same credit code', async () => {
    const res = await call('POST', '/api/v1/companies', officer, { ...valid, nameZh: '另一家公司' });
    expect(res.statusCode).toBe(409);
  });

  it('edits with validation and keeps before and after in the history', async () => {
    const id = (await call('GET', `/api/v1/companies?q=${valid.creditCode}`, officer)).json().items[0].id;
    const bad = await call('PATCH', `/api/v1/companies/${id}`, officer, { establishedOn: '2023-13-01' });
    expect(bad.statusCode).toBe(400);
    const ok = await call('PATCH', `/api/v1/companies/${id}`, officer, {
      employees: 120,
      hqType: 'rnd_center',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ employees: 120, hqType: 'rnd_center', nameZh: valid.nameZh });
    const history = (await call('GET', `/api/v1/companies/${id}/history`, officer)).json().items;
    expect(history[0]).toMatchObject({ action: 'update' });
    expect(history[0].before).toMatchObject({ employees: null, hqType: 'none' });
    expect(history[0].after).toMatchObject({ employees: 120, hqType: 'rnd_center' });
    expect(history[0].after).not.toHaveProperty('nameGrams');
  });

  it('finds companies by a two-character Chinese query, an English word and a credit-code prefix', async () => {
    const zhRes = await call('GET', `/api/v1/companies?q=${encodeURIComponent('氢能')}&limit=200`, officer);
    expect(zhRes.statusCode, zhRes.body).toBe(200);
    const byZh = zhRes.json();
    expect(byZh.items.length).toBeGreaterThan(0);
    for (const c of byZh.items) expect(`${c.nameZh}${c.formerNames.join('')}`).toContain('氢能');
    // Without a sort, a search comes back in name order, which is pinyin order.
    const names = byZh.items.map((c: { nameZh: string }) => c.nameZh);
    expect(names).toEqual([...names].sort(inPinyinOrder));
    const byEn = (await call('GET', '/api/v1/companies?q=hydrogen%20harb', officer)).json();
    expect(byEn.items.map((c: { creditCode: string }) => c.creditCode)).toContain(valid.creditCode);
    const byCode = (await call('GET', '/api/v1/companies?q=9133010071', officer)).json();
    expect(byCode.items.map((c: { creditCode: string }) => c.creditCode)).toEqual([valid.creditCode]);
    const short = await call('GET', `/api/v1/companies?q=${encodeURIComponent('氢')}`, officer);
    expect(short.statusCode).toBe(400);
  });

  it('finds a company by its whole name, legal form included, as pasted from a licence', async () => {
    const some = (await call('GET', '/api/v1/companies?limit=3&town=310114103', officer)).json().items;
    for (const company of some) {
      const name: string = company.nameZh;
      for (const q of [name, name.replace(/公司$/, ''), name.slice(2)]) {
        const res = (await call('GET', `/api/v1/companies?q=${encodeURIComponent(q)}`, officer)).json();
        expect(
          res.items.map((c: { id: string }) => c.id),
          q,
        ).toContain(company.id);
        for (const c of res.items) expect(c.nameZh).toContain(q);
      }
    }
  });

  it('combines a name search with filters and pages through its matches once each', async () => {
    const q = encodeURIComponent('科技');
    const town = '310114103';
    const inTown = (await call('GET', `/api/v1/companies?q=${q}&town=${town}&limit=200`, officer)).json();
    expect(inTown.items.length).toBeGreaterThan(0);
    for (const c of inTown.items) {
      expect(c.townCode).toBe(town);
      expect(c.nameZh).toContain('科技');
    }
    expect(inTown.total).toBe(inTown.items.length);
    // Every filter reads a column the search function returns: all of them together with a search.
    const everything = await call(
      'GET',
      `/api/v1/companies?q=${q}&industry=C&town=${town}&park=${encodeURIComponent('氢能港')}&establishedFrom=2000-01-01&establishedTo=2030-12-31&capitalMin=1&capitalMax=100000000000&enterpriseType=domestic&status=active&hqType=none&sort=capital`,
      officer,
    );
    expect(everything.statusCode, everything.body).toBe(200);
    for (const c of everything.json().items) expect(c).toMatchObject({ park: '氢能港', townCode: town });
    const seen: string[] = [];
    const dates: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/companies?q=${q}&sort=established&order=asc&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { id: string; establishedOn: string | null }[]; nextCursor: string | null } = (
        await call('GET', url, officer)
      ).json();
      seen.push(...page.items.map((c) => c.id));
      dates.push(...page.items.map((c) => c.establishedOn ?? '0001-01-01'));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await call('GET', `/api/v1/companies?q=${q}&limit=200`, officer)).json();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(all.total);
    expect([...dates].sort()).toEqual(dates);
  });

  it('flags likely duplicates in lists and on the profile', async () => {
    const a = await call('POST', '/api/v1/companies', officer, {
      creditCode: '91110108551385082Q',
      nameZh: '上海澜沧重复测试科技有限公司',
    });
    const b = await call('POST', '/api/v1/companies', officer, {
      creditCode: '91440300192317458F',
      nameZh: '上海 澜沧重复测试科技 股份有限公司',
    });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const list = (await call('GET', `/api/v1/companies?q=${encodeURIComponent('澜沧')}`, officer)).json();
    expect(list.items).toHaveLength(2);
    for (const item of list.items) expect(item.likelyDuplicate).toBe(true);
    const others = (await call('GET', '/api/v1/companies?limit=5&sort=name', officer)).json().items;
    expect(others.every((c: { likelyDuplicate: boolean }) => c.likelyDuplicate === false)).toBe(true);
    const profile = (await call('GET', `/api/v1/companies/${a.json().id}`, officer)).json();
    expect(profile.likelyDuplicates.map((d: { id: string }) => d.id)).toEqual([b.json().id]);
    for (const res of [a, b]) await call('DELETE', `/api/v1/companies/${res.json().id}`, officer);
  });

  it('sorts by name in pinyin order, searched or not, page after page', async () => {
    // Each name holds 澪汀; created out of order, with its pinyin spelled out in the comment.
    const names = [
      '上海澪汀汽车有限公司', // shang hai …
      'ABB澪汀(中国)有限公司', // Latin letters after Chinese
      '重庆澪汀银行', // chong qing: read in context, not zhong
      '阿澪汀科技有限公司', // a
      '长城澪汀汽车有限公司', // chang cheng
      '嘉定澪汀新城有限公司', // jia ding
      '3M澪汀有限公司', // digits first
      '安亭澪汀有限公司', // an, before ang
      '昂立澪汀教育有限公司', // ang
    ];
    const ids: string[] = [];
    for (const [i, nameZh] of names.entries()) {
      const res = await call('POST', '/api/v1/companies', officer, {
        creditCode: makeCreditCode('91310114', `PY${String(i).padStart(6, '0')}`),
        nameZh,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const expected = [
      '3M澪汀有限公司',
      '阿澪汀科技有限公司',
      '安亭澪汀有限公司',
      '昂立澪汀教育有限公司',
      '长城澪汀汽车有限公司',
      '重庆澪汀银行',
      '嘉定澪汀新城有限公司',
      '上海澪汀汽车有限公司',
      'ABB澪汀(中国)有限公司',
    ];
    const q = encodeURIComponent('澪汀');
    const page = async (url: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await call('GET', `${url}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, officer);
        expect(res.statusCode, res.body).toBe(200);
        const body: { items: { nameZh: string }[]; nextCursor: string | null } = res.json();
        seen.push(...body.items.map((c) => c.nameZh));
        cursor = body.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await page(`/api/v1/companies?q=${q}&sort=name&order=asc`)).toEqual(expected);
    expect(await page(`/api/v1/companies?q=${q}&sort=name&order=desc`)).toEqual([...expected].reverse());
    // Without a search word the list walks the whole registry in the same order.
    const all = await page('/api/v1/companies?sort=name&order=asc');
    expect(all.filter((name) => name.includes('澪汀'))).toEqual(expected);
    expect(all).toEqual([...all].sort(inPinyinOrder));
    for (const id of ids) await call('DELETE', `/api/v1/companies/${id}`, officer);
  });

  it('names the companies whose name begins with the search word above its first page', async () => {
    const created: string[] = [];
    for (const [i, [nameZh, townCode]] of (
      [
        ['上汽澪岚汽车有限公司', '310114103'], // begins with the word
        ['上海上汽澪岚零部件有限公司', '310114106'], // after the province
        ['上海市嘉定区上汽澪岚服务部', '310114103'], // after the province and the district
        ['上海安亭上汽澪岚配件有限公司', '310114103'], // after a town: only contains it
        ['澪岚上汽贸易有限公司', '310114103'], // only contains it
      ] as const
    ).entries()) {
      const res = await call('POST', '/api/v1/companies', officer, {
        creditCode: makeCreditCode('91310114', `BM${String(i).padStart(6, '0')}`),
        nameZh,
        townCode,
      });
      expect(res.statusCode, res.body).toBe(201);
      created.push(res.json().id);
    }
    const q = encodeURIComponent('上汽澪岚');
    const best = async (query: string) => {
      const res = await call('GET', `/api/v1/companies/best-matches?${query}`, officer);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((c: { nameZh: string }) => c.nameZh);
    };
    expect(await best(`q=${q}`)).toEqual([
      '上海上汽澪岚零部件有限公司',
      '上海市嘉定区上汽澪岚服务部',
      '上汽澪岚汽车有限公司',
    ]);
    // The exact name comes first; the list's other filters apply; a search without Chinese has none.
    created.push(
      (
        await call('POST', '/api/v1/companies', officer, {
          creditCode: makeCreditCode('91310114', 'BM000009'),
          nameZh: '上汽澪岚',
        })
      ).json().id,
    );
    expect((await best(`q=${q}`))[0]).toBe('上汽澪岚');
    expect(await best(`q=${q}&town=310114106`)).toEqual(['上海上汽澪岚零部件有限公司']);
    expect(await best('q=hydrogen')).toEqual([]);
    expect(
      (await call('GET', `/api/v1/companies/best-matches?q=${encodeURIComponent('上')}`, officer)).statusCode,
    ).toBe(400);
    for (const id of created) await call('DELETE', `/api/v1/companies/${id}`, officer);
  });

  it.each([
    ['established', 'asc', 'establishedOn'],
    ['updated', 'desc', 'updatedAt'],
    ['updated', 'asc', 'updatedAt'],
  ] as const)(
    'pages by %s %s with a cursor through every company exactly once, in order',
    async (sort, order, field) => {
      const seen: string[] = [];
      const values: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/companies?sort=${sort}&order=${order}&limit=37${cursor ? `&cursor=${cursor}` : ''}`;
        const page: { items: never[]; nextCursor: string | null } = (await call('GET', url, officer)).json();
        seen.push(...page.items.map((c: { id: string }) => c.id));
        values.push(...page.items.map((c: Record<string, string | null>) => c[field] ?? '0001-01-01'));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(smallDemoCompanies + 1);
      expect(new Set(seen).size).toBe(smallDemoCompanies + 1);
      const sorted = [...values].sort();
      expect(values).toEqual(order === 'asc' ? sorted : sorted.reverse());
    },
  );

  it('filters by town, industry section, type and capital', async () => {
    const all = (
      await call(
        'GET',
        '/api/v1/companies?limit=200&town=310114103&industry=C&enterpriseType=foreign,hmt',
        officer,
      )
    ).json();
    for (const c of all.items) {
      expect(c.townCode).toBe('310114103');
      expect(c.industrySection).toBe('C');
      expect(['foreign', 'hmt']).toContain(c.enterpriseType);
    }
    const rich = (await call('GET', '/api/v1/companies?limit=200&capitalMin=100000000', officer)).json();
    for (const c of rich.items) expect(BigInt(c.registeredCapitalYuan)).toBeGreaterThanOrEqual(100000000n);
  });

  it('counts the whole registry, a few towns’ share or a section’s exactly, past the list’s own count of 1,000', async () => {
    const undated = await call('POST', '/api/v1/companies', officer, {
      ...valid,
      creditCode: makeCreditCode('91310114', 'ND000001'),
      nameZh: '上海未注明成立日期的测试有限公司',
      establishedOn: undefined,
    });
    expect(undated.statusCode).toBe(201);
    const counted = async (where: SQL) =>
      (
        (await database.db.execute(
          sql`select count(*)::int as n from companies c join tenants t on t.id = c.tenant_id
              where t.slug = 'jiading' and ${where}`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]?.n;
    // The demo holds about 500 companies: twenty copies of each, made as the owner, take a few towns' share or a
    // section's past 1,000.
    await database.db.execute(
      sql`insert into companies
          select (jsonb_populate_record(c, jsonb_build_object('id', gen_random_uuid(),
            'credit_code', 'T' || upper(substr(md5(c.id::text || copy), 1, 17))))).*
          from companies c join tenants t on t.id = c.tenant_id cross join generate_series(1, 20) copy
          where t.slug = 'jiading'`,
    );
    try {
      const whole = (await call('GET', '/api/v1/companies?limit=5', officer)).json();
      expect(whole.total).toBeGreaterThan(1000);
      expect(whole).toMatchObject({ total: await counted(sql`true`), totalIsExact: true });
      const towns = '310114102,310114103,310114106,310114109';
      const inTowns = sql`c.town_code in ('310114102', '310114103', '310114106', '310114109')`;
      expect(await counted(inTowns)).toBeGreaterThan(1000);
      const fourTowns = (await call('GET', `/api/v1/companies?limit=5&town=${towns}`, officer)).json();
      expect(fourTowns).toMatchObject({ total: await counted(inTowns), totalIsExact: true });
      const manufacturing = sql`c.industry_section = 'C' and c.enterprise_type = 'domestic'`;
      expect(await counted(manufacturing)).toBeGreaterThan(1000);
      const domesticMakers = (
        await call('GET', '/api/v1/companies?limit=5&industry=C&enterpriseType=domestic', officer)
      ).json();
      expect(domesticMakers).toMatchObject({ total: await counted(manufacturing), totalIsExact: true });
      // A status is not in the roll-up: that list counts to 1,000 and says so.
      const active = (await call('GET', '/api/v1/companies?limit=5&status=active', officer)).json();
      expect(await counted(sql`c.status = 'active'`)).toBeGreaterThan(1000);
      expect(active).toMatchObject({ total: 1000, totalIsExact: false });
      expect((await call('DELETE', `/api/v1/companies/${undated.json().id}`, officer)).statusCode).toBe(204);
      const after = (await call('GET', '/api/v1/companies?limit=5', officer)).json();
      expect(after.total).toBe(whole.total - 1);
    } finally {
      await database.db.execute(sql`delete from companies where credit_code like 'T%'`);
    }
  });

  it.each([
    [
      '/api/v1/companies?sort=relevance',
      'querystring: sort must be one of name, established, capital, updated',
    ],
    ['/api/v1/companies?order=up', 'querystring: order must be one of asc, desc'],
    ['/api/v1/companies?limit=-5', 'querystring: limit must be >= 1'],
    [
      '/api/v1/companies?establishedFrom=2021-02-30',
      'querystring: establishedFrom must be a date YYYY-MM-DD that exists',
    ],
    ['/api/v1/companies/analytics/count-since', 'querystring: since is required'],
    [
      '/api/v1/companies/analytics/registrations?by=park',
      'querystring: by must be one of none, town, zone, industry, enterpriseType',
    ],
    ['/api/v1/companies/export?format=pdf', 'querystring: format must be one of csv, xlsx'],
    ['/api/v1/companies/not-an-id', 'params: id must be a UUID'],
  ])('answers %s with a 400 whose detail names the field and what it takes', async (url, detail) => {
    const res = await call('GET', url, officer);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json()).toMatchObject({ type: 'urn:lodestone:problem:validation', detail });
  });

  it.each([
    ['town=999999999', /unknown town "999999999"/],
    ['industry=99', /unknown industry "99"/],
    ['industry=3699', /unknown industry "3699"/],
    ['town=310114103,310115001', /unknown town "310115001"/],
    ['status=active,closed', /unknown status "closed": use any of active, revoked/],
    ['enterpriseType=jv', /unknown enterpriseType "jv"/],
    ['hqType=global', /unknown hqType "global"/],
    ['capitalMin=5000000&capitalMax=100', /capitalMin 5000000 is above capitalMax 100/],
    ['establishedFrom=2022-01-01&establishedTo=2021-12-31', /establishedFrom 2022-01-01 is after/],
  ])('refuses the filter %s on every registry read with a 400 that names it', async (query, detail) => {
    for (const path of [
      '/api/v1/companies?',
      `/api/v1/companies/best-matches?q=${encodeURIComponent('上海')}&`,
      '/api/v1/companies/export?format=csv&',
      '/api/v1/companies/analytics/registrations?',
      '/api/v1/companies/analytics/count-since?since=2021-01-01&',
    ]) {
      const res = await call('GET', `${path}${query}`, officer);
      expect(res.statusCode, path).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().detail).toMatch(detail);
      expect(res.json().errors, path).toEqual([
        { code: expect.stringMatching(/^filter\./), params: expect.any(Object) },
      ]);
    }
    // The same bounds the right way round, or equal, are fine.
    expect((await call('GET', '/api/v1/companies?capitalMin=100&capitalMax=100', officer)).statusCode).toBe(
      200,
    );
  });

  it('counts registrations per year that equal a recount of the rows', async () => {
    const rows: { establishedOn: string | null; townCode: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: never[]; nextCursor: string | null } = (
        await call('GET', `/api/v1/companies?limit=200${cursor ? `&cursor=${cursor}` : ''}`, officer)
      ).json();
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const byYear = (
      await call('GET', '/api/v1/companies/analytics/registrations?period=year', officer)
    ).json();
    const recount = new Map<string, number>();
    for (const r of rows)
      if (r.establishedOn)
        recount.set(r.establishedOn.slice(0, 4), (recount.get(r.establishedOn.slice(0, 4)) ?? 0) + 1);
    const points = byYear.series[0].points as { period: string; count: number }[];
    expect(Object.fromEntries(points.map((p) => [p.period, p.count]))).toEqual(Object.fromEntries(recount));
    const since = (
      await call('GET', '/api/v1/companies/analytics/count-since?since=2021-01-01', officer)
    ).json();
    expect(since.count).toBe(rows.filter((r) => r.establishedOn && r.establishedOn >= '2021-01-01').length);
    // A date inside a month counts that month's last days from the rows, then whole months from the first of
    // the next, which after December 9999 is in year 10000.
    for (const day of ['2021-12-15', '2023-06-30', '9999-12-15', '0001-01-02']) {
      const res = await call('GET', `/api/v1/companies/analytics/count-since?since=${day}`, officer);
      expect(res.statusCode, `${day}: ${res.body}`).toBe(200);
      expect(res.json().count).toBe(rows.filter((r) => r.establishedOn && r.establishedOn >= day).length);
    }
    const byTown = (
      await call('GET', '/api/v1/companies/analytics/registrations?period=year&by=town', officer)
    ).json();
    const anting = byTown.series.find((s: { key: string }) => s.key === '310114103');
    expect(anting.total).toBe(rows.filter((r) => r.townCode === '310114103' && r.establishedOn).length);
  });

  it('deletes a company and keeps its history readable', async () => {
    const id = (await call('GET', `/api/v1/companies?q=${valid.creditCode}`, admin)).json().items[0].id;
    expect((await call('DELETE', `/api/v1/companies/${id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/companies/${id}`, admin)).statusCode).toBe(404);
    const history = (await call('GET', `/api/v1/companies/${id}/history`, admin)).json().items;
    expect(history[0]).toMatchObject({ action: 'delete', after: null });
  });

  describe('scoping', () => {
    let someId: string;
    let someTown: string;
    let someName: string;
    beforeAll(async () => {
      const first = (await call('GET', '/api/v1/companies?limit=1&town=310114106', admin)).json().items[0];
      someId = first.id;
      someName = encodeURIComponent(first.nameZh);
      someTown = first.townCode;
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
    });

    it('answers 404 to another tenant for every company route', async () => {
      const other = await signIn(app, 'o@other.test', 'other-password');
      expect((await call('GET', `/api/v1/companies/${someId}`, other)).statusCode).toBe(404);
      expect((await call('PATCH', `/api/v1/companies/${someId}`, other, { employees: 1 })).statusCode).toBe(
        404,
      );
      expect((await call('DELETE', `/api/v1/companies/${someId}`, other)).statusCode).toBe(404);
      expect((await call('GET', `/api/v1/companies/${someId}/history`, other)).statusCode).toBe(404);
      expect((await call('GET', '/api/v1/companies', other)).json().total).toBe(0);
      // Search goes through an owner-run function; it must still see only the caller's tenant.
      const search = await call('GET', `/api/v1/companies?q=${encodeURIComponent('科技')}`, other);
      expect(search.json().total).toBe(0);
      const ownSearch = await call('GET', `/api/v1/companies?q=${encodeURIComponent('科技')}`, admin);
      expect(ownSearch.json().total).toBeGreaterThan(0);
      expect(
        (await call('GET', `/api/v1/companies/best-matches?q=${someName}`, admin)).json().items,
      ).not.toEqual([]);
      expect((await call('GET', `/api/v1/companies/best-matches?q=${someName}`, other)).json().items).toEqual(
        [],
      );
    });

    it('limits a town officer to their town', async () => {
      expect(someTown).toBe('310114106');
      const anting = await signIn(app, 'anting@jiading.test', 'anting-password');
      const list = (await call('GET', '/api/v1/companies?limit=200', anting)).json();
      expect(list.items.length).toBeGreaterThan(0);
      for (const c of list.items) expect(c.townCode).toBe('310114103');
      const best = (await call('GET', `/api/v1/companies/best-matches?q=${someName}`, anting)).json().items;
      expect(best.map((c: { id: string }) => c.id)).not.toContain(someId);
      for (const c of best) expect(c.townCode).toBe('310114103');
      expect((await call('GET', `/api/v1/companies/${someId}`, anting)).statusCode).toBe(404);
      expect((await call('PATCH', `/api/v1/companies/${someId}`, anting, { employees: 1 })).statusCode).toBe(
        404,
      );
      const outside = await call('POST', '/api/v1/companies', anting, {
        ...valid,
        creditCode: '914403001922038216',
        townCode: '310114106',
      });
      expect(outside.statusCode).toBe(403);
    });

    it("keeps a deleted company's history to the towns it was in", async () => {
      const anting = await signIn(app, 'anting@jiading.test', 'anting-password');
      const inTown = async (town: string) =>
        (await call('GET', `/api/v1/companies?limit=1&town=${town}`, admin)).json().items[0].id as string;
      const elsewhere = await inTown('310114106');
      const own = await inTown('310114103');
      for (const id of [elsewhere, own]) {
        expect(
          (await call('PATCH', `/api/v1/companies/${id}`, admin, { park: '历史测试园' })).statusCode,
        ).toBe(200);
        expect((await call('DELETE', `/api/v1/companies/${id}`, admin)).statusCode).toBe(204);
      }
      expect((await call('GET', `/api/v1/companies/${elsewhere}/history`, admin)).statusCode).toBe(200);
      expect((await call('GET', `/api/v1/companies/${elsewhere}/history`, anting)).statusCode).toBe(404);
      const ownHistory = await call('GET', `/api/v1/companies/${own}/history`, anting);
      expect(ownHistory.statusCode).toBe(200);
      expect(ownHistory.json().items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update']);
    });

    it('keeps partners and viewers to what their roles allow', async () => {
      const partner = await signIn(app, 'partner@jiading.demo');
      expect((await call('GET', '/api/v1/companies', partner)).statusCode).toBe(403);
      expect(
        (await call('GET', `/api/v1/companies/best-matches?q=${encodeURIComponent('科技')}`, partner))
          .statusCode,
      ).toBe(403);
      expect((await call('GET', `/api/v1/companies/${someId}`, partner)).statusCode).toBe(403);
      const viewer = await signIn(app, 'viewer@jiading.demo');
      expect((await call('GET', '/api/v1/companies', viewer)).statusCode).toBe(200);
      expect((await call('PATCH', `/api/v1/companies/${someId}`, viewer, { employees: 1 })).statusCode).toBe(
        403,
      );
    });
  });
});
