import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { makeCreditCode } from '../../../domain/credit-code.ts';
import { demoApp, signIn, signInOtherTenant, signInTownOfficer } from '../../../test/app.ts';
import { freshDatabase, testEngines } from '../../../test/databases.ts';
import { multipart } from '../../../test/multipart.ts';

// An import writes by credit code wherever the company is, and its job and error report hold rows of every
// town: tenant and town scoping are checked on each of its routes.
describe.each(testEngines())('registry import routes and scoping on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;
  let anting: string;
  let other: string;
  let jobId: string;
  const outsider = { creditCode: '', townCode: '310114106', employees: 0 };

  const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const upload = (csv: string, cookie: string) => {
    const body = multipart('registry.csv', Buffer.from(csv));
    return app.inject({
      method: 'POST',
      url: '/api/v1/companies/imports',
      headers: { ...body.headers, cookie },
      payload: body.payload,
    });
  };

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
    anting = await signInTownOfficer(app, 'anting-import@jiading.test', ['310114103']);
    const _operator = { email: 'test@lodestone', userId: null };
    other = await signInOtherTenant(app, 'officer');
    const first = (await call('GET', '/api/v1/companies?limit=1&town=310114106', officer)).json().items[0];
    Object.assign(outsider, { creditCode: first.creditCode, employees: first.employees });

    const up = await upload(
      `统一社会信用代码,企业名称\n${makeCreditCode('91310114', 'MA7QCP01')},上海嘉定范围测试有限公司\nBAD,坏代码有限公司\n=1+2,公式有限公司\n`,
      officer,
    );
    expect(up.statusCode, up.body).toBe(201);
    jobId = up.json().id;
    expect((await call('POST', `/api/v1/companies/imports/${jobId}/start`, officer, {})).statusCode).toBe(
      202,
    );
    let status = { status: 'running' };
    for (let i = 0; i < 400 && status.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = (await call('GET', `/api/v1/companies/imports/${jobId}`, officer)).json();
    }
    expect(status).toMatchObject({ status: 'done', inserted: 1, rejected: 2 });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const reads = () => [
    `/api/v1/companies/imports/${jobId}`,
    `/api/v1/companies/imports/${jobId}/rejects`,
    `/api/v1/companies/imports/${jobId}/rejects.csv`,
  ];

  it('answers 404 to another tenant for the job, its rejected rows and its report, and lists none of ours', async () => {
    for (const url of reads()) expect((await call('GET', url, other)).statusCode, url).toBe(404);
    expect((await call('GET', '/api/v1/companies/imports', other)).json().items).toEqual([]);
    expect((await call('POST', `/api/v1/companies/imports/${jobId}/start`, other, {})).statusCode).toBe(404);
  });

  it('refuses a town officer every import route, and their file changes no company of another town', async () => {
    const up = await upload(
      `统一社会信用代码,企业名称,所属街镇,从业人数\n${outsider.creditCode},改名有限公司,310114106,${outsider.employees + 1}\n`,
      anting,
    );
    expect(up.statusCode).toBe(403);
    expect(up.headers['content-type']).toMatch(/problem\+json/);
    expect(up.json().detail).toMatch(/limited to some towns/);
    for (const url of [...reads(), '/api/v1/companies/imports'])
      expect((await call('GET', url, anting)).statusCode, url).toBe(403);
    expect((await call('POST', `/api/v1/companies/imports/${jobId}/start`, anting, {})).statusCode).toBe(403);
    const after = (await call('GET', `/api/v1/companies?q=${outsider.creditCode}`, officer)).json().items[0];
    expect(after.employees).toBe(outsider.employees);
  });

  it('shows a rejected row that holds a formula as text in the error report', async () => {
    const report = await call('GET', `/api/v1/companies/imports/${jobId}/rejects.csv?lang=en`, officer);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain(`\n4,"Credit code: must be 18 characters, got 4","'=1+2,公式有限公司"\n`);
    const chinese = await call('GET', `/api/v1/companies/imports/${jobId}/rejects.csv`, officer);
    expect(chinese.body).toContain(`\n4,统一社会信用代码：应为 18 位，实为 4 位,"'=1+2,公式有限公司"\n`);
  });

  it('keeps imports to roles that write', async () => {
    const viewer = await signIn(app, 'viewer@jiading.demo');
    const partner = await signIn(app, 'partner@jiading.demo');
    for (const cookie of [viewer, partner]) {
      for (const url of [...reads(), '/api/v1/companies/imports'])
        expect((await call('GET', url, cookie)).statusCode, url).toBe(403);
      expect((await upload('统一社会信用代码,企业名称\n', cookie)).statusCode).toBe(403);
    }
  });
});
