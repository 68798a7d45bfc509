import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { demoApp, signIn } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { multipart } from '../../test/multipart.ts';
import { openTable } from '../companies/import/reader.ts';

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\n')}\n`);

describe.each(testEngines())('project import and export on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;
  let admin: string;
  let partner: string;
  let partnerName: string;
  let clusterName: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
    admin = await signIn(app, 'admin@jiading.demo');
    partner = await signIn(app, 'partner@jiading.demo');
    partnerName = (await get('/api/v1/partners?limit=1', officer)).json().items[0].nameZh;
    clusterName = (await get('/api/v1/clusters', officer)).json().items[0].nameZh;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  function get(url: string, cookie: string) {
    return app.inject({ method: 'GET', url, headers: { cookie } });
  }
  const upload = (cookie: string, name: string, content: Buffer) => {
    const body = multipart(name, content);
    return app.inject({
      method: 'POST',
      url: '/api/v1/projects/import',
      headers: { cookie, ...body.headers },
      payload: body.payload,
    });
  };
  const total = async () => (await get('/api/v1/projects?limit=1', admin)).json().total as number;
  const byCode = async (code: string) => (await get(`/api/v1/projects?q=${code}`, admin)).json().items[0];

  const sheet = () =>
    csv([
      '项目编号,项目名称,投资方,国别,街镇,产业集群,投资额,币种,项目类型,外资,预计就业,负责人,优先级,来源,引荐机构',
      `IMP-001,导入：固态电池中试线,Nordic Battery AB,SE,安亭镇,${clusterName},US$20000000,,研发中心,是,120,招商专员 Officer,高,合作伙伴推荐,${partnerName}`,
      'IMP-002,导入：传感器封测,,,310114501,,8000万,CNY,production_base,否,,,low,direct,',
    ]);

  it('creates projects from a sheet with Chinese headers, names resolved, and leaves an audit row for each', async () => {
    const before = await total();
    const res = await upload(officer, 'projects.csv', sheet());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 2, created: 2, updated: 0, unchanged: 0, unknownHeaders: [] });
    expect(await total()).toBe(before + 2);
    const first = await byCode('IMP-001');
    expect(first).toMatchObject({
      title: '导入：固态电池中试线',
      prospectName: 'Nordic Battery AB',
      prospectCountry: 'SE',
      townCode: '310114103',
      amount: '20000000',
      currency: 'USD',
      amountYuan: '144000000',
      major: true,
      kind: 'rnd_center',
      foreignFunded: true,
      expectedJobs: 120,
      priority: 'high',
      source: 'partner_referral',
      stage: 'lead',
    });
    expect(first.partner.nameZh).toBe(partnerName);
    const audit = (await get(`/api/v1/projects/${first.id}/audit`, admin)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create']);
    expect((await byCode('IMP-002')).amountYuan).toBe('80000000');
  });

  it('changes nothing when the same sheet is imported again, and updates only the rows that changed', async () => {
    const again = await upload(officer, 'projects.csv', sheet());
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const edited = csv([
      '项目编号,项目名称,预计就业',
      'IMP-001,导入：固态电池中试线（二期）,150',
      'IMP-002,导入：传感器封测,',
    ]);
    const res = await upload(officer, 'edit.csv', edited);
    expect(res.json()).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const first = await byCode('IMP-001');
    // Columns the sheet lacks are left as they were, the amount included.
    expect(first).toMatchObject({
      title: '导入：固态电池中试线（二期）',
      expectedJobs: 150,
      amountYuan: '144000000',
    });
    const audit = (await get(`/api/v1/projects/${first.id}/audit`, admin)).json().items;
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('reads English headers', async () => {
    const res = await upload(
      officer,
      'en.csv',
      csv([
        'code,title,amount,currency,kind,source',
        'IMP-EN-1,Import: EV drive units,5000000,EUR,expansion,event',
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(await byCode('IMP-EN-1')).toMatchObject({
      amountYuan: '39000000',
      kind: 'expansion',
      source: 'event',
    });
  });

  it('refuses the whole file with every bad row by line, and changes nothing', async () => {
    const before = await total();
    const bad = csv([
      '项目编号,项目名称,街镇,投资额,负责人,外资,优先级',
      'IMP-100,好的一行,,1亿,,,',
      'IMP-101,未知街镇,火星镇,,,,',
      'IMP-102,坏金额,,一些钱,,,',
      'IMP-100,重复编号,,,,,',
      ',没有编号,,,,,',
      'IMP-103,没有这个人,,,张三,,',
      'IMP-104,外资写错,,,,也许,',
      'IMP-105,优先级写错,,,,,紧急',
      'IMP-001,改名但无效金额,,-5,,,',
    ]);
    const res = await upload(officer, 'bad.csv', bad);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const body = res.json();
    expect(body.type).toBe('urn:lodestone:problem:import-refused');
    expect(body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    const message = (line: number) => body.errors.find((e: { line: number }) => e.line === line).message;
    expect(message(3)).toMatch(/town "火星镇"/);
    expect(message(5)).toMatch(/also on line 2/);
    expect(message(6)).toMatch(/project code is empty/);
    expect(message(4)).toMatch(/一些钱|not an amount|amount/);
    expect(message(7)).toMatch(/officer "张三"/);
    expect(message(10)).toMatch(/negative/);
    expect(await total()).toBe(before);
    expect(await byCode('IMP-100')).toBeUndefined();
    expect((await byCode('IMP-001')).title).toBe('导入：固态电池中试线（二期）');
  });

  it('refuses a sheet without a code or name column, a file that is not a sheet, and a partner', async () => {
    const noCode = await upload(officer, 'x.csv', csv(['项目名称', '只有名称']));
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().detail).toMatch(/项目编号/);
    const pdf = await upload(officer, 'x.xlsx', Buffer.from('%PDF-1.4 not a sheet'));
    expect(pdf.statusCode).toBe(400);
    expect((await upload(partner, 'projects.csv', sheet())).statusCode).toBe(403);
  });

  it('reads a sheet with a title and a row of group titles above its header', async () => {
    const titled = csv([
      '嘉定区招商项目台账（2024年）',
      '基本信息,,投资信息',
      '项目编号,项目名称,投资方,投资额',
      'IMP-101,导入：带标题的台账,甲新能源有限公司,8000万',
    ]);
    const res = await upload(officer, 'titled.csv', titled);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 1, created: 1, unknownHeaders: [] });
    expect(await byCode('IMP-101')).toMatchObject({
      title: '导入：带标题的台账',
      prospectName: '甲新能源有限公司',
    });
  });

  it('exports the filtered table as XLSX and CSV, which import back unchanged', async () => {
    const all = await get('/api/v1/projects/export?format=xlsx', officer);
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-type']).toMatch(/spreadsheetml/);
    const table = await openTable({ buffer: all.rawPayload });
    expect(table.headers.slice(0, 4)).toEqual(['系统编号', '项目编号', '项目名称', '阶段']);
    let rows = 0;
    for await (const _ of table.rows) rows++;
    expect(rows).toBe(await total());

    // Every row, with a project code or not, finds its project again by the system id: nothing changes.
    const back = await upload(officer, 'back.xlsx', all.rawPayload);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ rows, created: 0, updated: 0, unchanged: rows, unknownHeaders: [] });
    const csvBack = await upload(
      officer,
      'back.csv',
      (await get('/api/v1/projects/export?format=csv', officer)).rawPayload,
    );
    expect(csvBack.json()).toMatchObject({ rows, unchanged: rows });

    const filtered = await get('/api/v1/projects/export?format=csv&source=event', officer);
    const lines = filtered.body.trim().split('\n');
    expect(lines.length - 1).toBe((await get('/api/v1/projects?source=event&limit=1', officer)).json().total);
  });

  it('finds no project of another tenant or outside a town officer’s towns, whatever id or code a row names', async () => {
    const { createTenant } = await import('../tenants/service.ts');
    const { createUser } = await import('../identity/service.ts');
    const operator = { email: 'test@lodestone', userId: null };
    await createTenant(database.db, { slug: 'other', nameZh: '浦东新区', divisionCode: '310115' }, operator);
    await createUser(
      database.db,
      { tenantSlug: 'other', email: 'o@other.test', password: 'other-password', role: 'admin' },
      operator,
    );
    await createUser(
      database.db,
      {
        tenantSlug: 'jiading',
        email: 'anting@jiading.test',
        password: 'anting-password',
        role: 'officer',
        townCodes: ['310114103'],
      },
      operator,
    );
    const target = await byCode('IMP-002');
    const other = await signIn(app, 'o@other.test', 'other-password');
    const viaId = await upload(other, 'x.csv', csv(['系统编号,项目名称', `${target.id},改名`]));
    expect(viaId.statusCode).toBe(422);
    expect(viaId.json().errors[0].message).toMatch(/no project has system id/);
    // In the other tenant the same code is simply free: a new project there, nothing changed here.
    const viaCode = await upload(other, 'x.csv', csv(['项目编号,项目名称', 'IMP-002,浦东的项目']));
    expect(viaCode.json()).toMatchObject({ created: 1 });
    expect((await byCode('IMP-002')).title).toBe(target.title);

    const town = await signIn(app, 'anting@jiading.test', 'anting-password');
    const outside = await upload(town, 'x.csv', csv(['项目编号,项目名称', 'IMP-002,改名']));
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].message).toMatch(/outside your towns/);
    const elsewhere = await upload(town, 'x.csv', csv(['项目编号,项目名称,街镇', 'IMP-T1,别处,310114501']));
    expect(elsewhere.json().errors[0].message).toMatch(/outside your towns/);
    const inTown = await upload(town, 'x.csv', csv(['项目编号,项目名称,街镇', 'IMP-T2,安亭的项目,安亭镇']));
    expect(inTown.json()).toMatchObject({ created: 1 });
    expect((await byCode('IMP-002')).title).toBe(target.title);
  });

  it('exports to a partner only the projects it referred', async () => {
    const res = await get('/api/v1/projects/export?format=csv', partner);
    expect(res.statusCode).toBe(200);
    const rows = res.body.trim().split('\n').length - 1;
    expect(rows).toBe((await get('/api/v1/projects?limit=1', partner)).json().total);
    expect(rows).toBeLessThan(await total());
  });
});
