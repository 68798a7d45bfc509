import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../../domain/credit-code.ts';
import { testEngines, withDatabaseName } from '../../../test/databases.ts';
import { tinyPdf } from '../../../test/multipart.ts';
import { runCli } from '../../../test/process.ts';

// `lodestone import companies` as a script sees it: for each kind of bad input, one line on stderr, a non-zero
// exit and nothing written; and one JSON object of a fixed shape with --json.
const english = { LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' };

describe.each(testEngines())('lodestone import companies: bad input on %s', (engine) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-import-cli-'));
  const admin = process.env.DATABASE_URL_TEST ?? '';
  const dbName = `lodestone_cli_import_${randomBytes(5).toString('hex')}`;
  const env: Record<string, string> =
    engine === 'pglite'
      ? { DATA_DIR: path.join(dir, 'data') }
      : { DATABASE_URL: withDatabaseName(admin, dbName) };
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  // In an English terminal unless a test says otherwise, whatever the locale of the machine running the tests.
  const importing = (target: string, ...more: string[]) =>
    runCli(['import', 'companies', target, '--tenant', 'baoshan', ...more], { ...env, ...english });
  const registrySize = async () => {
    const r = await runCli(
      ['export', 'companies', path.join(dir, 'count.csv'), '--tenant', 'baoshan', '--json'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout).rows as number;
  };
  const good = makeCreditCode('91310113', 'MA7CLH01');

  beforeAll(async () => {
    if (engine === 'postgres') {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`create database ${dbName}`);
      await c.end();
    }
    const t = await runCli(
      ['tenant', 'create', '--slug', 'baoshan', '--name', '宝山区', '--division', '310113'],
      env,
    );
    expect(t.code, t.stderr).toBe(0);
    const first = await importing(
      file('first.csv', `统一社会信用代码,企业名称\n${good},上海宝山命令行有限公司\n`),
    );
    expect(first.code, first.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (engine === 'postgres') {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    }
  });

  it('refuses each bad input with one line, a non-zero exit and no change', async () => {
    const cases: [string, string[], RegExp][] = [
      [
        'unknown tenant',
        ['import', 'companies', path.join(dir, 'first.csv'), '--tenant', 'nowhere'],
        /tenant "nowhere" not found/,
      ],
      [
        'missing file',
        ['import', 'companies', path.join(dir, 'gone.csv'), '--tenant', 'baoshan'],
        /no such file/,
      ],
      ['a folder', ['import', 'companies', dir, '--tenant', 'baoshan'], /is a folder/],
      [
        'a PDF',
        ['import', 'companies', file('scan.csv', tinyPdf), '--tenant', 'baoshan'],
        /not a spreadsheet/,
      ],
      [
        'an empty file',
        ['import', 'companies', file('empty.csv', ''), '--tenant', 'baoshan'],
        /the file is empty/,
      ],
      [
        '--rejects in a folder that does not exist',
        [
          'import',
          'companies',
          path.join(dir, 'first.csv'),
          '--tenant',
          'baoshan',
          '--rejects',
          path.join(dir, 'nowhere', 'rejects.csv'),
        ],
        /--rejects: no such folder/,
      ],
      [
        'headers alone',
        ['import', 'companies', file('headers.csv', '统一社会信用代码,企业名称\n'), '--tenant', 'baoshan'],
        /a header row but no companies/,
      ],
    ];
    // --json changes only what a success prints.
    const headers = cases[6] as (typeof cases)[number];
    for (const [what, args, reason] of [
      ...cases,
      [`${headers[0]} --json`, [...headers[1], '--json'], headers[2]] as const,
    ]) {
      const r = await runCli([...args], env);
      expect(r.code, what).toBe(1);
      expect(r.stdout, what).toBe('');
      expect(r.stderr, what).toMatch(reason);
      expect(r.stderr.trim().split('\n'), what).toHaveLength(1);
    }
    expect(await registrySize()).toBe(1);
  }, 120_000);

  it('says why a file was refused in a Chinese terminal in Chinese', async () => {
    const empty = file('empty-zh.csv', '');
    const r = await runCli(['import', 'companies', empty, '--tenant', 'baoshan'], {
      ...env,
      ...english,
      LC_ALL: 'zh_CN.UTF-8',
    });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('lodestone: 文件是空的');
  }, 60_000);

  it('reports a file of only invalid rows row by row, then exits non-zero', async () => {
    const bad = file(
      'bad.csv',
      `统一社会信用代码,企业名称\nBAD,坏代码有限公司\n${good.slice(0, 17)}0,错校验位有限公司\n`,
    );
    const human = await importing(bad);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/line 2: Credit code: must be 18 characters, got 3/);
    expect(human.stdout).toMatch(/line 3: Credit code: check character should be/);
    // A Chinese terminal reads the reasons in Chinese: LC_ALL first, then LC_MESSAGES, then LANG.
    for (const locale of [
      { LC_ALL: 'zh_CN.UTF-8' },
      { LC_MESSAGES: 'zh_CN.GB18030' },
      { LANG: 'zh_CN.UTF-8' },
    ]) {
      const chinese = await runCli(['import', 'companies', bad, '--tenant', 'baoshan'], {
        ...env,
        ...english,
        LANG: '',
        ...locale,
      });
      expect(chinese.stdout, JSON.stringify(locale)).toMatch(
        /line 2: 统一社会信用代码：应为 18 位，实为 3 位/,
      );
      expect(chinese.stdout, JSON.stringify(locale)).toMatch(
        /line 3: 统一社会信用代码：校验码（第 18 位）应为/,
      );
    }
    expect(human.stderr.trim()).toBe(`lodestone: every row of ${bad} was rejected; nothing was imported`);
    const json = await importing(bad, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      totalRows: 2,
      rejected: 2,
      inserted: 0,
      rejects: [
        {
          line: 2,
          reason: '统一社会信用代码 credit code: must be 18 characters, got 3',
          field: 'creditCode',
          code: 'creditCode.length',
          params: { length: 3 },
        },
        { line: 3, field: 'creditCode', code: 'creditCode.checkChar' },
      ],
    });
    expect(await registrySize()).toBe(1);
  }, 60_000);

  it('prints one JSON object of a fixed shape; a row imported before is left unchanged', async () => {
    const mixed = file(
      'mixed.csv',
      `统一社会信用代码,企业名称\n${good},上海宝山命令行有限公司\nBAD,坏代码有限公司\n`,
    );
    const r = await importing(mixed, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result).sort()).toEqual(
      [
        'encoding',
        'format',
        'inserted',
        'jobId',
        'phases',
        'rejected',
        'rejects',
        'seconds',
        'totalRows',
        'unchanged',
        'unknownHeaders',
        'updated',
      ].sort(),
    );
    expect(result).toMatchObject({
      format: 'csv',
      encoding: 'utf8',
      totalRows: 2,
      inserted: 0,
      updated: 0,
      unchanged: 1,
      rejected: 1,
      rejects: [
        {
          line: 3,
          reason: expect.any(String),
          raw: 'BAD,坏代码有限公司',
          code: 'creditCode.length',
          params: { length: 3 },
        },
      ],
      unknownHeaders: [],
    });
  }, 60_000);

  it('writes every rejected row to the --rejects file, where the output shows only the first 20', async () => {
    const lines = [`统一社会信用代码,企业名称`, `${good},上海宝山命令行有限公司`];
    for (let i = 0; i < 25; i++) lines.push(`BAD${i},坏代码${i}有限公司`);
    const many = file('many-bad.csv', `${lines.join('\n')}\n`);
    const out = path.join(dir, 'rejects.csv');
    const r = await importing(many, '--rejects', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`every rejected row, with its reason: ${out}`);
    expect(r.stdout.match(/^ {2}line \d+:/gm)).toHaveLength(20);
    const report = fs.readFileSync(out, 'utf8');
    expect(report.startsWith('\uFEFF行号 line,原因 reason,原始内容 row\n')).toBe(true);
    const rows = report.trim().split('\n').slice(1);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toBe('3,"Credit code: must be 18 characters, got 4","BAD0,坏代码0有限公司"');
    expect(rows.at(-1)).toMatch(/^27,/);

    // In a Chinese terminal the file says it in Chinese.
    await runCli(['import', 'companies', many, '--tenant', 'baoshan', '--rejects', out], {
      ...env,
      ...english,
      LC_ALL: 'zh_CN.UTF-8',
    });
    expect(fs.readFileSync(out, 'utf8').split('\n')[1]).toBe(
      '3,统一社会信用代码：应为 18 位，实为 4 位,"BAD0,坏代码0有限公司"',
    );
    expect(await registrySize()).toBe(1);
  }, 60_000);
});
