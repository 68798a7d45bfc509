import type { TenantTx } from '../../db/scope.ts';
import { change, cockpitPeriod, progress, type TargetMetric, yearEarlier } from '../../domain/cockpit.ts';
import { invalid, Problem } from '../../domain/problem.ts';
import { pipelineStages, stages } from '../../domain/project-stages.ts';
import { registrationsBetween } from '../companies/analytics.ts';
import { partnerNames } from '../partners/service.ts';
import {
  type ProjectArea,
  pipelineCells,
  type SignedCell,
  signedAtSites,
  signedCells,
} from '../projects/cockpit.ts';
import { getZone, listClusters, listTowns } from '../territory/service.ts';
import { listTargets, presentTarget } from './targets.ts';

export interface CockpitQuery {
  zone?: string | undefined;
  town?: string[] | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

/** The caller's reach: a membership limited to towns sees those towns only. */
export interface CockpitViewer {
  townCodes: string[];
}

/** The list behind a figure: the path and the query parameters that open its rows. */
export interface ListFilter {
  path: '/companies' | '/projects';
  query: Record<string, string>;
}

/** Projects that count as introduced: signed in the period and not lost since (a pause keeps the signature). */
const introducedStages = stages.filter(
  (s) => s !== 'lost' && s !== 'lead' && s !== 'contacted' && s !== 'negotiating',
);

const yuan = (v: bigint) => v.toString();

function sum(cells: SignedCell[], pick: (c: SignedCell) => boolean = () => true) {
  let projects = 0;
  let amountYuan = 0n;
  for (const c of cells)
    if (pick(c)) {
      projects += c.projects;
      amountYuan += c.amountYuan;
    }
  return { projects, amountYuan };
}

function ranked<K extends string>(cells: SignedCell[], key: (c: SignedCell) => K, limit: number) {
  const groups = new Map<K, { projects: number; amountYuan: bigint; major: number }>();
  for (const c of cells) {
    const k = key(c);
    if (!k) continue;
    const g = groups.get(k) ?? { projects: 0, amountYuan: 0n, major: 0 };
    g.projects += c.projects;
    g.amountYuan += c.amountYuan;
    if (c.major) g.major += c.projects;
    groups.set(k, g);
  }
  return [...groups]
    .sort(([ka, a], [kb, b]) =>
      a.amountYuan === b.amountYuan
        ? b.projects - a.projects || ka.localeCompare(kb)
        : a.amountYuan > b.amountYuan
          ? -1
          : 1,
    )
    .slice(0, limit);
}

/** The towns the cockpit may count: those asked for, within the caller's own if the membership is limited. */
function reachableTowns(viewer: CockpitViewer, asked: string[] | undefined): string[] | null {
  if (!viewer.townCodes.length) return asked?.length ? asked : null;
  const towns = asked?.length ? asked.filter((t) => viewer.townCodes.includes(t)) : viewer.townCodes;
  if (!towns.length) throw new Problem(403, 'forbidden', 'your membership is limited to other towns');
  return towns;
}

/**
 * The leadership cockpit's figures for a period and an area, every one read from the roll-ups (and, for a
 * period starting or ending inside a month, the rows of those few days). Each figure names the list filter that
 * opens the rows it counts, so a click and the number agree.
 */
export async function cockpit(tx: TenantTx, viewer: CockpitViewer, query: CockpitQuery, today: string) {
  const period = cockpitPeriod(query.since, query.until, today);
  if (!period.ok) throw invalid(period.reason);
  const { since, until } = period;
  const zone = query.zone ? await getZone(tx, query.zone) : null;
  const towns = reachableTowns(viewer, query.town);
  const area: ProjectArea = { zone, towns };
  const companyArea = { zone: zone?.id, town: towns ?? undefined };
  const yearStart = `${until.slice(0, 4)}-01-01`;

  const targets = await listTargets(tx, Number(until.slice(0, 4)));
  const [registered, registeredBefore, signed, byCluster, byPartner, pipeline, clusters, townNames] = [
    await registrationsBetween(tx, since, until, companyArea),
    await registrationsBetween(tx, yearEarlier(since), yearEarlier(until), companyArea),
    await signedCells(tx, area, since, until, 'flags'),
    await signedCells(tx, area, since, until, 'cluster'),
    await signedCells(tx, area, since, until, 'partner'),
    await pipelineCells(tx, area),
    await listClusters(tx),
    await listTowns(tx),
  ];
  // The year so far is counted only when there are targets to hold it against; by cluster only for a cluster's.
  const yearSigned = {
    flags: targets.length ? await signedCells(tx, area, yearStart, until, 'flags') : [],
    cluster: targets.some((t) => t.clusterId) ? await signedCells(tx, area, yearStart, until, 'cluster') : [],
  };
  const yearCompanies = targets.some((t) => t.metric === 'new_companies')
    ? (await registrationsBetween(tx, yearStart, until, companyArea)).reduce((n, r) => n + r.n, 0)
    : 0;

  const areaQuery: Record<string, string> = {
    ...(zone ? { zone: zone.id } : {}),
    ...(towns ? { town: towns.join(',') } : {}),
  };
  const companiesList = (from: string, to: string, extra: Record<string, string> = {}): ListFilter => ({
    path: '/companies',
    query: { ...areaQuery, establishedFrom: from, establishedTo: to, ...extra },
  });
  const signedList = (extra: Record<string, string> = {}, from = since): ListFilter => ({
    path: '/projects',
    query: { ...areaQuery, stage: introducedStages.join(','), signedFrom: from, signedTo: until, ...extra },
  });

  const newCompanies = registered.reduce((n, r) => n + r.n, 0);
  const previousYear = registeredBefore.reduce((n, r) => n + r.n, 0);
  const major = sum(signed, (c) => c.major);
  const foreign = sum(signed, (c) => c.foreignFunded);
  const headquarters = sum(signed, (c) => c.headquarters);
  const all = sum(signed);

  const clusterById = new Map(clusters.map((c) => [c.id, c]));
  const topClusters = ranked(byCluster, (c) => c.clusterId, 5).map(([id, g]) => ({
    clusterId: id,
    nameZh: clusterById.get(id)?.nameZh ?? null,
    nameEn: clusterById.get(id)?.nameEn ?? null,
    projects: g.projects,
    amountYuan: yuan(g.amountYuan),
    majorProjects: g.major,
    list: signedList({ cluster: id }),
  }));
  const leaders = ranked(byPartner, (c) => c.partnerId, 10);
  const partners = await partnerNames(
    tx,
    leaders.map(([id]) => id),
  );
  const partnerLeaderboard = leaders.map(([id, g]) => ({
    partnerId: id,
    nameZh: partners.get(id)?.nameZh ?? null,
    nameEn: partners.get(id)?.nameEn ?? null,
    projects: g.projects,
    amountYuan: yuan(g.amountYuan),
    majorProjects: g.major,
    list: signedList({ credited: id }),
  }));

  const byStage = stages.map((stage) => {
    const cells = pipeline.filter((c) => c.stage === stage);
    return {
      stage,
      projects: cells.reduce((n, c) => n + c.projects, 0),
      amountYuan: yuan(cells.reduce((n, c) => n + c.amountYuan, 0n)),
      list: { path: '/projects', query: { ...areaQuery, stage } } as ListFilter,
    };
  });
  const funnel = pipelineStages.map((stage, rank) => {
    const cells = pipeline.filter((c) => pipelineStages.indexOf(c.reached) >= rank);
    return {
      stage,
      reached: cells.reduce((n, c) => n + c.projects, 0),
      amountYuan: yuan(cells.reduce((n, c) => n + c.amountYuan, 0n)),
      list: { path: '/projects', query: { ...areaQuery, reached: stage } } as ListFilter,
    };
  });

  const townName = new Map(townNames.map((t) => [t.code, t]));
  const series = new Map<string, { month: string; companies: number }[]>();
  for (const r of registered) {
    const points = series.get(r.town) ?? [];
    points.push({ month: r.month, companies: r.n });
    series.set(r.town, points);
  }
  const registrationsByTown = [...series].map(([town, points]) => ({
    town,
    nameZh: townName.get(town)?.nameZh ?? null,
    nameEn: townName.get(town)?.nameEn ?? null,
    companies: points.reduce((n, p) => n + p.companies, 0),
    points,
    list: companiesList(since, until, town ? { town } : {}),
  }));

  return {
    period: { since, until },
    area: {
      zone: zone ? { id: zone.id, nameZh: zone.nameZh, nameEn: zone.nameEn } : null,
      towns,
    },
    newCompanies: {
      companies: newCompanies,
      previousYear,
      change: change(newCompanies, previousYear),
      list: companiesList(since, until),
    },
    majorProjects: {
      projects: major.projects,
      amountYuan: yuan(major.amountYuan),
      list: signedList({ major: 'true' }),
    },
    foreignFunded: {
      projects: foreign.projects,
      amountYuan: yuan(foreign.amountYuan),
      list: signedList({ foreignFunded: 'true' }),
    },
    headquarters: {
      projects: headquarters.projects,
      amountYuan: yuan(headquarters.amountYuan),
      list: signedList({ kind: 'regional_hq' }),
    },
    signed: { projects: all.projects, amountYuan: yuan(all.amountYuan), list: signedList() },
    pipeline: byStage,
    funnel,
    targets: await targetProgress(tx, targets, yearSigned, {
      newCompanies: yearCompanies,
      yearStart,
      until,
      companiesList: companiesList(yearStart, until),
      signedList: (extra) => signedList(extra, yearStart),
    }),
    topClusters,
    partnerLeaderboard,
    registrationsByTown,
  };
}

interface YearContext {
  newCompanies: number;
  yearStart: string;
  until: string;
  companiesList: ListFilter;
  signedList: (extra?: Record<string, string>) => ListFilter;
}

function actualOf(metric: TargetMetric, cells: SignedCell[], newCompanies: number): bigint {
  switch (metric) {
    case 'new_companies':
      return BigInt(newCompanies);
    case 'major_projects':
      return BigInt(sum(cells, (c) => c.major).projects);
    case 'foreign_investment_yuan':
      return sum(cells, (c) => c.foreignFunded).amountYuan;
    case 'signed_amount_yuan':
      return sum(cells).amountYuan;
  }
}

const metricFilter: Record<TargetMetric, Record<string, string>> = {
  new_companies: {},
  major_projects: { major: 'true' },
  foreign_investment_yuan: { foreignFunded: 'true' },
  signed_amount_yuan: {},
};

/** The year's targets beside what the area has done so far this year: district, cluster or park. */
async function targetProgress(
  tx: TenantTx,
  targets: Awaited<ReturnType<typeof listTargets>>,
  yearCells: { flags: SignedCell[]; cluster: SignedCell[] },
  year: YearContext,
) {
  const sites = await signedAtSites(
    tx,
    targets.flatMap((t) => (t.siteId ? [t.siteId] : [])),
    year.yearStart,
    year.until,
  );
  return targets.map((t) => {
    const metric = t.metric as TargetMetric;
    let actual: bigint;
    if (t.siteId) {
      const s = sites.get(t.siteId);
      actual =
        metric === 'major_projects'
          ? BigInt(s?.major ?? 0)
          : metric === 'foreign_investment_yuan'
            ? (s?.foreignAmountYuan ?? 0n)
            : (s?.amountYuan ?? 0n);
    } else {
      const cells = t.clusterId
        ? yearCells.cluster.filter((c) => c.clusterId === t.clusterId)
        : yearCells.flags;
      actual = actualOf(metric, cells, year.newCompanies);
    }
    const scope: Record<string, string> = t.clusterId
      ? { cluster: t.clusterId }
      : t.siteId
        ? { site: t.siteId }
        : {};
    return {
      ...presentTarget(t),
      actual: actual.toString(),
      progress: progress(actual, t.value),
      list:
        metric === 'new_companies'
          ? year.companiesList
          : year.signedList({ ...metricFilter[metric], ...scope }),
    };
  });
}
