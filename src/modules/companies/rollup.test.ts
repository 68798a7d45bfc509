import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, restore } from '../../db/backup.ts';
import type { Database } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { makeCreditCode } from '../../domain/credit-code.ts';
import { csvRecord } from '../../domain/csv.ts';
import { prng } from '../../domain/random.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { companiesCsv, companyRows, generatedHeaders } from '../demo/company-generator.ts';
import { seedDemo } from '../demo/seed.ts';
import { findTenant } from '../tenants/service.ts';
import { countSince, registrations } from './analytics.ts';
import { importCompanies } from './import/pipeline.ts';
import { createCompany, deleteCompany, updateCompany } from './service.ts';

type Rows<T> = { rows: T[] };

/** Every cell of both registry roll-ups next to the same count made from the rows; any difference is an entry. */
async function rollupDrift(database: Database) {
  const { rows } = (await database.db.execute(sql`
    with counted as (
      select tenant_id, date_trunc('month', established_on)::date as month, coalesce(town_code, '') as town_code,
        coalesce(industry_section, '') as industry_section, enterprise_type, count(*)::int as n
      from companies where established_on is not null group by 1, 2, 3, 4, 5
    ), kept as (select * from rollup_company_months where companies <> 0)
    select coalesce(c.month, k.month)::text as month, coalesce(c.town_code, k.town_code) as town,
      c.n as counted, k.companies as kept
    from counted c full join kept k using (tenant_id, month, town_code, industry_section, enterprise_type)
    where c.n is distinct from k.companies`)) as unknown as Rows<Record<string, unknown>>;
  const byTown = (await database.db.execute(sql`
    with counted as (
      select tenant_id, date_trunc('month', established_on)::date as month, coalesce(town_code, '') as town_code,
        count(*)::int as n
      from companies where established_on is not null group by 1, 2, 3
    ), kept as (select * from rollup_company_town_months where companies <> 0)
    select 'town-month' as rollup, coalesce(c.month, k.month)::text as month,
      coalesce(c.town_code, k.town_code) as town, c.n as counted, k.companies as kept
    from counted c full join kept k using (tenant_id, month, town_code)
    where c.n is distinct from k.companies`)) as unknown as Rows<Record<string, unknown>>;
  return [...rows, ...byTown.rows];
}

describe.each(testEngines())('registration roll-up on %s', (engine) => {
  let database: Database;
  let tenantId: string;
  const actor = () => ({ tenantId, userId: null, email: 'rollup@test' });

  beforeAll(async () => {
    database = await freshDatabase(engine);
    await seedDemo(database);
    tenantId = (await findTenant(database.db, 'jiading'))?.id as string;
  });
  afterAll(() => database?.close());

  it('counts the demo registry exactly as the rows do', async () => {
    const { rows } = (await database.db.execute(
      sql`select coalesce(sum(companies), 0)::int as n from rollup_company_months`,
    )) as unknown as Rows<{ n: number }>;
    expect(rows[0]?.n).toBeGreaterThan(400);
    expect(await rollupDrift(database)).toEqual([]);
  });

  it('stays exact through random creates, edits, deletions and imports of new and changed rows', {
    timeout: 180_000,
  }, async () => {
    const rand = prng(99);
    const towns = ['310114102', '310114103', '310114106', '310114501', null];
    const ids = (
      (await database.db.execute(sql`select id from companies order by id limit 60`)) as unknown as Rows<{
        id: string;
      }>
    ).rows.map((r) => r.id);
    await inTenant(database.db, tenantId, async (tx) => {
      for (let i = 0; i < 20; i++) {
        const created = await createCompany(tx, actor(), {
          creditCode: makeCreditCode('91310114', `MA8R${String(i).padStart(4, '0')}`),
          nameZh: `上海嘉定随机测试${i}号有限公司`,
          establishedOn:
            rand() < 0.8 ? `202${Math.floor(rand() * 5)}-0${1 + Math.floor(rand() * 9)}-15` : null,
          townCode: towns[Math.floor(rand() * towns.length)] ?? null,
          industryCode: rand() < 0.5 ? '3849' : null,
        });
        ids.push(created.id);
      }
      for (const id of ids.slice(0, 30)) {
        const choice = rand();
        if (choice < 0.3) await deleteCompany(tx, actor(), id);
        else if (choice < 0.6)
          await updateCompany(tx, actor(), id, { townCode: towns[Math.floor(rand() * 4)] ?? null });
        else if (choice < 0.8) await updateCompany(tx, actor(), id, { establishedOn: '2019-12-31' });
        else await updateCompany(tx, actor(), id, { employees: 7 });
      }
    });
    expect(await rollupDrift(database)).toEqual([]);

    // The same generated file twice with another seed: first new rows, then (re-generated) changed ones.
    const file = companiesCsv(3000, 515);
    await importCompanies(database, { buffer: Buffer.from(file) }, { fileName: 'a.csv', actor: actor() });
    expect(await rollupDrift(database)).toEqual([]);
    const changed = companiesCsv(3000, 516);
    const r = await importCompanies(
      database,
      { buffer: Buffer.from(changed) },
      { fileName: 'b.csv', actor: actor() },
    );
    expect(r.updated).toBeGreaterThan(1000);
    expect(await rollupDrift(database)).toEqual([]);

    // A load larger than the registry: the embedded engine defers the insert trigger and counts the new rows
    // once, per cell as it validates them; the rows it updates still go through the update trigger. Some rows
    // have no establishment date (left out of the roll-ups) or no town (counted under '').
    const lines = [generatedHeaders.join(',')];
    let n = 0;
    for (const row of companyRows(60_000, 517)) {
      n++;
      if (n % 7 === 0) row[6] = '';
      if (n % 11 === 0) row[7] = '';
      lines.push(csvRecord(row));
    }
    const large = await importCompanies(
      database,
      { buffer: Buffer.from(`${lines.join('\n')}\n`) },
      { fileName: 'c.csv', actor: actor() },
    );
    expect(large.rejected).toBe(0);
    expect(large.inserted).toBeGreaterThan(50_000);
    expect(large.updated).toBeGreaterThan(1000);
    expect(await rollupDrift(database)).toEqual([]);
  });

  it('answers the analytics from the roll-up with the figures a count of the rows gives', async () => {
    // Inside the tenant's transaction: the embedded engine has one connection.
    await inTenant(database.db, tenantId, async (tx) => {
      const count = async (where: string) =>
        (
          (await tx.execute(
            sql.raw(`select count(*)::int as n from companies where established_on is not null and ${where}`),
          )) as unknown as Rows<{ n: number }>
        ).rows[0]?.n;
      for (const since of ['2021-01-01', '2021-03-17', '2024-12-31']) {
        expect((await countSince(tx, since, {})).count).toBe(await count(`established_on >= '${since}'`));
        expect((await countSince(tx, since, { town: ['310114103'], industry: 'C' })).count).toBe(
          await count(`established_on >= '${since}' and town_code = '310114103' and industry_section = 'C'`),
        );
      }
      const byTown = await registrations(tx, { period: 'year', by: 'town', enterpriseType: ['foreign'] });
      for (const series of byTown.series) {
        const where = `enterprise_type = 'foreign' and coalesce(town_code, '') = '${series.key}'`;
        expect(series.total).toBe(await count(where));
        for (const p of series.points)
          expect(p.count).toBe(await count(`${where} and to_char(established_on, 'YYYY') = '${p.period}'`));
      }
    });
  });

  it('is left out of backups and rebuilt on restore', async () => {
    const file = path.join(os.tmpdir(), `lodestone-rollup-${process.pid}-${engine}.jsonl.gz`);
    const distinctRows = async () =>
      (
        (await database.db.execute(
          sql`select (select count(distinct id) from companies)::int as companies,
                     (select count(distinct id) from audit_log)::int as audit`,
        )) as unknown as Rows<{ companies: number; audit: number }>
      ).rows[0];
    const before = await distinctRows();
    const saved = await backup(database, file);
    expect(Object.keys(saved.tables)).not.toContain('rollup_company_months');
    // Thousands of rows over many pages: each must be written once (pages once skipped and repeated rows).
    expect(saved.tables.audit_log).toBe(before?.audit);
    await restore(database, file);
    expect(await distinctRows()).toEqual(before);
    expect(await rollupDrift(database)).toEqual([]);
    // A backup and a restore of the thousands of rows the tests above wrote: 20 s alone, a minute under load.
  }, 180_000);
});
