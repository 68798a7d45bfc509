import { and, asc, desc, eq, gte, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../../db/keyset.ts';
import type { TenantTx } from '../../db/scope.ts';
import { type EventKind, eventKinds } from '../../domain/events.ts';
import { invalid, notFound, Problem } from '../../domain/problem.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { auditedWriter } from '../audit/writer.ts';
import { companySummaries } from '../companies/service.ts';
import { partnerNames } from '../partners/service.ts';
import { checkPlan, loadItinerary, refuseIfInfeasible } from './itinerary.ts';
import { eventAttendees, eventOrganisations, events } from './schema.ts';

export type EventRow = typeof events.$inferSelect;
export type OrganisationRow = typeof eventOrganisations.$inferSelect;

export function presentEvent(row: EventRow) {
  return {
    id: row.id,
    kind: row.kind as EventKind,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    venue: row.venue,
    location: row.location,
    host: row.host,
    organisers: row.organisers,
    descriptionZh: row.descriptionZh,
    descriptionEn: row.descriptionEn,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentOrganisation(row: OrganisationRow) {
  return { id: row.id, partnerId: row.partnerId, companyId: row.companyId, name: row.name };
}

export interface EventInput {
  kind: string;
  titleZh: string;
  titleEn?: string | null | undefined;
  startsAt: string | Date;
  endsAt: string | Date;
  venue?: string | null | undefined;
  location?: string | null | undefined;
  host?: string | null | undefined;
  organisers?: string[] | undefined;
  descriptionZh?: string | null | undefined;
  descriptionEn?: string | null | undefined;
}

const text = (v: string | null | undefined) => v?.trim() || null;

function instant(field: string, value: string | Date): Date {
  const at = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(at.getTime())) throw invalid(`${field} is not a date-time`);
  return at;
}

function validate(input: EventInput) {
  if (!(eventKinds as readonly string[]).includes(input.kind))
    throw invalid(`kind must be one of ${eventKinds.join(', ')}`);
  const titleZh = input.titleZh.trim();
  if (!titleZh) throw invalid('an event needs a title');
  const startsAt = instant('startsAt', input.startsAt);
  const endsAt = instant('endsAt', input.endsAt);
  if (endsAt <= startsAt) throw new Problem(400, 'end-before-start', 'the event ends before it starts');
  return {
    kind: input.kind,
    titleZh,
    titleEn: text(input.titleEn),
    startsAt,
    endsAt,
    venue: text(input.venue),
    location: text(input.location),
    host: text(input.host),
    organisers: (input.organisers ?? []).map((o) => o.trim()).filter(Boolean),
    descriptionZh: text(input.descriptionZh),
    descriptionEn: text(input.descriptionEn),
  };
}

export async function getEvent(tx: TenantTx, id: string): Promise<EventRow> {
  const [row] = await tx.select().from(events).where(eq(events.id, id));
  if (!row) throw notFound('event');
  return row;
}

export async function eventExists(tx: TenantTx, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: events.id }).from(events).where(eq(events.id, id));
  return row !== undefined;
}

/** Demo data dates an event's creation; the API always uses the present. */
export async function createEvent(tx: TenantTx, actor: AuditActor, input: EventInput, at = new Date()) {
  return auditedWriter(tx, actor).insert(events, {
    ...validate(input),
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  });
}

/** Moving an event is refused when its saved itinerary would no longer fit it, with the conflicts named. */
export async function updateEvent(tx: TenantTx, actor: AuditActor, id: string, patch: Partial<EventInput>) {
  const current = await getEvent(tx, id);
  const next = validate({ ...current, ...patch });
  if (
    next.startsAt.getTime() !== current.startsAt.getTime() ||
    next.endsAt.getTime() !== current.endsAt.getTime()
  ) {
    const saved = await loadItinerary(tx, id);
    const result = await checkPlan(tx, { ...current, ...next }, saved);
    refuseIfInfeasible(result, 'at these times ', '; change the itinerary first');
  }
  return auditedWriter(tx, actor).update(events, id, { ...next, updatedAt: new Date() });
}

/** An event that produced leads stays (the database refuses, 409): its outcome must remain traceable. */
export async function deleteEvent(tx: TenantTx, actor: AuditActor, id: string) {
  await getEvent(tx, id);
  await auditedWriter(tx, actor).remove(events, id);
}

export interface EventListOptions {
  q?: string | undefined;
  kind?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Events, latest first, keyset-paged by start. */
export async function listEvents(tx: TenantTx, options: EventListOptions) {
  const where: SQL[] = [];
  if (options.q) {
    const pattern = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(events.titleZh, pattern), ilike(events.titleEn, pattern)) as SQL);
  }
  if (options.kind?.length) where.push(inArray(events.kind, options.kind));
  if (options.from) where.push(gte(events.startsAt, instant('from', options.from)));
  if (options.to) where.push(lte(events.startsAt, instant('to', options.to)));
  if (options.cursor) {
    const [startsAt, id] = decodeCursor(options.cursor);
    where.push(sql`(${events.startsAt}, ${events.id}) < (${instant('cursor', startsAt)}, ${id}::uuid)`);
  }
  const rows = await tx
    .select()
    .from(events)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(events.startsAt), desc(events.id))
    .limit(options.limit + 1);
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > options.limit && last ? encodeCursor(last.startsAt.toISOString(), last.id) : null,
  };
}

/** Head counts of each event's list, counted from the attendee rows. */
export async function attendanceCounts(tx: TenantTx, eventIds: string[]) {
  const counts = new Map(
    eventIds.map((id) => [id, { organisations: 0, attendees: 0, accepted: 0, checkedIn: 0 }]),
  );
  if (!eventIds.length) return counts;
  const people = await tx
    .select({
      eventId: eventAttendees.eventId,
      attendees: sql<number>`count(*)::int`,
      accepted: sql<number>`(count(*) filter (where ${eventAttendees.rsvp} = 'accepted'))::int`,
      checkedIn: sql<number>`(count(*) filter (where ${eventAttendees.checkedInAt} is not null))::int`,
    })
    .from(eventAttendees)
    .where(inArray(eventAttendees.eventId, eventIds))
    .groupBy(eventAttendees.eventId);
  const orgs = await tx
    .select({ eventId: eventOrganisations.eventId, n: sql<number>`count(*)::int` })
    .from(eventOrganisations)
    .where(inArray(eventOrganisations.eventId, eventIds))
    .groupBy(eventOrganisations.eventId);
  for (const p of people) Object.assign(counts.get(p.eventId) ?? {}, p);
  for (const o of orgs) Object.assign(counts.get(o.eventId) ?? {}, { organisations: o.n });
  return counts;
}

export async function listOrganisations(tx: TenantTx, eventId: string) {
  return tx
    .select()
    .from(eventOrganisations)
    .where(eq(eventOrganisations.eventId, eventId))
    .orderBy(asc(eventOrganisations.name));
}

export interface OrganisationInput {
  partnerId?: string | null | undefined;
  companyId?: string | null | undefined;
  name?: string | null | undefined;
}

/** The name an invited organisation goes by: its partner's or company's, or the one given. */
async function organisationValues(tx: TenantTx, input: OrganisationInput) {
  const given = [input.partnerId, input.companyId, text(input.name)].filter(Boolean);
  if (given.length !== 1)
    throw invalid('an organisation is a partner, a registry company, or a name: one of them');
  if (input.partnerId) {
    const partner = (await partnerNames(tx, [input.partnerId])).get(input.partnerId);
    if (!partner) throw invalid('partnerId is not a partner of this district');
    return { partnerId: partner.id, companyId: null, name: partner.nameZh };
  }
  if (input.companyId) {
    const company = (await companySummaries(tx, [input.companyId])).get(input.companyId);
    if (!company) throw invalid('companyId is not a company in the registry');
    return { partnerId: null, companyId: company.id, name: company.nameZh };
  }
  return { partnerId: null, companyId: null, name: text(input.name) as string };
}

export async function inviteOrganisation(
  tx: TenantTx,
  actor: AuditActor,
  eventId: string,
  input: OrganisationInput,
) {
  const values = await organisationValues(tx, input);
  const [existing] = await tx
    .select({ id: eventOrganisations.id })
    .from(eventOrganisations)
    .where(and(eq(eventOrganisations.eventId, eventId), eq(eventOrganisations.name, values.name)));
  if (existing) throw new Problem(409, 'already-invited', `${values.name} is already invited`);
  return auditedWriter(tx, actor).insert(eventOrganisations, { ...values, eventId });
}

/**
 * Invites many organisations at once, already resolved to their names (a list import, the demo): one insert and one
 * audit entry standing for all of them, as a registry import does.
 */
export async function inviteOrganisationsInBulk(
  tx: TenantTx,
  actor: AuditActor,
  eventId: string,
  rows: { name: string; partnerId: string | null; companyId: string | null }[],
) {
  if (!rows.length) return [];
  const inserted = await tx
    .insert(eventOrganisations)
    .values(rows.map((r) => ({ ...r, tenantId: actor.tenantId, eventId })))
    .returning();
  await recordAudit(tx, actor, {
    entity: 'event_organisations',
    entityId: eventId,
    action: 'import',
    before: null,
    after: { organisations: inserted.length },
  });
  return inserted;
}

/** An organisation with people on the list stays: remove them first, so no attendee loses where they are from. */
export async function removeOrganisation(tx: TenantTx, actor: AuditActor, eventId: string, id: string) {
  const [row] = await tx
    .select({ id: eventOrganisations.id })
    .from(eventOrganisations)
    .where(and(eq(eventOrganisations.eventId, eventId), eq(eventOrganisations.id, id)));
  if (!row) throw notFound('organisation');
  const [person] = await tx
    .select({ id: eventAttendees.id })
    .from(eventAttendees)
    .where(eq(eventAttendees.organisationId, id))
    .limit(1);
  if (person)
    throw new Problem(409, 'organisation-has-attendees', 'people from this organisation are on the list');
  await auditedWriter(tx, actor).remove(eventOrganisations, id);
}
