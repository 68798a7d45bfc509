import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { eventProjectFigures } from '../projects/event-leads.ts';
import type { Viewer } from '../projects/visibility.ts';
import { eventAttendees } from './schema.ts';
import { attendanceCounts } from './service.ts';

/**
 * An event's outcome: who came and what it produced. Attendance counts parties, not heads: the organisations with
 * someone checked in, and each checked-in person who came for no organisation. Conversion is projects signed per
 * attending party.
 */
export async function eventOutcomes(tx: TenantTx, viewer: Viewer, eventId: string) {
  const counts = (await attendanceCounts(tx, [eventId])).get(eventId) ?? {
    organisations: 0,
    attendees: 0,
    accepted: 0,
    checkedIn: 0,
  };
  const [parties] = await tx
    .select({
      n: sql<number>`count(distinct coalesce(${eventAttendees.organisationId}, ${eventAttendees.id}))::int`,
    })
    .from(eventAttendees)
    .where(and(eq(eventAttendees.eventId, eventId), isNotNull(eventAttendees.checkedInAt)));
  const attendingParties = parties?.n ?? 0;
  const projects = await eventProjectFigures(tx, viewer, eventId);
  return {
    invitedOrganisations: counts.organisations,
    attendees: counts.attendees,
    accepted: counts.accepted,
    checkedIn: counts.checkedIn,
    attendingParties,
    leads: projects.leads,
    projectsSigned: projects.signed,
    amountSignedYuan: projects.amountSignedYuan,
    conversion: attendingParties ? Math.round((projects.signed / attendingParties) * 10_000) / 10_000 : null,
    byMonth: projects.byMonth,
  };
}
