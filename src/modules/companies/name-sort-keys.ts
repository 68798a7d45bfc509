import { sql } from 'drizzle-orm';
import { textArrayLiteral } from '../../db/arrays.ts';
import type { Db } from '../../db/client.ts';
import { nameSortKey } from '../../domain/name-order.ts';

const batch = 10_000;

/**
 * Gives the companies stored before migration 0028 their name's sort key, which SQL cannot compute (see
 * domain/name-order), makes the column required and vacuums the table. Runs as the owner at start-up, right after
 * the migrations; once the column is required it costs one catalogue read. Each batch commits on its own, so an
 * interrupted start goes on where it stopped.
 */
export async function fillNameSortKeys(
  db: Db,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const column = (await db.execute(
    sql`select is_nullable from information_schema.columns
        where table_schema = 'public' and table_name = 'companies' and column_name = 'name_sort'`,
  )) as unknown as { rows: { is_nullable: string }[] };
  if (column.rows[0]?.is_nullable !== 'YES') return;
  const missing = (await db.execute(
    sql`select count(*)::int as n from companies where name_sort is null`,
  )) as unknown as { rows: { n: number }[] };
  const total = missing.rows[0]?.n ?? 0;
  let done = 0;
  for (;;) {
    const { rows } = (await db.execute(
      sql`select tenant_id::text as tenant, id::text as id, name_zh as name from companies
          where name_sort is null limit ${batch}`,
    )) as unknown as { rows: { tenant: string; id: string; name: string }[] };
    if (!rows.length) break;
    await db.execute(
      sql`update companies c set name_sort = k.key
          from unnest(${textArrayLiteral(rows.map((r) => r.tenant))}::uuid[],
                      ${textArrayLiteral(rows.map((r) => r.id))}::uuid[],
                      ${textArrayLiteral(rows.map((r) => nameSortKey(r.name)))}::text[]) as k(tenant_id, id, key)
          where c.tenant_id = k.tenant_id and c.id = k.id`,
    );
    done += rows.length;
    progress?.(done, total);
  }
  await db.execute(sql`alter table companies alter column name_sort set not null`);
  // Every row was written again: without this the embedded engine, which has no autovacuum, would keep reading the
  // old versions, and the planner would not know the new column.
  if (total) await db.execute(sql`vacuum (analyze) companies`);
}
