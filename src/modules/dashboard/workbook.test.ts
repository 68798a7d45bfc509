import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { demoApp, signIn } from '../../test/app.ts';
import { freshDatabase } from '../../test/databases.ts';
import { createUser } from '../identity/service.ts';
import { findTenant } from '../tenants/service.ts';
import { cockpit } from './service.ts';
import { type CockpitFigures, cockpitWorkbook } from './workbook.ts';

async function read(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}

/** A sheet's rows as plain values, the first (header) row included. */
function rowsOf(book: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const total = (rows: unknown[][], column: number) =>
  rows.reduce((n, r) => n + BigInt(String(r[column] ?? 0) || 0), 0n).toString();

describe('cockpit workbook', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let admin: string;
  const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    app = await demoApp(database);
    admin = await signIn(app, 'admin@jiading.demo');
    await app.inject({
      method: 'POST',
      url: '/api/v1/dashboard/targets',
      headers: { cookie: admin },
      payload: { year: 2026, metric: 'signed_amount_yuan', value: '90000000000' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('has a sheet per figure whose figures and rows equal the JSON cockpit', async () => {
    const query = 'since=2021-01-01&until=2026-11-20';
    const json = (await get(`/api/v1/dashboard/cockpit?${query}`, admin)).json() as CockpitFigures;
    const res = await get(`/api/v1/dashboard/cockpit.xlsx?${query}`, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('cockpit.xlsx');
    const book = await read(res.rawPayload);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '概览',
      '新设企业',
      '重大项目',
      '外资项目',
      '地区总部',
      '签约项目',
      '各阶段',
      '漏斗',
      '年度目标',
      '产业集群',
      '合作伙伴',
      '各街镇新设',
    ]);

    const summary = rowsOf(book, '概览');
    expect(summary[0]).toEqual(['期间', '2021-01-01', '2026-11-20']);
    const figure = (name: string) => summary.find((r) => r[0] === name) as unknown[];
    expect(figure('新设企业')[1]).toBe(json.newCompanies.companies);
    expect(figure('去年同期')[1]).toBe(json.newCompanies.previousYear);
    for (const [name, key] of [
      ['重大项目', 'majorProjects'],
      ['外资项目', 'foreignFunded'],
      ['地区总部', 'headquarters'],
      ['签约项目', 'signed'],
    ] as const) {
      expect(figure(name).slice(1, 3)).toEqual([json[key].projects, Number(json[key].amountYuan)]);
      // The sheet lists exactly the projects the figure counts, and their amounts add up to it.
      const rows = rowsOf(book, name);
      expect(rows[0]?.[0]).toBe(`共 ${json[key].projects} 行`);
      const listed = rows.slice(2);
      expect(listed).toHaveLength(json[key].projects);
      expect(total(listed, 3)).toBe(json[key].amountYuan);
    }
    expect(json.majorProjects.projects).toBeGreaterThan(0);
    const companies = rowsOf(book, '新设企业').slice(2);
    expect(companies).toHaveLength(json.newCompanies.companies);
    for (const c of companies)
      expect(String(c[4]) >= '2021-01-01' && String(c[4]) <= '2026-11-20').toBe(true);

    expect(
      rowsOf(book, '各阶段')
        .slice(1)
        .map((r) => r.slice(0, 3)),
    ).toEqual(json.pipeline.map((s) => [s.stage, s.projects, Number(s.amountYuan)]));
    expect(
      rowsOf(book, '漏斗')
        .slice(1)
        .map((r) => r.slice(0, 2)),
    ).toEqual(json.funnel.map((s) => [s.stage, s.reached]));
    expect(
      rowsOf(book, '年度目标')
        .slice(1)
        .map((r) => [r[0], String(r[3])]),
    ).toEqual(json.targets.map((t) => [t.metric, t.actual]));
    expect(
      rowsOf(book, '合作伙伴')
        .slice(1)
        .map((r) => r.slice(1, 3)),
    ).toEqual(json.partnerLeaderboard.map((p) => [p.projects, Number(p.amountYuan)]));
    expect(
      rowsOf(book, '产业集群')
        .slice(1)
        .map((r) => r.slice(1, 3)),
    ).toEqual(json.topClusters.map((p) => [p.projects, Number(p.amountYuan)]));
    expect(
      rowsOf(book, '各街镇新设')
        .slice(1)
        .reduce((n, r) => n + Number(r[2]), 0),
    ).toBe(json.newCompanies.companies);
  });

  it('bounds a row sheet, saying how many rows the figure counts and where the whole list is', async () => {
    const tenant = await findTenant(database.db, 'jiading');
    const viewer = { userId: '', role: 'admin' as const, townCodes: [], partnerId: null };
    const buffer = await inTenant(database.db, tenant?.id as string, async (tx) =>
      cockpitWorkbook(tx, viewer, await cockpit(tx, viewer, { since: '2021-01-01' }, '2026-11-20'), 'en', 7),
    );
    const book = await read(buffer);
    const rows = rowsOf(book, 'New companies');
    expect(rows[0]?.[0]).toMatch(/^\d+ rows; the newest 7 are listed; the whole list:$/);
    expect(rows[0]?.[1]).toMatch(/^\/companies\?establishedFrom=2021-01-01&establishedTo=2026-11-20$/);
    expect(rows[1]).toEqual([
      'Credit code',
      'Name',
      'English name',
      'Town',
      'Established',
      'Enterprise type',
      'Capital (yuan)',
    ]);
    expect(rows.slice(2)).toHaveLength(7);
  });

  it('refuses bad input, a partner and another town; a town officer gets their towns', async () => {
    for (const q of ['since=2021-02-30', 'zone=nope', 'lang=fr']) {
      const bad = await get(`/api/v1/dashboard/cockpit.xlsx?${q}`, admin);
      expect(bad.statusCode, q).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
    }
    const partner = await signIn(app, 'partner@jiading.demo');
    expect((await get('/api/v1/dashboard/cockpit.xlsx', partner)).statusCode).toBe(403);
    await createUser(
      database.db,
      {
        tenantSlug: 'jiading',
        email: 'anting-workbook@jiading.test',
        password: 'anting-password',
        role: 'officer',
        townCodes: ['310114103'],
      },
      { email: 'test@lodestone', userId: null },
    );
    const anting = await signIn(app, 'anting-workbook@jiading.test', 'anting-password');
    expect((await get('/api/v1/dashboard/cockpit.xlsx?town=310114501', anting)).statusCode).toBe(403);
    const book = await read(
      (await get('/api/v1/dashboard/cockpit.xlsx?since=2021-01-01&lang=en', anting)).rawPayload,
    );
    const towns = new Set(
      rowsOf(book, 'New companies')
        .slice(2)
        .map((r) => r[3]),
    );
    expect([...towns]).toEqual(['Anting Town']);
  });
});
