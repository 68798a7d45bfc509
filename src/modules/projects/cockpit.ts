import { type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { addDays, splitMonths } from '../../domain/calendar.ts';
import type { pipelineStages } from '../../domain/project-stages.ts';
import {
  rollupProjectClusterSignings as clusterSig,
  rollupProjectPartnerSignings as partnerSig,
  projects,
  rollupProjectSignings as sig,
  rollupProjectStages as st,
} from './schema.ts';

/** The area the cockpit looks at: a zone (by id and its towns), and/or a set of towns. Null means the district. */
export interface ProjectArea {
  zone: { id: string; townCodes: string[] } | null;
  towns: string[] | null;
}

export interface SignedCell {
  clusterId: string;
  partnerId: string;
  foreignFunded: boolean;
  headquarters: boolean;
  major: boolean;
  projects: number;
  amountYuan: bigint;
}

type Rows<T> = { rows: T[] };

const textArray = (values: string[]) => sql`${`{${values.join(',')}}`}::text[]`;

/** The instants that bound whole days on the bureau's clock (China keeps UTC+8 all year). */
const dayBounds = (from: string, to: string) => [
  `${from}T00:00:00+08:00`,
  `${addDays(to, 1)}T00:00:00+08:00`,
];

/** A project is in the area if it names the zone or a town in it, and is in the towns asked for. */
function inArea(area: ProjectArea, town: SQL, zone: SQL): SQL {
  const where: SQL[] = [sql`true`];
  if (area.zone)
    where.push(sql`(${zone} = ${area.zone.id} or ${town} = any(${textArray(area.zone.townCodes)}))`);
  if (area.towns) where.push(sql`${town} = any(${textArray(area.towns)})`);
  return sql.join(where, sql` and `);
}

/**
 * How signings are cut: by flags (the headline figures and district targets), by cluster (top clusters, cluster
 * targets) or by credited partner (the leaderboard, as the scorecards credit them). Each reads its own roll-up; the
 * row side computes each cell exactly as the roll-up's trigger does.
 */
export type SigningCut = 'flags' | 'cluster' | 'partner';

// The row side of a cell, as the roll-up's trigger computes it (s: the tenant's pipeline settings).
const major = 'coalesce(p.amount_yuan >= coalesce(s.major_threshold_yuan, 100000000), false)';
const cuts: Record<SigningCut, { table: SQL; rollup: string; rows: string; where: string }> = {
  flags: {
    table: sql`${sig}`,
    rollup: "'' as cluster_id, '' as partner_id, foreign_funded, headquarters, major",
    rows: `'', '', p.foreign_funded, coalesce(p.kind = 'regional_hq', false), ${major}`,
    where: 'true',
  },
  cluster: {
    table: sql`${clusterSig}`,
    rollup: "cluster_id, '' as partner_id, foreign_funded, false as headquarters, major",
    rows: `p.cluster_id::text, '', p.foreign_funded, false, ${major}`,
    where: 'p.cluster_id is not null',
  },
  partner: {
    table: sql`${partnerSig}`,
    rollup: "'' as cluster_id, partner_id, false as foreign_funded, false as headquarters, major",
    rows: `'', p.credited_partner_id::text, false, false, ${major}`,
    where: 'p.credited_partner_id is not null',
  },
};

/**
 * The projects signed between two days (inclusive, on the bureau's clock) and not lost since, in the area, as
 * cells of one cut: whole months from its roll-up, the days of a month the period only partly covers from the
 * rows (by the signed_at index).
 */
export async function signedCells(
  tx: TenantTx,
  area: ProjectArea,
  from: string,
  to: string,
  cut: SigningCut,
) {
  const c = cuts[cut];
  const { months, edges } = splitMonths(from, to);
  const whole = months
    ? sql`signed_month >= ${months[0]}::date and signed_month < ${months[1]}::date`
    : sql`false`;
  // Each edge a range of the signed_at index, so only those days' rows are read.
  const partial = edges.length
    ? sql.join(
        edges.map(([a, b]) => {
          const [start, end] = dayBounds(a, b);
          return sql`(p.signed_at >= ${start}::timestamptz and p.signed_at < ${end}::timestamptz)`;
        }),
        sql` or `,
      )
    : sql`false`;
  const { rows } = (await tx.execute(sql`
    select cluster_id, partner_id, foreign_funded, headquarters, major,
      sum(n)::int as n, sum(amount)::text as amount from (
      select ${sql.raw(c.rollup)}, projects as n, amount_yuan as amount
      from ${c.table}
      where ${whole} and ${inArea(area, sql`town_code`, sql`zone_id`)}
      union all
      select ${sql.raw(c.rows)}, 1, coalesce(p.amount_yuan, 0)
      from ${projects} p left join pipeline_settings s on s.tenant_id = p.tenant_id
      where (${partial}) and p.stage <> 'lost' and ${sql.raw(c.where)}
        and ${inArea(area, sql`coalesce(p.town_code, '')`, sql`coalesce(p.zone_id::text, '')`)}
    ) c group by 1, 2, 3, 4, 5 having sum(n) <> 0`)) as unknown as Rows<{
    cluster_id: string;
    partner_id: string;
    foreign_funded: boolean;
    headquarters: boolean;
    major: boolean;
    n: number;
    amount: string;
  }>;
  return rows.map(
    (row): SignedCell => ({
      clusterId: row.cluster_id,
      partnerId: row.partner_id,
      foreignFunded: row.foreign_funded,
      headquarters: row.headquarters,
      major: row.major,
      projects: row.n,
      amountYuan: BigInt(row.amount),
    }),
  );
}

/**
 * Where the area's pipeline stands now: projects and amount per current stage, and per furthest stage reached
 * (the funnel), from the stage roll-up alone (a few hundred rows at any size).
 */
export async function pipelineCells(tx: TenantTx, area: ProjectArea) {
  const { rows } = (await tx.execute(sql`
    select ${st.stage} as stage, ${st.reachedStage} as reached, sum(${st.projects})::int as n,
      sum(${st.amountYuan})::text as amount
    from ${st} where ${inArea(area, sql`${st.townCode}`, sql`${st.zoneId}`)}
    group by 1, 2 having sum(${st.projects}) <> 0`)) as unknown as Rows<{
    stage: string;
    reached: string;
    n: number;
    amount: string;
  }>;
  return rows.map((row) => ({
    stage: row.stage,
    reached: row.reached as (typeof pipelineStages)[number],
    projects: row.n,
    amountYuan: BigInt(row.amount),
  }));
}

export interface SiteSignings {
  projects: number;
  amountYuan: bigint;
  major: number;
  foreignAmountYuan: bigint;
}

/**
 * Signings per park (site) between two days, not lost since: parks are not a roll-up dimension, so these few
 * rows are read through the signed_at index. Only targets per park ask for them.
 */
export async function signedAtSites(tx: TenantTx, siteIds: string[], from: string, to: string) {
  if (!siteIds.length) return new Map<string, SiteSignings>();
  const { rows } = (await tx.execute(sql`
    select p.site_id::text as site, count(*)::int as n, coalesce(sum(p.amount_yuan), 0)::text as amount,
      count(*) filter (where p.amount_yuan >= coalesce(s.major_threshold_yuan, 100000000))::int as major,
      coalesce(sum(p.amount_yuan) filter (where p.foreign_funded), 0)::text as foreign_amount
    from ${projects} p left join pipeline_settings s on s.tenant_id = p.tenant_id
    where p.signed_at >= ${dayBounds(from, to)[0]}::timestamptz and p.signed_at < ${dayBounds(from, to)[1]}::timestamptz
      and p.stage <> 'lost' and p.site_id::text = any(${textArray(siteIds)})
    group by 1`)) as unknown as Rows<{
    site: string;
    n: number;
    amount: string;
    major: number;
    foreign_amount: string;
  }>;
  return new Map(
    rows.map((row): [string, SiteSignings] => [
      row.site,
      {
        projects: row.n,
        amountYuan: BigInt(row.amount),
        major: row.major,
        foreignAmountYuan: BigInt(row.foreign_amount),
      },
    ]),
  );
}
