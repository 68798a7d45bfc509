import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './client.ts';

/**
 * A tenant-scoped transaction on the raw driver, for bulk loads: Drizzle has no COPY. Row-level security does
 * not allow COPY into a protected table, so loads COPY into a temporary staging table and move rows on with
 * INSERT … SELECT, which the tenant policy checks.
 */
export interface BulkSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** COPY … FROM STDIN in CSV format into `table` (a temporary, unprotected table). */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
}

const scopeSql = `select set_config('role', 'lodestone_app', true), set_config('app.tenant_id', $1, true)`;

function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `copy ${table} (${columns.join(', ')}) from ${source} with (format csv)`;
}

export async function inTenantBulk<T>(
  database: Database,
  tenantId: string,
  work: (session: BulkSession) => Promise<T>,
): Promise<T> {
  const raw = database.raw;
  if (raw.engine === 'pglite') {
    return raw.client.transaction(async (tx) => {
      await tx.query(scopeSql, [tenantId]);
      return work({
        query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows,
        copyCsv: async (table, columns, csv) => {
          // PGlite feeds COPY from a virtual file, which PostgreSQL reserves to superusers; the staging table is
          // temporary and unprotected, so the load steps out of the app role for this one statement.
          await tx.query('set local role none');
          await tx.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob: new Blob([csv]) });
          await tx.query('set local role lodestone_app');
        },
      });
    });
  }
  const client = await raw.pool.connect();
  try {
    await client.query('begin');
    await client.query(scopeSql, [tenantId]);
    const result = await work({
      query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[],
      copyCsv: async (table, columns, csv) => {
        await pipeline(Readable.from([csv]), client.query(copyFrom(copyStatement(table, columns, 'stdin'))));
      },
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
