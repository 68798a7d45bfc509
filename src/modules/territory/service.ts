import { asc, eq, inArray } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { invalid, notFound } from '../../domain/problem.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { auditedWriter } from '../audit/writer.ts';
import { referenceIndustries } from '../reference/schema.ts';
import { clusters, sites, towns, zones } from './schema.ts';

export const siteKinds = [
  'exhibition_hall',
  'industrial_park',
  'industrial_base',
  'company_showroom',
  'other',
] as const;
export type SiteKind = (typeof siteKinds)[number];

export async function listTowns(tx: TenantTx) {
  return tx
    .select({ code: towns.code, nameZh: towns.nameZh, nameEn: towns.nameEn })
    .from(towns)
    .orderBy(asc(towns.code));
}

export async function listZones(tx: TenantTx) {
  return tx
    .select({ id: zones.id, nameZh: zones.nameZh, nameEn: zones.nameEn, townCodes: zones.townCodes })
    .from(zones)
    .orderBy(asc(zones.nameZh));
}

export async function getZone(tx: TenantTx, id: string) {
  const [zone] = await tx
    .select({ id: zones.id, nameZh: zones.nameZh, nameEn: zones.nameEn, townCodes: zones.townCodes })
    .from(zones)
    .where(eq(zones.id, id));
  if (!zone) throw notFound('zone');
  return zone;
}

export async function listSites(tx: TenantTx) {
  return tx
    .select({
      id: sites.id,
      nameZh: sites.nameZh,
      nameEn: sites.nameEn,
      kind: sites.kind,
      townCode: sites.townCode,
    })
    .from(sites)
    .orderBy(asc(sites.nameZh));
}

export async function listClusters(tx: TenantTx) {
  return tx
    .select({
      id: clusters.id,
      code: clusters.code,
      nameZh: clusters.nameZh,
      nameEn: clusters.nameEn,
      industryCodes: clusters.industryCodes,
    })
    .from(clusters)
    .orderBy(asc(clusters.code));
}

async function assertTowns(tx: TenantTx, codes: string[]): Promise<void> {
  const known = new Set((await listTowns(tx)).map((t) => t.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw invalid(`unknown town code(s): ${unknown.join(', ')}`);
}

export async function nameTown(tx: TenantTx, actor: AuditActor, code: string, nameEn: string) {
  const [before] = await tx.select().from(towns).where(eq(towns.code, code));
  if (!before) throw invalid(`unknown town code: ${code}`);
  const [after] = await tx.update(towns).set({ nameEn }).where(eq(towns.code, code)).returning();
  await recordAudit(tx, actor, { entity: 'towns', entityId: code, action: 'update', before, after });
}

export async function createZone(
  tx: TenantTx,
  actor: AuditActor,
  input: { nameZh: string; nameEn?: string | null; townCodes: string[] },
) {
  if (!input.townCodes.length) throw invalid('a zone needs at least one town');
  await assertTowns(tx, input.townCodes);
  return auditedWriter(tx, actor).insert(zones, { ...input, nameEn: input.nameEn ?? null });
}

export async function createCluster(
  tx: TenantTx,
  actor: AuditActor,
  input: { code: string; nameZh: string; nameEn?: string | null; industryCodes: string[] },
) {
  const found = await tx
    .select({ code: referenceIndustries.code })
    .from(referenceIndustries)
    .where(inArray(referenceIndustries.code, input.industryCodes));
  const known = new Set(found.map((r) => r.code));
  const unknown = input.industryCodes.filter((c) => !known.has(c));
  if (unknown.length) throw invalid(`unknown GB/T 4754 industry code(s): ${unknown.join(', ')}`);
  return auditedWriter(tx, actor).insert(clusters, { ...input, nameEn: input.nameEn ?? null });
}
