import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './client.ts';

/**
 * A tenant-scoped transaction on the raw driver, for bulk loads: Drizzle has no COPY. Row-level security does
 * not allow COPY into a protected table, so loads COPY into a temporary staging table and move rows on with
 * INSERT … SELECT, which the tenant policy checks.
 */
export interface BulkSession {
  /** The tenant this session is scoped to: rows COPY'd into a protected table must carry it. */
  readonly tenantId: string;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** COPY … FROM STDIN in CSV format into `table`, a temporary, unprotected table. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  /**
   * COPY into a tenant-protected table, which the policy would refuse: it runs as the owner, so the caller
   * must write `tenantId` (and nothing else) into every row's tenant_id column. Writing a new row straight
   * into its table is several times faster than INSERT … SELECT from a staging table.
   */
  copyCsvBypassingPolicy(table: string, columns: readonly string[], csv: string): Promise<void>;
  /**
   * Drops the table's secondary indexes now and builds them again when `load` is done, inside this
   * transaction: one sorted build beats maintaining each index row by row through a large load. The named
   * triggers are switched off for the load and `catchUp` then does their work in one pass. Only on the
   * embedded engine, where the load's transaction already holds the only connection; on PostgreSQL dropping an
   * index would block every reader of the table until commit, so there it just runs `load`, triggers and all.
   */
  withUpkeepDeferred<T>(
    table: string,
    upkeep: {
      keepIndexes: readonly string[];
      triggers: readonly string[];
      catchUp: () => Promise<void>;
      /** Called with each index's name and the seconds its build took. */
      onIndexBuilt?: (name: string, seconds: number) => void;
    },
    load: () => Promise<T>,
  ): Promise<T>;
}

const scopeSql = `select set_config('role', 'lodestone_app', true), set_config('app.tenant_id', $1, true)`;

function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `copy ${table} (${columns.join(', ')}) from ${source} with (format csv)`;
}

// Bulk transactions holding an embedded engine's only session, by engine.
const holdingSession = new WeakMap<object, number>();

/**
 * True while a bulk load holds the embedded engine's only session: every other statement waits for its commit,
 * so the engine is busy, not down.
 */
export function bulkLoadHoldsSession(database: Database): boolean {
  return database.raw.engine === 'pglite' && (holdingSession.get(database.raw.client) ?? 0) > 0;
}

export async function inTenantBulk<T>(
  database: Database,
  tenantId: string,
  work: (session: BulkSession) => Promise<T>,
): Promise<T> {
  const raw = database.raw;
  if (raw.engine === 'pglite') {
    const client = raw.client;
    holdingSession.set(client, (holdingSession.get(client) ?? 0) + 1);
    try {
      return await inPgliteBulk(client, tenantId, work);
    } finally {
      holdingSession.set(client, (holdingSession.get(client) ?? 1) - 1);
    }
  }
  return inPostgresBulk(raw.pool, tenantId, work);
}

async function inPgliteBulk<T>(
  client: PGlite,
  tenantId: string,
  work: (session: BulkSession) => Promise<T>,
): Promise<T> {
  return client.transaction(async (tx) => {
    await tx.query(scopeSql, [tenantId]);
    const asOwner = async <R>(work: () => Promise<R>): Promise<R> => {
      await tx.query('set local role none');
      const result = await work();
      await tx.query('set local role lodestone_app');
      return result;
    };
    // PGlite feeds COPY from a virtual file, which PostgreSQL reserves to superusers, so every COPY steps out
    // of the app role for its one statement.
    const copy = async (table: string, columns: readonly string[], csv: string) => {
      await asOwner(() =>
        tx.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob: new Blob([csv]) }),
      );
    };
    return work({
      tenantId,
      query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows,
      copyCsv: copy,
      copyCsvBypassingPolicy: copy,
      withUpkeepDeferred: async (table, upkeep, load) => {
        const indexes = await asOwner(async () => {
          const { rows } = await tx.query<{ name: string; definition: string }>(
            `select indexname as name, indexdef as definition from pg_indexes
               where schemaname = 'public' and tablename = $1 and not (indexname = any($2))`,
            [table, upkeep.keepIndexes],
          );
          for (const index of rows) await tx.query(`drop index ${index.name}`);
          for (const trigger of upkeep.triggers)
            await tx.query(`alter table ${table} disable trigger ${trigger}`);
          return rows;
        });
        const result = await load();
        await asOwner(async () => {
          for (const trigger of upkeep.triggers)
            await tx.query(`alter table ${table} enable trigger ${trigger}`);
        });
        await upkeep.catchUp();
        await asOwner(async () => {
          await tx.query(`set local maintenance_work_mem = '256MB'`);
          for (const index of indexes) {
            const started = performance.now();
            await tx.query(index.definition);
            upkeep.onIndexBuilt?.(index.name, (performance.now() - started) / 1000);
          }
        });
        return result;
      },
    });
  });
}

async function inPostgresBulk<T>(
  pool: pg.Pool,
  tenantId: string,
  work: (session: BulkSession) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(scopeSql, [tenantId]);
    const copy = (table: string, columns: readonly string[], csv: string) =>
      pipeline(Readable.from([csv]), client.query(copyFrom(copyStatement(table, columns, 'stdin'))));
    const result = await work({
      tenantId,
      query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[],
      copyCsv: copy,
      copyCsvBypassingPolicy: async (table, columns, csv) => {
        await client.query('set local role none');
        await copy(table, columns, csv);
        await client.query('set local role lodestone_app');
      },
      withUpkeepDeferred: (_table, _upkeep, load) => load(),
    });
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
