import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngines, withDatabaseName } from '../test/databases.ts';
import { runCli, startServe } from '../test/process.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-cli-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('lodestone CLI on the embedded database', () => {
  const env = { DATA_DIR: path.join(root, 'data') };

  it('migrates, creates a tenant and a user, and prints one JSON object with --json', async () => {
    expect((await runCli(['migrate', '--json'], env)).stdout.trim()).toBe('{"ok":true,"engine":"pglite"}');
    const tenant = await runCli(
      ['tenant', 'create', '--slug', 'minhang', '--name', '闵行区', '--division', '310112', '--json'],
      env,
    );
    expect(tenant.code).toBe(0);
    expect(JSON.parse(tenant.stdout)).toMatchObject({
      slug: 'minhang',
      division: '310112',
      towns: expect.any(Number),
    });
    expect(JSON.parse(tenant.stdout).towns).toBeGreaterThan(5);
    const user = await runCli(
      [
        'user',
        'create',
        '--tenant',
        'minhang',
        '--email',
        'Lead@Minhang.test',
        '--password',
        'a-long-password',
        '--role',
        'officer',
        '--json',
      ],
      env,
    );
    expect(user.code).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({
      email: 'lead@minhang.test',
      role: 'officer',
      tenant: 'minhang',
    });
  });

  it.each([
    [['tenant', 'create', '--slug', 'Bad Slug', '--name', 'x', '--division', '310112'], /slug "Bad Slug"/],
    [
      ['tenant', 'create', '--slug', 'ghost', '--name', 'x', '--division', '999999'],
      /division 999999 not found/,
    ],
    [['tenant', 'create', '--slug', 'minhang', '--name', 'x', '--division', '310112'], /already exists/],
    [
      [
        'user',
        'create',
        '--tenant',
        'minhang',
        '--email',
        'a@b.cn',
        '--password',
        'short',
        '--role',
        'admin',
      ],
      /at least 10/,
    ],
    [
      [
        'user',
        'create',
        '--tenant',
        'minhang',
        '--email',
        'a@b.cn',
        '--password',
        'long-enough-1',
        '--role',
        'boss',
      ],
      /unknown role/,
    ],
    [
      [
        'user',
        'create',
        '--tenant',
        'nowhere',
        '--email',
        'a@b.cn',
        '--password',
        'long-enough-1',
        '--role',
        'admin',
      ],
      /tenant "nowhere" not found/,
    ],
    [
      [
        'user',
        'create',
        '--tenant',
        'minhang',
        '--email',
        'p@b.cn',
        '--password',
        'long-enough-1',
        '--role',
        'partner',
        '--partner',
        '0190f5a8-0000-7000-8000-000000000000',
      ],
      /partner 0190f5a8-0000-7000-8000-000000000000 in minhang not found/,
    ],
    [
      [
        'user',
        'create',
        '--tenant',
        'minhang',
        '--email',
        'p@b.cn',
        '--password',
        'long-enough-1',
        '--role',
        'viewer',
        '--partner',
        '0190f5a8-0000-7000-8000-000000000000',
      ],
      /for the partner role only/,
    ],
    [['seed', 'demo', '--scale', 'huge'], /unknown scale/],
    [['report', 'cockpit', '--tenant', 'nowhere', '--json'], /tenant "nowhere" not found/],
    [['report', 'cockpit', '--tenant', 'minhang', '--since', '2021-13-01', '--json'], /since must be a date/],
    [
      ['report', 'cockpit', '--tenant', 'minhang', '--zone', 'Nowhere', '--json'],
      /zone "Nowhere" in minhang not found/,
    ],
    [
      ['report', 'cockpit', '--tenant', 'minhang', '--xlsx', path.join(root, 'c.xlsx'), '--lang', 'fr'],
      /--lang is zh-CN or en/,
    ],
    [['restore', path.join(root, 'missing.backup')], /no such file/],
  ])('refuses %j with a one-line reason and a non-zero exit', async (args, reason) => {
    const r = await runCli(args as string[], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints the cockpit as one JSON object', async () => {
    const r = await runCli(
      ['report', 'cockpit', '--tenant', 'minhang', '--since', '2021-01-01', '--json'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const figures = JSON.parse(r.stdout);
    expect(figures.period.since).toBe('2021-01-01');
    expect(figures.newCompanies.companies).toBe(0);
    expect(figures.majorProjects).toMatchObject({ projects: 0, amountYuan: '0' });
  });

  it('writes the cockpit as a workbook beside the same JSON', async () => {
    const file = path.join(root, 'cockpit.xlsx');
    const r = await runCli(
      [
        'report',
        'cockpit',
        '--tenant',
        'minhang',
        '--since',
        '2021-01-01',
        '--xlsx',
        file,
        '--lang',
        'en',
        '--json',
      ],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const figures = JSON.parse(r.stdout);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((s) => s.name)).toContain('Major projects');
    const summary = book.getWorksheet('Summary');
    expect(summary?.getRow(1).values).toEqual([undefined, 'Period', '2021-01-01', figures.period.until]);
    const major = summary?.getRows(1, 20)?.find((row) => row.getCell(1).value === 'Major projects');
    expect(major?.getCell(2).value).toBe(figures.majorProjects.projects);
  });

  it('refuses a missing required option', async () => {
    const r = await runCli(['user', 'create', '--tenant', 'minhang'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option/);
  });
});

describe.runIf(testEngines().includes('postgres'))('growing from the embedded database to PostgreSQL', () => {
  // The body of a skipped describe still runs while tests are collected: without a server there is no URL.
  const admin = process.env.DATABASE_URL_TEST ?? '';
  const name = `lodestone_cli_${randomBytes(5).toString('hex')}`;
  const url = admin ? withDatabaseName(admin, name) : '';

  afterAll(async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });

  it('backs up the embedded data, restores it into an empty PostgreSQL and serves it', async () => {
    const dataDir = path.join(root, 'grow');
    expect((await runCli(['seed', 'demo'], { DATA_DIR: dataDir })).code).toBe(0);
    const file = path.join(root, 'grow.backup');
    const saved = await runCli(['backup', file, '--json'], { DATA_DIR: dataDir });
    expect(saved.code).toBe(0);

    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    const restored = await runCli(['restore', file, '--json'], { DATABASE_URL: url });
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout).tables).toEqual(JSON.parse(saved.stdout).tables);

    const server = await startServe({ DATABASE_URL: url }, []);
    try {
      const health = await (await fetch(`${server.baseUrl}/api/health`)).json();
      expect(health).toMatchObject({ engine: 'postgres' });
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'officer@jiading.demo', password: 'lodestone-demo' }),
      });
      expect(login.status).toBe(200);

      // A partner user created at the command line speaks for a restored partner and sees its referrals.
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      const partner = (await db.query(`select id from partners where name_zh = '上海市汽车行业协会'`))
        .rows[0];
      const referred = (
        await db.query('select count(*)::int as n from projects where partner_id = $1', [partner.id])
      ).rows[0].n as number;
      await db.end();
      const user = ['user', 'create', '--tenant', 'jiading', '--email', 'portal@partner.test'];
      const created = await runCli(
        [...user, '--password', 'long-enough-1', '--role', 'partner', '--partner', partner.id, '--json'],
        { DATABASE_URL: url },
      );
      expect(created.code, created.stderr).toBe(0);
      const portal = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'portal@partner.test', password: 'long-enough-1' }),
      });
      const cookie = (portal.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const projects = await (
        await fetch(`${server.baseUrl}/api/v1/projects`, { headers: { cookie } })
      ).json();
      expect(referred).toBeGreaterThan(0);
      expect(projects.total).toBe(referred);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    // Five CLI runs and a server start, each a process of its own: a minute under load.
  }, 180_000);
});
