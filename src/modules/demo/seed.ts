import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database, Db, Engine } from '../../db/client.ts';
import { inTenant, type TenantTx } from '../../db/scope.ts';
import { bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import type { AuditActor } from '../audit/service.ts';
import { type ImportProgress, importCompanies } from '../companies/import/pipeline.ts';
import { createUser, linkMembershipToPartner, memberUserId } from '../identity/service.ts';
import { createPartner } from '../partners/service.ts';
import { insertProjectsBulk } from '../projects/bulk.ts';
import { signedCells } from '../projects/cockpit.ts';
import { createTenant, findTenant } from '../tenants/service.ts';
import { createCluster, createZone, listClusters, listZones, nameTown } from '../territory/service.ts';
import { createSite } from '../territory/sites.ts';
import { seedAgreements } from './agreements.ts';
import { companiesCsv } from './company-generator.ts';
import { seedDemoEvent } from './events.ts';
import { type RegistryScale, sinceDate, writeFullScaleRegistry } from './full-scale.ts';
import {
  demoClusters,
  demoPassword,
  demoSites,
  demoUsers,
  jiading,
  newCity,
  townNamesEn,
} from './jiading.ts';
import { seedPipeline } from './pipeline.ts';
import {
  fullScalePipeline,
  generatedPartners,
  generatePipeline,
  type PipelineScale,
} from './pipeline-generator.ts';

const seeder = { email: 'seed@lodestone', userId: null };

export interface SeedOptions {
  /** small (the default for `npm start`): 500 companies; full: the article's scale (see full-scale.ts). */
  scale?: 'small' | 'full';
  /** Registry sizes of the full scale; tests pass smaller ones. */
  registry?: RegistryScale;
  /** Pipeline sizes of the full scale; tests pass smaller ones. */
  pipeline?: PipelineScale;
  onProgress?: (progress: ImportProgress) => void;
}

export interface SeedResult {
  tenant: string;
  created: boolean;
  users: string[];
  companies: number;
  projects: number;
}

/** Registry size of the small demo: enough for lists, search and charts to read as real. */
export const smallDemoCompanies = 500;

/**
 * Creates the Jiading demo tenant once, all or nothing: a run killed halfway leaves no half tenant, and a
 * second run finds it and changes nothing.
 */
export async function seedDemo(database: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const tenant = await seedDemoTenant(database.db);
  const { rows } = (await database.db.execute(
    sql`select count(*)::int as n from companies where tenant_id = ${tenant.id}`,
  )) as unknown as { rows: { n: number }[] };
  let companies = rows[0]?.n ?? 0;
  if (companies === 0) {
    const actor = { ...seeder, tenantId: tenant.id };
    companies =
      options.scale === 'full'
        ? await seedFullRegistry(database, actor, options)
        : (
            await importCompanies(
              database,
              { buffer: Buffer.from(companiesCsv(smallDemoCompanies)) },
              { fileName: 'demo-registry.csv', actor },
            )
          ).inserted;
  }
  let projects = await seedDemoPipeline(
    database,
    tenant.id,
    options.scale === 'full' ? (options.pipeline ?? fullScalePipeline) : null,
  );
  projects += await seedDemoEvents(database.db, tenant.id);
  await seedDemoAgreements(database.db, tenant.id);
  // Hundreds of import and bulk statements each rewrote the same few roll-up rows: the embedded engine has no
  // autovacuum, and reading those rows past their dead versions made the cockpit several times slower.
  if (options.scale === 'full')
    await database.db.execute(
      sql`vacuum analyze rollup_company_months, rollup_company_town_months, rollup_project_signings, rollup_project_cluster_signings, rollup_project_partner_signings, rollup_project_stages, projects`,
    );
  return {
    tenant: jiading.slug,
    created: tenant.created,
    users: demoUsers.map((u) => u.email),
    companies,
    projects,
  };
}

/**
 * The pipeline, once, after the registry it links to; a tenant seeded before the pipeline existed gains it. At
 * full scale the generated pipeline follows the hand-written one, in the same transaction.
 */
async function seedDemoPipeline(
  database: Database,
  tenantId: string,
  full: PipelineScale | null,
): Promise<number> {
  const db = database.db;
  const { rows } = (await db.execute(
    sql`select count(*)::int as n from projects where tenant_id = ${tenantId}`,
  )) as unknown as { rows: { n: number }[] };
  if (rows[0]?.n) return rows[0].n;
  const officer = await memberUserId(db, tenantId, 'officer@jiading.demo');
  const admin = await memberUserId(db, tenantId, 'admin@jiading.demo');
  const partner = await memberUserId(db, tenantId, 'partner@jiading.demo');
  if (!officer || !admin || !partner) throw new Error('the demo tenant lacks one of its users');
  return inTenant(db, tenantId, async (tx) => {
    const actor = { ...seeder, tenantId };
    const seeded = await seedPipeline(tx, actor, { officer, admin });
    // The partner user speaks for the partner whose referrals the demo portal shows.
    await linkMembershipToPartner(tx, actor, partner, seeded.portalPartnerId);
    if (!full) return seeded.projects;
    return (
      seeded.projects +
      (await seedGeneratedPipeline(tx, actor, full, seeded.partnerIds, [officer, admin], database.engine))
    );
  });
}

/** The agreements, once, after the pipeline their registrations refer to; an older demo tenant gains them. */
async function seedDemoAgreements(db: Db, tenantId: string): Promise<void> {
  const { rows } = (await db.execute(
    sql`select count(*)::int as n from agreements where tenant_id = ${tenantId}`,
  )) as unknown as { rows: { n: number }[] };
  if (rows[0]?.n) return;
  const officer = await memberUserId(db, tenantId, 'officer@jiading.demo');
  const admin = await memberUserId(db, tenantId, 'admin@jiading.demo');
  if (!officer || !admin) throw new Error('the demo tenant lacks one of its users');
  const visits = (await db.execute(
    sql`select id, to_char(starts_at at time zone ${bureauTimeZone}, 'YYYY-MM-DD') as day from events
        where tenant_id = ${tenantId} and kind = 'delegation_visit' order by starts_at limit 1`,
  )) as unknown as { rows: { id: string; day: string }[] };
  const [visit] = visits.rows;
  await inTenant(db, tenantId, (tx) =>
    seedAgreements(
      tx,
      { ...seeder, tenantId },
      { officer, admin, visit: visit ? { eventId: visit.id, on: visit.day } : undefined },
    ),
  );
}

/** The article's delegation visit and the leads it produced, once; a tenant seeded before events gains it. */
async function seedDemoEvents(db: Db, tenantId: string): Promise<number> {
  const { rows } = (await db.execute(
    sql`select count(*)::int as n from events where tenant_id = ${tenantId}`,
  )) as unknown as { rows: { n: number }[] };
  if (rows[0]?.n) return 0;
  const officer = await memberUserId(db, tenantId, 'officer@jiading.demo');
  if (!officer) throw new Error('the demo tenant lacks its officer');
  return inTenant(db, tenantId, (tx) => seedDemoEvent(tx, { ...seeder, tenantId }, officer));
}

/** The full-scale pipeline: more intermediaries, then thousands of projects with their histories in bulk. */
async function seedGeneratedPipeline(
  tx: TenantTx,
  actor: AuditActor,
  scale: PipelineScale,
  demoPartnerIds: string[],
  officerIds: string[],
  engine: Engine,
) {
  const partnerIds = [...demoPartnerIds];
  for (const p of generatedPartners) partnerIds.push((await createPartner(tx, actor, p)).id);
  const [zone] = (await listZones(tx)).filter((z) => z.nameEn === newCity.nameEn);
  if (!zone) throw new Error('the demo tenant lacks its new-city zone');
  // The hand-written pipeline already holds a few of the new city's major signings: the generated one makes up
  // the rest, so the rows add up to the article's figure.
  const today = civilDate(new Date(), bureauTimeZone);
  const already = (await signedCells(tx, { zone, towns: null }, sinceDate, today, 'flags'))
    .filter((c) => c.major)
    .reduce((n, c) => n + c.projects, 0);
  const items = generatePipeline(
    { ...scale, majorNewCitySince2021: scale.majorNewCitySince2021 - already },
    {
      clusters: (await listClusters(tx)).map((c) => ({ code: c.code, id: c.id })),
      partnerIds,
      officerIds,
      newCityZoneId: zone.id,
    },
  );
  return insertProjectsBulk(tx, actor, items, 'seed demo --scale full', engine === 'pglite');
}

/** The full-scale registry goes through the same import as a user's file, from a generated temporary CSV. */
async function seedFullRegistry(database: Database, actor: AuditActor, options: SeedOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-seed-'));
  try {
    const file = path.join(dir, 'demo-registry-full.csv');
    const expected = await writeFullScaleRegistry(file, options.registry);
    const result = await importCompanies(
      database,
      { path: file },
      { fileName: 'demo-registry-full.csv', actor, onProgress: options.onProgress },
    );
    // Every generated row is valid: a rejected one would make the demo's headline figures wrong.
    if (result.inserted !== expected) {
      throw new Error(`full-scale seed: ${result.inserted} of ${expected} companies loaded`);
    }
    return result.inserted;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function seedDemoTenant(db: Db): Promise<{ id: string; created: boolean }> {
  const existing = await findTenant(db, jiading.slug);
  if (existing) return { id: existing.id, created: false };

  return db.transaction(async (outer) => {
    const tx = outer as unknown as Db;
    const tenant = await createTenant(tx, jiading, seeder);
    for (const user of demoUsers) {
      await createUser(tx, { tenantSlug: jiading.slug, password: demoPassword, ...user }, seeder);
    }
    // Last, because the tenant scope it sets lasts until the outer transaction commits.
    const actor: AuditActor = { ...seeder, tenantId: tenant.id };
    await inTenant(tx, tenant.id, async (scoped) => {
      for (const [code, nameEn] of Object.entries(townNamesEn)) await nameTown(scoped, actor, code, nameEn);
      await createZone(scoped, actor, newCity);
      for (const site of demoSites) await createSite(scoped, actor, { townCodes: [] }, site);
      for (const cluster of demoClusters) await createCluster(scoped, actor, cluster);
    });
    return { id: tenant.id, created: true };
  });
}
