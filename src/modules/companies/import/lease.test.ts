import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { newId } from '../../../db/columns.ts';
import { demoApp, signIn } from '../../../test/app.ts';
import { freshDatabase, testEngines, withDatabaseName } from '../../../test/databases.ts';
import { cliPath, runCli, signInOver, startServe } from '../../../test/process.ts';
import { companiesCsv } from '../../demo/company-generator.ts';
import { takeJobLease } from './lease.ts';
import { markInterruptedImports } from './pipeline.ts';

describe.each(testEngines())('import jobs and the process running them (%s)', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;
  let tenantId: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
    const { rows } = (await database.db.execute(
      sql`select id from tenants where slug = 'jiading'`,
    )) as unknown as {
      rows: { id: string }[];
    };
    tenantId = rows[0]?.id as string;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** A job row marked running, as a process writes it when an import begins. */
  const runningJobRow = async (id = newId()) => {
    await database.db.execute(
      sql`insert into import_jobs (tenant_id, id, entity, file_name, status, started_at)
          values (${tenantId}, ${id}, 'companies', 'registry.csv', 'running', now())`,
    );
    return id;
  };
  const shown = async (id: string) => {
    const one = await app.inject({
      method: 'GET',
      url: `/api/v1/companies/imports/${id}`,
      headers: { cookie: officer },
    });
    expect(one.statusCode, one.body).toBe(200);
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/companies/imports',
      headers: { cookie: officer },
    });
    const listed = list.json().items.find((j: { id: string }) => j.id === id);
    expect(listed).toEqual(one.json());
    return one.json() as { status: string; error: string | null };
  };
  const stored = async (id: string) => {
    const { rows } = (await database.db.execute(
      sql`select status from import_jobs where id = ${id}`,
    )) as unknown as {
      rows: { status: string }[];
    };
    return rows[0]?.status;
  };

  it('shows a running job that no process runs any more as interrupted, and a server start records it', async () => {
    const id = await runningJobRow();
    expect(await shown(id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^interrupted/),
      errorCode: 'job.interrupted',
    });
    expect(await stored(id)).toBe('running');
    await markInterruptedImports(database);
    expect(await stored(id)).toBe('failed');
  });

  it('keeps a job running while its process holds the lease, through a server start', async () => {
    const id = newId();
    const release = await takeJobLease(database, id);
    // A second lease of the same job in one process shares the lock instead of waiting for it.
    const again = await takeJobLease(database, id);
    await runningJobRow(id);
    await markInterruptedImports(database);
    expect(await stored(id)).toBe('running');
    expect(await shown(id)).toMatchObject({ status: 'running', error: null });
    await again();
    expect((await shown(id)).status).toBe('running');
    await release();
    expect(await shown(id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^interrupted/),
      errorCode: 'job.interrupted',
    });
  });
});

// The case the lease exists for: on PostgreSQL a CLI import runs in its own process beside the server.
describe.runIf(process.env.DATABASE_URL_TEST)('a CLI import on PostgreSQL, seen from a server', () => {
  const admin = process.env.DATABASE_URL_TEST as string;
  const name = `lodestone_test_${randomBytes(6).toString('hex')}`;
  const env = { DATABASE_URL: withDatabaseName(admin, name) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-lease-'));
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(text)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });

  it('is running while its process lives, even across a server start, and interrupted once it is killed', async () => {
    expect((await runCli(['seed', 'demo'], env)).code).toBe(0);
    const before = (await query('select count(*)::int as n from companies'))[0].n as number;
    const file = path.join(dir, 'big.csv');
    fs.writeFileSync(file, companiesCsv(150_000, 77));
    const importer = spawn(process.execPath, [cliPath, 'import', 'companies', file, '--tenant', 'jiading'], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const killed = new Promise((resolve) => importer.on('exit', (_code, signal) => resolve(signal)));
    try {
      for (let i = 0; i < 400; i++) {
        const [job] = await query(`select status from import_jobs where file_name = 'big.csv'`);
        if (job?.status === 'running') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const server = await startServe({ ...env, PORT: '0' }, []);
      try {
        const cookie = await signInOver(server.baseUrl, 'officer@jiading.demo');
        const jobs = async () => {
          const res = await fetch(`${server.baseUrl}/api/v1/companies/imports`, { headers: { cookie } });
          return (await res.json()).items.filter((j: { fileName: string }) => j.fileName === 'big.csv');
        };
        expect(await jobs()).toEqual([expect.objectContaining({ status: 'running', error: null })]);

        importer.kill('SIGKILL');
        expect(await killed).toBe('SIGKILL');
        let seen = await jobs();
        for (let i = 0; i < 100 && seen[0]?.status === 'running'; i++) {
          await new Promise((r) => setTimeout(r, 50));
          seen = await jobs();
        }
        expect(seen).toEqual([
          expect.objectContaining({
            status: 'failed',
            error: expect.stringMatching(/^interrupted/),
            errorCode: 'job.interrupted',
          }),
        ]);
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      expect((await query('select count(*)::int as n from companies'))[0].n).toBe(before);
    } finally {
      importer.kill('SIGKILL');
    }
    // Two CLI runs, a server start and 150,000 rows: half a minute alone.
  }, 180_000);
});
