import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { freshDatabase } from '../../../test/databases.ts';
import { referenceIsValid } from '../../../test/uscc.ts';
import { createTenant } from '../../tenants/service.ts';
import { type MessyFile, messyCsv, messyXlsx } from './messy-export.ts';
import { importCompanies } from './pipeline.ts';

// The file, and what each of its rows should become, come from messy-export.ts: a few hundred rows of a
// market-regulation export with the mess officers meet. The rows' fate is decided there, not by the importer.

describe('a messy registry export from a market-regulation system', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
  });
  afterAll(() => database?.close());

  async function tenant(slug: string): Promise<string> {
    const t = await createTenant(
      database.db,
      { slug, nameZh: '嘉定区', divisionCode: '310114' },
      { email: 'admin@test', userId: null },
    );
    return t.id;
  }

  async function check(file: MessyFile & { buffer: Buffer }, slug: string, format: 'csv' | 'xlsx') {
    const tenantId = await tenant(slug);
    // Every company expected in the registry has a code the independent check calls valid.
    for (const company of file.accepted) expect(referenceIsValid(company.creditCode)).toBe(true);

    const result = await importCompanies(
      database,
      { buffer: file.buffer },
      { fileName: `jiading-registry.${format}`, actor: { tenantId, userId: null, email: 'officer@test' } },
    );
    expect(result).toMatchObject({
      format,
      encoding: format === 'csv' ? 'gb18030' : null,
      totalRows: file.rows,
      inserted: file.accepted.length,
      rejected: file.rejected.length,
    });
    expect(result.unknownHeaders).toEqual(['序号', '经营范围', '登记机关', '核准日期']);
    expect(result.rejects.map((r) => r.line)).toEqual(file.rejected.map((r) => r.line));
    for (const [i, expected] of file.rejected.entries()) {
      expect(result.rejects[i]?.reason, `line ${expected.line}`).toMatch(expected.reason);
    }

    const { rows } = (await database.db.execute(
      sql`select credit_code as "creditCode", name_zh as "nameZh", registered_capital_yuan::text as "capitalYuan", capital_currency as currency,
            established_on::text as "establishedOn", status, enterprise_type as "enterpriseType", town_code as "townCode",
            industry_code as "industryCode", industry_section as "industrySection"
          from companies where tenant_id = ${tenantId} order by credit_code`,
    )) as unknown as { rows: Record<string, string | null>[] };
    const byCode = (a: { creditCode: string | null }, b: { creditCode: string | null }) =>
      (a.creditCode as string) < (b.creditCode as string) ? -1 : 1;
    expect(rows).toEqual([...file.accepted].sort(byCode));
  }

  it('imports the GB18030 CSV: exactly the valid rows, every other row by line and reason', async () => {
    const file = messyCsv();
    expect(file.accepted.length).toBeGreaterThan(250);
    expect(file.rejected.length).toBeGreaterThan(20);
    await check(file, 'jiading-csv', 'csv');
  }, 20_000);

  it('imports the same export saved as XLSX by Excel (dates and amounts as numbers, a code rounded)', async () => {
    await check(await messyXlsx(), 'jiading-xlsx', 'xlsx');
  }, 20_000);
});
