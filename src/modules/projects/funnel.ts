import { type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { bureauTimeZone } from '../../domain/calendar.ts';
import { pipelineStages, type Stage, stages } from '../../domain/project-stages.ts';
import { creditedPartnerJoined, firstIntroducerJoin } from '../agreements/credit.ts';
import { listMembers } from '../identity/service.ts';
import { partnerNames } from '../partners/service.ts';
import { listClusters } from '../territory/service.ts';
import { type ProjectFilters, projectFilter } from './list.ts';
import { projectStagePaths, projects } from './schema.ts';
import type { Viewer } from './visibility.ts';

export const funnelBreakdowns = ['none', 'source', 'partner', 'cluster', 'officer', 'period'] as const;
export const funnelMeasures = ['all', 'current'] as const;
export type FunnelMeasures = (typeof funnelMeasures)[number];
export type FunnelBreakdown = (typeof funnelBreakdowns)[number];
export const funnelPeriods = ['month', 'quarter', 'year'] as const;
export type FunnelPeriod = (typeof funnelPeriods)[number];

const periodFormat: Record<FunnelPeriod, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };

/** The group a project falls in; "none" where the project names no partner, cluster or officer. */
function groupKey(by: FunnelBreakdown, period: FunnelPeriod): SQL {
  switch (by) {
    case 'none':
      return sql`'all'`;
    case 'source':
      return sql`${projects.source}`;
    case 'partner':
      // The partner credited with the project: the first registered introducer, else the referring partner.
      return sql`coalesce((${creditedPartnerJoined})::text, 'none')`;
    case 'cluster':
      return sql`coalesce(${projects.clusterId}::text, 'none')`;
    case 'officer':
      return sql`coalesce(${projects.officerId}::text, 'none')`;
    case 'period':
      // By the month, quarter or year the lead came in, on the bureau's clock.
      return sql`to_char(${projects.createdAt} at time zone ${bureauTimeZone}, ${periodFormat[period]})`;
  }
}

type Rows<T> = { rows: T[] };

export interface FunnelStage {
  stage: Stage;
  /** Projects in this stage now, and their amount in yuan. */
  count: number;
  amountYuan: string;
  /** Projects that ever entered this stage, and their amount in yuan. */
  reached: number;
  reachedAmountYuan: string;
  /** Of the projects that reached this pipeline stage, the share that reached the next (null at the end). */
  conversionToNext: number | null;
  /** Median days of the stays in this stage that have ended; null when none has. */
  medianDays: number | null;
  completedStays: number;
}

const days = (seconds: number) => Math.round((seconds / 86_400) * 100) / 100;
const ratio = (a: number, b: number) => Math.round((a / b) * 10_000) / 10_000;

/**
 * Counts and amounts per stage, conversion between stages and the median time spent in each, per group. Three
 * aggregates over the projects a caller sees: where they stand, which stages they ever reached (from the move
 * history, so a lost project still counts at the stages it passed), and how long finished stays lasted. The last
 * two read the history as each project's path, kept beside it by the database from its moves.
 */
export async function funnel(
  tx: TenantTx,
  viewer: Viewer,
  filters: ProjectFilters,
  by: FunnelBreakdown,
  period: FunnelPeriod,
  measures: FunnelMeasures = 'all',
) {
  const where = (await projectFilter(tx, viewer, filters)) ?? sql`true`;
  const key = groupKey(by, period);
  // The partner breakdown reads each project's first registered introducer through one join.
  const credit = by === 'partner' ? firstIntroducerJoin : sql``;
  const now = (await tx.execute(sql`
    select ${key} as key, ${projects.stage} as stage, count(*)::int as n,
      coalesce(sum(${projects.amountYuan}), 0)::text as amount
    from ${projects} ${credit} where ${where} group by 1, 2`)) as unknown as Rows<{
    key: string;
    stage: string;
    n: number;
    amount: string;
  }>;
  // The board's column heads need only where projects stand. The history's figures read each project's path
  // (project_stage_paths: the stages it entered and the stays it finished), one narrow row per project.
  const none = { rows: [] };
  const paths = sql`join ${projectStagePaths} path
    on path.tenant_id = ${projects.tenantId} and path.project_id = ${projects.id}`;
  const reached = (measures === 'current'
    ? none
    : await tx.execute(sql`
    select ${key} as key, r.stage, count(*)::int as n, coalesce(sum(${projects.amountYuan}), 0)::text as amount
    from ${projects} ${credit} ${paths} cross join unnest(path.reached_stages) r(stage)
    where ${where} group by 1, 2`)) as unknown as Rows<{
    key: string;
    stage: string;
    n: number;
    amount: string;
  }>;
  const stays = (measures === 'current'
    ? none
    : await tx.execute(sql`
    select ${key} as key, s.stage, count(*)::int as n,
      percentile_cont(0.5) within group (order by s.seconds) as median
    from ${projects} ${credit} ${paths} cross join unnest(path.stay_stages, path.stay_seconds) s(stage, seconds)
    where ${where} group by 1, 2`)) as unknown as Rows<{
    key: string;
    stage: string;
    n: number;
    median: number | string;
  }>;

  const groups = new Map<string, Map<string, FunnelStage>>();
  const cell = (k: string, stage: string) => {
    let group = groups.get(k);
    if (!group) {
      group = new Map(
        stages.map((s) => [
          s,
          {
            stage: s,
            count: 0,
            amountYuan: '0',
            reached: 0,
            reachedAmountYuan: '0',
            conversionToNext: null,
            medianDays: null,
            completedStays: 0,
          },
        ]),
      );
      groups.set(k, group);
    }
    return group.get(stage) as FunnelStage;
  };
  for (const r of now.rows) Object.assign(cell(r.key, r.stage), { count: r.n, amountYuan: r.amount });
  for (const r of reached.rows)
    Object.assign(cell(r.key, r.stage), { reached: r.n, reachedAmountYuan: r.amount });
  for (const r of stays.rows)
    Object.assign(cell(r.key, r.stage), { completedStays: r.n, medianDays: days(Number(r.median)) });

  const labels = await groupLabels(tx, viewer, by, [...groups.keys()]);
  return {
    by,
    period: by === 'period' ? period : null,
    groups: [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, group]) => {
        for (const [i, s] of pipelineStages.entries()) {
          const next = pipelineStages[i + 1];
          const here = group.get(s) as FunnelStage;
          if (next && here.reached > 0)
            here.conversionToNext = ratio((group.get(next) as FunnelStage).reached, here.reached);
        }
        const list = [...group.values()];
        return {
          key: k,
          label: labels.get(k) ?? null,
          count: list.reduce((n, s) => n + s.count, 0),
          amountYuan: list.reduce((n, s) => n + BigInt(s.amountYuan), 0n).toString(),
          stages: list,
        };
      }),
  };
}

/**
 * Names for partner, cluster and officer keys; other keys are codes the client already knows how to show. A
 * partner is not told the bureau's staff by name (it may not read the member directory either).
 */
async function groupLabels(
  tx: TenantTx,
  viewer: Viewer,
  by: FunnelBreakdown,
  keys: string[],
): Promise<Map<string, string>> {
  if (by === 'partner') {
    const names = await partnerNames(
      tx,
      keys.filter((k) => k !== 'none'),
    );
    return new Map([...names].map(([id, p]) => [id, p.nameZh]));
  }
  if (by === 'cluster') return new Map((await listClusters(tx)).map((c) => [c.id, c.nameZh]));
  if (by === 'officer' && viewer.role !== 'partner')
    return new Map((await listMembers(tx)).map((m) => [m.id, m.displayName]));
  return new Map();
}
