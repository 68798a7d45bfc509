import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * The database's current snapshot: which transactions a statement sees as committed. Two statements that report
 * the same snapshot see exactly the same data, in every table; any commit in between changes it. It is the
 * server's, so commits of other databases on a shared PostgreSQL server change it too.
 */
export async function currentSnapshot(db: Pick<Db, 'execute'>): Promise<string> {
  const { rows } = (await db.execute(sql`select pg_current_snapshot()::text as snapshot`)) as unknown as {
    rows: { snapshot: string }[];
  };
  return rows[0]?.snapshot ?? '';
}
