import { type SQL, sql } from 'drizzle-orm';
import { textArrayLiteral } from '../../db/arrays.ts';
import { jsonRowSql, rowsFromJson } from '../../db/json-rows.ts';
import type { TenantTx } from '../../db/scope.ts';
import { bestMatchPrefixes } from '../../domain/best-matches.ts';
import { nameSortKey } from '../../domain/name-order.ts';
import { escapeLike } from '../../domain/search-grams.ts';
import { companies, companyColumns } from './schema.ts';
import type { CompanyRow } from './service.ts';

const companyJson = jsonRowSql(companyColumns);

/** Above every character a key holds: the end of a range of keys that begin alike. */
const afterEveryKey = '\u{10FFFF}';

/**
 * The few companies whose Chinese name begins with a search word, at once or after the registry's place (see
 * domain/best-matches), among those the list's other filters keep: the exact name first, then in name order. Each
 * beginning is a range of the pinyin sort key, so the name index finds them however common the word; the LIKE then
 * drops names that only sound alike.
 */
export async function bestMatches(
  tx: TenantTx,
  q: string,
  filter: SQL | undefined,
  limit = 5,
): Promise<CompanyRow[]> {
  // The registry's province, city and district, by the leading digits of its division code (GB/T 2260).
  const levels = (await tx.execute(
    sql`select d.name from tenants t join reference_divisions d
          on d.code in (left(t.division_code, 2), left(t.division_code, 4), left(t.division_code, 6))
        where t.id = current_setting('app.tenant_id')::uuid order by length(d.code)`,
  )) as unknown as { rows: { name: string }[] };
  const prefixes = bestMatchPrefixes(
    q,
    levels.rows.map((r) => r.name),
  );
  const keys = prefixes.map(nameSortKey);
  const likes = prefixes.map((prefix) => `${escapeLike(prefix)}%`);
  // Each beginning is walked in the name index's order and stops at its first few matches, whatever their number
  // (2,000 names begin with 上海瑞德 in the generated million); the index carries the Chinese name for the LIKE.
  const picked = sql`select m.id, m.name_zh, m.name_sort
    from unnest(${textArrayLiteral(keys)}::text[], ${textArrayLiteral(likes)}::text[]) as p(key, pattern)
    cross join lateral (
      select ${companies.id} as id, ${companies.nameZh} as name_zh, ${companies.nameSort} as name_sort
      from ${companies}
      where ${companies.nameSort} >= p.key and ${companies.nameSort} < p.key || ${afterEveryKey}
        and ${companies.nameZh} like p.pattern and ${filter ?? sql`true`}
      order by ${companies.nameSort}, ${companies.id} limit ${limit}
    ) as m`;
  const rows = (await tx.execute(
    sql`select ${companyJson} as row from (${picked}) as best join ${companies} on ${companies.id} = best.id
        order by best.name_zh = ${q} desc, best.name_sort collate "C", best.id limit ${limit}`,
  )) as unknown as { rows: { row: Record<string, unknown> }[] };
  return rowsFromJson<CompanyRow>(
    companyColumns,
    rows.rows.map((r) => r.row),
  );
}
