import { and, asc, desc, eq, gte, inArray, isNull, like, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../../db/keyset.ts';
import type { TenantTx } from '../../db/scope.ts';
import { addDays } from '../../domain/calendar.ts';
import { invalid } from '../../domain/problem.ts';
import { isPipelineStage } from '../../domain/project-stages.ts';
import { mayBeCreditedTo } from '../agreements/credit.ts';
import { zones } from '../territory/schema.ts';
import { projectColumns, projects, rollupProjectStages } from './schema.ts';
import { namesInRow, namesOfRows, type ProjectRow } from './service.ts';
import { majorThreshold, majorThresholdSql } from './settings.ts';
import { type Viewer, visibleProjects } from './visibility.ts';

export const projectSortKeys = ['updated', 'created', 'title', 'amount', 'stageEntered'] as const;
export type ProjectSortKey = (typeof projectSortKeys)[number];

export interface ProjectFilters {
  /** Words of the title or the prospect's name, or a whole project code. */
  q?: string | undefined;
  stage?: string[] | undefined;
  source?: string[] | undefined;
  kind?: string[] | undefined;
  priority?: string[] | undefined;
  partner?: string | undefined;
  /** A registry company: the projects it invests in, or that registered as it. */
  company?: string | undefined;
  /** The partner credited with the project (domain/introducer-credit.ts), or 'none'. */
  credited?: string | undefined;
  cluster?: string | undefined;
  officer?: string | undefined;
  town?: string[] | undefined;
  zone?: string | undefined;
  site?: string | undefined;
  /** GB/T 4754 division, group or class prefix. */
  industry?: string | undefined;
  foreignFunded?: boolean | undefined;
  major?: boolean | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  /** Days the project was first signed between, as the cockpit counts signings. */
  signedFrom?: string | undefined;
  signedTo?: string | undefined;
  /** A pipeline stage: projects whose furthest stage is this one or later (the funnel's "reached"). */
  reached?: string | undefined;
  amountMin?: string | undefined;
  amountMax?: string | undefined;
}

export interface ProjectListOptions extends ProjectFilters {
  sort: ProjectSortKey;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string | undefined;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function zoneTowns(tx: TenantTx, zoneId: string): Promise<string[]> {
  const [zone] = await tx.select({ townCodes: zones.townCodes }).from(zones).where(eq(zones.id, zoneId));
  if (!zone) throw invalid('unknown zone');
  return zone.townCodes;
}

/** The WHERE clause for a caller and a set of filters; shared by the list and the funnel. */
export async function projectFilter(
  tx: TenantTx,
  viewer: Viewer,
  f: ProjectFilters,
): Promise<SQL | undefined> {
  const where: SQL[] = [];
  const visible = visibleProjects(viewer);
  if (visible) where.push(visible);
  if (f.q) {
    // Every project whose title or prospect contains the words, or whose code they are, through the pair index
    // (owner-run: under row-level security the index cannot serve the containment test; see the migration).
    const q = f.q.trim();
    where.push(sql`${projects.id} in (select lodestone_project_search(${q}, ${likePattern(q)}))`);
  }
  if (f.stage?.length) where.push(inArray(projects.stage, f.stage));
  if (f.source?.length) where.push(inArray(projects.source, f.source));
  if (f.kind?.length) where.push(inArray(projects.kind, f.kind));
  if (f.priority?.length) where.push(inArray(projects.priority, f.priority));
  if (f.partner) where.push(eq(projects.partnerId, f.partner));
  if (f.company)
    where.push(
      or(eq(projects.investorCompanyId, f.company), eq(projects.registeredCompanyId, f.company)) as SQL,
    );
  // Credit is kept on each project by the database (migration 0020); a partner's few projects are found first.
  if (f.credited === 'none') where.push(isNull(projects.creditedPartnerId));
  else if (f.credited)
    where.push(and(mayBeCreditedTo([f.credited]), eq(projects.creditedPartnerId, f.credited)) as SQL);
  if (f.cluster) where.push(eq(projects.clusterId, f.cluster));
  if (f.officer) where.push(eq(projects.officerId, f.officer));
  if (f.site) where.push(eq(projects.siteId, f.site));
  if (f.zone) {
    // A project belongs to a zone if it names the zone or a town in it.
    where.push(
      or(eq(projects.zoneId, f.zone), inArray(projects.townCode, await zoneTowns(tx, f.zone))) as SQL,
    );
  }
  if (f.town?.length) where.push(inArray(projects.townCode, f.town));
  if (f.industry) {
    if (!/^\d{2,4}$/.test(f.industry)) throw invalid('industry is a GB/T 4754 division, group or class');
    where.push(like(projects.industryCode, `${f.industry}%`));
  }
  if (f.foreignFunded !== undefined) where.push(eq(projects.foreignFunded, f.foreignFunded));
  if (f.major !== undefined) {
    where.push(
      f.major
        ? sql`${projects.amountYuan} >= ${majorThresholdSql}`
        : sql`(${projects.amountYuan} < ${majorThresholdSql} or ${projects.amountYuan} is null)`,
    );
  }
  // Dates are days on the bureau's clock (China keeps UTC+8 all year).
  if (f.createdFrom) where.push(gte(projects.createdAt, new Date(`${f.createdFrom}T00:00:00+08:00`)));
  if (f.createdTo) where.push(lt(projects.createdAt, new Date(`${addDays(f.createdTo, 1)}T00:00:00+08:00`)));
  if (f.signedFrom) where.push(gte(projects.signedAt, new Date(`${f.signedFrom}T00:00:00+08:00`)));
  if (f.signedTo) where.push(lt(projects.signedAt, new Date(`${addDays(f.signedTo, 1)}T00:00:00+08:00`)));
  if (f.reached) {
    if (!isPipelineStage(f.reached)) throw invalid('reached is a pipeline stage');
    where.push(sql`lodestone_stage_rank(${projects.reachedStage}) >= lodestone_stage_rank(${f.reached})`);
  }
  if (f.amountMin) where.push(gte(projects.amountYuan, BigInt(f.amountMin)));
  if (f.amountMax) where.push(lte(projects.amountYuan, BigInt(f.amountMax)));
  return where.length ? and(...where) : undefined;
}

// Sort expressions never yield NULL, so keyset paging compares plainly; the schema's indexes match them.
const sortExpr: Record<ProjectSortKey, SQL> = {
  updated: sql`${projects.updatedAt}`,
  created: sql`${projects.createdAt}`,
  title: sql`${projects.title}`,
  amount: sql`coalesce(${projects.amountYuan}, -1)`,
  stageEntered: sql`${projects.stageEnteredAt}`,
};
const castFor: Record<ProjectSortKey, string> = {
  updated: 'timestamptz',
  created: 'timestamptz',
  title: 'text',
  amount: 'bigint',
  stageEntered: 'timestamptz',
};

function sortValue(row: ProjectRow, key: ProjectSortKey): string {
  switch (key) {
    case 'updated':
      return row.updatedAt.toISOString();
    case 'created':
      return row.createdAt.toISOString();
    case 'title':
      return row.title;
    case 'amount':
      return (row.amountYuan ?? -1n).toString();
    case 'stageEntered':
      return row.stageEnteredAt.toISOString();
  }
}

// Counting every match of a broad filter would cost more than the page; the total says when it stopped.
const countCap = 10_000;

const rollupKeyed = new Set<string>(['stage', 'town', 'zone']);

/**
 * The stage roll-up (kept exact by triggers in every writer's transaction) is keyed by town, zone and stage: a list
 * filtered by nothing else, for a caller limited at most to towns, is counted from it in a few cells, exactly and
 * without the cap. Other filters are counted from the rows.
 */
function rollupCount(viewer: Viewer, f: ProjectFilters): SQL<number> | null {
  if (viewer.role === 'partner') return null;
  for (const [key, value] of Object.entries(f))
    if (
      !rollupKeyed.has(key) &&
      value !== undefined &&
      value !== '' &&
      !(Array.isArray(value) && !value.length)
    )
      return null;
  const r = rollupProjectStages;
  const where: SQL[] = [];
  if (viewer.townCodes.length) where.push(inArray(r.townCode, viewer.townCodes));
  if (f.stage?.length) where.push(inArray(r.stage, f.stage));
  if (f.town?.length) where.push(inArray(r.townCode, f.town));
  // The zone's towns as a subquery: projectFilter has already read them (and refused an unknown zone).
  if (f.zone)
    where.push(
      sql`(${r.zoneId} = ${f.zone.toLowerCase()} or ${r.townCode} in (select unnest(${zones.townCodes}) from ${zones} where ${zones.id} = ${f.zone}::uuid))`,
    );
  return sql<number>`(select coalesce(sum(${r.projects}), 0)::int from ${r} where ${where.length ? and(...where) : sql`true`})`;
}

export async function listProjects(tx: TenantTx, viewer: Viewer, options: ProjectListOptions) {
  const { sort, order, limit, cursor, ...filters } = options;
  const filter = await projectFilter(tx, viewer, filters);
  const counted = rollupCount(viewer, filters);
  const expr = sortExpr[sort];
  const direction = order === 'asc' ? asc : desc;
  let page = filter;
  if (cursor) {
    const [value, id] = decodeCursor(cursor);
    const cast = sql.raw(castFor[sort]);
    const after =
      order === 'asc'
        ? sql`(${expr}, ${projects.id}) > (${value}::${cast}, ${id}::uuid)`
        : sql`(${expr}, ${projects.id}) < (${value}::${cast}, ${id}::uuid)`;
    page = filter ? and(filter, after) : after;
  }
  // The threshold and a roll-up count ride along as scalar subqueries: one round trip for the page.
  const found = await tx
    .select({
      project: projectColumns,
      ...namesInRow,
      threshold: majorThresholdSql,
      total: counted ?? sql<null>`null::int`,
    })
    .from(projects)
    .where(page)
    .orderBy(direction(expr), direction(projects.id))
    .limit(limit + 1);
  const rows = found.map((r) => r.project);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const threshold = BigInt(found[0]?.threshold ?? (await majorThreshold(tx)));
  let total: number;
  let totalIsExact = true;
  if (found[0] && found[0].total !== null) total = found[0].total;
  else if (counted)
    total =
      ((await tx.execute(sql`select ${counted} as n`)) as unknown as { rows: { n: number }[] }).rows[0]?.n ??
      0;
  // A first page that holds every match has counted them already: board columns and narrow filters skip the
  // second pass over the rows.
  else if (!cursor && rows.length <= limit) total = rows.length;
  else {
    const n =
      (
        (await tx.execute(
          sql`select count(*)::int as n from (select 1 from ${projects} where ${filter ?? sql`true`} limit ${countCap + 1}) s`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]?.n ?? 0;
    total = Math.min(n, countCap);
    totalIsExact = n <= countCap;
  }
  return {
    items,
    names: namesOfRows(found.slice(0, limit)),
    threshold,
    nextCursor: rows.length > limit && last ? encodeCursor(sortValue(last, sort), last.id) : null,
    total,
    totalIsExact,
  };
}
