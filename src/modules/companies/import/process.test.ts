import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openReadyDatabase } from '../../../db/bootstrap.ts';
import { cliPath, runCli } from '../../../test/process.ts';
import { companiesCsv } from '../../demo/company-generator.ts';
import { smallDemoCompanies } from '../../demo/seed.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-import-kill-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const expectedIndexes = [
  'companies_established',
  'companies_headquarters',
  'companies_industry',
  'companies_kinds',
  'companies_name_grams',
  'companies_name_key',
  'companies_sort_capital',
  'companies_sort_established',
  'companies_sort_name',
  'companies_sort_updated',
  'companies_tenant_credit_code',
  'companies_tenant_id_id_pk',
  'companies_town',
];

async function companyIndexes(dataDir: string): Promise<string[]> {
  const database = await openReadyDatabase({ dataDir });
  try {
    const { rows } = (await database.db.execute(
      sql`select indexname from pg_indexes where tablename = 'companies' order by 1`,
    )) as unknown as { rows: { indexname: string }[] };
    return rows.map((r) => r.indexname);
  } finally {
    await database.close();
  }
}

describe('an import killed halfway', () => {
  it('leaves the registry as it was, and running it again is safe', async () => {
    const env = { DATA_DIR: path.join(dir, 'data') };
    expect((await runCli(['seed', 'demo'], env)).code).toBe(0);
    const file = path.join(dir, 'big.csv');
    fs.writeFileSync(file, companiesCsv(120_000, 4242));

    const child = spawn(process.execPath, [cliPath, 'import', 'companies', file, '--tenant', 'jiading'], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise((r) => setTimeout(r, 5000));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const count = async () => {
      const out = path.join(dir, `count-${Date.now()}.csv`);
      const r = await runCli(['export', 'companies', out, '--tenant', 'jiading', '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).rows as number;
    };
    expect(await count()).toBe(smallDemoCompanies);

    const small = path.join(dir, 'small.csv');
    fs.writeFileSync(small, companiesCsv(800, 4242));
    const first = await runCli(['import', 'companies', small, '--tenant', 'jiading', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const second = JSON.parse(
      (await runCli(['import', 'companies', small, '--tenant', 'jiading', '--json'], env)).stdout,
    );
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 800, rejected: 0 });
    expect(await count()).toBe(smallDemoCompanies + JSON.parse(first.stdout).inserted);

    // The big load builds its indexes at the end; killed before that, the indexes must all be back.
    expect(await companyIndexes(env.DATA_DIR)).toEqual(expectedIndexes);
  }, 180_000);

  it('builds every index again after a large load', async () => {
    const env = { DATA_DIR: path.join(dir, 'data-large') };
    const file = path.join(dir, 'large.csv');
    fs.writeFileSync(file, companiesCsv(60_000, 777));
    const r = await runCli(['import', 'companies', file, '--tenant', 'jiading', '--json'], env);
    expect(r.stderr).toMatch(/tenant "jiading" not found/);
    expect((await runCli(['seed', 'demo'], env)).code).toBe(0);
    const loaded = await runCli(['import', 'companies', file, '--tenant', 'jiading', '--json'], env);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(JSON.parse(loaded.stdout)).toMatchObject({ totalRows: 60_000, rejected: 0 });
    expect(await companyIndexes(env.DATA_DIR)).toEqual(expectedIndexes);
  }, 180_000);
});
