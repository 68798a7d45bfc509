import { inArray, type SQL, sql } from 'drizzle-orm';
import { textArrayLiteral } from '../../db/arrays.ts';
import type { TenantTx } from '../../db/scope.ts';
import { companies } from './schema.ts';

/**
 * Trigram similarity (pg_trgm) of two normalised names at or above which they are flagged as very similar.
 * Chosen on registry-style names (the cases in similar-names.test.ts): a word added (上海嘉定汽车零部件 and
 * 上海嘉定汽车零部件制造, 0.69) or a typo in a long name (0.63) is flagged; firms that share their place and trade
 * words but not their own (上海嘉定汽车零部件 and 上海嘉定汽车电子, 0.46; 上海嘉定生物医药科技, 0.24) are not. At 0.5
 * a one-character difference in any name of eight characters or more would be flagged too (上海凯创餐饮管理 and
 * 上海禾创餐饮管理), and a profile at 1,000,000 companies checked ten times as many candidates.
 */
export const similarNameThreshold = 0.6;

export interface SimilarName {
  id: string;
  nameZh: string;
  creditCode: string;
  similarity: number;
}

/** Companies whose normalised name is very similar, most similar first; same-name duplicates are listed apart. */
export async function similarNames(tx: TenantTx, nameKey: string, limit = 20): Promise<SimilarName[]> {
  const { rows } = (await tx.execute(
    sql`select id, similarity from lodestone_company_similar_names(${nameKey}, ${similarNameThreshold}, ${limit})`,
  )) as unknown as { rows: { id: string; similarity: number }[] };
  if (!rows.length) return [];
  // Read back through row-level security like every other read; the function only picked the ids.
  const found = await tx
    .select({ id: companies.id, nameZh: companies.nameZh, creditCode: companies.creditCode })
    .from(companies)
    .where(
      inArray(
        companies.id,
        rows.map((r) => r.id),
      ),
    );
  const byId = new Map(found.map((c) => [c.id, c]));
  return rows.flatMap((r) => {
    const company = byId.get(r.id);
    return company ? [{ ...company, similarity: Number(r.similarity) }] : [];
  });
}

/**
 * Which of these normalised names have a very similar other name, judged cheaply enough for every list page:
 * each name is compared with the next and the previous distinct name in sort order (two index probes), which
 * catches the usual case of a word added, dropped or changed towards the end. The profile runs the full search.
 */
export function namesWithSimilarNeighbourSql(keys: string[]): SQL<string[]> {
  const distinct = [...new Set(keys)];
  return sql<string[]>`array(select k.key from unnest(${textArrayLiteral(distinct)}::text[]) as k(key)
        where exists (
          select 1 from (
            (select name_key from ${companies} where name_key > k.key order by name_key limit 1)
            union all
            (select name_key from ${companies} where name_key < k.key order by name_key desc limit 1)
          ) n where similarity(n.name_key, k.key) >= ${similarNameThreshold}))`;
}
