/**
 * What the registry benchmarks share: the generated registry file, a fresh database on either engine, and the
 * import's anchor (a raw COPY of the same file into a bare table on the same engine).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openReadyDatabase } from '../src/db/bootstrap.ts';
import type { Database, Engine } from '../src/db/client.ts';
import { csvRecord } from '../src/domain/csv.ts';
import { companyRows, generatedHeaders } from '../src/modules/demo/company-generator.ts';

export const pgUrl = process.env.DATABASE_URL_BENCH ?? process.env.DATABASE_URL_TEST;

export function enginesArg(list: string | undefined): Engine[] {
  return (list ?? '').split(',').filter((e): e is Engine => e === 'pglite' || (e === 'postgres' && !!pgUrl));
}

/** Writes `rows` generated companies (seed 31337) as a UTF-8 CSV with Chinese headers. */
export async function generateRegistryFile(file: string, rows: number): Promise<void> {
  async function* lines() {
    yield `${generatedHeaders.join(',')}\n`;
    let chunk = '';
    let i = 0;
    for (const row of companyRows(rows, 31337)) {
      chunk += `${csvRecord(row)}\n`;
      if (++i % 10_000 === 0) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  await pipeline(Readable.from(lines()), fs.createWriteStream(file));
}

/** A fresh, migrated database: PGlite in `work`, or a new database on the PostgreSQL server. */
export async function openFresh(
  engine: Engine,
  work: string,
): Promise<{ database: Database; serveEnv: Record<string, string>; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = path.join(work, 'pglite');
    fs.rmSync(dir, { recursive: true, force: true });
    return {
      database: await openReadyDatabase({ dataDir: dir }),
      serveEnv: { DATA_DIR: dir },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `lodestone_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(pgUrl as string);
  url.pathname = `/${name}`;
  return {
    database: await openReadyDatabase({ url: url.toString() }),
    serveEnv: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The anchor: the same file COPY'd into a bare table of text columns, no validation, no indexes. */
export async function copyAnchor(database: Database, file: string): Promise<number> {
  const columns = generatedHeaders.map((_, i) => `c${i} text`).join(', ');
  await database.db.execute(sql.raw(`create table bench_copy (${columns})`));
  const started = performance.now();
  const raw = database.raw;
  const statement = `copy bench_copy from %s with (format csv, header true)`;
  if (raw.engine === 'pglite') {
    await raw.client.query(statement.replace('%s', `'/dev/blob'`), [], {
      blob: new Blob([fs.readFileSync(file)]),
    });
  } else {
    const client = await raw.pool.connect();
    try {
      await pipeline(fs.createReadStream(file), client.query(copyFrom(statement.replace('%s', 'stdin'))));
    } finally {
      client.release();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await database.db.execute(sql.raw('drop table bench_copy'));
  return seconds;
}
