import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { freshDatabase } from '../../../test/databases.ts';
import { runCli } from '../../../test/process.ts';
import {
  expectImportedAsDecided,
  expectRefusedAsDecided,
  expectRerunChangedNothing,
  withCliTenant,
} from './messy-check.ts';
import { type MessyFile2, messyCsv2, messyXlsx2 } from './messy-export-2.ts';

// The second messy export (messy-export-2.ts): the headers and spellings of commercial registry exports and
// template-built workbooks. Each row's fate is decided there, not by the importer.

describe('a registry export from the commercial databases, re-saved by an officer', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
  });
  afterAll(() => database?.close());

  const check = (file: MessyFile2, slug: string, format: 'csv' | 'xlsx') =>
    expectImportedAsDecided(database, file, {
      slug,
      format,
      fileName: `qcc-export.${format}`,
      unknownHeaders: file.unknownHeaders,
      columns: sql.raw(`credit_code as "creditCode", name_zh as "nameZh", name_en as "nameEn",
        former_names as "formerNames", legal_representative as "legalRepresentative",
        registered_capital_yuan::text as "capitalYuan", capital_currency as currency,
        established_on::text as "establishedOn", status, enterprise_type as "enterpriseType", town_code as "townCode",
        industry_code as "industryCode", industry_section as "industrySection", address,
        source_country as "sourceCountry"`),
    });

  it('imports the comma-separated GB18030 export: exactly the valid rows, every other row by line and reason', async () => {
    const file = messyCsv2(',');
    expect(file.accepted.length).toBeGreaterThan(170);
    expect(file.rejected.length).toBeGreaterThan(10);
    // Names that GBK cannot encode: only a GB18030 decoder reads them back.
    expect(file.accepted.filter((c) => c.nameZh.includes('𠮷')).length).toBeGreaterThan(2);
    await check(file, 'qcc-csv', 'csv');
  }, 20_000);

  it('imports the same export saved by WPS as tab-separated text with a comma in its title', async () => {
    await check(messyCsv2('\t'), 'qcc-tab', 'csv');
  }, 20_000);

  it('imports the template-built workbook (a hidden and a summary sheet first, date cells with times, industry codes as numbers)', async () => {
    await check(await messyXlsx2(), 'qcc-xlsx', 'xlsx');
  }, 20_000);

  it('gives the same outcome through the CLI, and a second run changes nothing', async () => {
    await withCliTenant(async (dir, env) => {
      const file = messyCsv2(',');
      const csv = path.join(dir, '企查查导出.csv');
      fs.writeFileSync(csv, file.buffer);
      const args = ['import', 'companies', csv, '--tenant', 'jiading', '--json'];
      const first = await runCli(args, env);
      expect(first.code, first.stderr).toBe(0);
      const result = JSON.parse(first.stdout) as { rejects: { line: number; reason: string }[] };
      expect(result).toMatchObject({
        encoding: 'gb18030',
        inserted: file.accepted.length,
        rejected: file.rejected.length,
      });
      expectRefusedAsDecided(result.rejects, file.rejected);
      expectRerunChangedNothing(JSON.parse((await runCli(args, env)).stdout), file);
    });
  }, 120_000);
});
