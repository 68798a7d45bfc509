import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { demoApp, signIn } from '../../../test/app.ts';
import { freshDatabase, testEngines } from '../../../test/databases.ts';
import { multipart } from '../../../test/multipart.ts';
import { runCli } from '../../../test/process.ts';
import { createTenant } from '../../tenants/service.ts';
import {
  expectImportedAsDecided,
  expectRefusedAsDecided,
  expectRerunChangedNothing,
  withCliTenant,
} from './messy-check.ts';
import {
  directoryCsv3,
  directoryUnknownHeaders,
  type MessyFile3,
  messyCsv3,
  messyXlsx3,
} from './messy-export-3.ts';
import { importCompanies } from './pipeline.ts';

// The third messy export (messy-export-3.ts): a district bureau's own registration extract, with grouped and
// invisible-character codes, capital and dates as the registry prints them, and a Mac export joined below it. Each
// row's fate is decided there, not by the importer.

// On PostgreSQL too where it runs: the tenant policies that keep another tenant's codes out of sight are its own.
describe.each(testEngines())("a district market-regulation bureau's registration extract (%s)", (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(() => database?.close());

  const check = (file: MessyFile3, slug: string, format: 'csv' | 'xlsx') =>
    expectImportedAsDecided(database, file, {
      slug,
      format,
      fileName: `企业登记信息.${format}`,
      unknownHeaders: file.unknownHeaders,
      columns:
        sql.raw(`credit_code as "creditCode", name_zh as "nameZh", legal_representative as "legalRepresentative",
        registered_capital_yuan::text as "capitalYuan", capital_currency as currency,
        established_on::text as "establishedOn", status, enterprise_type as "enterpriseType", town_code as "townCode",
        industry_code as "industryCode", industry_section as "industrySection", address`),
    });

  it('imports the GB18030 CSV with a Mac export joined below it: exactly the valid rows, every other by line and reason', async () => {
    const file = messyCsv3();
    expect(file.accepted.length).toBeGreaterThan(200);
    expect(file.rejected.length).toBe(15);
    // The second export's lines end with CR alone, the last with nothing.
    const text = iconv.decode(file.buffer, 'gb18030');
    expect(text).toMatch(/\r[^\n]/);
    expect(text.endsWith('\r') || text.endsWith('\n')).toBe(false);

    // Another tenant already holds some of these companies under other names: the import neither sees nor
    // changes them, and stores its own copies.
    const { id: other } = await createTenant(
      database.db,
      { slug: 'baoshan', nameZh: '宝山区', divisionCode: '310113' },
      { email: 'admin@test', userId: null },
    );
    const shared = file.accepted.slice(0, 3).map((c) => c.creditCode);
    const theirs = iconv.encode(
      `统一社会信用代码,企业名称\r\n${shared.map((code, k) => `${code},宝山第${k}有限公司`).join('\r\n')}\r\n`,
      'gb18030',
    );
    const before = await importCompanies(
      database,
      { buffer: theirs },
      { fileName: 'baoshan.csv', actor: { tenantId: other, userId: null, email: 'officer@test' } },
    );
    expect(before.inserted).toBe(3);

    await check(file, 'jiading-extract', 'csv');

    const { rows } = (await database.db.execute(
      sql`select name_zh as "nameZh" from companies where tenant_id = ${other} order by name_zh`,
    )) as unknown as { rows: { nameZh: string }[] };
    expect(rows.map((r) => r.nameZh)).toEqual(['宝山第0有限公司', '宝山第1有限公司', '宝山第2有限公司']);
  }, 30_000);

  it('imports the same extract saved as a workbook (amounts, industry codes and some dates as numbers)', async () => {
    await check(await messyXlsx3(), 'jiading-extract-xlsx', 'xlsx');
  }, 30_000);

  it("imports the statistics bureau's unit directory (名录库): its headers, codes and UTF-8 with a byte-order mark", async () => {
    const file = directoryCsv3();
    expect(file.accepted.length).toBeGreaterThan(50);
    expect(file.accepted.filter((u) => u.enterpriseType === 'hmt').length).toBeGreaterThan(5);
    await expectImportedAsDecided(database, file, {
      slug: 'jiading-directory',
      format: 'csv',
      encoding: 'utf8',
      fileName: '基本单位名录.csv',
      unknownHeaders: directoryUnknownHeaders,
      columns:
        sql.raw(`credit_code as "creditCode", name_zh as "nameZh", legal_representative as "legalRepresentative",
        enterprise_type as "enterpriseType", town_code as "townCode", industry_code as "industryCode",
        industry_section as "industrySection", address, employees, status, established_on as "establishedOn"`),
    });
  }, 30_000);
});

describe('the same extract through the CLI', () => {
  it('gives the same outcome through the CLI, and refuses broken files with one line and a non-zero exit', async () => {
    await withCliTenant(async (dir, env) => {
      // Long enough (over 1 MB) to be read and validated in the worker thread, as large files are.
      const file = messyCsv3(3, 2000);
      expect(file.buffer.length).toBeGreaterThan(1_000_000);
      expect(file.rejected.length).toBe(15);
      const csv = path.join(dir, '企业登记信息.csv');
      fs.writeFileSync(csv, file.buffer);
      const run = (target: string) =>
        runCli(['import', 'companies', target, '--tenant', 'jiading', '--json'], env);
      const first = await run(csv);
      expect(first.code, first.stderr).toBe(0);
      const result = JSON.parse(first.stdout) as { rejects: { line: number; reason: string }[] };
      expect(result).toMatchObject({
        encoding: 'gb18030',
        inserted: file.accepted.length,
        rejected: file.rejected.length,
        unknownHeaders: file.unknownHeaders,
      });
      expectRefusedAsDecided(result.rejects, file.rejected);

      // Excel's "Unicode text" (UTF-16LE, tab-separated), a file with no name column, and a UTF-8 export joined
      // below a GB18030 one: each refused whole, in one line, and the registry left as it was.
      const header = '统一社会信用代码\t企业名称\r\n';
      const code = file.accepted[0]?.creditCode as string;
      const broken: [string, Buffer, RegExp][] = [
        [
          'unicode.txt',
          Buffer.concat([
            Buffer.from([0xff, 0xfe]),
            Buffer.from(`${header}${code}\t上海新名有限公司\r\n`, 'utf16le'),
          ]),
          /UTF-16 text \("Unicode Text"\), which is not supported; save as \.xlsx or CSV UTF-8/,
        ],
        [
          'no-name.csv',
          iconv.encode(`统一社会信用代码,单位\r\n${code},上海新名有限公司\r\n`, 'gb18030'),
          /no column for 企业名称 \(company name\)/,
        ],
        [
          'joined.csv',
          Buffer.concat([
            iconv.encode(`统一社会信用代码,企业名称\r\n${code},上海新名有限公司\r\n`, 'gb18030'),
            Buffer.from(`\ufeff统一社会信用代码,企业名称\r\n${code},上海新名有限公司\r\n`),
          ]),
          /line 3: a UTF-8 byte-order mark starts this line of a GB18030 file/,
        ],
      ];
      for (const [name, bytes, reason] of broken) {
        const target = path.join(dir, name);
        fs.writeFileSync(target, bytes);
        const refused = await run(target);
        expect(refused.code, name).not.toBe(0);
        expect(refused.stderr.trim().split('\n'), name).toHaveLength(1);
        expect(refused.stderr, name).toMatch(reason);
      }

      expectRerunChangedNothing(JSON.parse((await run(csv)).stdout), file);
    });
  }, 120_000);
});

describe('the same extract uploaded over the API', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
    app = await demoApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('proposes the mapping despite the invisible character in 企业名称, imports the valid rows and lists every refused line', async () => {
    const cookie = await signIn(app, 'officer@jiading.demo');
    const file = messyCsv3();
    const body = multipart('企业登记信息.csv', file.buffer);
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/companies/imports',
      headers: { ...body.headers, cookie },
      payload: body.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    const job = up.json();
    expect(job).toMatchObject({ encoding: 'gb18030', format: 'csv', missing: [] });
    expect(job.mapping['企业名称\u200b']).toBe('nameZh');
    const start = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/imports/${job.id}/start`,
      headers: { cookie },
      payload: {},
    });
    expect(start.statusCode, start.body).toBe(202);
    let status = start.json();
    for (let i = 0; i < 400 && status.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = (
        await app.inject({ method: 'GET', url: `/api/v1/companies/imports/${job.id}`, headers: { cookie } })
      ).json();
    }
    expect(status).toMatchObject({
      status: 'done',
      totalRows: file.rows,
      inserted: file.accepted.length,
      rejected: file.rejected.length,
    });
    const rejects = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/companies/imports/${job.id}/rejects`,
        headers: { cookie },
      })
    ).json();
    expectRefusedAsDecided(rejects.items, file.rejected);
  }, 60_000);
});
