import type { Db } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import type { AuditActor } from '../audit/service.ts';
import { createUser } from '../identity/service.ts';
import { createTenant, findTenant } from '../tenants/service.ts';
import { createCluster, createSite, createZone, nameTown } from '../territory/service.ts';
import {
  demoClusters,
  demoPassword,
  demoSites,
  demoUsers,
  jiading,
  newCity,
  townNamesEn,
} from './jiading.ts';

const seeder = { email: 'seed@lodestone', userId: null };

export interface SeedResult {
  tenant: string;
  created: boolean;
  users: string[];
}

/**
 * Creates the Jiading demo tenant once, all or nothing: a run killed halfway leaves no half tenant, and a
 * second run finds it and changes nothing.
 */
export async function seedDemo(db: Db): Promise<SeedResult> {
  const users = demoUsers.map((u) => u.email);
  if (await findTenant(db, jiading.slug)) return { tenant: jiading.slug, created: false, users };

  await db.transaction(async (outer) => {
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
      for (const site of demoSites) await createSite(scoped, actor, site);
      for (const cluster of demoClusters) await createCluster(scoped, actor, cluster);
    });
  });
  return { tenant: jiading.slug, created: true, users };
}
