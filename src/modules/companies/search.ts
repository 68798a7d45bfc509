import { and, asc, desc, eq, gte, inArray, like, lte, type SQL, sql } from 'drizzle-orm';
import { textArrayLiteral } from '../../db/arrays.ts';
import { decodeCursor, encodeCursor } from '../../db/keyset.ts';
import type { TenantTx } from '../../db/scope.ts';
import { invalid } from '../../domain/problem.ts';
import { planSearch, type SearchPlan } from '../../domain/search-grams.ts';
import { zones } from '../territory/schema.ts';
import { companies } from './schema.ts';
import type { CompanyRow } from './service.ts';
import { namesWithSimilarNeighbour } from './similar-names.ts';

export const sortKeys = ['name', 'established', 'capital', 'updated'] as const;
export type SortKey = (typeof sortKeys)[number];

export interface CompanyFilters {
  q?: string | undefined;
  /** Section letter, 2-digit division, 3-digit group or 4-digit class. */
  industry?: string | undefined;
  town?: string[] | undefined;
  zone?: string | undefined;
  park?: string | undefined;
  establishedFrom?: string | undefined;
  establishedTo?: string | undefined;
  capitalMin?: string | undefined;
  capitalMax?: string | undefined;
  enterpriseType?: string[] | undefined;
  status?: string[] | undefined;
  hqType?: string[] | undefined;
}

export interface ListOptions extends CompanyFilters {
  sort: SortKey;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string | undefined;
}

// Sort expressions never yield NULL, so keyset paging compares plainly; expression indexes match them.
const sortExpr: Record<SortKey, SQL> = {
  name: sql`${companies.nameZh}`,
  established: sql`coalesce(${companies.establishedOn}, '0001-01-01'::date)`,
  capital: sql`coalesce(${companies.registeredCapitalYuan}, -1)`,
  updated: sql`${companies.updatedAt}`,
};

function sortValue(row: typeof companies.$inferSelect, key: SortKey): string {
  switch (key) {
    case 'name':
      return row.nameZh;
    case 'established':
      return row.establishedOn ?? '0001-01-01';
    case 'capital':
      return (row.registeredCapitalYuan ?? -1n).toString();
    case 'updated':
      return row.updatedAt.toISOString();
  }
}

const castFor: Record<SortKey, string> = {
  name: 'text',
  established: 'date',
  capital: 'bigint',
  updated: 'timestamptz',
};

// Counting every match of a broad filter over a million rows would cost more than the page itself.
const countCap = 1_000;

/** The towns a filter allows (its towns, narrowed to its zone's), or null when it does not restrict towns. */
export async function filteredTowns(tx: TenantTx, f: Pick<CompanyFilters, 'town' | 'zone'>) {
  let towns = f.town?.length ? f.town : null;
  if (f.zone) {
    const [zone] = await tx.select({ townCodes: zones.townCodes }).from(zones).where(eq(zones.id, f.zone));
    if (!zone) throw invalid('unknown zone');
    towns = towns ? towns.filter((t) => zone.townCodes.includes(t)) : zone.townCodes;
  }
  return towns;
}

/**
 * A name search can match tens of thousands of rows (氢能 in a district built on hydrogen), and every match costs
 * a visit to its row. A search therefore gathers one match more than the count shows ("1,000+") and pages
 * through those; a user who needs others narrows the query or picks a town.
 */
const searchCandidates = countCap + 1;

type NameSearch = Extract<SearchPlan, { kind: 'grams' }>;

/** A filter split into its name search (answered by the owner-run search function) and everything else. */
interface ResolvedFilter {
  search: NameSearch | null;
  towns: string[] | null;
  rest: SQL | undefined;
}

async function resolveFilter(tx: TenantTx, f: CompanyFilters): Promise<ResolvedFilter> {
  const where: SQL[] = [];
  let search: NameSearch | null = null;
  if (f.q) {
    const plan = planSearch(f.q);
    if (plan.kind === 'tooShort') throw invalid('search needs at least two characters');
    if (plan.kind === 'creditCode') {
      where.push(
        sql`(${companies.creditCode} >= ${plan.prefix} and ${companies.creditCode} < ${`${plan.prefix}\u{10FFFF}`})`,
      );
    } else search = plan;
  }
  if (f.industry) {
    const code = f.industry.toUpperCase();
    if (/^[A-T]$/.test(code)) where.push(eq(companies.industrySection, code));
    else if (/^\d{2}$/.test(code)) where.push(eq(companies.industryDivision, code));
    else if (/^\d{3,4}$/.test(code)) where.push(like(companies.industryCode, `${code}%`));
    else throw invalid(`industry "${f.industry}" is not a GB/T 4754 section, division, group or class`);
  }
  const towns = await filteredTowns(tx, f);
  if (towns) where.push(towns.length ? inArray(companies.townCode, towns) : sql`false`);
  if (f.park) where.push(eq(companies.park, f.park));
  if (f.establishedFrom) where.push(gte(companies.establishedOn, f.establishedFrom));
  if (f.establishedTo) where.push(lte(companies.establishedOn, f.establishedTo));
  if (f.capitalMin) where.push(gte(companies.registeredCapitalYuan, BigInt(f.capitalMin)));
  if (f.capitalMax) where.push(lte(companies.registeredCapitalYuan, BigInt(f.capitalMax)));
  if (f.enterpriseType?.length) where.push(inArray(companies.enterpriseType, f.enterpriseType));
  if (f.status?.length) where.push(inArray(companies.status, f.status));
  if (f.hqType?.length) where.push(inArray(companies.hqType, f.hqType));
  return { search, towns, rest: where.length ? and(...where) : undefined };
}

/**
 * The matching rows, through the owner-run function (see its migration): under the tenant policy the gram index
 * is unusable. Town filters go inside so that the candidates come from the towns asked for.
 */
function nameSearchRows(search: NameSearch, towns: string[] | null): SQL {
  const townArray = towns ? sql`${textArrayLiteral(towns)}::text[]` : sql`null::text[]`;
  return sql`lodestone_company_name_search(${textArrayLiteral(search.grams)}::text[], ${search.pattern}, ${townArray}, ${searchCandidates})`;
}

/** The WHERE clause for a set of filters; shared by the count, the export and the analytics. */
export async function companyFilter(tx: TenantTx, f: CompanyFilters): Promise<SQL | undefined> {
  const { search, towns, rest } = await resolveFilter(tx, f);
  if (!search) return rest;
  const matches = sql`${companies.id} in (select id from ${nameSearchRows(search, towns)})`;
  return rest ? and(matches, rest) : matches;
}

export async function listCompanies(tx: TenantTx, options: ListOptions) {
  const { search, towns, rest } = await resolveFilter(tx, options);
  const expr = sortExpr[options.sort];
  const direction = options.order === 'asc' ? asc : desc;
  const order = [direction(expr), direction(companies.id)];
  let rows: CompanyRow[];
  let total: number;
  if (search) {
    ({ rows, total } = await searchPage(tx, search, towns, rest, options));
  } else {
    const page = options.cursor ? and(rest, keyset(options, expr, sql`${companies.id}`)) : rest;
    rows = await tx
      .select()
      .from(companies)
      .where(page)
      .orderBy(...order)
      .limit(options.limit + 1);
    total = await cappedCount(tx, rest);
  }
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  return {
    items,
    duplicateKeys: await duplicatedNameKeys(
      tx,
      items.map((c) => c.nameKey),
    ),
    similarKeys: await namesWithSimilarNeighbour(
      tx,
      items.map((c) => c.nameKey),
    ),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor(sortValue(last, options.sort), last.id) : null,
    total: Math.min(total, countCap),
    totalIsExact: total <= countCap,
  };
}

/** Rows after the cursor in the list's order. */
function keyset(options: ListOptions, value: SQL, id: SQL): SQL | undefined {
  if (!options.cursor) return undefined;
  const [after, afterId] = decodeCursor(options.cursor);
  const cast = sql.raw(castFor[options.sort]);
  return options.order === 'asc'
    ? sql`(${value}, ${id}) > (${after}::${cast}, ${afterId}::uuid)`
    : sql`(${value}, ${id}) < (${after}::${cast}, ${afterId}::uuid)`;
}

/**
 * One pass over the search's candidates filters, counts and picks the page; only the page's rows are then read
 * back, through row-level security like every other read. Fetching every candidate again by key, as the list
 * once did, cost as much as the search itself.
 */
async function searchPage(
  tx: TenantTx,
  search: NameSearch,
  towns: string[] | null,
  rest: SQL | undefined,
  options: ListOptions,
): Promise<{ rows: CompanyRow[]; total: number }> {
  const dir = sql.raw(options.order);
  const after = keyset(options, sql`s.sort_value`, sql`s.id`) ?? sql`true`;
  const picked = (await tx.execute(
    sql`select s.id, s.matches from (
          select companies.id, ${sortExpr[options.sort]} as sort_value, count(*) over ()::int as matches
          from ${nameSearchRows(search, towns)} as companies where ${rest ?? sql`true`}
        ) s where ${after} order by s.sort_value ${dir}, s.id ${dir} limit ${options.limit + 1}`,
  )) as unknown as { rows: { id: string; matches: number }[] };
  const ids = picked.rows.map((r) => r.id);
  if (!ids.length) return { rows: [], total: 0 };
  const direction = options.order === 'asc' ? asc : desc;
  const rows = await tx
    .select()
    .from(companies)
    .where(inArray(companies.id, ids))
    .orderBy(direction(sortExpr[options.sort]), direction(companies.id));
  return { rows, total: picked.rows[0]?.matches ?? 0 };
}

/** Which of these normalised names more than one company carries: those rows are likely duplicates. */
async function duplicatedNameKeys(tx: TenantTx, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const { rows } = (await tx.execute(
    sql`select name_key from ${companies} where name_key = any(${textArrayLiteral(keys)}::text[])
        group by name_key having count(*) > 1`,
  )) as unknown as { rows: { name_key: string }[] };
  return new Set(rows.map((r) => r.name_key));
}

async function cappedCount(tx: TenantTx, filter: SQL | undefined): Promise<number> {
  const result = (await tx.execute(
    sql`select count(*)::int as n from (select 1 from ${companies} where ${filter ?? sql`true`} limit ${countCap + 1}) s`,
  )) as unknown as { rows: { n: number }[] };
  return result.rows[0]?.n ?? 0;
}
