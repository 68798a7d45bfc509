import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { makeCreditCode } from '../../../domain/credit-code.ts';
import { Problem } from '../../../domain/problem.ts';
import { freshDatabase, testEngines } from '../../../test/databases.ts';
import { companiesCsv } from '../../demo/company-generator.ts';
import { seedDemo } from '../../demo/seed.ts';
import { findTenant } from '../../tenants/service.ts';
import { importCompanies } from './pipeline.ts';

const code = (n: number) => makeCreditCode('91310114', `MA9T${String(n).padStart(4, '0')}`);

/** A registry export as officers receive it: GB18030, Chinese headers, full-width digits, mixed date styles. */
function messyFile(): { buffer: Buffer; valid: number; invalid: { line: number; reason: RegExp }[] } {
  const rows = [
    [
      '统一社会信用代码',
      '企业名称',
      '注册资本（万元）',
      '成立日期',
      '所属街镇',
      '行业代码',
      '登记状态',
      '企业类型',
      '备注',
    ],
    [
      code(1),
      '上海氢能港动力科技有限公司',
      '５００',
      '2021/3/5',
      '安亭镇',
      '3849',
      '存续',
      '有限责任公司(自然人投资或控股)',
      '',
    ],
    [
      ` ${code(2).toLowerCase()} `,
      '上海嘉定芯联微电子有限公司',
      '"1,200.5"',
      '2022年11月30日',
      '马陆',
      'C6520',
      '在业',
      '外商投资企业',
      'x',
    ],
    [code(3), '上海汽车软件园信息技术有限公司', '3000万元', '44927', '310114501', '6513', '', '', ''],
    [
      code(4).replace(/.$/, (c) => (c === '0' ? '1' : '0')),
      '校验位错误有限公司',
      '100',
      '2021-01-01',
      '安亭镇',
      '',
      '',
      '',
      '',
    ],
    [code(5), '日期错误有限公司', '100', '2021-02-30', '安亭镇', '', '', '', ''],
    [code(6), '街镇错误有限公司', '100', '2021-01-01', '浦东新区', '', '', '', ''],
    [code(1), '重复代码有限公司', '100', '2021-01-01', '安亭镇', '', '', '', ''],
    [code(7), '', '100', '2021-01-01', '安亭镇', '', '', '', ''],
    [
      code(8),
      '上海械谷医疗器械有限公司',
      '2亿',
      '2023.06.18',
      '南翔镇',
      '3581',
      '存续（在营、开业、在册）',
      '有限责任公司（台港澳法人独资）',
      '',
    ],
  ];
  const text = `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
  return {
    buffer: iconv.encode(text, 'gb18030'),
    valid: 4,
    invalid: [
      { line: 5, reason: /check character/ },
      { line: 6, reason: /no such date 2021-02-30/ },
      { line: 7, reason: /unknown town "浦东新区"/ },
      { line: 8, reason: /repeats line 2/ },
      { line: 9, reason: /name: is empty/ },
    ],
  };
}

describe.each(testEngines())('company import on %s', (engine) => {
  let database: Database;
  let tenantId: string;
  const actor = () => ({ tenantId, userId: null, email: 'importer@test' });
  const count = async () =>
    (
      (await database.db.execute(sql`select count(*)::int as n from companies`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]?.n;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    await seedDemo(database);
    tenantId = (await findTenant(database.db, 'jiading'))?.id as string;
  });
  afterAll(() => database?.close());

  it('accepts exactly the valid rows of a messy GB18030 file and reports every invalid one by line', async () => {
    const before = await count();
    const file = messyFile();
    const result = await importCompanies(
      database,
      { buffer: file.buffer },
      { fileName: 'messy.csv', actor: actor() },
    );
    expect(result).toMatchObject({
      format: 'csv',
      encoding: 'gb18030',
      totalRows: 9,
      inserted: file.valid,
      rejected: 5,
    });
    expect(result.unknownHeaders, JSON.stringify(result.rejects)).toEqual(['备注']);
    expect(result.rejects.map((r) => r.line)).toEqual(file.invalid.map((i) => i.line));
    for (const [i, expected] of file.invalid.entries())
      expect(result.rejects[i]?.reason).toMatch(expected.reason);
    expect(await count()).toBe((before ?? 0) + file.valid);

    const { rows } = (await database.db.execute(
      sql`select credit_code, registered_capital_yuan::text as capital, established_on::text as est, town_code, industry_section, enterprise_type
          from companies where credit_code in (${code(1)}, ${code(2)}, ${code(3)}, ${code(8)}) order by credit_code`,
    )) as unknown as { rows: Record<string, string>[] };
    expect(rows).toEqual([
      {
        credit_code: code(1),
        capital: '5000000',
        est: '2021-03-05',
        town_code: '310114103',
        industry_section: 'C',
        enterprise_type: 'domestic',
      },
      {
        credit_code: code(2),
        capital: '12005000',
        est: '2022-11-30',
        town_code: '310114106',
        industry_section: 'I',
        enterprise_type: 'foreign',
      },
      {
        credit_code: code(3),
        capital: '30000000',
        est: '2023-01-01',
        town_code: '310114501',
        industry_section: 'I',
        enterprise_type: 'domestic',
      },
      {
        credit_code: code(8),
        capital: '200000000',
        est: '2023-06-18',
        town_code: '310114102',
        industry_section: 'C',
        enterprise_type: 'hmt',
      },
    ]);
  });

  it('reads a GB18030 export with a title, a unit note and a totals row', async () => {
    const lines = [
      '嘉定区企业名录（截至2024年6月30日）,,,,,',
      '单位：万元,,,,,',
      ',,,,,',
      '序号,统一社会信用代码,企业名称,注册资本,成立日期,所属街镇',
      `1,${code(31)},上海嘉定标题测试一有限公司,500万人民币,2021.3.5,安亭镇`,
      `2,${code(32)},上海嘉定标题测试二有限公司,100万美元,2021年3月6日,马陆镇`,
      '合计,,,,,',
    ];
    const result = await importCompanies(
      database,
      { buffer: iconv.encode(`${lines.join('\r\n')}\r\n`, 'gb18030') },
      { fileName: 'titled.csv', actor: actor() },
    );
    expect(result).toMatchObject({ encoding: 'gb18030', totalRows: 3, inserted: 2, rejected: 1 });
    expect(result.unknownHeaders).toEqual(['序号']);
    expect(result.rejects.map((r) => r.line)).toEqual([7]);
    const { rows } = (await database.db.execute(
      sql`select registered_capital_yuan::text as capital, capital_currency as currency, established_on::text as est
          from companies where credit_code in (${code(31)}, ${code(32)}) order by credit_code`,
    )) as unknown as { rows: Record<string, string>[] };
    expect(rows).toEqual([
      { capital: '5000000', currency: 'CNY', est: '2021-03-05' },
      { capital: '1000000', currency: 'USD', est: '2021-03-06' },
    ]);
  });
  it('is safe to run again: unchanged rows are left alone and audited once', async () => {
    const before = await count();
    const audits = async () =>
      (
        (await database.db.execute(
          sql`select count(*)::int as n from audit_log where entity = 'companies'`,
        )) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]?.n;
    const auditBefore = await audits();
    const again = await importCompanies(
      database,
      { buffer: messyFile().buffer },
      { fileName: 'messy.csv', actor: actor() },
    );
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, rejected: 5 });
    expect(await count()).toBe(before);
    expect(await audits()).toBe(auditBefore);
  });

  it('updates a changed row by credit code and keeps before and after in the audit', async () => {
    const csv = `统一社会信用代码,企业名称,从业人数\n${code(1)},上海氢能港动力科技有限公司,321\n`;
    const r = await importCompanies(
      database,
      { buffer: Buffer.from(csv) },
      { fileName: 'update.csv', actor: actor() },
    );
    expect(r).toMatchObject({ inserted: 0, updated: 1 });
    const { rows } = (await database.db.execute(
      sql`select a.before->>'employees' as b, a.after->>'employees' as a, a.actor_email from audit_log a
          join companies c on c.id::text = a.entity_id where c.credit_code = ${code(1)} and a.action = 'update'`,
    )) as unknown as { rows: { b: string | null; a: string; actor_email: string }[] };
    expect(rows).toEqual([{ b: null, a: '321', actor_email: 'importer@test' }]);
  });

  it("dates what it writes from the import's start: on PostgreSQL exactly the job's start, as readers need", async () => {
    const csv = `统一社会信用代码,企业名称,从业人数\n${code(1)},上海氢能港动力科技有限公司,322\n${code(71)},上海盾构重工有限公司,90\n`;
    const r = await importCompanies(
      database,
      { buffer: Buffer.from(csv) },
      { fileName: 'stamp.csv', actor: actor() },
    );
    expect(r).toMatchObject({ inserted: 1, updated: 1 });
    const { rows } = (await database.db.execute(
      sql`select c.updated_at = j.started_at as stamped, c.updated_at >= j.started_at as after_start
          from companies c join import_jobs j on j.id = ${r.jobId}
          where c.credit_code in (${code(1)}, ${code(71)}) order by c.credit_code`,
    )) as unknown as { rows: { stamped: boolean; after_start: boolean }[] };
    // The embedded engine has no reader during the import: its new rows keep the transaction's start.
    expect(rows).toEqual([
      { stamped: true, after_start: true },
      { stamped: engine === 'postgres', after_start: true },
    ]);
  });

  it('reads a large file in a worker thread: rejects keep their lines across batches, creates are audited once per import, the registry is left vacuumed', async () => {
    const generated = companiesCsv(12_000, 4242);
    const firstCode = generated.split('\n')[1]?.split(',')[0] as string;
    const tail = [
      `${firstCode},重复代码有限公司,,,,,,,,,,,,,,,,,,,,`,
      `${code(90)},日期错误有限公司,,,,,2021-02-30,,,,,,,,,,,,,,,,`,
    ];
    const header = generated.split('\n')[0] as string;
    const pad = (line: string) => line.split(',').slice(0, header.split(',').length).join(',');
    const buffer = Buffer.from(`${generated}${tail.map(pad).join('\n')}\n`);
    expect(buffer.length).toBeGreaterThan(1_000_000);
    const before = await count();
    const r = await importCompanies(database, { buffer }, { fileName: 'large.csv', actor: actor() });
    expect(r.totalRows).toBe(12_002);
    expect(r.rejects.map((x) => [x.line, x.reason.replace(/^.*?: /, '')])).toEqual([
      [12_002, 'repeats line 2'],
      [12_003, expect.stringMatching(/no such date 2021-02-30/)],
    ]);
    expect(r.inserted + r.updated + r.unchanged).toBe(12_000);
    expect(await count()).toBe((before ?? 0) + r.inserted);

    const { rows } = (await database.db.execute(
      sql`select a.action, a.actor_email, a.after->>'inserted' as inserted, a.after->>'fileName' as file,
            (select count(*)::int from companies c where c.import_job_id = ${r.jobId}) as linked
          from audit_log a where a.entity = 'import_jobs' and a.entity_id = ${r.jobId}`,
    )) as unknown as { rows: Record<string, unknown>[] };
    expect(rows).toEqual([
      {
        action: 'import',
        actor_email: 'importer@test',
        inserted: String(r.inserted),
        file: 'large.csv',
        linked: r.inserted,
      },
    ]);
    // Pages marked all-visible, so a name search reads names from the name index alone right after the import.
    // (A vacuum that finds dead versions on few pages leaves those pages for the next one.)
    const pages = (await database.db.execute(
      sql`select relpages, relallvisible from pg_class where relname = 'companies'`,
    )) as unknown as { rows: { relpages: number; relallvisible: number }[] };
    const { relpages = 0, relallvisible = 0 } = pages.rows[0] ?? {};
    expect(relpages).toBeGreaterThan(0);
    expect(relallvisible).toBeGreaterThan(0.9 * relpages);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /empty/],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n'), /not a spreadsheet/],
    [
      'a file without the credit-code column',
      Buffer.from('企业名称,成立日期\n某公司,2021-01-01\n'),
      /no column for 统一社会信用代码/,
    ],
  ])('refuses %s with a clear reason and changes nothing', async (_what, buffer, reason) => {
    const before = await count();
    const attempt = importCompanies(database, { buffer }, { fileName: 'bad', actor: actor() });
    await expect(attempt).rejects.toBeInstanceOf(Problem);
    await expect(importCompanies(database, { buffer }, { fileName: 'bad', actor: actor() })).rejects.toThrow(
      reason,
    );
    expect(await count()).toBe(before);
  });

  it('reads an XLSX export the same way', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-xlsx-'));
    try {
      const { writeXlsx } = await import('../xlsx.ts');
      const file = path.join(dir, 'registry.xlsx');
      async function* rows() {
        yield [code(20), '上海嘉定工业互联网科技有限公司', '2024-05-06', '嘉定工业区'];
        yield [code(21), '上海联影小镇医疗科技有限公司', '45000', '嘉定镇街道'];
      }
      await writeXlsx(file, ['统一社会信用代码', '企业名称', '成立日期', '所属街镇'], rows());
      const r = await importCompanies(
        database,
        { path: file },
        { fileName: 'registry.xlsx', actor: actor() },
      );
      expect(r).toMatchObject({ format: 'xlsx', inserted: 2, rejected: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
