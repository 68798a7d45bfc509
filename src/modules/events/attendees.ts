import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import {
  attendeeKey,
  type InvitationState,
  invitationStates,
  type RsvpState,
  rsvpStates,
} from '../../domain/events.ts';
import { invalid, notFound, Problem } from '../../domain/problem.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { auditedWriter } from '../audit/writer.ts';
import { eventAttendees, eventOrganisations } from './schema.ts';

export type AttendeeRow = typeof eventAttendees.$inferSelect;

export function presentAttendee(row: AttendeeRow, organisation: string | null) {
  return {
    id: row.id,
    eventId: row.eventId,
    organisationId: row.organisationId,
    organisation,
    name: row.name,
    title: row.title,
    phone: row.phone,
    email: row.email,
    invitation: row.invitation as InvitationState,
    rsvp: row.rsvp as RsvpState,
    checkedInAt: row.checkedInAt?.toISOString() ?? null,
    checkedInBy: row.checkedInBy,
  };
}
export type Attendee = ReturnType<typeof presentAttendee>;

export interface AttendeeInput {
  name: string;
  organisationId?: string | null | undefined;
  title?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  invitation?: string | undefined;
  rsvp?: string | undefined;
}

const text = (v: string | null | undefined) => v?.trim() || null;
const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The row's values, or the reason it cannot be kept; the import collects these reasons row by row. */
export function attendeeValues(input: AttendeeInput, organisation: string | null) {
  const name = input.name.trim();
  if (!name) return { error: 'a name is required' } as const;
  const mail = text(input.email);
  if (mail && !email.test(mail)) return { error: `"${mail}" is not an e-mail address` } as const;
  const invitation = input.invitation ?? 'not_sent';
  if (!(invitationStates as readonly string[]).includes(invitation))
    return { error: `invitation must be one of ${invitationStates.join(', ')}` } as const;
  const rsvp = input.rsvp ?? 'pending';
  if (!(rsvpStates as readonly string[]).includes(rsvp))
    return { error: `rsvp must be one of ${rsvpStates.join(', ')}` } as const;
  return {
    values: {
      name,
      organisationId: input.organisationId ?? null,
      title: text(input.title),
      phone: text(input.phone),
      email: mail,
      invitation,
      rsvp,
      listKey: attendeeKey(name, organisation),
    },
  } as const;
}

async function organisationName(tx: TenantTx, eventId: string, id: string | null | undefined) {
  if (!id) return null;
  const [row] = await tx
    .select({ name: eventOrganisations.name })
    .from(eventOrganisations)
    .where(and(eq(eventOrganisations.eventId, eventId), eq(eventOrganisations.id, id)));
  if (!row) throw invalid('organisationId is not an organisation invited to this event');
  return row.name;
}

export async function listAttendees(tx: TenantTx, eventId: string, q?: string) {
  const where: SQL[] = [eq(eventAttendees.eventId, eventId)];
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        ilike(eventAttendees.name, pattern),
        ilike(eventOrganisations.name, pattern),
        ilike(eventAttendees.phone, pattern),
      ) as SQL,
    );
  }
  const rows = await tx
    .select({ attendee: eventAttendees, organisation: eventOrganisations.name })
    .from(eventAttendees)
    .leftJoin(eventOrganisations, eq(eventOrganisations.id, eventAttendees.organisationId))
    .where(and(...where))
    .orderBy(asc(eventOrganisations.name), asc(eventAttendees.name), asc(eventAttendees.id));
  return rows.map((r) => presentAttendee(r.attendee, r.organisation));
}

async function getAttendee(tx: TenantTx, eventId: string, id: string): Promise<AttendeeRow> {
  const [row] = await tx
    .select()
    .from(eventAttendees)
    .where(and(eq(eventAttendees.eventId, eventId), eq(eventAttendees.id, id)));
  if (!row) throw notFound('attendee');
  return row;
}

const onList = (name: string) =>
  new Problem(409, 'attendee-twice', `${name} from the same organisation is already on the list`);

async function assertNotListed(
  tx: TenantTx,
  eventId: string,
  listKey: string,
  except: string | null,
  name: string,
) {
  const [twin] = await tx
    .select({ id: eventAttendees.id })
    .from(eventAttendees)
    .where(and(eq(eventAttendees.eventId, eventId), eq(eventAttendees.listKey, listKey)));
  if (twin && twin.id !== except) throw onList(name);
}

export async function addAttendee(tx: TenantTx, actor: AuditActor, eventId: string, input: AttendeeInput) {
  const organisation = await organisationName(tx, eventId, input.organisationId);
  const checked = attendeeValues(input, organisation);
  if ('error' in checked) throw invalid(checked.error as string);
  await assertNotListed(tx, eventId, checked.values.listKey, null, checked.values.name);
  const row = await auditedWriter(tx, actor).insert(eventAttendees, { ...checked.values, eventId });
  return presentAttendee(row, organisation);
}

export async function updateAttendee(
  tx: TenantTx,
  actor: AuditActor,
  eventId: string,
  id: string,
  patch: Partial<AttendeeInput>,
) {
  const current = await getAttendee(tx, eventId, id);
  const merged = { ...current, ...patch };
  const organisation = await organisationName(tx, eventId, merged.organisationId);
  const checked = attendeeValues(merged, organisation);
  if ('error' in checked) throw invalid(checked.error as string);
  await assertNotListed(tx, eventId, checked.values.listKey, id, checked.values.name);
  const row = await auditedWriter(tx, actor).update(eventAttendees, id, {
    ...checked.values,
    updatedAt: new Date(),
  });
  return presentAttendee(row, organisation);
}

export async function removeAttendee(tx: TenantTx, actor: AuditActor, eventId: string, id: string) {
  await getAttendee(tx, eventId, id);
  await auditedWriter(tx, actor).remove(eventAttendees, id);
}

/**
 * Checks a person in on the day. Checking in twice keeps the first time: the desk may scan a badge again, and the
 * record of when the person arrived must not move.
 */
export async function checkIn(tx: TenantTx, actor: AuditActor, eventId: string, id: string, at = new Date()) {
  const current = await getAttendee(tx, eventId, id);
  const organisation = await organisationName(tx, eventId, current.organisationId);
  if (current.checkedInAt) return { attendee: presentAttendee(current, organisation), already: true };
  const row = await auditedWriter(tx, actor).update(eventAttendees, id, {
    checkedInAt: at,
    checkedInBy: actor.email,
    updatedAt: at,
  });
  return { attendee: presentAttendee(row, organisation), already: false };
}

export async function undoCheckIn(tx: TenantTx, actor: AuditActor, eventId: string, id: string) {
  const current = await getAttendee(tx, eventId, id);
  const organisation = await organisationName(tx, eventId, current.organisationId);
  const row = await auditedWriter(tx, actor).update(eventAttendees, id, {
    checkedInAt: null,
    checkedInBy: null,
    updatedAt: new Date(),
  });
  return presentAttendee(row, organisation);
}

export type AttendeeValues = Extract<ReturnType<typeof attendeeValues>, { values: unknown }>['values'];

/**
 * Puts many people on a list at once, already checked (a list import, the demo): one insert and one audit entry
 * standing for the whole list. The database still refuses a person twice.
 */
export async function addAttendeesInBulk(
  tx: TenantTx,
  actor: AuditActor,
  eventId: string,
  rows: (AttendeeValues & { checkedInAt?: Date | null; checkedInBy?: string | null })[],
) {
  if (!rows.length) return 0;
  const inserted = await tx
    .insert(eventAttendees)
    .values(rows.map((r) => ({ ...r, tenantId: actor.tenantId, eventId })))
    .returning({ id: eventAttendees.id });
  await recordAudit(tx, actor, {
    entity: 'event_attendees',
    entityId: eventId,
    action: 'import',
    before: null,
    after: { attendees: inserted.length },
  });
  return inserted.length;
}
