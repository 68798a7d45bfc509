import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/process.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-cli-projects-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('lodestone import/export projects on the embedded database', () => {
  const env = { DATA_DIR: path.join(root, 'data') };
  beforeAll(async () => {
    expect((await runCli(['seed', 'demo'], env)).code).toBe(0);
  }, 120_000);

  it('exports the pipeline to XLSX and CSV, and the export imports back unchanged', async () => {
    const xlsx = path.join(root, 'projects.xlsx');
    const out = await runCli(['export', 'projects', xlsx, '--tenant', 'jiading', '--json'], env);
    expect(out.code, out.stderr).toBe(0);
    const { rows } = JSON.parse(out.stdout);
    expect(rows).toBeGreaterThan(10);
    const back = await runCli(['import', 'projects', xlsx, '--tenant', 'jiading', '--json'], env);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({
      imported: true,
      rows,
      created: 0,
      updated: 0,
      unchanged: rows,
    });

    const csv = path.join(root, 'projects.csv');
    expect((await runCli(['export', 'projects', csv, '--tenant', 'jiading'], env)).stdout).toMatch(
      `exported ${rows} projects to ${csv}`,
    );
    expect(fs.readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^\uFEFF系统编号,项目编号,项目名称,阶段/);
  });

  it('imports new projects by code, and a second run changes nothing', async () => {
    const file = path.join(root, 'new.csv');
    fs.writeFileSync(
      file,
      '项目编号,项目名称,投资额\nCLI-1,命令行导入：氢能重卡,2亿\nCLI-2,命令行导入：激光雷达,5000万\n',
    );
    const first = await runCli(['import', 'projects', file, '--tenant', 'jiading'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/2 rows \(csv\): 2 new, 0 updated, 0 unchanged/);
    const again = await runCli(['import', 'projects', file, '--tenant', 'jiading'], env);
    expect(again.stdout).toMatch(/0 new, 0 updated, 2 unchanged/);
  });

  it('refuses a sheet with bad rows, reporting each by line, and imports none of it', async () => {
    const file = path.join(root, 'bad.csv');
    fs.writeFileSync(file, '项目编号,项目名称,街镇\nCLI-9,好的一行,\nCLI-10,坏街镇,火星镇\n,无编号,\n');
    const res = await runCli(['import', 'projects', file, '--tenant', 'jiading'], env);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/nothing imported: 2 rows have errors/);
    expect(res.stderr).toMatch(/line 3: town "火星镇"/);
    expect(res.stderr).toMatch(/line 4: the project code is empty/);
    const json = await runCli(['import', 'projects', file, '--tenant', 'jiading', '--json'], env);
    expect(json.code).not.toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ imported: false, errors: [{ line: 3 }, { line: 4 }] });
    const csv = path.join(root, 'after.csv');
    await runCli(['export', 'projects', csv, '--tenant', 'jiading'], env);
    expect(fs.readFileSync(csv, 'utf8')).not.toContain('CLI-9');
  });

  it.each([
    [['import', 'projects', 'missing.csv', '--tenant', 'jiading'], /no such file/],
    [['import', 'projects', 'x.csv', '--tenant', 'nowhere'], /no such file|tenant "nowhere"/],
    [['export', 'projects', 'out.pdf', '--tenant', 'jiading'], /must end in .csv or .xlsx/],
    [['export', 'projects', 'out.csv', '--tenant', 'nowhere'], /tenant "nowhere" not found/],
    [['export', 'deals', 'out.csv', '--tenant', 'jiading'], /use companies or projects/],
  ])('refuses %j with one line and a non-zero exit', async (args, reason) => {
    const res = await runCli(args, env);
    expect(res.code).not.toBe(0);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(reason);
  });
});
