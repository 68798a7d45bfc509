import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, restore } from '../../db/backup.ts';
import type { Database } from '../../db/client.ts';
import { inTenant, type TenantTx } from '../../db/scope.ts';
import { introducerRoles } from '../../domain/agreements.ts';
import { addDays, bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import { targetMetrics, yearEarlier } from '../../domain/cockpit.ts';
import { Problem } from '../../domain/problem.ts';
import {
  allowedMoves,
  holdReasons,
  lossReasons,
  type PipelineStage,
  pipelineStages,
  type Stage,
} from '../../domain/project-stages.ts';
import { prng } from '../../domain/random.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { creditedPartnerSql } from '../agreements/credit.ts';
import { deleteRegistration, linkRegistration, registerIntroducer } from '../agreements/introducers.ts';
import { type AgreementRow, createAgreement, moveAgreement } from '../agreements/service.ts';
import { importCompanies } from '../companies/import/pipeline.ts';
import { companiesCsv } from '../demo/company-generator.ts';
import { newCity } from '../demo/jiading.ts';
import { seedDemo } from '../demo/seed.ts';
import { createProject, deleteProject, getProject, updateProject } from '../projects/service.ts';
import { setMajorThreshold } from '../projects/settings.ts';
import { moveStage } from '../projects/stages.ts';
import { findTenant } from '../tenants/service.ts';
import { listClusters, listZones } from '../territory/service.ts';
import { type CockpitQuery, cockpit } from './service.ts';
import { createTarget } from './targets.ts';

type Rows<T> = { rows: T[] };
const dayMs = 86_400_000;

/**
 * Every cockpit figure counted again straight from the rows, with none of the roll-ups: companies by their
 * establishment day, projects by their signing instant and, for the funnel, by the stage history.
 */
async function recount(
  tx: TenantTx,
  query: { zone: { id: string; townCodes: string[] } | null; towns: string[] | null },
  since: string,
  until: string,
) {
  const q = async <T>(statement: ReturnType<typeof sql>) =>
    ((await tx.execute(statement)) as unknown as Rows<T>).rows;
  const townList = (codes: string[]) => sql`${`{${codes.join(',')}}`}::text[]`;
  const companyTowns = [query.zone?.townCodes, query.towns].filter((t): t is string[] => !!t);
  const companyArea = companyTowns.length
    ? sql.join(
        companyTowns.map((t) => sql`town_code = any(${townList(t)})`),
        sql` and `,
      )
    : sql`true`;
  const companiesBetween = async (from: string, to: string) =>
    (
      await q<{ n: number }>(
        sql`select count(*)::int as n from companies where established_on between ${from}::date and ${to}::date and ${companyArea}`,
      )
    )[0]?.n;
  const projectArea = sql.join(
    [
      sql`true`,
      ...(query.zone
        ? [sql`(zone_id = ${query.zone.id} or town_code = any(${townList(query.zone.townCodes)}))`]
        : []),
      ...(query.towns ? [sql`town_code = any(${townList(query.towns)})`] : []),
    ],
    sql` and `,
  );
  const threshold = (
    await q<{ t: string }>(
      sql`select coalesce((select major_threshold_yuan from pipeline_settings), 100000000)::text as t`,
    )
  )[0]?.t;
  const signed = sql`signed_at >= ${`${since}T00:00:00+08:00`}::timestamptz and signed_at < (${until}::date + 1)::timestamp at time zone 'Asia/Shanghai' and stage <> 'lost' and ${projectArea}`;
  const [figures] = await q<Record<string, string | number>>(sql`
    select count(*) filter (where amount_yuan >= ${threshold}::bigint)::int as major,
      coalesce(sum(amount_yuan) filter (where amount_yuan >= ${threshold}::bigint), 0)::text as major_amount,
      count(*) filter (where foreign_funded)::int as foreign, coalesce(sum(amount_yuan) filter (where foreign_funded), 0)::text as foreign_amount,
      count(*) filter (where kind = 'regional_hq')::int as hq, count(*)::int as signed, coalesce(sum(amount_yuan), 0)::text as signed_amount
    from projects where ${signed}`);
  const byStage = await q<{ stage: string; n: number; amount: string }>(
    sql`select stage, count(*)::int as n, coalesce(sum(amount_yuan), 0)::text as amount from projects where ${projectArea} group by 1`,
  );
  const furthest = await q<{ rank: number; n: number; amount: string }>(sql`
    select r as rank, count(*)::int as n, coalesce(sum(amount_yuan), 0)::text as amount from (
      select p.amount_yuan, (select max(array_position(${`{${pipelineStages.join(',')}}`}::text[], m.to_stage)) from project_stage_moves m where m.project_id = p.id) as r
      from projects p where ${projectArea}) x group by 1`);
  const clusters = await q<{ id: string; n: number; amount: string }>(
    sql`select cluster_id::text as id, count(*)::int as n, coalesce(sum(amount_yuan), 0)::text as amount from projects where ${signed} and cluster_id is not null group by 1`,
  );
  // The leaderboard credits as the scorecards do: the rule's SQL twin, from the registrations themselves.
  const partners = await q<{ id: string; n: number; amount: string }>(
    sql`select (${creditedPartnerSql})::text as id, count(*)::int as n, coalesce(sum(amount_yuan), 0)::text as amount from projects where ${signed} and ${creditedPartnerSql} is not null group by 1`,
  );
  const months = await q<{ town: string; month: string; n: number }>(sql`
    select coalesce(town_code, '') as town, to_char(established_on, 'YYYY-MM') as month, count(*)::int as n from companies
    where established_on between ${since}::date and ${until}::date and ${companyArea} group by 1, 2 order by 2, 1`);
  return {
    newCompanies: await companiesBetween(since, until),
    previousYear: await companiesBetween(yearEarlier(since), yearEarlier(until)),
    figures,
    stage: new Map(byStage.map((s) => [s.stage, s])),
    reached: pipelineStages.map((_, k) => ({
      n: furthest.filter((f) => f.rank >= k + 1).reduce((a, f) => a + f.n, 0),
      amount: furthest
        .filter((f) => f.rank >= k + 1)
        .reduce((a, f) => a + BigInt(f.amount), 0n)
        .toString(),
    })),
    clusters: new Map(clusters.map((c) => [c.id, c])),
    partners: new Map(partners.map((c) => [c.id, c])),
    months,
  };
}

async function expectExact(tx: TenantTx, viewerTowns: string[], query: CockpitQuery, today: string) {
  const got = await cockpit(tx, { townCodes: viewerTowns }, query, today);
  const zone = got.area.zone ? ((await listZones(tx)).find((z) => z.id === got.area.zone?.id) ?? null) : null;
  const want = await recount(tx, { zone, towns: got.area.towns }, got.period.since, got.period.until);
  expect(got.newCompanies.companies).toBe(want.newCompanies);
  expect(got.newCompanies.previousYear).toBe(want.previousYear);
  expect({
    major: got.majorProjects.projects,
    major_amount: got.majorProjects.amountYuan,
    foreign: got.foreignFunded.projects,
    foreign_amount: got.foreignFunded.amountYuan,
    hq: got.headquarters.projects,
    signed: got.signed.projects,
    signed_amount: got.signed.amountYuan,
  }).toEqual(want.figures);
  for (const s of got.pipeline) {
    expect([s.stage, s.projects, s.amountYuan]).toEqual([
      s.stage,
      want.stage.get(s.stage)?.n ?? 0,
      want.stage.get(s.stage)?.amount ?? '0',
    ]);
  }
  expect(got.funnel.map((f) => ({ n: f.reached, amount: f.amountYuan }))).toEqual(want.reached);
  for (const c of got.topClusters)
    expect([c.projects, c.amountYuan]).toEqual([
      want.clusters.get(c.clusterId)?.n,
      want.clusters.get(c.clusterId)?.amount,
    ]);
  expect(got.topClusters.length).toBe(Math.min(5, want.clusters.size));
  for (const p of got.partnerLeaderboard)
    expect([p.projects, p.amountYuan]).toEqual([
      want.partners.get(p.partnerId)?.n,
      want.partners.get(p.partnerId)?.amount,
    ]);
  expect(got.partnerLeaderboard.length).toBe(Math.min(10, want.partners.size));
  const gotMonths = got.registrationsByTown.flatMap((t) =>
    t.points.map((p) => ({ town: t.town, month: p.month, n: p.companies })),
  );
  const key = (m: { town: string; month: string }) => `${m.month} ${m.town}`;
  if (got.targets.length) {
    const year = await recount(
      tx,
      { zone, towns: got.area.towns },
      `${got.period.until.slice(0, 4)}-01-01`,
      got.period.until,
    );
    for (const t of got.targets) {
      if (t.siteId) continue;
      const cluster = t.clusterId ? year.clusters.get(t.clusterId) : null;
      const want = {
        new_companies: String(year.newCompanies),
        major_projects: String(year.figures?.major),
        foreign_investment_yuan: String(year.figures?.foreign_amount),
        signed_amount_yuan: String(t.clusterId ? (cluster?.amount ?? 0) : year.figures?.signed_amount),
      }[t.metric];
      expect([t.metric, t.clusterId, t.actual]).toEqual([t.metric, t.clusterId, want]);
    }
  }
  expect(gotMonths.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
    want.months.sort((a, b) => key(a).localeCompare(key(b))),
  );
  return got;
}

describe.each(testEngines())('cockpit figures on %s', (engine) => {
  let database: Database;
  let tenantId: string;
  const actor = () => ({ tenantId, userId: null, email: 'cockpit@test' });
  const today = civilDate(new Date(), bureauTimeZone);

  beforeAll(async () => {
    database = await freshDatabase(engine);
    await seedDemo(database);
    tenantId = (await findTenant(database.db, 'jiading'))?.id as string;
  });
  afterAll(() => database?.close());

  const checks = async () =>
    inTenant(database.db, tenantId, async (tx) => {
      const [zone] = (await listZones(tx)).filter((z) => z.nameEn === newCity.nameEn);
      await expectExact(tx, [], { since: '2021-01-01' }, today);
      await expectExact(tx, [], { zone: zone?.id, since: '2021-01-01' }, today);
      // Periods that start and end inside months, so both the roll-ups and the rows of the edge days count.
      await expectExact(tx, [], { zone: zone?.id, since: '2023-03-15', until: '2025-08-20' }, today);
      await expectExact(tx, [], { since: '2025-02-10', until: '2025-02-20' }, today);
      await expectExact(tx, ['310114103', '310114501'], { since: '2022-06-30' }, today);
      await expectExact(tx, [], { town: ['310114106'], since: '2020-01-01' }, today);
      // Each project roll-up cell by cell, beside the same cells grouped from the rows (zero cells may linger).
      const cells = async (statement: ReturnType<typeof sql>) =>
        ((await tx.execute(statement)) as unknown as Rows<Record<string, unknown>>).rows;
      const live = sql`(projects <> 0 or amount_yuan <> 0)`;
      const signedRows = sql`(select projects.*, (${creditedPartnerSql})::text as credited,
          date_trunc('month', projects.signed_at at time zone 'Asia/Shanghai')::date as m,
          coalesce(projects.amount_yuan >= coalesce(s.major_threshold_yuan, 100000000), false) as big
        from projects left join pipeline_settings s on s.tenant_id = projects.tenant_id
        where projects.signed_at is not null and projects.stage <> 'lost') q`;
      const pairs: [ReturnType<typeof sql>, ReturnType<typeof sql>][] = [
        [
          sql`select town_code, zone_id, stage, reached_stage, projects, amount_yuan::text as amount
            from rollup_project_stages where ${live} order by 1, 2, 3, 4`,
          sql`select coalesce(town_code, '') as town_code, coalesce(zone_id::text, '') as zone_id, stage,
              reached_stage, count(*)::int as projects, sum(coalesce(amount_yuan, 0))::text as amount
            from projects group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
        ],
        [
          sql`select signed_month::text as m, town_code, zone_id, foreign_funded, headquarters, major, projects,
              amount_yuan::text as amount from rollup_project_signings where ${live} order by 1, 2, 3, 4, 5, 6`,
          sql`select m::text as m, coalesce(town_code, '') as town_code, coalesce(zone_id::text, '') as zone_id,
              foreign_funded, coalesce(kind = 'regional_hq', false) as headquarters, big as major,
              count(*)::int as projects, sum(coalesce(amount_yuan, 0))::text as amount
            from ${signedRows} group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`,
        ],
        [
          sql`select signed_month::text as m, town_code, zone_id, cluster_id, foreign_funded, major, projects,
              amount_yuan::text as amount from rollup_project_cluster_signings where ${live} order by 1, 2, 3, 4, 5, 6`,
          sql`select m::text as m, coalesce(town_code, '') as town_code, coalesce(zone_id::text, '') as zone_id,
              cluster_id::text as cluster_id, foreign_funded, big as major, count(*)::int as projects,
              sum(coalesce(amount_yuan, 0))::text as amount
            from ${signedRows} where cluster_id is not null group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`,
        ],
        [
          sql`select signed_month::text as m, town_code, zone_id, partner_id, major, projects,
              amount_yuan::text as amount from rollup_project_partner_signings where ${live} order by 1, 2, 3, 4, 5`,
          sql`select m::text as m, coalesce(town_code, '') as town_code, coalesce(zone_id::text, '') as zone_id,
              credited as partner_id, big as major, count(*)::int as projects,
              sum(coalesce(amount_yuan, 0))::text as amount
            from ${signedRows} where credited is not null group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
        ],
      ];
      for (const [rollup, rows] of pairs) expect(await cells(rollup)).toEqual(await cells(rows));
      // The credit each project carries for the roll-up's triggers is the rule's, signed or not.
      expect(
        await cells(
          sql`select id from projects where credited_partner_id is distinct from ${creditedPartnerSql}`,
        ),
      ).toEqual([]);
    });

  it('equals a recount of the demo rows', checks);

  it('stays equal to a recount after random project writes, stage moves, deletions, introducer registrations, imports and a new threshold', async () => {
    const rand = prng(4242);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    const towns = ['310114001', '310114004', '310114103', '310114106', '310114501', '310114118', null];
    await inTenant(database.db, tenantId, async (tx) => {
      const [zone] = (await listZones(tx)).filter((z) => z.nameEn === newCity.nameEn);
      const clusters = (await listClusters(tx)).map((c) => c.id);
      const partners = (
        (await tx.execute(sql`select id from partners`)) as unknown as Rows<{ id: string }>
      ).rows.map((r) => r.id);
      const viewer = { userId: 'x', role: 'admin' as const, townCodes: [], partnerId: null };
      // Commissioned-promotion agreements signed before any random project, so introducers registered under
      // them take the credit from the referring partners (or give it to projects with none).
      const commissioned: AgreementRow[] = [];
      for (const partnerId of partners.slice(0, 4)) {
        const at = new Date(Date.now() - 2200 * dayMs);
        const signedOn = civilDate(at, bureauTimeZone);
        const draft = await createAgreement(
          tx,
          actor(),
          viewer,
          {
            kind: 'commissioned_promotion',
            titleZh: `随机委托招商协议${commissioned.length}`,
            signedOn,
            termStart: signedOn,
            termEnd: addDays(today, 365),
            parties: [{ kind: 'tenant' }, { kind: 'partner', partnerId }],
          },
          { at },
        );
        commissioned.push(await moveAgreement(tx, actor(), draft, 'signed', { at }));
      }
      // A registration the rules refuse (the partner twice, a settled credit) is simply not made.
      const register = async (input: { projectId?: string; prospectName?: string }, at: Date) => {
        try {
          return await registerIntroducer(
            tx,
            actor(),
            viewer,
            pick(commissioned),
            { ...input, role: pick(introducerRoles), registeredOn: civilDate(at, bureauTimeZone) },
            { at },
          );
        } catch (err) {
          if (err instanceof Problem && err.status === 409) return null;
          throw err;
        }
      };
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        const town = pick(towns);
        const source = pick(['direct', 'event', 'partner_referral'] as const);
        let at = Date.now() - Math.floor(200 + rand() * 1800) * dayMs;
        const row = await createProject(
          tx,
          actor(),
          {
            title: `随机项目${i}`,
            townCode: town,
            zoneId: town && zone?.townCodes.includes(town) && rand() < 0.5 ? zone.id : null,
            clusterId: rand() < 0.8 ? pick(clusters) : null,
            amount: rand() < 0.1 ? null : String(Math.floor(rand() * 3e8)),
            kind: pick(['regional_hq', 'expansion', 'rnd_center', 'fund']),
            foreignFunded: rand() < 0.3,
            source,
            partnerId: source === 'partner_referral' ? pick(partners) : null,
          },
          { at: new Date(at) },
        );
        ids.push(row.id);
        // Introducers registered while it is a lead, some dated after the signing to come (they earn nothing).
        for (let k = rand() < 0.6 ? Math.floor(1 + rand() * 2) : 0; k > 0; k--)
          await register(
            { projectId: row.id },
            new Date(Math.min(at + Math.floor(rand() * 300 - 40) * dayMs, Date.now())),
          );
        let current = row;
        for (let step = 0; step < 7; step++) {
          const options = allowedMoves(
            current.stage as Stage,
            current.heldFrom as PipelineStage | null,
          ).filter((s) => s !== 'registered');
          if (!options.length || rand() < 0.15) break;
          const to = pick(options);
          at += Math.floor(rand() * 120) * dayMs;
          current = await moveStage(
            tx,
            actor(),
            current,
            { to, reason: to === 'lost' ? pick(lossReasons) : to === 'on_hold' ? pick(holdReasons) : null },
            { at: new Date(Math.min(at, Date.now())) },
          );
        }
      }
      // Deals taken straight to signing after introducers were registered, some before the signing day (they
      // take the credit), some after (they earn nothing); a few lost since.
      for (let i = 0; i < 14; i++) {
        const start = Date.now() - Math.floor(300 + rand() * 1500) * dayMs;
        const referred = rand() < 0.6;
        let current = await createProject(
          tx,
          actor(),
          {
            title: `随机签约项目${i}`,
            townCode: pick(towns),
            clusterId: pick(clusters),
            amount: String(Math.floor(rand() * 3e8)),
            source: referred ? 'partner_referral' : 'direct',
            partnerId: referred ? pick(partners) : null,
          },
          { at: new Date(start) },
        );
        ids.push(current.id);
        for (let k = Math.floor(1 + rand() * 2); k > 0; k--)
          await register({ projectId: current.id }, new Date(start + Math.floor(rand() * 160) * dayMs));
        for (const [to, days] of [
          ['contacted', 10],
          ['negotiating', 40],
          ['signed', 100],
          ...(rand() < 0.2 ? [['lost', 130] as const] : []),
        ] as const)
          current = await moveStage(
            tx,
            actor(),
            current,
            { to, reason: to === 'lost' ? pick(lossReasons) : null },
            { at: new Date(start + days * dayMs) },
          );
      }
      const registrations = async (projectId: string) =>
        (
          (await tx.execute(
            sql`select id, agreement_id from introducer_registrations where project_id = ${projectId}`,
          )) as unknown as Rows<{ id: string; agreement_id: string }>
        ).rows;
      for (const id of ids.slice(15)) {
        const choice = rand();
        const row = await getProject(tx, viewer, id);
        if (choice < 0.35 && row.signedAt)
          // Recorded before the signing, dated days before it: the credit of a signed project moves.
          await register(
            { projectId: id },
            new Date(row.signedAt.getTime() - Math.floor(1 + rand() * 30) * dayMs),
          );
        else if (choice < 0.6) {
          const [first] = await registrations(id);
          if (first)
            await deleteRegistration(tx, actor(), viewer, first.agreement_id, first.id).catch((err) => {
              if (!(err instanceof Problem && err.status === 409)) throw err;
            });
        } else if (choice < 0.8 && !row.signedAt)
          await updateProject(tx, actor(), row, { source: 'partner_referral', partnerId: pick(partners) });
        else {
          // A prospect registered first, linked to the project it became.
          const prospect = await register({ prospectName: `随机意向投资方${id}` }, new Date(row.createdAt));
          if (prospect)
            await linkRegistration(tx, actor(), viewer, prospect.agreementId, prospect.id, id).catch(
              (err) => {
                if (!(err instanceof Problem && err.status === 409)) throw err;
              },
            );
        }
      }
      // Writes past the service's rules, which the triggers must follow all the same: re-dated registrations, and
      // an agreement removed with its registrations.
      await tx.execute(sql`update introducer_registrations set registered_on = registered_on - 400
        where id in (select id from introducer_registrations where project_id is not null order by id limit 5)`);
      await tx.execute(sql`delete from agreements where id = ${commissioned[0]?.id}`);
      for (const id of ids.slice(0, 15)) {
        const choice = rand();
        const row = await getProject(tx, viewer, id);
        if (choice < 0.25) await deleteProject(tx, actor(), id);
        else if (choice < 0.6)
          await updateProject(tx, actor(), row, { amount: String(Math.floor(rand() * 4e8)) });
        else
          await updateProject(tx, actor(), row, {
            townCode: pick(towns),
            zoneId: null,
            foreignFunded: rand() < 0.5,
            kind: 'regional_hq',
          });
      }
      // The registrations did move credit on signed projects, away from (or to) a referring partner.
      const [moved] = (
        (await tx.execute(sql`select count(*)::int as n from projects where signed_at is not null
          and stage <> 'lost' and ${creditedPartnerSql} is distinct from partner_id
          and id = any(${`{${ids.join(',')}}`}::uuid[])`)) as unknown as Rows<{ n: number }>
      ).rows;
      expect(moved?.n).toBeGreaterThan(3);
      // Deleting a project an introducer took the credit of takes its registrations with it (the cascade runs
      // before the projects' statement trigger): the leaderboard loses it from the introducer, not the referrer.
      const introduced = (
        (await tx.execute(sql`select id from projects where signed_at is not null and stage <> 'lost'
          and credited_partner_id is distinct from partner_id and id = any(${`{${ids.join(',')}}`}::uuid[])
          order by id limit 2`)) as unknown as Rows<{ id: string }>
      ).rows;
      expect(introduced).toHaveLength(2);
      for (const { id } of introduced) await deleteProject(tx, actor(), id);
    });
    await checks();
    await importCompanies(
      database,
      { buffer: Buffer.from(companiesCsv(1500, 77)) },
      { fileName: 'c.csv', actor: actor() },
    );
    await importCompanies(
      database,
      { buffer: Buffer.from(companiesCsv(1500, 78)) },
      { fileName: 'd.csv', actor: actor() },
    );
    await checks();
    await inTenant(database.db, tenantId, async (tx) => {
      await setMajorThreshold(tx, actor(), 150_000_000n);
      const year = Number(today.slice(0, 4));
      const [cluster] = await listClusters(tx);
      for (const metric of targetMetrics)
        await createTarget(tx, actor(), {
          year,
          metric,
          value: metric.endsWith('yuan') ? '5000000000' : '40',
        });
      await createTarget(tx, actor(), {
        year,
        metric: 'signed_amount_yuan',
        clusterId: cluster?.id,
        value: '900000000',
      });
    });
    await checks();
  });

  it('is rebuilt exactly on restore', async () => {
    const file = path.join(os.tmpdir(), `lodestone-cockpit-${process.pid}-${engine}.jsonl.gz`);
    await backup(database, file);
    await restore(database, file);
    await checks();
  });
});
