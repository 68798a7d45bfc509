import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockDataDir } from './lock.ts';
import * as schema from './schema.ts';
import { currentSnapshot } from './snapshot.ts';

export type Engine = 'pglite' | 'postgres';
export type Schema = typeof schema;
/** The engine-neutral Drizzle handle: PGlite and node-postgres share PgDatabase, so services never see which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** The driver under Drizzle, for the few things Drizzle cannot do (COPY for bulk loads). */
export type RawClient = { engine: 'pglite'; client: PGlite } | { engine: 'postgres'; pool: pg.Pool };

export interface Database {
  db: Db;
  engine: Engine;
  raw: RawClient;
  /**
   * PostgreSQL only: a handle whose connections are opened for one tenant, as the application role, with writes
   * refused (see readInTenant in scope.ts).
   */
  tenantReader?(tenantId: string): Db;
  /**
   * The embedded engine only: the same session as `db`, for transactions that only read (readInTenant opens them
   * read-only, so the engine refuses a write in them). They are not counted as writes by `dataVersion`.
   */
  readOnlyDb?: Db;
  /**
   * The embedded engine only: the same session as `db`, for writes to tables no kept reply reads (import jobs), which
   * are not counted by `dataVersion`: an import's upload and start would otherwise retire every kept list page just
   * before the import takes the engine's only session. Never for companies, projects or anything a list shows.
   */
  uncountedDb?: Db;
  /**
   * A token of the committed data: two calls that return the same token saw exactly the same data, in every
   * table, and any commit in between changes it (snapshot-cache.ts relies on this).
   */
  dataVersion(): Promise<string>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; absent means the embedded engine. */
  url?: string | undefined;
  /** Folder of the embedded engine, or memory:// for a throwaway in-memory database (tests). */
  dataDir?: string;
}

const pgliteWorkMem = '32MB';

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const client = await PGlite.create(inMemory ? undefined : dataDir, { extensions: { pg_trgm } });
    // The embedded engine has one session for the whole process; PostgreSQL's 4 MB default made sorts and
    // groupings over a large registry spill to disk.
    await client.exec(`set work_mem = '${pgliteWorkMem}'`);
    const { reads, writes } = countWrites(client);
    return {
      db: drizzlePglite({ client, schema }) as unknown as Db,
      readOnlyDb: drizzlePglite({ client: reads, schema }) as unknown as Db,
      uncountedDb: drizzlePglite({ client: reads, schema }) as unknown as Db,
      engine: 'pglite',
      raw: { engine: 'pglite', client },
      dataVersion: async () => String(writes()),
      async close() {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * The embedded engine's data version without asking it. This process is the engine's only client (lock.ts) and its
 * one session runs one operation at a time, so the data can change only when an operation of this process ends:
 * every query, exec and transaction on the client is counted when it ends, committed or not, except the read-only
 * transactions opened through `reads`. A version read while an operation runs (a long import) stays valid until
 * it ends, and answers from it can be given without waiting for the session.
 */
function countWrites(client: PGlite): { reads: PGlite; writes: () => number } {
  // `reads` is the same session, uncounted: for readOnlyDb, and for uncountedDb's writes no kept reply depends on.
  let ended = 0;
  const reads = {
    query: client.query.bind(client),
    transaction: client.transaction.bind(client),
  } as unknown as PGlite;
  const counted =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await run(...args);
      } finally {
        ended++;
      }
    };
  client.query = counted(client.query.bind(client)) as PGlite['query'];
  client.exec = counted(client.exec.bind(client));
  client.transaction = counted(client.transaction.bind(client)) as PGlite['transaction'];
  return { reads, writes: () => ended };
}

/** A tenant id is written into statements and connection options: it must be nothing but a uuid. */
export const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A connection the server ends (a restart, an administrator, a dropped database) emits 'error', idle in the pool
// or while closing; unheard, that error ends the process. The pool drops such a connection and the next query
// opens a new one, so a warning is all it needs.
function warnOnLoss(pool: pg.Pool): pg.Pool {
  const lost = (err: Error) => console.warn(`lodestone: PostgreSQL connection lost: ${err.message}`);
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  return pool;
}

async function openPostgres(url: string): Promise<Database> {
  const pool = warnOnLoss(new pg.Pool({ connectionString: url, max: 10 }));
  // Fail at start with the server's own message rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const readers = new Map<string, { pool: pg.Pool; db: Db }>();
  return {
    db,
    engine: 'postgres',
    raw: { engine: 'postgres', pool },
    dataVersion: () => currentSnapshot(db),
    tenantReader(tenantId) {
      let reader = readers.get(tenantId);
      if (!reader) {
        if (!uuid.test(tenantId)) throw new Error(`tenant id ${tenantId} is not a uuid`);
        // The role, the tenant and read-only are fixed when the connection opens: no statement on it can reach
        // another tenant's rows or write, and no statement needs a transaction around it to say so.
        const readerPool = warnOnLoss(
          new pg.Pool({
            connectionString: url,
            max: 4,
            idleTimeoutMillis: 5_000,
            options: `-c role=lodestone_app -c app.tenant_id=${tenantId} -c default_transaction_read_only=on`,
          }),
        );
        reader = { pool: readerPool, db: drizzlePg({ client: readerPool, schema }) as unknown as Db };
        readers.set(tenantId, reader);
      }
      return reader.db;
    },
    async close() {
      await Promise.all([pool.end(), ...[...readers.values()].map((r) => r.pool.end())]);
    },
  };
}

export function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  return openPglite(options.dataDir ?? './data');
}
