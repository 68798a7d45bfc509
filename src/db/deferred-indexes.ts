import { sql } from 'drizzle-orm';
import type { TenantTx } from './scope.ts';

type Rows<T> = { rows: T[] };

/**
 * Runs a large load with the tables' secondary indexes dropped, and builds them again after it, in the same
 * transaction: one sorted build of each index beats maintaining it row by row. Unique indexes (primary keys
 * among them) stay, so the load is checked as it goes. Only for the embedded engine, where the loading
 * transaction holds the only connection: on PostgreSQL dropping an index would block every reader of the table
 * until commit, so there the load just runs.
 */
export async function withIndexesDeferred<T>(
  tx: TenantTx,
  defer: boolean,
  tables: string[],
  load: () => Promise<T>,
): Promise<T> {
  if (!defer) return load();
  const asOwner = async <R>(work: () => Promise<R>) => {
    await tx.execute(sql`set local role none`);
    const result = await work();
    await tx.execute(sql`set local role lodestone_app`);
    return result;
  };
  const indexes = await asOwner(async () => {
    const { rows } = (await tx.execute(sql`
      select i.relname as name, pg_get_indexdef(i.oid) as definition
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and t.relname = any(${`{${tables.join(',')}}`}::text[]) and not x.indisunique`)) as unknown as Rows<{
      name: string;
      definition: string;
    }>;
    for (const index of rows) await tx.execute(sql.raw(`drop index "${index.name}"`));
    return rows;
  });
  const result = await load();
  await asOwner(async () => {
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    for (const index of indexes) await tx.execute(sql.raw(index.definition));
  });
  return result;
}
