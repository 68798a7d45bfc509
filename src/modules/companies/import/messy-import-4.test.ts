import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { type Message, renderMessage } from '../../../domain/messages.ts';
import { demoApp, signIn } from '../../../test/app.ts';
import { freshDatabase, testEngines } from '../../../test/databases.ts';
import { multipart } from '../../../test/multipart.ts';
import { runCli } from '../../../test/process.ts';
import { referenceIsValid } from '../../../test/uscc.ts';
import {
  expectImportedAsDecided,
  expectRefusedAsDecided,
  expectRerunChangedNothing,
  withCliTenant,
} from './messy-check.ts';
import { messyCsv4, organisationCheck, uscc31, usccCheck, usccFrom } from './messy-export-4.ts';
import { openTable } from './reader.ts';

// The fourth messy export (messy-export-4.ts): a commercial database's company list re-saved from a spreadsheet as
// GB18030 CSV, with its own headers, a trailing delimiter on every line, bare LFs inside cells, individual businesses
// and cooperatives, and a line edited by hand. Each row's fate is decided there, not by the importer.

const columns = sql.raw(`credit_code as "creditCode", name_zh as "nameZh", name_en as "nameEn",
  former_names as "formerNames", legal_representative as "legalRepresentative",
  registered_capital_yuan::text as "capitalYuan", capital_currency as currency,
  established_on::text as "establishedOn", status, enterprise_type as "enterpriseType", town_code as "townCode",
  industry_code as "industryCode", industry_section as "industrySection", address, employees`);

describe("the fixture's own GB 32100 implementation", () => {
  it('agrees with real codes and with the independent check on every code it makes', () => {
    for (const real of [
      '914403001922038216',
      '91330100716105852F',
      '9144030071526726XG',
      '91512081MA62K0260E',
    ]) {
      expect(organisationCheck(real.slice(8, 16)), real).toBe(real[16]);
      expect(usccCheck(real.slice(0, 17)), real).toBe(real[17]);
      expect(usccFrom(real.slice(0, 8), real.slice(8, 16))).toBe(real);
    }
    for (let n = 0; n < 500; n++) {
      const body = Array.from({ length: 8 }, (_, k) => uscc31[(n * 7 + k * 13 + n * k) % 31]).join('');
      expect(referenceIsValid(usccFrom('91310114', body)), body).toBe(true);
    }
  });
});

describe.each(testEngines())("a commercial database's company list, re-saved as CSV (%s)", (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(() => database?.close());

  it('imports exactly the valid rows and reports every other line with the field at fault', async () => {
    const file = messyCsv4();
    expect(file.accepted.length).toBeGreaterThan(190);
    expect(file.rejected.length).toBe(16);
    const text = iconv.decode(file.buffer, 'gb18030');
    // No byte-order mark; a trailing delimiter on every line; bare LFs inside quoted cells between CRLF records.
    expect(file.buffer.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(
      text
        .split('\r\n')
        .filter(Boolean)
        .every((l) => l.endsWith(',') || !l.includes(',')),
    ).toBe(true);
    expect(text).toMatch(/[^\r]\n/);
    // Names only GB18030 holds (䶮 is FE9F there, absent from GBK), individual businesses and cooperatives.
    expect(file.accepted.filter((c) => c.nameZh.includes('䶮')).length).toBeGreaterThan(3);
    expect(file.accepted.filter((c) => c.creditCode.startsWith('92')).length).toBeGreaterThan(5);
    expect(file.accepted.filter((c) => c.creditCode.startsWith('93')).length).toBeGreaterThan(3);

    await expectImportedAsDecided(database, file, {
      slug: 'qixin-list',
      format: 'csv',
      fileName: '企业数据导出.csv',
      unknownHeaders: file.unknownHeaders,
      columns,
    });
  }, 60_000);
});

describe('the same list through the CLI', () => {
  it('gives the same outcome, and a second run changes nothing', async () => {
    await withCliTenant(async (dir, env) => {
      const file = messyCsv4();
      const csv = path.join(dir, '企业数据导出.csv');
      fs.writeFileSync(csv, file.buffer);
      const args = ['import', 'companies', csv, '--tenant', 'jiading', '--json'];
      const first = await runCli(args, env);
      expect(first.code, first.stderr).toBe(0);
      const result = JSON.parse(first.stdout) as { rejects: { line: number; reason: string }[] };
      expect(result).toMatchObject({
        encoding: 'gb18030',
        totalRows: file.rows,
        inserted: file.accepted.length,
        rejected: file.rejected.length,
        unknownHeaders: file.unknownHeaders,
      });
      expectRefusedAsDecided(result.rejects, file.rejected);
      expectRerunChangedNothing(JSON.parse((await runCli(args, env)).stdout), file);
    });
  }, 120_000);
});

describe('the same list uploaded over the API', () => {
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

  it('imports the valid rows, lists and downloads every refused line, and a second upload changes nothing', async () => {
    const cookie = await signIn(app, 'officer@jiading.demo');
    const file = messyCsv4();
    const count = async () =>
      (
        (await database.db.execute(sql`select count(*)::int as n from companies`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]?.n as number;
    const run = async () => {
      const body = multipart('企业数据导出.csv', file.buffer);
      const up = await app.inject({
        method: 'POST',
        url: '/api/v1/companies/imports',
        headers: { ...body.headers, cookie },
        payload: body.payload,
      });
      expect(up.statusCode, up.body).toBe(201);
      const job = up.json();
      expect(job).toMatchObject({ encoding: 'gb18030', format: 'csv', missing: [] });
      const start = await app.inject({
        method: 'POST',
        url: `/api/v1/companies/imports/${job.id}/start`,
        headers: { cookie },
        payload: {},
      });
      expect(start.statusCode, start.body).toBe(202);
      let status = start.json();
      for (let i = 0; i < 800 && status.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        status = (
          await app.inject({ method: 'GET', url: `/api/v1/companies/imports/${job.id}`, headers: { cookie } })
        ).json();
      }
      return { id: job.id as string, status };
    };

    const before = await count();
    const first = await run();
    expect(first.status).toMatchObject({
      status: 'done',
      totalRows: file.rows,
      inserted: file.accepted.length,
      rejected: file.rejected.length,
    });
    expect(await count()).toBe(before + file.accepted.length);
    const rejects = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/companies/imports/${first.id}/rejects`,
        headers: { cookie },
      })
    ).json();
    expectRefusedAsDecided(rejects.items, file.rejected);

    // The report an officer downloads lists every refused line with its reason, in Chinese unless asked otherwise.
    const report = await app.inject({
      method: 'GET',
      url: `/api/v1/companies/imports/${first.id}/rejects.csv`,
      headers: { cookie },
    });
    expect(report.statusCode).toBe(200);
    const table = await openTable({ buffer: report.rawPayload });
    expect(table.headers.slice(0, 2)).toEqual(['行号 line', '原因 reason']);
    const listed: { line: number; reason: string }[] = [];
    for await (const row of table.rows)
      listed.push({ line: Number(row.cells[0]), reason: row.cells[1] as string });
    expect(listed).toEqual(
      rejects.items.map((r: { line: number } & Message) => ({
        line: r.line,
        reason: renderMessage(r, 'zh-CN'),
      })),
    );

    const second = await run();
    expect(second.status).toMatchObject({ status: 'done', inserted: 0, updated: 0 });
    expectRerunChangedNothing(second.status, file);
    expect(await count()).toBe(before + file.accepted.length);
  }, 90_000);
});
