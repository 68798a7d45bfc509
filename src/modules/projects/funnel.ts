import { type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { bureauTimeZone } from '../../domain/calendar.ts';
import { pipelineStages, type Stage, stages } from '../../domain/project-stages.ts';
import { listMembers } from '../identity/service.ts';
import { partnerNames } from '../partners/service.ts';
import { listClusters } from '../territory/service.ts';
import { type ProjectFilters, projectFilter } from './list.ts';
import { projects, rollupProjectStagePaths } from './schema.ts';
import type { Viewer } from './visibility.ts';

export const funnelBreakdowns = ['none', 'source', 'partner', 'cluster', 'officer', 'period'] as const;
export const funnelMeasures = ['all', 'current'] as const;
export type FunnelMeasures = (typeof funnelMeasures)[number];
export type FunnelBreakdown = (typeof funnelBreakdowns)[number];
export const funnelPeriods = ['month', 'quarter', 'year'] as const;
export type FunnelPeriod = (typeof funnelPeriods)[number];

const periodFormat: Record<FunnelPeriod, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };

/**
 * The group a project falls in, as its raw value (a uuid, a day), and as the key the API shows: "none" where the
 * project names no partner, cluster or officer. Rows are grouped by the raw value, which hashes cheaper than text,
 * and each group is named once.
 */
function groupKey(by: FunnelBreakdown, period: FunnelPeriod): { value: SQL; name: (value: SQL) => SQL } {
  const orNone = (value: SQL) => sql`coalesce(${value}::text, 'none')`;
  switch (by) {
    case 'none':
      return { value: sql`0`, name: () => sql`'all'` };
    case 'source':
      return { value: sql`${projects.source}`, name: (value) => value };
    case 'partner':
      // The partner credited with the project (domain/introducer-credit.ts), kept on it by the database.
      return { value: sql`${projects.creditedPartnerId}`, name: orNone };
    case 'cluster':
      return { value: sql`${projects.clusterId}`, name: orNone };
    case 'officer':
      return { value: sql`${projects.officerId}`, name: orNone };
    case 'period':
      // By the month, quarter or year the lead came in, on the bureau's clock.
      return {
        value: sql`date_trunc(${period}, ${projects.createdAt} at time zone ${bureauTimeZone})`,
        name: (value) => sql`to_char(${value}, ${periodFormat[period]})`,
      };
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
 * Counts and amounts per stage, conversion between stages and the median time spent in each, per group, over the
 * projects a caller sees: where they stand, which stages they ever reached (from the move history, so a lost
 * project still counts at the stages it passed), and how long finished stays lasted. The history is read as each
 * project's path, kept beside it by the database from its moves: two passes over the filtered projects, however
 * long their histories.
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
  // The board's column heads need only where projects stand. The history's figures read each project's path
  // (rollup_project_stage_paths: a bit per stage it entered, the stays it finished), joined one to one.
  const history = measures === 'all';
  const paths = sql`left join ${rollupProjectStagePaths} path
    on path.tenant_id = ${projects.tenantId} and path.project_id = ${projects.id}`;
  // One pass for "now" and "reached": projects grouped by where they stand and the stages they entered.
  const cells = (await tx.execute(sql`
    select ${key.name(sql`g.value`)} as key, stage, reached, n, amount from (
      select ${key.value} as value, ${projects.stage} as stage,
        ${history ? sql`coalesce(path.reached, 0)` : sql`0`} as reached,
        count(*)::int as n, coalesce(sum(${projects.amountYuan}), 0)::text as amount
      from ${projects} ${history ? paths : sql``} where ${where} group by 1, 2, 3) g`)) as unknown as Rows<{
    key: string;
    stage: string;
    reached: number;
    n: number;
    amount: string;
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
  const add = (a: string, b: string) => (BigInt(a) + BigInt(b)).toString();
  for (const r of cells.rows) {
    const here = cell(r.key, r.stage);
    here.count += r.n;
    here.amountYuan = add(here.amountYuan, r.amount);
    for (const [i, stage] of stages.entries()) {
      if (!(r.reached & (1 << i))) continue;
      const entered = cell(r.key, stage);
      entered.reached += r.n;
      entered.reachedAmountYuan = add(entered.reachedAmountYuan, r.amount);
    }
  }
  if (history)
    for (const r of await finishedStays(tx, key, where))
      for (const [i, stage] of stages.entries()) {
        const stays = r.stays[i] ?? 0;
        if (!stays) continue;
        const median = r.median[i];
        Object.assign(cell(r.key, stage), {
          completedStays: stays,
          medianDays: median === null || median === undefined ? null : days(Number(median)),
        });
      }

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
 * Per group, over the stages in order: the stays that have ended and their median seconds. Exact, so every stay of
 * the filtered projects is read (one row each, from their paths); each median sorts only its own stays. Grouped by
 * key alone with a figure per stage: few groups, hashed rather than sorted.
 */
async function finishedStays(tx: TenantTx, key: ReturnType<typeof groupKey>, where: SQL) {
  const perStage = (figure: (i: number) => string) => sql.raw(stages.map((_, i) => figure(i)).join(', '));
  const { rows } = (await tx.execute(sql`
    select ${key.name(sql`stay.value`)} as key,
      array[${perStage((i) => `count(*) filter (where stay.stage = ${i})`)}]::int[] as stays,
      array[${perStage(
        (i) => `(select percentile_cont(0.5) within group (order by v)
          from unnest(array_agg(stay.seconds) filter (where stay.stage = ${i})) v)`,
      )}]::float8[] as median
    from (
      select ${key.value} as value, unnest(path.stay_stages) as stage, unnest(path.stay_seconds) as seconds
      from ${projects} join ${rollupProjectStagePaths} path
        on path.tenant_id = ${projects.tenantId} and path.project_id = ${projects.id}
      where ${where}
    ) stay group by stay.value`)) as unknown as Rows<{
    key: string;
    stays: number[];
    median: (number | null)[];
  }>;
  return rows;
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
