import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textArrayLiteral } from '../../db/arrays.ts';
import type { Database } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { makeCreditCode } from '../../domain/credit-code.ts';
import { planSearch } from '../../domain/search-grams.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { companiesCsv } from '../demo/company-generator.ts';
import { seedDemo } from '../demo/seed.ts';
import { createTenant, findTenant } from '../tenants/service.ts';
import { countSince } from './analytics.ts';
import { exportRows } from './export.ts';
import { importCompanies } from './import/pipeline.ts';
import { type CompanyFilters, type ListOptions, listCompanies } from './search.ts';
import { createCompany } from './service.ts';

type Rows<T> = { rows: T[] };

/**
 * A search with more matches than a list gathers (1,001) must still sort, filter, page and export over all of
 * them: the generated registry has about 1,150 汽车 companies among 8,000.
 */
const cases = testEngines().flatMap((engine) =>
  (['without statistics', 'with statistics'] as const).map((statistics) => [engine, statistics] as const),
);

// Without statistics a list gathers up to a bound and walks beyond it; with them it estimates which is cheaper.
describe.each(cases)('a broad name search on %s, %s', (engine, statistics) => {
  let database: Database;
  let tenantId: string;
  type Match = { id: string; capital: string; established: string };
  let matches: Match[];
  let formerOnly: string;
  let spaced: string[];
  let otherId: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    await seedDemo(database);
    tenantId = (await findTenant(database.db, 'jiading'))?.id as string;
    await importCompanies(
      database,
      { buffer: Buffer.from(companiesCsv(8000, 808)) },
      { fileName: 'broad.csv', actor: { tenantId, userId: null, email: 'broad@test' } },
    );
    // Found by its former name alone: the name walk checks former names on the index too.
    formerOnly = (
      await inTenant(database.db, tenantId, (tx) =>
        createCompany(
          tx,
          { tenantId, userId: null, email: 'broad@test' },
          {
            creditCode: makeCreditCode('91310114', '7A3K9Q2M'),
            nameZh: '上海嘉定新能动力有限公司',
            nameEn: null,
            formerNames: ['上海嘉定汽车动力有限公司'],
            townCode: '310114103',
          },
        ),
      )
    ).id;
    // Every gram of "汽车 零部件" is common (汽车零部件 is a generated trade), the phrase with its space is in these
    // three names only: a name walk must read on past chunks that hold no match, to the end of the index.
    spaced = [];
    for (const [i, name] of [
      '上海阿德汽车 零部件有限公司',
      '上海嘉定汽车 零部件有限公司',
      '上海至远汽车 零部件有限公司',
    ].entries()) {
      const created = await inTenant(database.db, tenantId, (tx) =>
        createCompany(
          tx,
          { tenantId, userId: null, email: 'broad@test' },
          { creditCode: makeCreditCode('91310114', `8B4L0R${i}N`), nameZh: name, townCode: '310114103' },
        ),
      );
      spaced.push(created.id);
    }
    // Another tenant holding a copy of every company, same names: any leak shows up as an id not in the recount.
    const other = await createTenant(
      database.db,
      { slug: 'other', nameZh: '浦东新区', divisionCode: '310115' },
      { email: 'broad@test', userId: null },
    );
    otherId = other.id;
    await database.db.execute(
      sql`insert into companies
          select (jsonb_populate_record(c, jsonb_build_object('tenant_id', ${otherId}::uuid, 'id', gen_random_uuid()))).*
          from companies c where tenant_id = ${tenantId}`,
    );
    // The recount, as the owner, straight from the rows.
    matches = (
      (await database.db.execute(
        sql`select id, coalesce(registered_capital_yuan, -1)::text as capital,
              coalesce(established_on, '0001-01-01')::text as established
            from companies where tenant_id = ${tenantId}
              and (name_zh like '%汽车%' or array_to_string(former_names, ' ') like '%汽车%')`,
      )) as unknown as Rows<Match>
    ).rows;
    expect(matches.length).toBeGreaterThan(1001);
    if (statistics === 'with statistics') await database.db.execute(sql`analyze companies`);
  }, 120_000);
  afterAll(() => database?.close());

  const list = (options: Partial<ListOptions>) =>
    inTenant(database.db, tenantId, (tx) =>
      listCompanies(tx, { q: '汽车', sort: 'name', order: 'asc', limit: 50, ...options }),
    );

  it('puts the largest registered capital of all the matches first', async () => {
    const page = await list({ sort: 'capital', order: 'desc' });
    const largest = matches.reduce((a, b) => (BigInt(b.capital) > BigInt(a.capital) ? b : a));
    expect(page.items[0]?.id).toBe(largest.id);
    expect(page.total).toBe(1000);
    expect(page.totalIsExact).toBe(false);
  });

  it('pages through every match once, in order', async () => {
    const seen: string[] = [];
    const dates: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ sort: 'established', order: 'asc', limit: 200, cursor });
      seen.push(...page.items.map((c) => c.id));
      dates.push(...page.items.map((c) => c.establishedOn ?? '0001-01-01'));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(matches.map((m) => m.id)));
    expect([...dates].sort()).toEqual(dates);
  });

  /** Every match of a query in one tenant and one order, recounted by the owner with the search's own rule. */
  async function recount(tenant: string, q: string, order: 'asc' | 'desc') {
    const plan = planSearch(q);
    if (plan.kind !== 'grams') throw new Error(q);
    const dir = sql.raw(order);
    const { rows } = (await database.db.execute(
      sql`select id from companies where tenant_id = ${tenant}
            and name_grams @> ${textArrayLiteral(plan.grams)}::text[]
            and (name_zh ilike ${plan.pattern} or name_en ilike ${plan.pattern}
              or array_to_string(former_names, ' ') ilike ${plan.pattern})
          order by name_sort ${dir}, id ${dir}`,
    )) as unknown as Rows<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async function pagedIds(tenant: string, q: string, order: 'asc' | 'desc') {
    const seen: string[] = [];
    let cursor: string | undefined;
    let first: Awaited<ReturnType<typeof listCompanies>> | undefined;
    do {
      const page = await inTenant(database.db, tenant, (tx) =>
        listCompanies(tx, { q, sort: 'name', order, limit: 200, cursor }),
      );
      first ??= page;
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { seen, first: first as NonNullable<typeof first> };
  }

  it.each([
    ['汽车', 'asc'],
    ['汽车', 'desc'],
    ['shanghai', 'asc'],
    ['科技', 'desc'],
  ] as const)(
    'pages through every match of %s by name (%s), in order, and no other tenant’s',
    async (q, order) => {
      const { seen, first } = await pagedIds(tenantId, q, order);
      const wanted = await recount(tenantId, q, order);
      expect(wanted.length).toBeGreaterThan(200);
      expect(seen).toEqual(wanted);
      if (q === '汽车') expect(seen).toContain(formerOnly);
      // The count is exact, or a lower bound marked as such: never more than the matches.
      if (first.totalIsExact) expect(first.total).toBe(wanted.length);
      else expect(first.total).toBeLessThanOrEqual(wanted.length);
    },
  );

  it.runIf(statistics === 'with statistics')(
    'counts a word with a few hundred matches exactly in name order, where a walk would stop at its page',
    async () => {
      // 400 names with 澜岳: more than a name-order walk stops short of at this size (about 230), fewer than the cap.
      const csv = ['统一社会信用代码,企业名称'];
      for (let i = 0; i < 400; i++)
        csv.push(
          `${makeCreditCode('91310114', `LY${String(i).padStart(6, '0')}`)},上海澜岳${i}号贸易有限公司`,
        );
      await importCompanies(
        database,
        { buffer: Buffer.from(csv.join('\n')) },
        { fileName: 'lanyue.csv', actor: { tenantId, userId: null, email: 'broad@test' } },
      );
      await database.db.execute(sql`analyze companies`);
      const wanted = await recount(tenantId, '澜岳', 'asc');
      expect(wanted).toHaveLength(400);
      const page = await list({ q: '澜岳', sort: 'name', order: 'asc', limit: 50 });
      expect(page).toMatchObject({ total: 400, totalIsExact: true });
      expect(page.items.map((c) => c.id)).toEqual(wanted.slice(0, 50));
    },
  );

  it('finds a phrase whose grams are all common but which few names hold, reading on to the end', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ q: '汽车 零部件', limit: 2, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(await recount(tenantId, '汽车 零部件', 'asc'));
    expect(new Set(seen)).toEqual(new Set(spaced));
  });

  it('shows the other tenant only its own copies', async () => {
    const { seen } = await pagedIds(otherId, '汽车', 'asc');
    const wanted = await recount(otherId, '汽车', 'asc');
    expect(seen).toEqual(wanted);
    expect(seen).not.toContain(formerOnly);
    expect(seen.length).toBe(matches.length);
  });

  it('counts a search whose matches fit on the first page exactly', async () => {
    const page = await list({ q: '新能动力', limit: 50 });
    expect(page.items.map((c) => c.id)).toEqual([formerOnly]);
    expect(page).toMatchObject({ total: 1, totalIsExact: true, nextCursor: null });
  });

  it('filters among all the matches, not among the first gathered', async () => {
    // 上海 begins every generated name: the first 1,001 gathered are an eighth of the matches.
    const wanted = (
      (await database.db.execute(
        sql`select id from companies where tenant_id = ${tenantId} and name_zh like '%上海%'
              and industry_section = 'C' and enterprise_type = 'foreign'`,
      )) as unknown as Rows<{ id: string }>
    ).rows;
    expect(wanted.length).toBeGreaterThan(20);
    const page = await list({ q: '上海', industry: 'C', enterpriseType: ['foreign'], limit: 1000 });
    expect(page.totalIsExact).toBe(true);
    expect(page.total).toBe(wanted.length);
    expect(new Set(page.items.map((c) => c.id))).toEqual(new Set(wanted.map((m) => m.id)));
  });

  it.each<[CompanyFilters, string]>([
    [{ status: ['revoked'] }, "status = 'revoked'"],
    [
      { enterpriseType: ['foreign'], hqType: ['rnd_center', 'regional_hq'] },
      "enterprise_type = 'foreign' and hq_type <> 'none'",
    ],
    [
      { enterpriseType: ['foreign', 'hmt'], status: ['active'], town: ['310114103', '310114106'] },
      "enterprise_type <> 'domestic' and status = 'active' and town_code in ('310114103', '310114106')",
    ],
  ])(
    'narrows a common word by kinds (%o) in every order, over all its matches',
    async (filters, condition) => {
      const { rows: wanted } = (await database.db.execute(
        sql`select id from companies where tenant_id = ${tenantId} and ${sql.raw(condition)}
            and (name_zh like '%汽车%' or array_to_string(former_names, ' ') like '%汽车%')`,
      )) as unknown as Rows<{ id: string }>;
      expect(wanted.length).toBeGreaterThan(5);
      for (const sort of ['name', 'updated', 'capital'] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await list({ ...filters, sort, order: 'desc', limit: 20, cursor });
          seen.push(...page.items.map((c) => c.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        expect(new Set(seen)).toEqual(new Set(wanted.map((w) => w.id)));
      }
    },
  );

  it('intersects a word with a kind in the index, visiting only that kind’s matches', async () => {
    const plan = planSearch('汽车');
    if (plan.kind !== 'grams') throw new Error('汽车');
    const grams = textArrayLiteral(plan.grams);
    /** Rows returned by the search function, and rows it read from the table to find them (this transaction's). */
    const search = (kinds: string[] | null) =>
      inTenant(database.db, tenantId, async (tx) => {
        const fetched = async () => {
          const { rows } = (await tx.execute(
            sql`select (pg_stat_get_xact_tuples_fetched('companies'::regclass)
              + pg_stat_get_xact_tuples_returned('companies'::regclass))::int as n`,
          )) as unknown as Rows<{ n: number }>;
          return rows[0]?.n ?? 0;
        };
        const before = await fetched();
        const { rows } = (await tx.execute(
          sql`select count(*)::int as n from lodestone_company_name_search(${grams}::text[], ${plan.pattern}, null,
                ${kinds ? textArrayLiteral(kinds) : null}::text[], null)`,
        )) as unknown as Rows<{ n: number }>;
        return { found: rows[0]?.n ?? 0, fetched: (await fetched()) - before };
      });
    const all = await search(null);
    const revoked = await search(['revoked']);
    expect(all.found).toBe(matches.length);
    const { rows } = (await database.db.execute(
      sql`select count(*)::int as n from companies where tenant_id = ${tenantId} and status = 'revoked'
            and (name_zh like '%汽车%' or array_to_string(former_names, ' ') like '%汽车%')`,
    )) as unknown as Rows<{ n: number }>;
    expect(revoked.found).toBe(rows[0]?.n);
    expect(all.fetched).toBeGreaterThanOrEqual(all.found);
    // The word's matches of other statuses are left out in the index: a fifth of the visits at most.
    expect(revoked.fetched).toBeLessThan(all.fetched / 5);
  });

  it('lists headquarters alone in every order, all of them and only once, counted exactly', async () => {
    const { rows: wanted } = (await database.db.execute(
      sql`select id from companies where tenant_id = ${tenantId} and hq_type in ('regional_hq', 'rnd_center')`,
    )) as unknown as Rows<{ id: string }>;
    expect(wanted.length).toBeGreaterThan(20);
    for (const sort of ['name', 'updated', 'capital', 'established'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let first: Awaited<ReturnType<typeof listCompanies>> | undefined;
        do {
          const page = await list({
            q: undefined,
            hqType: ['regional_hq', 'rnd_center'],
            sort,
            order,
            limit: 20,
            cursor,
          });
          first ??= page;
          seen.push(...page.items.map((c) => c.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        expect(new Set(seen)).toEqual(new Set(wanted.map((w) => w.id)));
        expect(first).toMatchObject({ total: wanted.length, totalIsExact: true });
      }
    }
  });

  it('exports and counts every match, in the list’s order when asked', async () => {
    const exported = await inTenant(database.db, tenantId, async (tx) => {
      const codes: string[] = [];
      for await (const row of exportRows(tx, { q: '汽车' }, { sort: 'name', order: 'desc' }))
        codes.push(row[0] as string);
      return codes;
    });
    const wanted = (
      (await database.db.execute(
        sql`select credit_code from companies where id = any(${`{${matches.map((m) => m.id).join(',')}}`}::uuid[])
            order by name_sort collate "C" desc, id desc`,
      )) as unknown as Rows<{ credit_code: string }>
    ).rows.map((r) => r.credit_code);
    expect(exported).toEqual(wanted);
    const since = '2021-01-01';
    const counted = await inTenant(database.db, tenantId, (tx) => countSince(tx, since, { q: '汽车' }));
    expect(counted.count).toBe(matches.filter((m) => m.established >= since).length);
  });

  it.each([
    ['name', 'asc', 'name_sort', 'asc'],
    ['capital', 'desc', 'coalesce(registered_capital_yuan, -1)', 'desc'],
    [undefined, undefined, 'credit_code', 'asc'],
  ] as const)(
    'exports the whole registry in the list’s order (%s %s), fetch after fetch, else by credit code',
    async (sort, order, column, dir) => {
      const exported = await inTenant(database.db, tenantId, async (tx) => {
        const codes: string[] = [];
        for await (const row of exportRows(tx, {}, sort && order ? { sort, order } : undefined))
          codes.push(row[0] as string);
        return codes;
      });
      const wanted = (
        (await database.db.execute(
          sql`select credit_code from companies where tenant_id = ${tenantId}
              order by ${sql.raw(column)} ${sql.raw(dir)}, ${sql.raw(column === 'credit_code' ? 'credit_code' : 'id')} ${sql.raw(dir)}`,
        )) as unknown as Rows<{ credit_code: string }>
      ).rows.map((r) => r.credit_code);
      expect(wanted.length).toBeGreaterThan(5_000);
      expect(exported).toEqual(wanted);
    },
  );

  it('finds Latin letters in a Chinese name, by either path, as ILIKE would', async () => {
    const actor = { tenantId, userId: null, email: 'broad@test' };
    const names = ['上海ABB电气有限公司', '上海嘉定ABB电气设备有限公司', '上海阿贝贝电气有限公司'];
    for (const [i, nameZh] of names.entries()) {
      await inTenant(database.db, tenantId, (tx) =>
        createCompany(tx, actor, {
          creditCode: makeCreditCode('91310114', `9C5M1T${i}P`),
          nameZh,
          townCode: '310114103',
        }),
      );
    }
    for (const q of ['ABB电气', 'B电气']) {
      const wanted = await recount(tenantId, q, 'asc');
      expect(wanted.length).toBe(2);
      for (const sort of ['name', 'capital'] as const) {
        const page = await list({ q, sort, limit: 1000 });
        expect(new Set(page.items.map((c) => c.id))).toEqual(new Set(wanted));
      }
    }
  });
});
