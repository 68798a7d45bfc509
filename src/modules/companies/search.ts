import { and, eq, gte, inArray, like, lte, type SQL, sql } from 'drizzle-orm';
import { textArrayLiteral } from '../../db/arrays.ts';
import { jsonRowSql, rowsFromJson } from '../../db/json-rows.ts';
import { decodeCursor, encodeCursor } from '../../db/keyset.ts';
import type { TenantTx } from '../../db/scope.ts';
import { invalid } from '../../domain/problem.ts';
import { kindsWorthIntersecting } from '../../domain/search-costs.ts';
import { planSearch, type SearchPlan } from '../../domain/search-grams.ts';
import { zones } from '../territory/schema.ts';
import { bestMatches } from './best-matches.ts';
import {
  estimateNameMatches,
  kindShares,
  type MatchEstimate,
  type StatisticsIdentity,
  statisticsIdentitySql,
} from './name-statistics.ts';
import { companies, companyColumns, importJobs } from './schema.ts';
import type { CompanyRow } from './service.ts';
import { type NeighbourPairs, namesWithSimilarNeighbour, similarNeighboursSql } from './similar-names.ts';

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

// Sort expressions never yield NULL, so keyset paging compares plainly; expression indexes match them. The name's
// key compares byte for byte (COLLATE "C", as its column and index): the search function returns it as plain text,
// which a database created with another default collation would otherwise sort its own way.
const sortExpr: Record<SortKey, SQL> = {
  name: sql`${companies.nameSort} collate "C"`,
  established: sql`coalesce(${companies.establishedOn}, '0001-01-01'::date)`,
  capital: sql`coalesce(${companies.registeredCapitalYuan}, -1)`,
  updated: sql`${companies.updatedAt}`,
};

function sortValue(row: CompanyRow, key: SortKey): string {
  switch (key) {
    case 'name':
      return row.nameSort;
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

/** A list's sort key and direction. */
export type ListOrder = Pick<ListOptions, 'sort' | 'order'>;

/** The rows that come after the one with sort value `after` and id `afterId`, in a list's order. */
function rowsAfter({ sort, order }: ListOrder, value: SQL, id: SQL, after: string, afterId: string): SQL {
  const beyond = sql.raw(order === 'asc' ? '>' : '<');
  return sql`(${value}, ${id}) ${beyond} (${after}::${sql.raw(castFor[sort])}, ${afterId}::uuid)`;
}

/** A list's ORDER BY, for reading every row of it (exports). */
export function listOrderBy(order: ListOrder): SQL {
  const dir = sql.raw(order.order);
  return sql`${sortExpr[order.sort]} ${dir}, ${companies.id} ${dir}`;
}

const hanCharacter = /\p{Script=Han}/u;

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
 * A name search can match tens of thousands of rows (汽车 in a district built on cars). A page of it is found
 * either by gathering every match through the gram index (one row visit per match) or by walking the list's
 * order index and checking each row until the page is full (page size ÷ share of rows that qualify). The
 * statistics of the name grams estimate the matches and the planner the share other filters keep; the cheaper
 * way is taken. Either way sorting, filters, paging and counts cover every match.
 */
type NameSearch = Extract<SearchPlan, { kind: 'grams' }>;

/** A filter split into its name search (answered by the owner-run search function) and everything else. */
interface ResolvedFilter {
  search: NameSearch | null;
  towns: string[] | null;
  rest: SQL | undefined;
  /** Whether `rest` filters on more than the towns, which a name search already applies itself. */
  narrowed: boolean;
  /**
   * The statuses, enterprise types and HQ types asked for alone in their filter: the search function can intersect
   * the name's matches with these in the index before it visits rows (see intersection).
   */
  kinds: string[];
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
  const kinds: string[] = [];
  for (const [values, column] of [
    [f.enterpriseType, companies.enterpriseType],
    [f.status, companies.status],
    [f.hqType, companies.hqType],
  ] as const) {
    if (!values?.length) continue;
    where.push(inArray(column, values));
    if (values.length === 1) kinds.push(values[0] as string);
  }
  return {
    search,
    towns,
    rest: where.length ? and(...where) : undefined,
    narrowed: where.length > (towns ? 1 : 0),
    kinds,
  };
}

/**
 * Of the kinds a filter asks for, those worth intersecting with the name's matches (none without statistics), and
 * the matches estimated to be left after the intersection: the rows gathering visits.
 */
async function intersection(
  tx: TenantTx,
  kinds: string[],
  estimate: MatchEstimate,
): Promise<{ kinds: string[]; left: number | null }> {
  if (!kinds.length || estimate.matches === null) return { kinds: [], left: estimate.matches };
  const shares = await kindShares(tx, estimate.identity);
  const worth = kindsWorthIntersecting(kinds, shares, estimate.matches, estimate.tableRows);
  return { kinds: worth, left: worth.reduce((n, kind) => n * (shares.get(kind) ?? 0), estimate.matches) };
}

/**
 * The matching rows, through the owner-run function (see its migrations): under the tenant policy the gram index
 * is unusable. Town filters go inside so that the candidates come from the towns asked for, and kinds (see
 * ResolvedFilter) so that the index leaves out the other kinds' matches.
 */
function nameSearchRows(
  search: NameSearch,
  towns: string[] | null,
  kinds: string[],
  maxRows: number | null,
): SQL {
  const array = (values: string[] | null) =>
    values ? sql`${textArrayLiteral(values)}::text[]` : sql`null::text[]`;
  return sql`lodestone_company_name_search(${textArrayLiteral(search.grams)}::text[], ${search.pattern}, ${array(towns)}, ${array(kinds.length ? kinds : null)}, ${maxRows}::integer)`;
}

/**
 * The search function's condition, checked row by row (a query without letters needs no case folding, as there).
 * The grams stay in: they leave out legal-form endings, so 有限 alone matches no name, whichever path answers.
 */
function nameMatches(search: NameSearch): SQL {
  return sql`(${companies.nameGrams} @> ${textArrayLiteral(search.grams)}::text[] and ${namesLike(search)})`;
}

/** The WHERE clause for a set of filters; shared by the count, the export and the analytics. */
export async function companyFilter(tx: TenantTx, f: CompanyFilters): Promise<SQL | undefined> {
  const { search, towns, rest, kinds } = await resolveFilter(tx, f);
  if (!search) return rest;
  const intersected = await intersection(tx, kinds, await estimateNameMatches(tx, search.grams));
  const matches = sql`${companies.id} in (select id from ${nameSearchRows(search, towns, intersected.kinds, null)})`;
  return rest ? and(matches, rest) : matches;
}

/**
 * The companies a Chinese name search finds whose name begins with its word (see best-matches.ts), among those its
 * other filters keep; none for another search. Asked apart from the list, so that its page costs no more.
 */
export async function bestMatchesOf(tx: TenantTx, f: CompanyFilters): Promise<CompanyRow[]> {
  const q = f.q?.trim() ?? '';
  if (!hanCharacter.test(q)) return [];
  const { search, rest } = await resolveFilter(tx, f);
  return search ? bestMatches(tx, q, rest) : [];
}

export async function listCompanies(tx: TenantTx, options: ListOptions) {
  const resolved = await resolveFilter(tx, options);
  const { search, rest } = resolved;
  const expr = sortExpr[options.sort];
  let rows: CompanyRow[];
  let total: number;
  let exact: boolean | undefined;
  if (search) {
    ({ rows, total, totalIsExact: exact } = await searchListPage(tx, { ...resolved, search }, options));
  } else {
    const headquarters = headquartersOnly(options);
    const filter = headquarters ? and(rest, isHeadquarters) : rest;
    const page = options.cursor ? and(filter, keyset(options, expr, sql`${companies.id}`)) : filter;
    // The count rides along as a scalar subquery: one round trip for the page.
    const dir = sql.raw(options.order);
    const ordered = sql`order by ${expr} ${dir}, ${companies.id} ${dir} limit ${options.limit + 1}`;
    const result = (await tx.execute(
      sql`select ${pageJsonSql(
        sql`select ${companyJson} as row, ${expr} as sort_value, ${companies.id} as id
            from ${listedRows(options.sort, page ?? sql`true`, ordered, headquarters)} ${ordered}`,
        dir,
      )} as rows, ${cappedCountSql(filter)} as total`,
    )) as unknown as { rows: { rows: Record<string, unknown>[]; total: number }[] };
    rows = companiesFromJson(result.rows[0]?.rows ?? null);
    total = result.rows[0]?.total ?? 0;
  }
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  const flags = await nameFlags(
    tx,
    items.map((c) => c.nameKey),
  );
  return {
    items,
    ...flags,
    nextCursor:
      rows.length > options.limit && last ? encodeCursor(sortValue(last, options.sort), last.id) : null,
    total: Math.min(total, countCap),
    totalIsExact: exact ?? total <= countCap,
  };
}

/** Rows after the cursor in the list's order. */
function keyset(options: ListOptions, value: SQL, id: SQL): SQL | undefined {
  if (!options.cursor) return undefined;
  const [after, afterId] = decodeCursor(options.cursor);
  return rowsAfter(options, value, id, after, afterId);
}

/** `totalIsExact` false: `total` is only a lower bound (default: exact up to the count cap). */
type Page = { rows: CompanyRow[]; total: number; totalIsExact?: boolean };

/**
 * How many index entries a name-ordered walk may check for each row that gathering would visit: the walk reads
 * entries in order from the name index alone (see walkedNamePage), gathering visits every match in the table
 * and sorts them.
 */
const indexWalkAdvantage = 8;

async function searchListPage(
  tx: TenantTx,
  resolved: ResolvedFilter & { search: NameSearch },
  options: ListOptions,
): Promise<Page> {
  const { search, rest, narrowed } = resolved;
  const estimated = await estimateNameMatches(tx, search.grams);
  const { matches: estimate, tableRows } = estimated;
  const filter = and(nameMatches(search), rest) as SQL;
  const page = options.limit + 1;
  if (estimate === null) {
    // No statistics yet (a new registry): gather up to where walking would surely be cheaper, then walk.
    const most = Math.max(countCap + 1, Math.ceil(Math.sqrt(page * tableRows)));
    const gathered = await gatheredPage(tx, { ...resolved, kinds: [] }, most, options);
    if (gathered) return gathered;
    if (options.sort === 'name') return walkedNamePage(tx, search, rest, options, 0);
    return walkedPage(tx, filter, options, async () => (narrowed ? cappedCount(tx, filter) : countCap + 1));
  }
  const kept = rest ? (await plannedRows(tx, rest)) / Math.max(tableRows, 1) : 1;
  const walkVisits = (page * tableRows) / Math.max(estimate * kept, 1);
  // Gathering visits the matches the index leaves: with kinds intersected, only those of these kinds.
  const { kinds, left } = await intersection(tx, resolved.kinds, estimated);
  const gatherVisits = left ?? estimate;
  // Gathering up to the count cap's rows costs a few milliseconds and counts every match: taken even where a walk
  // would visit fewer rows, so that a word with a few hundred matches is counted rather than shown as "50+".
  const walkable = gatherVisits > countCap;
  if (walkable && options.sort === 'name' && walkVisits < gatherVisits * indexWalkAdvantage) {
    return walkedNamePage(tx, search, rest, options, walkVisits);
  }
  if (walkable && walkVisits < gatherVisits) {
    const count = narrowed
      ? () => cappedCount(tx, filter)
      : async () =>
          (await gatheredPage(tx, { ...resolved, rest: undefined, kinds: [] }, countCap + 1, options))
            ?.total ?? countCap + 1;
    return walkedPage(tx, filter, options, count);
  }
  return (await gatheredPage(tx, { ...resolved, kinds }, null, options)) as Page;
}

/**
 * Every match gathered through the gram index (or at most `most`), filtered, counted and paged in one pass; only
 * the page's rows are then read back, through row-level security like every other read. Null when `most` were
 * gathered: they are then an arbitrary part of the matches, and a page sorted or filtered among them would be
 * wrong.
 */
async function gatheredPage(
  tx: TenantTx,
  { search, towns, rest, kinds }: ResolvedFilter & { search: NameSearch },
  most: number | null,
  options: ListOptions,
): Promise<Page | null> {
  const dir = sql.raw(options.order);
  const after = keyset(options, sql`c.sort_value`, sql`c.id`) ?? sql`true`;
  // The page's rows are read back in the same statement, through row-level security like every other read: the
  // search function runs as the owner.
  const result = (await tx.execute(
    sql`with c as materialized (
          select companies.id, ${sortExpr[options.sort]} as sort_value, ${rest ?? sql`true`} as kept
          from ${nameSearchRows(search, towns, kinds, most)} as companies
        ), picked as (
          select c.id, c.sort_value from c where kept and ${after}
          order by c.sort_value ${dir}, c.id ${dir} limit ${options.limit + 1}
        )
        select (select count(*)::int from c) as candidates, (select count(*)::int from c where kept) as matches,
          ${pageJsonSql(
            sql`select ${companyJson} as row, picked.sort_value, picked.id
                from picked join ${companies} on ${companies.id} = picked.id`,
            dir,
          )} as rows`,
  )) as unknown as {
    rows: { candidates: number; matches: number; rows: Record<string, unknown>[] | null }[];
  };
  const found = result.rows[0];
  if (!found || (most !== null && found.candidates >= most)) return null;
  return { rows: companiesFromJson(found.rows), total: found.matches };
}

/** The planner's estimate of the rows a filter keeps. */
async function plannedRows(tx: TenantTx, filter: SQL): Promise<number> {
  const result = (await tx.execute(
    sql`explain (format json) select 1 from ${companies} where ${filter}`,
  )) as unknown as {
    rows: { 'QUERY PLAN': unknown }[];
  };
  const raw = result.rows[0]?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return plan[0]?.Plan['Plan Rows'] ?? 1;
}

/**
 * A page found by walking the list's order index and checking each row until the page is full. The walk is
 * fenced (OFFSET 0 keeps the checks out of the ordered scan): left to choose, the planner takes the name check
 * for rare and sorts every row that passes it.
 */
async function walkedPage(
  tx: TenantTx,
  filter: SQL,
  options: ListOptions,
  count: () => Promise<number>,
): Promise<Page> {
  const expr = sortExpr[options.sort];
  const dir = sql.raw(options.order);
  const after = keyset(options, expr, sql`${companies.id}`) ?? sql`true`;
  const result = (await tx.execute(
    sql`select companies.id from (
          select * from ${companies} where ${after} order by ${expr} ${dir}, ${companies.id} ${dir} offset 0
        ) as companies where ${filter} limit ${options.limit + 1}`,
  )) as unknown as { rows: { id: string }[] };
  const ids = result.rows.map((r) => r.id);
  return { rows: await readPage(tx, ids, options), total: await count() };
}

/**
 * Index entries one walk statement reads at most. The planner cannot know where a page fills up; shown a bound,
 * it always takes the ordered index, where an unbounded walk lost to reading and sorting the whole table when the
 * registry's pages were not yet marked all-visible (1.0–1.4 s right after a large load on PostgreSQL).
 */
const walkChunk = { first: 2_000, most: 20_000 };

/**
 * A page in name order, found by walking the name index (keyed by the pinyin sort key and carrying the Chinese,
 * English and former names, see migrations 0022 and 0028) and checking each entry's names there, without visiting
 * its row; only entries whose names match are looked up for the gram check and the other filters, until the page is
 * full. It stops there, so its
 * cost follows the page, not the number of matches: counting a common word's thousands of matches would cost
 * more than the page, so the total is then a lower bound (what the walk found) unless the first page holds every
 * match. `expected` is the number of entries the page is expected to need (0 when unknown): the walk reads
 * chunks of about twice that, going on after a chunk that did not fill the page, until the index ends.
 */
async function walkedNamePage(
  tx: TenantTx,
  search: NameSearch,
  rest: SQL | undefined,
  options: ListOptions,
  expected: number,
): Promise<Page> {
  const dir = sql.raw(options.order);
  const beyond = sql.raw(options.order === 'asc' ? '>' : '<');
  let from = options.cursor ? decodeCursor(options.cursor) : null;
  let chunk = Math.min(walkChunk.most, Math.max(walkChunk.first, Math.ceil(expected * 2)));
  const rows: CompanyRow[] = [];
  // JIT is off for this transaction (see estimateNameMatches): compiling the walk cost more than running it.
  for (;;) {
    const after = from
      ? sql`(${companies.nameSort}, ${companies.id}) ${beyond} (${from[0]}::text, ${from[1]}::uuid)`
      : sql`true`;
    const ordered = sql`order by ${companies.nameSort} ${dir}, ${companies.id} ${dir}`;
    // The name check stays outside the bounded walk: inside, the planner takes it for rare and sorts all of its
    // matches instead of walking.
    // One join from the walked entries to their rows: the rows come out in the walk's order, so the page stops
    // at its last match.
    const page = sql`select ${companyJson} as row, w.name_sort as sort_value, w.id from (
        select ${companies.id}, ${companies.nameSort}, ${companies.nameZh}, ${companies.nameEn}, ${companies.formerNames}
        from ${companies} where ${after} ${ordered} limit ${chunk}
      ) as w join ${companies} on ${companies.id} = w.id
      where ${namesLike(search, 'w')}
        and ${companies.nameGrams} @> ${textArrayLiteral(search.grams)}::text[] and ${rest ?? sql`true`}
      order by w.name_sort ${dir}, w.id ${dir}
      limit ${options.limit + 1 - rows.length}`;
    rows.push(...(await pageRows(tx, page, dir)));
    if (rows.length > options.limit) break;
    // The page is not full: go on after the chunk's last entry, unless the chunk reached the end of the index.
    const last = (await tx.execute(
      sql`select ${companies.nameSort} as name, ${companies.id}::text as id from ${companies}
          where ${after} ${ordered} offset ${chunk - 1} limit 1`,
    )) as unknown as { rows: { name: string; id: string }[] };
    const end = last.rows[0];
    if (!end) break;
    from = [end.name, end.id];
    chunk = Math.min(walkChunk.most, chunk * 4);
  }
  return {
    rows,
    total: Math.min(rows.length, options.limit),
    totalIsExact: !options.cursor && rows.length <= options.limit,
  };
}

/** The name check on the columns the name index carries (the search function's, without the grams). */
function namesLike(search: NameSearch, table?: string): SQL {
  const [zh, en, former] = table
    ? [sql.raw(`${table}.name_zh`), sql.raw(`${table}.name_en`), sql.raw(`${table}.former_names`)]
    : [sql`${companies.nameZh}`, sql`${companies.nameEn}`, sql`${companies.formerNames}`];
  const formerText = sql`array_to_string(${former}, ' ')`;
  if (search.pattern.toLowerCase() === search.pattern.toUpperCase()) {
    return sql`(${zh} like ${search.pattern} or ${en} like ${search.pattern}
      or (${former} <> '{}' and ${formerText} like ${search.pattern}))`;
  }
  // ILIKE is lower() of both sides and LIKE (in UTF-8), but it lowers the pattern again for every name it checks:
  // the pattern is lowered once here. Lowering every Chinese name is most of the rest: one holding none of the
  // characters that lower to the pattern's first letter cannot match, and finding that out is far cheaper.
  const pattern = sql`lower(${search.pattern})`;
  const letter = firstAsciiLetter(search.pattern);
  const zhCheck = letter
    ? sql`((${sql.join(
        lettersLoweringTo(letter).map((c) => sql`strpos(${zh}, ${c}) > 0`),
        sql` or `,
      )}) and lower(${zh}) like ${pattern})`
    : sql`lower(${zh}) like ${pattern}`;
  return sql`(${zhCheck} or lower(${en}) like ${pattern}
    or (${former} <> '{}' and lower(${formerText}) like ${pattern}))`;
}

function firstAsciiLetter(text: string): string | undefined {
  return /[A-Za-z]/.exec(text)?.[0]?.toLowerCase();
}

/** The characters whose lower case is this ASCII letter: itself upper and lower, and İ for i and the Kelvin sign for k. */
function lettersLoweringTo(letter: string): string[] {
  const extra: Record<string, string> = { i: '\u0130', k: '\u212A' };
  return [letter, letter.toUpperCase(), ...(extra[letter] ? [extra[letter]] : [])];
}

async function readPage(tx: TenantTx, ids: string[], options: ListOptions): Promise<CompanyRow[]> {
  if (!ids.length) return [];
  const expr = sortExpr[options.sort];
  return pageRows(
    tx,
    sql`select ${companyJson} as row, ${expr} as sort_value, ${companies.id} as id from ${companies}
        where ${inArray(companies.id, ids)}`,
    sql.raw(options.order),
  );
}

/**
 * The start of the tenant's running import, if any: every company it writes carries that moment as its update
 * time, and none of them is visible before its commit, which also ends the job. On PostgreSQL other sessions read
 * while it runs, and in the last-updated order all its new row versions stand together at the newest end of the
 * index: a page read from that end would check each of them (a million, a second or more, late in a large
 * import) before the first visible row. The last-updated list therefore reads the rows on either side of that
 * moment as two ranges. (A change saved by hand in the very millisecond the import began would be left out of
 * this order until the import ends.) The bound is a subquery, not a COALESCE around one: under the tenant policy
 * only a leakproof condition reaches the index, and PostgreSQL does not count COALESCE as one.
 */
const runningImportSince = sql`(select coalesce(min(${importJobs.startedAt}), 'infinity') from ${importJobs}
  where ${importJobs.entity} = 'companies' and ${importJobs.status} = 'running')`;

/**
 * Whether a list asks only for headquarters (regional HQs, R&D centres): a few thousand companies among a million,
 * which a walk of a sort index finds only after passing every other. The partial index of headquarters carries
 * every sort column (migration 0027), so their page is picked there (see listedRows).
 */
function headquartersOnly(f: CompanyFilters): boolean {
  return !!f.hqType?.length && !f.hqType.includes('none');
}

/** The condition of the headquarters' partial index, added to their list's filter so the planner need not prove it. */
const isHeadquarters = sql`${companies.hqType} <> 'none'`;

/**
 * The FROM of a list page: the registry; for headquarters (`where` holds isHeadquarters), the page's ids picked from
 * their index and then their rows; for the last-updated order, the two ranges around a running import.
 */
function listedRows(sort: SortKey, where: SQL, ordered: SQL, headquarters: boolean): SQL {
  if (headquarters)
    return sql`(select ${companies}.* from (select ${companies.id} from ${companies} where ${where} ${ordered}) as picked
      join ${companies} on ${companies.id} = picked.id) as ${companies}`;
  if (sort !== 'updated') return sql`${companies} where ${where}`;
  const side = (range: SQL) => sql`(select * from ${companies} where ${where} and ${range} ${ordered})`;
  return sql`(${side(sql`${companies.updatedAt} > ${runningImportSince}`)} union all ${side(
    sql`${companies.updatedAt} < ${runningImportSince}`,
  )}) as ${companies}`;
}

/** The rows of a page statement (see pageJsonSql), in the list's order. */
async function pageRows(tx: TenantTx, page: SQL, dir: SQL): Promise<CompanyRow[]> {
  const result = (await tx.execute(sql`select ${pageJsonSql(page, dir)} as rows`)) as unknown as {
    rows: { rows: Record<string, unknown>[] | null }[];
  };
  return companiesFromJson(result.rows[0]?.rows ?? null);
}

/** A company as one JSON value (see db/json-rows). */
export const companyJson = jsonRowSql(companyColumns);
const companiesFromJson = (rows: Record<string, unknown>[] | null) =>
  rowsFromJson<CompanyRow>(companyColumns, rows);

/** A page's rows (`row`, `sort_value`, `id`) as one JSON array, in the list's order. */
function pageJsonSql(page: SQL, dir: SQL): SQL {
  return sql`(select json_agg(p.row order by p.sort_value ${dir}, p.id ${dir}) from (${page}) as p)`;
}

/**
 * The likely duplicates among a page's names, both kinds in one statement: names another company shares, and names
 * with a very similar neighbour (similar-names.ts).
 */
async function nameFlags(tx: TenantTx, keys: string[]) {
  if (!keys.length) return { duplicateKeys: new Set<string>(), similarKeys: new Set<string>() };
  const { rows } = (await tx.execute(
    sql`select array(select name_key from ${companies} where name_key = any(${textArrayLiteral(keys)}::text[])
        group by name_key having count(*) > 1) as duplicates, ${similarNeighboursSql(keys)} as similar,
        ${statisticsIdentitySql} as statistics`,
  )) as unknown as {
    rows: { duplicates: string[]; similar: NeighbourPairs[] | null; statistics: StatisticsIdentity | null }[];
  };
  const similarKeys = await namesWithSimilarNeighbour(
    tx,
    rows[0]?.similar ?? null,
    rows[0]?.statistics ?? null,
  );
  return { duplicateKeys: new Set(rows[0]?.duplicates), similarKeys };
}

function cappedCountSql(filter: SQL | undefined): SQL<number> {
  return sql<number>`(select count(*)::int from (select 1 from ${companies} where ${filter ?? sql`true`} limit ${countCap + 1}) s)`;
}

async function cappedCount(tx: TenantTx, filter: SQL | undefined): Promise<number> {
  const result = (await tx.execute(sql`select ${cappedCountSql(filter)} as n`)) as unknown as {
    rows: { n: number }[];
  };
  return result.rows[0]?.n ?? 0;
}
