import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { splitMonths } from '../../domain/calendar.ts';
import { invalid } from '../../domain/problem.ts';
import { companies, rollupCompanyMonths as r, rollupCompanyTownMonths as tm } from './schema.ts';
import { type CompanyFilters, companyFilter, filteredTowns } from './search.ts';

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

const rollupKey: Record<Exclude<Breakdown, 'zone'>, SQL> = {
  none: sql`'all'`,
  town: sql`${r.townCode}`,
  industry: sql`${r.industrySection}`,
  enterpriseType: sql`${r.enterpriseType}`,
};

/**
 * The roll-up's WHERE clause for filters it can answer (towns, zone, industry section, enterprise type), or
 * null when a filter needs the rows themselves (a search, a park, a capital range, a division or class...).
 */
async function rollupFilter(tx: TenantTx, f: CompanyFilters): Promise<SQL | null> {
  const needsRows =
    f.q ||
    f.park ||
    f.establishedFrom ||
    f.establishedTo ||
    f.capitalMin ||
    f.capitalMax ||
    f.status?.length ||
    f.hqType?.length ||
    (f.industry && !/^[A-Ta-t]$/.test(f.industry));
  if (needsRows) return null;
  const where: SQL[] = [sql`true`];
  const towns = await filteredTowns(tx, f);
  if (towns) where.push(towns.length ? inArray(r.townCode, towns) : sql`false`);
  if (f.industry) where.push(eq(r.industrySection, f.industry.toUpperCase()));
  if (f.enterpriseType?.length) where.push(inArray(r.enterpriseType, f.enterpriseType));
  return and(...where) as SQL;
}

async function registrationRows(tx: TenantTx, query: RegistrationQuery) {
  const fromRollup = await rollupFilter(tx, query);
  if (fromRollup) {
    const format = query.period === 'month' ? 'YYYY-MM' : 'YYYY';
    const period = sql`to_char(${r.month}, ${sql.raw(`'${format}'`)})`;
    const statement =
      query.by === 'zone'
        ? sql`select z.name_zh as key, ${period} as period, sum(${r.companies})::int as n
              from ${r} join zones z on ${r.townCode} = any(z.town_codes)
              where ${fromRollup} group by 1, 2 having sum(${r.companies}) <> 0 order by 1, 2`
        : sql`select ${rollupKey[query.by]} as key, ${period} as period, sum(${r.companies})::int as n
              from ${r} where ${fromRollup} group by 1, 2 having sum(${r.companies}) <> 0 order by 1, 2`;
    return (
      (await tx.execute(statement)) as unknown as { rows: { key: string; period: string; n: number }[] }
    ).rows;
  }
  return scanRegistrations(tx, query);
}

/**
 * How many companies a list without a search holds, when the registration roll-up can count them: the list itself
 * stops counting at 1,000, and the whole registry, or a town's share of it, is what an officer reads first. The
 * roll-up leaves out companies without an establishment date; those are counted from the rows. Null when a filter
 * is one the roll-up does not keep.
 */
export async function rollupTotal(tx: TenantTx, filters: CompanyFilters): Promise<number | null> {
  if (filters.q) return null;
  const fromRollup = await rollupFilter(tx, filters);
  if (!fromRollup) return null;
  const filter = (await companyFilter(tx, filters)) ?? sql`true`;
  // The towns' roll-up has a few thousand cells where the fine one has a hundred thousand (39 → 11 ms for the
  // whole of a 1,000,000-company registry): it answers when only towns are asked for.
  let dated = sql`select coalesce(sum(${r.companies}), 0) from ${r} where ${fromRollup}`;
  if (!filters.industry && !filters.enterpriseType?.length) {
    const towns = await filteredTowns(tx, filters);
    const inTowns = towns ? (towns.length ? inArray(tm.townCode, towns) : sql`false`) : sql`true`;
    dated = sql`select coalesce(sum(${tm.companies}), 0) from ${tm} where ${inTowns}`;
  }
  const result = (await tx.execute(
    sql`select (${dated})::int
          + (select count(*) from ${companies} where ${filter} and ${companies.establishedOn} is null)::int as n`,
  )) as unknown as { rows: { n: number }[] };
  return result.rows[0]?.n ?? 0;
}

/**
 * New registrations per month or year, split by one dimension. Companies without an establishment date are
 * left out: they cannot be placed in a period. Filters are those of the list, so a chart and its rows agree.
 */
export async function registrations(tx: TenantTx, query: RegistrationQuery) {
  const rows = await registrationRows(tx, query);
  const series = new Map<string, { period: string; count: number }[]>();
  for (const row of rows) {
    const points = series.get(row.key) ?? [];
    points.push({ period: row.period, count: row.n });
    series.set(row.key, points);
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

/** The same figures counted from the rows: for filters the roll-up does not keep. */
async function scanRegistrations(tx: TenantTx, query: RegistrationQuery) {
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
  return ((await tx.execute(statement)) as unknown as { rows: { key: string; period: string; n: number }[] })
    .rows;
}

/** The first day of the first whole month from `since` (YYYY-MM-DD): itself when it is a first of the month. */
function firstWholeMonth(since: string): string {
  const [year, month, day] = since.split('-').map(Number) as [number, number, number];
  if (day === 1) return since;
  // Spelled out rather than through Date: after December 9999 comes year 10000, which toISOString writes as
  // +010000-01-01 and the database refuses.
  return month === 12
    ? `${year + 1}-01-01`
    : `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-01`;
}

/** "Registered N new companies since 2021": the count over the registry from a date, with the list's filters. */
export async function countSince(tx: TenantTx, since: string, filters: CompanyFilters) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) throw invalid('since must be a date YYYY-MM-DD');
  const filter = (await companyFilter(tx, filters)) ?? sql`true`;
  const fromRollup = await rollupFilter(tx, filters);
  const count = async (statement: SQL) =>
    ((await tx.execute(statement)) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  if (!fromRollup) {
    return {
      since,
      count: await count(
        sql`select count(*)::int as n from ${companies} where ${filter} and ${companies.establishedOn} >= ${since}::date`,
      ),
    };
  }
  // Whole months from the roll-up; the rest of the first month, if the date falls inside one, from the rows.
  const wholeFrom = firstWholeMonth(since);
  const months = await count(
    sql`select coalesce(sum(${r.companies}), 0)::int as n from ${r} where ${fromRollup} and ${r.month} >= ${wholeFrom}::date`,
  );
  const firstDays =
    wholeFrom === since
      ? 0
      : await count(
          sql`select count(*)::int as n from ${companies} where ${filter}
              and ${companies.establishedOn} >= ${since}::date and ${companies.establishedOn} < ${wholeFrom}::date`,
        );
  return { since, count: months + firstDays };
}

/**
 * Registrations per town and month between two days (inclusive) in the given towns or zone: whole months from
 * the town-month roll-up, the days of a month the period only partly covers from the rows. The sum is the exact count.
 */
export async function registrationsBetween(
  tx: TenantTx,
  from: string,
  to: string,
  area: Pick<CompanyFilters, 'town' | 'zone'>,
) {
  const towns = await filteredTowns(tx, area);
  const inTowns = (column: typeof tm.townCode | typeof companies.townCode) =>
    towns ? (towns.length ? inArray(column, towns) : sql`false`) : sql`true`;
  const { months, edges } = splitMonths(from, to);
  const whole = months
    ? sql`${tm.month} >= ${months[0]}::date and ${tm.month} < ${months[1]}::date`
    : sql`false`;
  // Each edge a range of the establishment-date index, so only those days' rows are read.
  const partial = edges.length
    ? sql.join(
        edges.map(([a, b]) => sql`(${companies.establishedOn} between ${a}::date and ${b}::date)`),
        sql` or `,
      )
    : sql`false`;
  const { rows } = (await tx.execute(sql`
    select town, to_char(month, 'YYYY-MM') as month, sum(n)::int as n from (
      select ${tm.townCode} as town, ${tm.month} as month, ${tm.companies} as n from ${tm}
        where ${whole} and ${inTowns(tm.townCode)}
      union all
      select coalesce(${companies.townCode}, ''), date_trunc('month', ${companies.establishedOn})::date, 1 from ${companies}
        where (${partial}) and ${inTowns(companies.townCode)}
    ) c group by 1, 2 having sum(n) <> 0 order by 2, 1`)) as unknown as {
    rows: { town: string; month: string; n: number }[];
  };
  return rows;
}
