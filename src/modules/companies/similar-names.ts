import { inArray, type SQL, sql } from 'drizzle-orm';
import { textArrayLiteral } from '../../db/arrays.ts';
import type { TenantTx } from '../../db/scope.ts';
import { chineseSuffixes } from '../../domain/normalise.ts';
import {
  currentGramShares,
  type GramShares,
  gramShares,
  type StatisticsIdentity,
} from './name-statistics.ts';
import { companies } from './schema.ts';

/**
 * The rule for very similar names. Two companies' normalised names are very similar when
 * 1. their trigram similarity (pg_trgm) is at least 0.6, and
 * 2. they have in common a rare pair of adjacent Chinese characters: one that fewer than 1 name in 500, or fewer
 *    than 50 names, hold in the registry (by the name search's gram statistics).
 *
 * (1) was chosen on registry-style names (the cases in similar-names.test.ts): a word added (上海嘉定汽车零部件 and
 * 上海嘉定汽车零部件制造, 0.69) or a typo in a long name (0.63) is flagged; firms that share their place and trade
 * words but not their own (上海嘉定汽车零部件 and 上海嘉定汽车电子, 0.46; 上海嘉定生物医药科技, 0.24) are not. At 0.5
 * a one-character difference in any name of eight characters or more would be flagged too (上海凯创餐饮管理 and
 * 上海禾创餐饮管理).
 *
 * (2) keeps place and trade words from making two names alike by themselves: a firm's own word (骏澄) is rare, and
 * so is usually where it meets the trade (澄精), while 上海, 汽车, 零部 or 管理 are in thousands of names at district
 * scale. Names alike only through common words (上海外冈汽车电子 and 上海外冈汽车电子设备 in a registry where dozens of
 * names start with 上海外冈汽车电子) are not flagged; a name without a rare pair (or without Chinese characters) is
 * flagged only when another company has the very same normalised name. Without statistics (a new registry) every
 * pair is rare, and (1) decides alone. For 300 names sampled on each engine from the generated registry at
 * 1,000,000 companies, (1) and (2) flag exactly the names (1) alone flagged (734 and 572 of them).
 *
 * (2) is also what makes the search fast: only the names holding one of this name's rare pairs are candidates,
 * found through the name search's gram index. With (1) alone, the trigram index made every name sharing the common
 * words a candidate: 31,342 rows checked for 上海晟智汽车零部件 at 1,000,000 companies (0.2–1 s on the embedded
 * engine), where (2) checks the 1,594 names holding 晟智.
 */
export const similarNameThreshold = 0.6;
const rareShare = 0.002;
const fewNames = 50;

const legalForms = new Set(chineseSuffixes);
const trailing = /(分公司|集团)$/u;
const hanPair = /^\p{Script=Han}{2}$/u;

/**
 * The part of a normalised name whose pairs are compared: without a trailing 分公司 or 集团, and nothing of a name
 * that is only a legal form, because the name search's grams leave those out (see search-grams.ts) and the grams
 * find the candidates. Mirrored by lodestone_company_name_compared in SQL (migration 0024).
 */
export function comparedText(key: string): string {
  return legalForms.has(key) ? '' : key.replace(trailing, '');
}

/** The distinct pairs of adjacent Chinese characters in the compared part of a normalised name. */
export function namePairs(key: string): string[] {
  const chars = Array.from(comparedText(key));
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = `${chars[i]}${chars[i + 1]}`;
    if (hanPair.test(pair)) pairs.add(pair);
  }
  return [...pairs];
}

function isRarePair(pair: string, { shares, tableRows }: GramShares): boolean {
  const share = shares.get(pair) ?? 0;
  return share < rareShare || share * tableRows < fewNames;
}

export interface SimilarName {
  id: string;
  nameZh: string;
  creditCode: string;
  similarity: number;
}

/** Companies whose normalised name is very similar, most similar first; same-name duplicates are listed apart. */
export async function similarNames(tx: TenantTx, nameKey: string, limit = 20): Promise<SimilarName[]> {
  const stats = await currentGramShares(tx);
  const rare = namePairs(nameKey).filter((pair) => isRarePair(pair, stats));
  if (!rare.length) return [];
  const { rows } = (await tx.execute(
    sql`select id, similarity from lodestone_company_similar_names(${nameKey}, ${textArrayLiteral(rare)}::text[], ${similarNameThreshold}, ${limit})`,
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
 * For a list page: each normalised name compared with the next and the previous distinct name in sort order (two
 * index probes), which catches the usual case of a word added, dropped or changed towards the end; the profile
 * runs the full search. The statement returns, for each name with a neighbour passing rule (1), the pairs they
 * have in common; namesWithSimilarNeighbour then applies rule (2), so the statistics are read only when a page has
 * such a neighbour.
 */
export function similarNeighboursSql(keys: string[]): SQL<NeighbourPairs[] | null> {
  const distinct = [...new Set(keys)];
  return sql<NeighbourPairs[] | null>`(select json_agg(json_build_array(k.key, s.shared))
        from unnest(${textArrayLiteral(distinct)}::text[], ${textArrayLiteral(distinct.map((k) => namePairs(k).join(' ')))}::text[]) as k(key, pairs)
        cross join lateral (
          select array(select p from unnest(string_to_array(k.pairs, ' ')) p
                       where strpos(lodestone_company_name_compared(n.name_key), p) > 0) as shared
          from (
            (select name_key from ${companies} where name_key > k.key order by name_key limit 1)
            union all
            (select name_key from ${companies} where name_key < k.key order by name_key desc limit 1)
          ) n where similarity(n.name_key, k.key) >= ${similarNameThreshold}) s
        where cardinality(s.shared) > 0)`;
}

/** A name of the page and the pairs it has in common with a neighbour similar by rule (1). */
export type NeighbourPairs = [key: string, shared: string[]];

/** Which names have a very similar neighbour, from what similarNeighboursSql returned and statisticsIdentitySql. */
export async function namesWithSimilarNeighbour(
  tx: TenantTx,
  found: NeighbourPairs[] | null,
  identity: StatisticsIdentity | null,
): Promise<Set<string>> {
  if (!found?.length) return new Set();
  const stats = await gramShares(tx, identity);
  return new Set(
    found.filter(([, shared]) => shared.some((pair) => isRarePair(pair, stats))).map(([key]) => key),
  );
}
