import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { companiesCsv } from '../demo/company-generator.ts';
import { seedDemo } from '../demo/seed.ts';
import { findTenant } from '../tenants/service.ts';
import { countSince } from './analytics.ts';
import { exportRows } from './export.ts';
import { importCompanies } from './import/pipeline.ts';
import { type ListOptions, listCompanies } from './search.ts';

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

  beforeAll(async () => {
    database = await freshDatabase(engine);
    await seedDemo(database);
    tenantId = (await findTenant(database.db, 'jiading'))?.id as string;
    await importCompanies(
      database,
      { buffer: Buffer.from(companiesCsv(8000, 808)) },
      { fileName: 'broad.csv', actor: { tenantId, userId: null, email: 'broad@test' } },
    );
    // The recount, as the owner, straight from the rows.
    matches = (
      (await database.db.execute(
        sql`select id, coalesce(registered_capital_yuan, -1)::text as capital,
              coalesce(established_on, '0001-01-01')::text as established
            from companies where tenant_id = ${tenantId} and name_zh like '%汽车%'`,
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

  it('exports and counts every match', async () => {
    const exported = await inTenant(database.db, tenantId, async (tx) => {
      let n = 0;
      for await (const _ of exportRows(tx, { q: '汽车' })) n++;
      return n;
    });
    expect(exported).toBe(matches.length);
    const since = '2021-01-01';
    const counted = await inTenant(database.db, tenantId, (tx) => countSince(tx, since, { q: '汽车' }));
    expect(counted.count).toBe(matches.filter((m) => m.established >= since).length);
  });
});
