import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { makeCreditCode } from '../../../domain/credit-code.ts';
import { demoApp, signIn } from '../../../test/app.ts';
import { freshDatabase } from '../../../test/databases.ts';
import { multipart } from '../../../test/multipart.ts';

describe('company import over HTTP', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** The job as it stands once it is no longer running, polled from the status `start` answered with. */
  const untilEnded = async (jobId: string, started: { status: string }) => {
    let status = started;
    for (let i = 0; i < 200 && status.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = (
        await app.inject({
          method: 'GET',
          url: `/api/v1/companies/imports/${jobId}`,
          headers: { cookie: officer },
        })
      ).json();
    }
    return status;
  };

  const upload = (fileName: string, content: Buffer, cookie = officer) => {
    const body = multipart(fileName, content);
    return app.inject({
      method: 'POST',
      url: '/api/v1/companies/imports',
      headers: { ...body.headers, cookie },
      payload: body.payload,
    });
  };

  it('uploads, asks for the unknown column, runs with progress and reports rejected rows', async () => {
    const ok = makeCreditCode('91310114', 'MA7HTTP1');
    const csv = [
      '信用代码号,企业名称,成立日期,所属街镇',
      `${ok},上海嘉定上传测试有限公司,2024-02-29,安亭镇`,
      `${ok.slice(0, 17)}0,坏代码有限公司,2024-01-01,安亭镇`,
    ].join('\n');
    const up = await upload('registry.csv', iconv.encode(csv, 'gb18030'));
    expect(up.statusCode, up.body).toBe(201);
    const job = up.json();
    expect(job).toMatchObject({
      encoding: 'gb18030',
      format: 'csv',
      missing: ['creditCode'],
      status: 'uploaded',
    });
    expect(job.mapping).toEqual({
      信用代码号: null,
      企业名称: 'nameZh',
      成立日期: 'establishedOn',
      所属街镇: 'town',
    });

    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/imports/${job.id}/start`,
      headers: { cookie: officer },
      payload: {},
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/creditCode/);

    const start = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/imports/${job.id}/start`,
      headers: { cookie: officer },
      payload: { mapping: { 信用代码号: 'creditCode' } },
    });
    expect(start.statusCode, start.body).toBe(202);
    const status = await untilEnded(job.id, start.json());
    expect(status).toMatchObject({ status: 'done', totalRows: 2, inserted: 1, rejected: 1 });
    const rejects = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/companies/imports/${job.id}/rejects`,
        headers: { cookie: officer },
      })
    ).json();
    // The first 17 characters are the valid code's, so its check character is the one expected.
    const check = ok.at(-1) as string;
    expect(rejects.items).toEqual([
      {
        line: 3,
        reason: `统一社会信用代码 credit code: check character should be "${check}", got "0"`,
        raw: expect.any(String),
        field: 'creditCode',
        code: 'creditCode.checkChar',
        params: { expected: check, got: '0' },
      },
    ]);
    const report = await app.inject({
      method: 'GET',
      url: `/api/v1/companies/imports/${job.id}/rejects.csv`,
      headers: { cookie: officer },
    });
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    expect(report.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(report.body).toMatch(/行号 line,原因 reason/);
    // The report speaks Chinese unless asked for English.
    expect(report.body).toContain(`\n3,统一社会信用代码：校验码（第 18 位）应为“${check}”，实为“0”,`);
    const english = await app.inject({
      method: 'GET',
      url: `/api/v1/companies/imports/${job.id}/rejects.csv?lang=en`,
      headers: { cookie: officer },
    });
    expect(english.body).toContain(`\n3,"Credit code: check character should be ""${check}"", got ""0""",`);
    const unknown = await app.inject({
      method: 'GET',
      url: `/api/v1/companies/imports/${job.id}/rejects.csv?lang=fr`,
      headers: { cookie: officer },
    });
    expect(unknown.statusCode).toBe(400);
    // A row stored before reasons had codes is shown by its stored reason, in every language.
    await database.db.execute(sql`update import_rejects set message = null where job_id = ${job.id}`);
    const stored = await app.inject({
      method: 'GET',
      url: `/api/v1/companies/imports/${job.id}/rejects`,
      headers: { cookie: officer },
    });
    expect(stored.json().items).toEqual([
      expect.objectContaining({ line: 3, code: null, params: null, field: null }),
    ]);
    const storedReport = await app.inject({
      method: 'GET',
      url: `/api/v1/companies/imports/${job.id}/rejects.csv`,
      headers: { cookie: officer },
    });
    expect(storedReport.body).toContain(
      `\n3,"统一社会信用代码 credit code: check character should be ""${check}"", got ""0""",`,
    );
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/imports/${job.id}/start`,
      headers: { cookie: officer },
      payload: {},
    });
    expect(again.statusCode).toBe(409);

    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/companies?q=${ok}`,
      headers: { cookie: officer },
    });
    const id = list.json().items[0].id;
    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/companies/${id}/history`,
      headers: { cookie: officer },
    });
    expect(history.json().items).toEqual([
      expect.objectContaining({
        action: 'import',
        entity: 'import_jobs',
        entityId: job.id,
        actorEmail: 'officer@jiading.demo',
        after: expect.objectContaining({ fileName: 'registry.csv', inserted: 1, rejected: 1 }),
      }),
    ]);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /empty/, 'file.empty'],
    [
      'a PNG',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
      /not a spreadsheet/,
      'file.png',
    ],
  ])('refuses %s at upload with a 400 problem and its message code', async (_what, content, reason, code) => {
    const res = await upload('x.csv', content);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().detail).toMatch(reason);
    expect(res.json().errors).toEqual([{ code, params: {} }]);
  });

  it('keeps why an import failed as a message code, for the page to say in its language', async () => {
    const up = await upload('headers-only.csv', Buffer.from('统一社会信用代码,企业名称\n'));
    expect(up.statusCode, up.body).toBe(201);
    const start = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/imports/${up.json().id}/start`,
      headers: { cookie: officer },
      payload: {},
    });
    expect(start.statusCode, start.body).toBe(202);
    expect(await untilEnded(up.json().id, start.json())).toMatchObject({
      status: 'failed',
      error: 'the file has a header row but no companies under it',
      errorCode: 'file.headerOnly',
      errorParams: {},
    });
  });

  it('refuses an upload over 100 MB with 413', async () => {
    const big = Buffer.alloc(101 * 1024 * 1024, 0x41);
    const res = await upload('huge.csv', big);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('keeps imports to roles that may write', async () => {
    const viewer = await signIn(app, 'viewer@jiading.demo');
    const res = await upload('x.csv', Buffer.from('统一社会信用代码,企业名称\n'), viewer);
    expect(res.statusCode).toBe(403);
  });

  it('keeps the list pages it holds through an upload and the start of an import, until the import commits', async () => {
    const list = () =>
      app.inject({
        method: 'GET',
        url: '/api/v1/companies?limit=5&town=310114106',
        headers: { cookie: officer },
      });
    const kept = (await list()).body;
    const versionBefore = await database.dataVersion();
    const code = makeCreditCode('91310114', 'MA7KEPT1');
    const up = await upload(
      'kept.csv',
      Buffer.from(`统一社会信用代码,企业名称,所属街镇\n${code},上海保留页测试有限公司,马陆镇\n`),
    );
    expect(up.statusCode, up.body).toBe(201);
    // The job's own row changes no list: the page is still the kept one.
    expect(await database.dataVersion()).toBe(versionBefore);
    expect((await list()).body).toBe(kept);
    const start = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/imports/${up.json().id}/start`,
      headers: { cookie: officer },
      payload: {},
    });
    expect(start.statusCode, start.body).toBe(202);
    const status = await untilEnded(up.json().id, start.json());
    expect(status).toMatchObject({ status: 'done', inserted: 1 });
    // Once the import has committed, the page is read again and holds the new company.
    expect((await list()).json().items.map((c: { creditCode: string }) => c.creditCode)).toContain(code);
  });

  it('exports a name that would be a formula as text, and both formats import back unchanged', async () => {
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url, headers: { cookie: officer }, ...(payload ? { payload } : {}) });
    const formula = {
      creditCode: makeCreditCode('91310114', 'MA7FRM01'),
      nameZh: '=HYPERLINK("http://example.com","点我")有限公司',
      townCode: '310114103',
      enterpriseType: 'domestic',
      park: '公式测试园',
      tags: ['-折扣', '+86', '@联系人'],
      registeredCapitalYuan: '123456789012',
      annualTaxYuan: '98765432109876543',
    };
    const created = await call('POST', '/api/v1/companies', formula);
    expect(created.statusCode, created.body).toBe(201);
    const csv = await call(
      'GET',
      `/api/v1/companies/export?format=csv&park=${encodeURIComponent(formula.park)}`,
    );
    expect(csv.body).toContain(`"'=HYPERLINK(""http://example.com"",""点我"")有限公司"`);
    expect(csv.body).toContain(`'-折扣;+86;@联系人`);
    const xlsx = await call(
      'GET',
      `/api/v1/companies/export?format=xlsx&park=${encodeURIComponent(formula.park)}`,
    );
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const row = sheet.worksheets[0]?.getRow(2);
    // Text stays text, and money is a number a spreadsheet can add up, unless a double cannot hold it.
    expect(row?.getCell(2).value).toBe(formula.nameZh);
    expect(row?.getCell(7).value).toBe(123456789012);
    expect(row?.getCell(19).value).toBe('98765432109876543');
    for (const [name, file] of [
      ['back.csv', csv.rawPayload],
      ['back.xlsx', xlsx.rawPayload],
    ] as const) {
      const up = await upload(name, file);
      expect(up.statusCode, up.body).toBe(201);
      const started = await call('POST', `/api/v1/companies/imports/${up.json().id}/start`, {});
      const status = await untilEnded(up.json().id, started.json());
      expect(status, name).toMatchObject({
        status: 'done',
        totalRows: 1,
        inserted: 0,
        updated: 0,
        rejected: 0,
      });
    }
    const stored = (await call('GET', `/api/v1/companies/${created.json().id}`)).json().company;
    expect(stored).toMatchObject({
      nameZh: formula.nameZh,
      tags: formula.tags,
      registeredCapitalYuan: formula.registeredCapitalYuan,
      annualTaxYuan: formula.annualTaxYuan,
    });
  });

  it('exports the filtered list as CSV and XLSX', async () => {
    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/companies/export?format=csv&town=310114103',
      headers: { cookie: officer },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="companies-.*\.csv"/);
    const lines = csv.body.trim().split('\n');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(lines[0]).toMatch(/统一社会信用代码,企业名称/);
    const total = (
      await app.inject({
        method: 'GET',
        url: '/api/v1/companies?town=310114103&limit=1',
        headers: { cookie: officer },
      })
    ).json().total;
    expect(lines.length - 1).toBe(total);
    for (const line of lines.slice(1)) expect(line).toContain(',310114103,');
    // The registry page exports what it shows, in its order.
    const shown: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/companies?town=310114103&sort=name&order=desc&limit=37${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { creditCode: string }[]; nextCursor: string | null } = (
        await app.inject({ method: 'GET', url, headers: { cookie: officer } })
      ).json();
      shown.push(...page.items.map((c) => c.creditCode));
      cursor = page.nextCursor;
    } while (cursor);
    const ordered = await app.inject({
      method: 'GET',
      url: '/api/v1/companies/export?format=csv&town=310114103&sort=name&order=desc',
      headers: { cookie: officer },
    });
    const codes = ordered.body
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(codes).toEqual(shown);
    expect(codes).not.toEqual([...codes].sort());
    const xlsx = await app.inject({
      method: 'GET',
      url: '/api/v1/companies/export?format=xlsx',
      headers: { cookie: officer },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
