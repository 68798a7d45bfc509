import { type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';

/**
 * The planner's statistics of the name grams: how many companies a name search will match, and which character
 * pairs are common words (similar-names.ts). Reading those statistics costs a few milliseconds on the embedded
 * engine, as much as a search, so each database's are kept here until the table's row estimate changes (analysing
 * the table updates both) or a minute passes; an outdated estimate can only choose the slower of two exact ways to
 * answer a search, or judge a pair by the registry of up to a minute before.
 */
const keptFor = 60_000;
type Kept = Map<string, { until: number; shares: Map<string, number> }>;
const keptGrams: Kept = new Map();
const keptKinds: Kept = new Map();

/** The shares a statement reads (rows of name and share), kept per statistics identity for up to a minute. */
async function keptShares(
  tx: TenantTx,
  kept: Kept,
  key: string,
  statement: SQL,
): Promise<Map<string, number>> {
  let entry = kept.get(key);
  if (!entry || entry.until < Date.now()) {
    const { rows } = (await tx.execute(statement)) as unknown as { rows: { name: string; share: number }[] };
    entry = { until: Date.now() + keptFor, shares: new Map(rows.map((r) => [r.name, r.share])) };
    kept.set(key, entry);
  }
  return entry.shares;
}

/**
 * Names the database and its statistics' moment (the row estimate changes when the table is analysed), with that
 * row estimate.
 */
export const statisticsIdentitySql = sql<StatisticsIdentity>`(select json_build_object('key', current_database()
  || ' ' || pg_postmaster_start_time()::text || ' ' || reltuples::text, 'rows', greatest(reltuples, 0))
  from pg_class where oid = 'companies'::regclass)`;

export interface StatisticsIdentity {
  key: string;
  rows: number;
}

const noIdentity: StatisticsIdentity = { key: '', rows: 0 };

export interface GramShares {
  /** Share of rows holding each common gram; a gram not listed is rarer than any listed. Empty without statistics. */
  shares: Map<string, number>;
  tableRows: number;
}

/** The gram statistics of the database `identity` names (see statisticsIdentitySql), read at most once a minute. */
export async function gramShares(tx: TenantTx, identity: StatisticsIdentity | null): Promise<GramShares> {
  const { key, rows } = identity ?? noIdentity;
  const shares = await keptShares(
    tx,
    keptGrams,
    key,
    sql`select gram as name, share from lodestone_company_name_gram_statistics()`,
  );
  return { shares, tableRows: rows };
}

/**
 * Share of rows with each status, enterprise type and HQ type (the values are distinct across the three), from
 * the same statistics and kept the same way. Empty without statistics.
 */
export async function kindShares(
  tx: TenantTx,
  identity: StatisticsIdentity | null,
): Promise<Map<string, number>> {
  return keptShares(
    tx,
    keptKinds,
    (identity ?? noIdentity).key,
    sql`select kind as name, share from lodestone_company_kind_statistics()`,
  );
}

/** The gram statistics as they are now (one round trip for the identity, and one more at most once a minute). */
export async function currentGramShares(tx: TenantTx): Promise<GramShares> {
  const { rows } = (await tx.execute(sql`select ${statisticsIdentitySql} as identity`)) as unknown as {
    rows: { identity: StatisticsIdentity | null }[];
  };
  return gramShares(tx, rows[0]?.identity ?? null);
}

export interface MatchEstimate {
  /** Null while the table has no statistics. */
  matches: number | null;
  tableRows: number;
  identity: StatisticsIdentity | null;
}

/**
 * The same round trip turns PostgreSQL's JIT off for the rest of the search's transaction: a name walk is costed
 * as if it read the whole name index (the planner cannot know where its page fills up), which at a million rows
 * crosses the JIT threshold, and compiling took 28 ms where the walk takes 3.
 */
export async function estimateNameMatches(tx: TenantTx, grams: readonly string[]): Promise<MatchEstimate> {
  const table = (await tx.execute(
    sql`select ${statisticsIdentitySql} as identity, set_config('jit', 'off', true)`,
  )) as unknown as { rows: { identity: StatisticsIdentity | null }[] };
  const identity = table.rows[0]?.identity ?? null;
  const { shares, tableRows } = await gramShares(tx, identity);
  if (!shares.size) return { matches: null, tableRows, identity };
  const rarest = Math.min(...grams.map((g) => shares.get(g) ?? 0));
  return { matches: rarest * tableRows, tableRows, identity };
}
