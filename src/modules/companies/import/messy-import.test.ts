import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { freshDatabase } from '../../../test/databases.ts';
import { expectImportedAsDecided } from './messy-check.ts';
import { type MessyFile, messyCsv, messyXlsx } from './messy-export.ts';

// The file, and what each of its rows should become, come from messy-export.ts: a few hundred rows of a
// market-regulation export with the mess officers meet. The rows' fate is decided there, not by the importer.

describe('a messy registry export from a market-regulation system', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
  });
  afterAll(() => database?.close());

  const check = (file: MessyFile & { buffer: Buffer }, slug: string, format: 'csv' | 'xlsx') =>
    expectImportedAsDecided(database, file, {
      slug,
      format,
      fileName: `jiading-registry.${format}`,
      unknownHeaders: ['序号', '经营范围', '登记机关', '核准日期'],
      columns:
        sql.raw(`credit_code as "creditCode", name_zh as "nameZh", registered_capital_yuan::text as "capitalYuan",
        capital_currency as currency, established_on::text as "establishedOn", status,
        enterprise_type as "enterpriseType", town_code as "townCode", industry_code as "industryCode",
        industry_section as "industrySection"`),
    });

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
