import { sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';

/**
 * How many companies a name search will match, estimated from the planner's statistics of the name grams. Reading
 * those statistics costs a few milliseconds on the embedded engine, as much as a search, so each database's are
 * kept here until the table's row estimate changes (analysing the table updates both) or a minute passes; an
 * outdated estimate can only choose the slower of two exact ways to answer.
 */
const keptFor = 60_000;
const kept = new Map<string, { until: number; shares: Map<string, number> }>();

export interface MatchEstimate {
  /** Null while the table has no statistics. */
  matches: number | null;
  tableRows: number;
}

/**
 * The same round trip turns PostgreSQL's JIT off for the rest of the search's transaction: a name walk is costed
 * as if it read the whole name index (the planner cannot know where its page fills up), which at a million rows
 * crosses the JIT threshold, and compiling took 28 ms where the walk takes 3.
 */
export async function estimateNameMatches(tx: TenantTx, grams: readonly string[]): Promise<MatchEstimate> {
  const table = (await tx.execute(
    sql`select current_database() || ' ' || pg_postmaster_start_time()::text || ' ' || reltuples::text as database,
          greatest(reltuples, 0)::float8 as table_rows, set_config('jit', 'off', true)
        from pg_class where oid = 'companies'::regclass`,
  )) as unknown as { rows: { database: string; table_rows: number }[] };
  const { database = '', table_rows: tableRows = 0 } = table.rows[0] ?? {};
  let entry = kept.get(database);
  if (!entry || entry.until < Date.now()) {
    const stats = (await tx.execute(
      sql`select gram, share from lodestone_company_name_gram_statistics()`,
    )) as unknown as { rows: { gram: string; share: number }[] };
    entry = { until: Date.now() + keptFor, shares: new Map(stats.rows.map((r) => [r.gram, r.share])) };
    kept.set(database, entry);
  }
  if (!entry.shares.size) return { matches: null, tableRows };
  const rarest = Math.min(...grams.map((g) => entry.shares.get(g) ?? 0));
  return { matches: rarest * tableRows, tableRows };
}
