import { and, asc, desc, eq, gte, inArray, like, lte, type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { invalid } from '../../domain/problem.ts';
import { planSearch } from '../../domain/search-grams.ts';
import { zones } from '../territory/schema.ts';
import { companies } from './schema.ts';

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

function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) {
      return parsed as [string, string];
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('cursor is not valid: take it from nextCursor of the previous page');
}

/**
 * A name search can match tens of thousands of rows (氢能 in a district built on hydrogen), and sorting them
 * all for one page costs far more than the page. A search therefore pages through its first matches only; a
 * user who needs more narrows the query or adds a filter (the total then reads "1,000+").
 */
export const searchCandidates = 2_000;

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

/** The WHERE clause for a set of filters; shared by the list, the count, the export and the analytics. */
export async function companyFilter(tx: TenantTx, f: CompanyFilters): Promise<SQL | undefined> {
  const where: SQL[] = [];
  if (f.q) {
    const plan = planSearch(f.q);
    if (plan.kind === 'tooShort') throw invalid('search needs at least two characters');
    if (plan.kind === 'creditCode') {
      where.push(
        sql`(${companies.creditCode} >= ${plan.prefix} and ${companies.creditCode} < ${`${plan.prefix}\u{10FFFF}`})`,
      );
    } else {
      // Through the owner-run function (see its migration): under the tenant policy the gram index is unusable.
      where.push(
        sql`${companies.id} in (select lodestone_company_name_matches(${textArrayLiteral(plan.grams)}::text[], ${plan.pattern}, ${searchCandidates}))`,
      );
    }
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
  return where.length ? and(...where) : undefined;
}

// Counting every match of a broad filter over a million rows would cost more than the page itself.
const countCap = 1_000;

/** Drizzle spreads a JS array into separate parameters; an array parameter goes as one PostgreSQL literal. */
function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export async function listCompanies(tx: TenantTx, options: ListOptions) {
  const filter = await companyFilter(tx, options);
  const expr = sortExpr[options.sort];
  const direction = options.order === 'asc' ? asc : desc;
  let page = filter;
  if (options.cursor) {
    const [value, id] = decodeCursor(options.cursor);
    const cast = sql.raw(castFor[options.sort]);
    const after =
      options.order === 'asc'
        ? sql`(${expr}, ${companies.id}) > (${value}::${cast}, ${id}::uuid)`
        : sql`(${expr}, ${companies.id}) < (${value}::${cast}, ${id}::uuid)`;
    page = filter ? and(filter, after) : after;
  }
  // A first page of a name search counts its (bounded) candidates in the same pass: running the search a
  // second time just to count doubled its cost.
  const countInline = Boolean(options.q) && !options.cursor && planSearch(options.q ?? '').kind === 'grams';
  const order = [direction(expr), direction(companies.id)];
  const found = countInline
    ? await tx
        .select({ company: companies, matches: sql<number>`count(*) over ()`.mapWith(Number) })
        .from(companies)
        .where(page)
        .orderBy(...order)
        .limit(options.limit + 1)
    : (
        await tx
          .select()
          .from(companies)
          .where(page)
          .orderBy(...order)
          .limit(options.limit + 1)
      ).map((company) => ({ company, matches: 0 }));
  const rows = found.map((r) => r.company);
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  const total = countInline ? (found[0]?.matches ?? 0) : await cappedCount(tx, filter);
  return {
    items,
    duplicateKeys: await duplicatedNameKeys(
      tx,
      items.map((c) => c.nameKey),
    ),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor(sortValue(last, options.sort), last.id) : null,
    total: Math.min(total, countCap),
    totalIsExact: total <= countCap,
  };
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
