/**
 * The cockpit's full set of figures, timed beside an anchor measured in the same run: DuckDB computing the same
 * figures by scanning the same rows (companies and projects exported from the embedded database). The figures of
 * both must be equal, or the run fails.
 *
 *   node --import tsx bench/cockpit.ts [--companies 1000000] [--projects 100000]   # seeds a fresh full-scale demo
 *   node --import tsx bench/cockpit.ts --data-dir DIR   # seeds DIR unless it holds the demo already, and keeps it
 *   node --import tsx bench/cockpit.ts --data-dir DIR --warmup 150   # the cockpit timed once the process is warm
 *
 * `npm run bench` runs it after the registry benchmark.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'drizzle-orm';
import { openReadyDatabase } from '../src/db/bootstrap.ts';
import type { Database } from '../src/db/client.ts';
import { inTenant } from '../src/db/scope.ts';
import { bureauTimeZone, civilDate } from '../src/domain/calendar.ts';
import { yearEarlier } from '../src/domain/cockpit.ts';
import { pipelineStages, stages } from '../src/domain/project-stages.ts';
import { type CockpitQuery, cockpit } from '../src/modules/dashboard/service.ts';
import { fullScaleRegistry } from '../src/modules/demo/full-scale.ts';
import { demoProjects } from '../src/modules/demo/pipeline.ts';
import { seedDemo } from '../src/modules/demo/seed.ts';
import { findTenant } from '../src/modules/tenants/service.ts';
import { listZones } from '../src/modules/territory/service.ts';
import { median, pct } from './stats.ts';

export interface CockpitBenchOptions {
  /** Companies and projects of the generated demo; not used when the data directory holds the demo already. */
  companies: number;
  projects: number;
  /** A data directory that is kept: seeded if it has no demo yet, reused as it is otherwise. */
  dataDir?: string | undefined;
  runs?: number;
  /**
   * Calls before timing. A freshly started process runs PGlite's WebAssembly through V8's baseline compiler until
   * each function is hot enough to be optimised, so its first tens of calls cost up to twice the CPU.
   */
  warmup?: number;
}

type Figures = Awaited<ReturnType<typeof cockpit>>;
type Rows = { rows: Record<string, unknown>[] };

const ms = (n: number) => `${n.toFixed(1)} ms`;

/**
 * Wall time per call, and the process's CPU time per call: on a shared machine the wall time grows with the
 * load average while the CPU time does not (DuckDB's own threads count in it too, so it may exceed the wall).
 */
async function timed<T>(
  runs: number,
  fn: () => Promise<T>,
  warmup = 1,
): Promise<{ times: number[]; cpu: number[]; last: T }> {
  let last = await fn();
  for (let i = 1; i < warmup; i++) last = await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const used = process.cpuUsage();
    const start = performance.now();
    last = await fn();
    times.push(performance.now() - start);
    const { user, system } = process.cpuUsage(used);
    cpu.push((user + system) / 1000);
  }
  return { times, cpu, last };
}

/** The demo at the asked size: the article's 117,200 new-city companies and 718 major projects, the rest scaled. */
function demoScale(companies: number, projects: number) {
  const newCity = fullScaleRegistry.newCitySince2021;
  const rest = Math.max(0, companies - newCity);
  const share =
    fullScaleRegistry.elsewhereSince2021 /
    (fullScaleRegistry.elsewhereSince2021 + fullScaleRegistry.olderStock);
  const elsewhere = Math.round(rest * share);
  return {
    registry: { newCitySince2021: newCity, elsewhereSince2021: elsewhere, olderStock: rest - elsewhere },
    pipeline: {
      majorNewCitySince2021: 718,
      otherProjects: Math.max(0, projects - 718 - demoProjects.length),
    },
  };
}

/** The figures both sides must agree on, in one plain shape. */
interface Comparable {
  newCompanies: number;
  previousYear: number;
  counts: Record<string, [number, string]>;
  pipeline: Record<string, [number, string]>;
  funnel: Record<string, [number, string]>;
  clusters: [string, number, string][];
  partners: [string, number, string][];
  towns: Record<string, number>;
}

function fromCockpit(f: Figures): Comparable {
  return {
    newCompanies: f.newCompanies.companies,
    previousYear: f.newCompanies.previousYear,
    counts: {
      major: [f.majorProjects.projects, f.majorProjects.amountYuan],
      foreign: [f.foreignFunded.projects, f.foreignFunded.amountYuan],
      headquarters: [f.headquarters.projects, f.headquarters.amountYuan],
      signed: [f.signed.projects, f.signed.amountYuan],
    },
    pipeline: Object.fromEntries(f.pipeline.map((s) => [s.stage, [s.projects, s.amountYuan]])),
    funnel: Object.fromEntries(f.funnel.map((s) => [s.stage, [s.reached, s.amountYuan]])),
    clusters: f.topClusters.map((c) => [c.clusterId, c.projects, c.amountYuan]),
    partners: f.partnerLeaderboard.map((p) => [p.partnerId, p.projects, p.amountYuan]),
    towns: Object.fromEntries(f.registrationsByTown.map((t) => [t.town, t.companies])),
  };
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The anchor: the same rows in DuckDB, every figure computed by scanning them, with the cockpit's rules (a project
 * is introduced when first signed in the period on the bureau's clock and not lost since; a zone is its id or its
 * towns; major is the tenant's threshold).
 */
async function duckFigures(
  run: (q: string) => Promise<Record<string, unknown>[]>,
  area: { zoneId: string; towns: string[] } | null,
  since: string,
  until: string,
): Promise<Comparable> {
  const towns = area ? `(${area.towns.map(sqlText).join(',')})` : '';
  const inCompanies = area ? `town in ${towns}` : 'true';
  const inProjects = (p = '') =>
    area ? `(${p}zone = ${sqlText(area.zoneId)} or ${p}town in ${towns})` : 'true';
  const days = (a: string, b: string) => `between date ${sqlText(a)} and date ${sqlText(b)}`;
  const signed = `from projects where signed_day ${days(since, until)} and stage <> 'lost' and ${inProjects()}`;
  // Introducer credit (domain/introducer-credit.ts): the partner of the first registration dated before the signing
  // day (by date, then the order recorded), else the referring partner.
  const firstIntroducer = `select project, partner from (
      select r.project, r.partner,
        row_number() over (partition by r.project order by r.registered_on, r.recorded_ms, r.id) as k
      from registrations r join projects q on q.id = r.project
      where q.signed_day is null or r.registered_on < q.signed_day) where k = 1`;
  // One after another on the one connection; DuckDB spreads each scan over the cores itself.
  const results: Record<string, unknown>[][] = [];
  for (const q of [
    `select town, count(*)::int as n from companies where established ${days(since, until)} and ${inCompanies}
         group by town`,
    `select count(*)::int as n from companies
         where established ${days(yearEarlier(since), yearEarlier(until))} and ${inCompanies}`,
    `select
           count(*) filter (where major)::int as major_n, coalesce(sum(amount) filter (where major), 0)::varchar as major_a,
           count(*) filter (where foreign_funded)::int as foreign_n,
           coalesce(sum(amount) filter (where foreign_funded), 0)::varchar as foreign_a,
           count(*) filter (where hq)::int as hq_n, coalesce(sum(amount) filter (where hq), 0)::varchar as hq_a,
           count(*)::int as all_n, coalesce(sum(amount), 0)::varchar as all_a ${signed}`,
    `select cluster as id, count(*)::int as n, sum(amount) as a, sum(amount)::varchar as amount ${signed}
         and cluster <> '' group by cluster order by a desc, n desc, id limit 5`,
    `select coalesce(c.partner, p.partner) as id, count(*)::int as n, sum(p.amount) as a,
           sum(p.amount)::varchar as amount
         from projects p left join (${firstIntroducer}) c on c.project = p.id
         where p.signed_day ${days(since, until)} and p.stage <> 'lost' and ${inProjects('p.')}
           and coalesce(c.partner, p.partner) <> ''
         group by 1 order by a desc, n desc, id limit 10`,
    `select stage, count(*)::int as n, sum(amount)::varchar as amount from projects where ${inProjects()}
         group by stage`,
    `select r.stage, count(p.reached_rank)::int as n, coalesce(sum(p.amount), 0)::varchar as amount
         from ranks r left join projects p on p.reached_rank >= r.rank and ${inProjects('p.')}
         group by r.stage`,
  ])
    results.push(await run(q));
  const [byTown = [], before = [], totals = [], clusters = [], partners = [], pipeline = [], funnel = []] =
    results;
  const t = totals[0] as Record<string, string | number>;
  const pair = (r: Record<string, unknown>): [number, string] => [r.n as number, r.amount as string];
  const stageRows = new Map(pipeline.map((r) => [r.stage as string, pair(r)]));
  const funnelRows = new Map(funnel.map((r) => [r.stage as string, pair(r)]));
  return {
    newCompanies: byTown.reduce((n, r) => n + (r.n as number), 0),
    previousYear: before[0]?.n as number,
    counts: {
      major: [t.major_n as number, t.major_a as string],
      foreign: [t.foreign_n as number, t.foreign_a as string],
      headquarters: [t.hq_n as number, t.hq_a as string],
      signed: [t.all_n as number, t.all_a as string],
    },
    pipeline: Object.fromEntries(stages.map((s) => [s, stageRows.get(s) ?? ([0, '0'] as [number, string])])),
    funnel: Object.fromEntries(
      pipelineStages.map((s) => [s, funnelRows.get(s) ?? ([0, '0'] as [number, string])]),
    ),
    clusters: clusters.map((r) => [r.id as string, r.n as number, r.amount as string]),
    partners: partners.map((r) => [r.id as string, r.n as number, r.amount as string]),
    towns: Object.fromEntries(byTown.map((r) => [r.town as string, r.n as number])),
  };
}

/** Canonical JSON (sorted keys), so equal figures compare equal whatever order each side produced them in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * Writes the rows the cockpit counts into DuckDB: companies by town and day, projects as the cockpit sees them
 * (with their referring partner), and the introducer registrations that move credit away from it.
 */
async function exportToDuckDb(database: Database, tenantId: string, dir: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const nullable = (v: unknown) => (v === null || v === undefined ? '\\N' : String(v));
  const companies = (await database.db.execute(sql`
    select coalesce(town_code, '') as town, established_on::text as established from companies
    where tenant_id = ${tenantId}`)) as unknown as Rows;
  const companiesCsv = path.join(dir, 'companies.csv');
  fs.writeFileSync(
    companiesCsv,
    `town,established\n${companies.rows.map((r) => `${r.town},${nullable(r.established)}`).join('\n')}\n`,
  );
  // The signing day on the bureau's clock, as the cockpit's day bounds (+08:00) make it; major against the
  // tenant's threshold, as the roll-up judges it.
  const projects = (await database.db.execute(sql`
    select p.id::text as id, coalesce(p.town_code, '') as town, coalesce(p.zone_id::text, '') as zone,
      coalesce(p.cluster_id::text, '') as cluster, coalesce(p.partner_id::text, '') as partner,
      p.foreign_funded, coalesce(p.kind = 'regional_hq', false) as hq,
      coalesce(p.amount_yuan >= coalesce(s.major_threshold_yuan, 100000000), false) as major,
      coalesce(p.amount_yuan, 0)::text as amount, p.stage, lodestone_stage_rank(p.reached_stage) as reached_rank,
      (p.signed_at at time zone 'Asia/Shanghai')::date::text as signed_day
    from projects p left join pipeline_settings s on s.tenant_id = p.tenant_id
    where p.tenant_id = ${tenantId}`)) as unknown as Rows;
  const projectsCsv = path.join(dir, 'projects.csv');
  const columns = [
    'id',
    'town',
    'zone',
    'cluster',
    'partner',
    'foreign_funded',
    'hq',
    'major',
    'amount',
    'stage',
    'reached_rank',
    'signed_day',
  ];
  fs.writeFileSync(
    projectsCsv,
    `${columns.join(',')}\n${projects.rows.map((r) => columns.map((c) => nullable(r[c])).join(',')).join('\n')}\n`,
  );
  const registrations = (await database.db.execute(sql`
    select r.id::text as id, r.project_id::text as project, r.partner_id::text as partner,
      r.registered_on::text as registered_on, (extract(epoch from r.created_at) * 1000)::bigint::text as recorded_ms
    from introducer_registrations r where r.tenant_id = ${tenantId} and r.project_id is not null`)) as unknown as Rows;
  const registrationsCsv = path.join(dir, 'registrations.csv');
  const registrationColumns = ['id', 'project', 'partner', 'registered_on', 'recorded_ms'];
  fs.writeFileSync(
    registrationsCsv,
    `${registrationColumns.join(',')}\n${registrations.rows.map((r) => registrationColumns.map((c) => nullable(r[c])).join(',')).join('\n')}\n`,
  );
  const csv = (file: string, types: Record<string, string>) =>
    `read_csv(${sqlText(file)}, header = true, nullstr = '\\N', columns = {${Object.entries(types)
      .map(([k, v]) => `${sqlText(k)}: ${sqlText(v)}`)
      .join(', ')}})`;
  await connection.run(
    `create table companies as select * from ${csv(companiesCsv, { town: 'VARCHAR', established: 'DATE' })}`,
  );
  await connection.run(
    `create table projects as select * from ${csv(projectsCsv, {
      id: 'VARCHAR',
      town: 'VARCHAR',
      zone: 'VARCHAR',
      cluster: 'VARCHAR',
      partner: 'VARCHAR',
      foreign_funded: 'BOOLEAN',
      hq: 'BOOLEAN',
      major: 'BOOLEAN',
      amount: 'BIGINT',
      stage: 'VARCHAR',
      reached_rank: 'INTEGER',
      signed_day: 'DATE',
    })}`,
  );
  await connection.run(
    `create table registrations as select * from ${csv(registrationsCsv, {
      id: 'VARCHAR',
      project: 'VARCHAR',
      partner: 'VARCHAR',
      registered_on: 'DATE',
      recorded_ms: 'BIGINT',
    })}`,
  );
  await connection.run(
    `create table ranks as select * from (values ${pipelineStages
      .map((s, i) => `(${sqlText(s)}, ${i + 1})`)
      .join(', ')}) t(stage, rank)`,
  );
  return {
    rows: {
      companies: companies.rows.length,
      projects: projects.rows.length,
      registrations: registrations.rows.length,
    },
    run: async (q: string) =>
      (await connection.runAndReadAll(q)).getRowObjectsJson() as Record<string, unknown>[],
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export async function benchCockpit(options: CockpitBenchOptions): Promise<void> {
  const runs = options.runs ?? 20;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-cockpit-bench-'));
  let database: Database | undefined;
  try {
    database = await openReadyDatabase({ dataDir: options.dataDir ?? path.join(work, 'pglite') });
    if (!(await findTenant(database.db, 'jiading'))) {
      const scale = demoScale(options.companies, options.projects);
      console.log(
        `seeding the full-scale demo: ${options.companies.toLocaleString('en')} companies, ${options.projects.toLocaleString('en')} projects`,
      );
      const start = performance.now();
      await seedDemo(database, { scale: 'full', ...scale });
      console.log(`seeded in ${((performance.now() - start) / 1000).toFixed(0)} s`);
    }
    const db = database;
    const tenant = await findTenant(db.db, 'jiading');
    if (!tenant) throw new Error('no demo tenant: seed the demo first (lodestone seed demo --scale full)');
    const today = civilDate(new Date(), bureauTimeZone);
    const zone = (await inTenant(db.db, tenant.id, listZones)).find((z) => z.nameEn === 'Jiading New City');
    if (!zone) throw new Error('the demo has no Jiading New City zone');
    const counts = (await db.db.execute(sql`
      select (select count(*) from companies)::int as companies, (select count(*) from projects)::int as projects,
        (select count(*) from rollup_project_signings)::int as signings,
        (select count(*) from rollup_project_cluster_signings)::int as clusters,
        (select count(*) from rollup_project_partner_signings)::int as partners,
        (select count(*) from rollup_project_stages)::int as stages`)) as unknown as Rows;
    const n = (key: string) => Number(counts.rows[0]?.[key]).toLocaleString('en');
    console.log(
      `${n('companies')} companies, ${n('projects')} projects; roll-up rows: ${n('signings')} signings, ` +
        `${n('clusters')} by cluster, ${n('partners')} by partner, ${n('stages')} stages`,
    );

    const exportStart = performance.now();
    const duck = await exportToDuckDb(db, tenant.id, work);
    console.log(
      `exported ${duck.rows.companies.toLocaleString('en')} companies, ${duck.rows.projects.toLocaleString('en')} projects and ${duck.rows.registrations.toLocaleString('en')} introducer registrations to DuckDB in ${((performance.now() - exportStart) / 1000).toFixed(1)} s`,
    );

    const cases: [string, CockpitQuery, boolean][] = [
      ['district, year so far', {}, false],
      ['new city since 2021-01-01', { zone: zone.id, since: '2021-01-01' }, true],
      [
        'new city, 2023-03-15 to 2025-08-20',
        { zone: zone.id, since: '2023-03-15', until: '2025-08-20' },
        true,
      ],
    ];
    console.log(
      `cockpit (PGlite, ${runs} runs after ${options.warmup ?? 1} warm-up calls) beside DuckDB scanning the same rows; load average ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}:`,
    );
    for (const [name, query, inZone] of cases) {
      const ours = await timed(
        runs,
        () => inTenant(db.db, tenant.id, (tx) => cockpit(tx, { townCodes: [] }, query, today)),
        options.warmup,
      );
      const { since, until } = ours.last.period;
      const area = inZone ? { zoneId: zone.id, towns: zone.townCodes } : null;
      const anchor = await timed(runs, () => duckFigures(duck.run, area, since, until));
      const a = canonical(fromCockpit(ours.last));
      const b = canonical(anchor.last);
      if (a !== b) throw new Error(`${name}: the cockpit and DuckDB disagree\ncockpit ${a}\nduckdb  ${b}`);
      console.log(
        `  ${name.padEnd(36)} cockpit p50 ${ms(median(ours.times))} p95 ${ms(pct(ours.times, 0.95))} ` +
          `(CPU p50 ${ms(median(ours.cpu))})   DuckDB p50 ${ms(median(anchor.times))} p95 ${ms(pct(anchor.times, 0.95))} ` +
          `(CPU p50 ${ms(median(anchor.cpu))})   figures equal ` +
          `(${ours.last.newCompanies.companies.toLocaleString('en')} new companies, ${ours.last.majorProjects.projects} major projects); ` +
          `load average ${os.loadavg()[0]?.toFixed(2)}`,
      );
    }
    duck.close();
  } finally {
    await database?.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      companies: { type: 'string', default: '1000000' },
      projects: { type: 'string', default: '100000' },
      'data-dir': { type: 'string' },
      runs: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '1' },
    },
  });
  await benchCockpit({
    companies: Number(values.companies),
    projects: Number(values.projects),
    dataDir: values['data-dir'],
    runs: Number(values.runs),
    warmup: Number(values.warmup),
  });
}
