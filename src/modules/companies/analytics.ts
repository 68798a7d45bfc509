import { type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { invalid } from '../../domain/problem.ts';
import { companies } from './schema.ts';
import { type CompanyFilters, companyFilter } from './search.ts';

export const breakdowns = ['none', 'town', 'zone', 'industry', 'enterpriseType'] as const;
export type Breakdown = (typeof breakdowns)[number];
export type Period = 'month' | 'year';

export interface RegistrationQuery extends CompanyFilters {
  period: Period;
  by: Breakdown;
}

const keyExpr: Record<Exclude<Breakdown, 'zone'>, SQL> = {
  none: sql`'all'`,
  town: sql`coalesce(${companies.townCode}, '')`,
  industry: sql`coalesce(${companies.industrySection}, '')`,
  enterpriseType: sql`${companies.enterpriseType}`,
};

/**
 * New registrations per month or year, split by one dimension. Companies without an establishment date are
 * left out: they cannot be placed in a period. Filters are those of the list, so a chart and its rows agree.
 */
export async function registrations(tx: TenantTx, query: RegistrationQuery) {
  const filter = (await companyFilter(tx, query)) ?? sql`true`;
  const period =
    query.period === 'month'
      ? sql`to_char(${companies.establishedOn}, 'YYYY-MM')`
      : sql`to_char(${companies.establishedOn}, 'YYYY')`;
  const statement =
    query.by === 'zone'
      ? sql`select z.name_zh as key, ${period} as period, count(*)::int as n
            from ${companies} join zones z on ${companies.townCode} = any(z.town_codes)
            where ${filter} and ${companies.establishedOn} is not null
            group by 1, 2 order by 1, 2`
      : sql`select ${keyExpr[query.by]} as key, ${period} as period, count(*)::int as n
            from ${companies}
            where ${filter} and ${companies.establishedOn} is not null
            group by 1, 2 order by 1, 2`;
  const { rows } = (await tx.execute(statement)) as unknown as {
    rows: { key: string; period: string; n: number }[];
  };
  const series = new Map<string, { period: string; count: number }[]>();
  for (const r of rows) {
    const points = series.get(r.key) ?? [];
    points.push({ period: r.period, count: r.n });
    series.set(r.key, points);
  }
  return {
    period: query.period,
    by: query.by,
    series: [...series].map(([key, points]) => ({
      key,
      total: points.reduce((n, p) => n + p.count, 0),
      points,
    })),
  };
}

/** "Registered N new companies since 2021": the count over the registry from a date, with the list's filters. */
export async function countSince(tx: TenantTx, since: string, filters: CompanyFilters) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) throw invalid('since must be a date YYYY-MM-DD');
  const filter = (await companyFilter(tx, filters)) ?? sql`true`;
  const { rows } = (await tx.execute(
    sql`select count(*)::int as n from ${companies} where ${filter} and ${companies.establishedOn} >= ${since}::date`,
  )) as unknown as { rows: { n: number }[] };
  return { since, count: rows[0]?.n ?? 0 };
}
