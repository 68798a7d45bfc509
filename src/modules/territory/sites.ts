import { and, asc, eq, or } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { canSeeTown } from '../../domain/access.ts';
import {
  type OpeningHours,
  openingHoursProblem,
  type SiteFacts,
  sitePair,
  type TravelTime,
} from '../../domain/itinerary.ts';
import { invalid, notFound, Problem } from '../../domain/problem.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { auditedWriter } from '../audit/writer.ts';
import { sites, siteTravelTimes } from './schema.ts';
import { listTowns, type SiteKind, siteKinds } from './service.ts';

export type SiteRow = typeof sites.$inferSelect;

export function presentSite(row: SiteRow) {
  return {
    id: row.id,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    kind: row.kind as SiteKind,
    townCode: row.townCode,
    address: row.address,
    capacity: row.capacity,
    openingHours: row.openingHours ?? null,
    hostName: row.hostName,
    hostPhone: row.hostPhone,
    introZh: row.introZh,
    introEn: row.introEn,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface SiteInput {
  nameZh: string;
  nameEn?: string | null | undefined;
  kind: string;
  townCode: string;
  address?: string | null | undefined;
  capacity?: number | null | undefined;
  openingHours?: OpeningHours | null | undefined;
  hostName?: string | null | undefined;
  hostPhone?: string | null | undefined;
  introZh?: string | null | undefined;
  introEn?: string | null | undefined;
}

const text = (v: string | null | undefined) => v?.trim() || null;

/** Who writes: a membership narrowed to towns keeps the sites of its towns. */
export interface SiteEditor {
  townCodes: string[];
}

async function validate(tx: TenantTx, editor: SiteEditor, input: SiteInput) {
  const nameZh = input.nameZh.trim();
  if (!nameZh) throw invalid('a site needs a name');
  if (!(siteKinds as readonly string[]).includes(input.kind))
    throw invalid(`kind must be one of ${siteKinds.join(', ')}`);
  if (!(await listTowns(tx)).some((t) => t.code === input.townCode))
    throw invalid(`unknown town code ${input.townCode}`);
  if (!canSeeTown(editor.townCodes, input.townCode))
    throw new Problem(403, 'forbidden', 'your membership is limited to other towns');
  const capacity = input.capacity ?? null;
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1))
    throw invalid('capacity is a whole number of visitors, at least 1');
  const openingHours = input.openingHours ?? null;
  const hoursProblem = openingHours === null ? null : openingHoursProblem(openingHours);
  if (hoursProblem) throw invalid(hoursProblem);
  return {
    nameZh,
    nameEn: text(input.nameEn),
    kind: input.kind,
    townCode: input.townCode,
    address: text(input.address),
    capacity,
    openingHours,
    hostName: text(input.hostName),
    hostPhone: text(input.hostPhone),
    introZh: text(input.introZh),
    introEn: text(input.introEn),
  };
}

export async function listSiteDetails(tx: TenantTx) {
  return tx.select().from(sites).orderBy(asc(sites.nameZh));
}

export async function getSite(tx: TenantTx, id: string): Promise<SiteRow> {
  const [row] = await tx.select().from(sites).where(eq(sites.id, id));
  if (!row) throw notFound('site');
  return row;
}

export async function createSite(tx: TenantTx, actor: AuditActor, editor: SiteEditor, input: SiteInput) {
  return auditedWriter(tx, actor).insert(sites, await validate(tx, editor, input));
}

export async function updateSite(
  tx: TenantTx,
  actor: AuditActor,
  editor: SiteEditor,
  id: string,
  patch: Partial<SiteInput>,
) {
  const current = await getSite(tx, id);
  if (!canSeeTown(editor.townCodes, current.townCode)) throw notFound('site');
  const values = await validate(tx, editor, { ...current, ...patch });
  return auditedWriter(tx, actor).update(sites, id, { ...values, updatedAt: new Date() });
}

/** A site an itinerary, a project or a target names stays (the database refuses, 409): none may lose its place. */
export async function deleteSite(tx: TenantTx, actor: AuditActor, editor: SiteEditor, id: string) {
  const current = await getSite(tx, id);
  if (!canSeeTown(editor.townCodes, current.townCode)) throw notFound('site');
  await auditedWriter(tx, actor).remove(sites, id);
}

/** What the itinerary checker needs to know of each site. */
export async function siteFacts(tx: TenantTx): Promise<Map<string, SiteFacts>> {
  const rows = await tx
    .select({ id: sites.id, capacity: sites.capacity, openingHours: sites.openingHours })
    .from(sites);
  return new Map(rows.map((r) => [r.id, { ...r, openingHours: r.openingHours ?? null }]));
}

export async function listTravelTimes(tx: TenantTx) {
  const rows = await tx
    .select()
    .from(siteTravelTimes)
    .orderBy(asc(siteTravelTimes.siteA), asc(siteTravelTimes.siteB));
  return rows.map((r) => ({ siteA: r.siteA, siteB: r.siteB, minutes: r.minutes }));
}

/** The travel-time table as a lookup: the same minutes whichever way round it is asked. */
export async function travelLookup(tx: TenantTx): Promise<TravelTime> {
  const table = new Map((await listTravelTimes(tx)).map((r) => [`${r.siteA}|${r.siteB}`, r.minutes]));
  return (a, b) => table.get(sitePair(a, b).join('|')) ?? null;
}

async function pairOf(tx: TenantTx, from: string, to: string): Promise<[string, string]> {
  if (from === to) throw invalid('a travel time joins two different sites');
  const known = await tx
    .select({ id: sites.id })
    .from(sites)
    .where(or(eq(sites.id, from), eq(sites.id, to)));
  if (known.length !== 2) throw notFound('site');
  return sitePair(from, to);
}

/** Sets the minutes between two sites, in both directions at once. */
export async function setTravelTime(
  tx: TenantTx,
  actor: AuditActor,
  from: string,
  to: string,
  minutes: number,
) {
  const [siteA, siteB] = await pairOf(tx, from, to);
  const key = and(eq(siteTravelTimes.siteA, siteA), eq(siteTravelTimes.siteB, siteB));
  const [before] = await tx.select().from(siteTravelTimes).where(key);
  const [after] = await tx
    .insert(siteTravelTimes)
    .values({ tenantId: actor.tenantId, siteA, siteB, minutes })
    .onConflictDoUpdate({
      target: [siteTravelTimes.tenantId, siteTravelTimes.siteA, siteTravelTimes.siteB],
      set: { minutes, updatedAt: new Date() },
    })
    .returning();
  await recordAudit(tx, actor, {
    entity: 'site_travel_times',
    entityId: `${siteA}|${siteB}`,
    action: before ? 'update' : 'create',
    before: before ?? null,
    after,
  });
  return { siteA, siteB, minutes };
}

export async function deleteTravelTime(tx: TenantTx, actor: AuditActor, from: string, to: string) {
  const [siteA, siteB] = await pairOf(tx, from, to);
  const [before] = await tx
    .delete(siteTravelTimes)
    .where(and(eq(siteTravelTimes.siteA, siteA), eq(siteTravelTimes.siteB, siteB)))
    .returning();
  if (!before) throw notFound('travel time');
  await recordAudit(tx, actor, {
    entity: 'site_travel_times',
    entityId: `${siteA}|${siteB}`,
    action: 'delete',
    before,
    after: null,
  });
}
