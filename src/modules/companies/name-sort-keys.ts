import { sql } from 'drizzle-orm';
import { textArrayLiteral } from '../../db/arrays.ts';
import type { Db } from '../../db/client.ts';
import { nameSortKey } from '../../domain/name-order.ts';

// About 10,000 companies.
const pagesPerBatch = 1_000;

/**
 * Brings every stored company's name sort key up to date with domain/name-order, which SQL cannot compute: after
 * the migration that added the keys (0028) every key is missing, after one that changed how names are read (0029)
 * a few are wrong. A migration marks the work by making the column optional; this runs as the owner at start-up,
 * right after the migrations, checks every key against its name, rewrites the ones that differ, makes the column
 * required again and vacuums the table if it wrote anything. Once the column is required it costs one catalogue
 * read. Each batch commits on its own, so an interrupted start checks again and writes only what is still wrong.
 */
export async function refreshNameSortKeys(
  db: Db,
  progress?: (checked: number, total: number, rewritten: number) => void,
): Promise<void> {
  const column = (await db.execute(
    sql`select is_nullable from information_schema.columns
        where table_schema = 'public' and table_name = 'companies' and column_name = 'name_sort'`,
  )) as unknown as { rows: { is_nullable: string }[] };
  if (column.rows[0]?.is_nullable !== 'YES') return;
  const size = (await db.execute(
    sql`select count(*)::int as rows, (pg_relation_size('companies') / current_setting('block_size')::int)::int as pages
        from companies`,
  )) as unknown as { rows: { rows: number; pages: number }[] };
  const { rows: total = 0, pages = 0 } = size.rows[0] ?? {};
  let checked = 0;
  let rewritten = 0;
  // The table is read in ranges of pages, in the order it is stored: in key order every row would be a page read
  // of its own. A row rewritten here may be met again in a later range, with its key already right.
  for (let first = 0; first < pages; first += pagesPerBatch) {
    const { rows } = (await db.execute(
      sql`select tenant_id::text as tenant, id::text as id, name_zh as name, name_sort as key from companies
          where ctid >= ${`(${first},0)`}::tid and ctid < ${`(${first + pagesPerBatch},0)`}::tid`,
    )) as unknown as { rows: { tenant: string; id: string; name: string; key: string | null }[] };
    const stale = rows.flatMap((r) => {
      const key = nameSortKey(r.name);
      return key === r.key ? [] : [{ ...r, key }];
    });
    if (stale.length)
      await db.execute(
        sql`update companies c set name_sort = k.key
            from unnest(${textArrayLiteral(stale.map((r) => r.tenant))}::uuid[],
                        ${textArrayLiteral(stale.map((r) => r.id))}::uuid[],
                        ${textArrayLiteral(stale.map((r) => r.key))}::text[]) as k(tenant_id, id, key)
            where c.tenant_id = k.tenant_id and c.id = k.id`,
      );
    checked += rows.length;
    rewritten += stale.length;
    progress?.(Math.min(checked, total), total, rewritten);
  }
  await db.execute(sql`alter table companies alter column name_sort set not null`);
  // Without this the embedded engine, which has no autovacuum, would keep reading the old versions of the rewritten
  // rows, and the planner would not know a column filled just now.
  if (rewritten) await db.execute(sql`vacuum (analyze) companies`);
}
