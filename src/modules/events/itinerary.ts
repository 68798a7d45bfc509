import { asc, eq } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { bureauTimeZone } from '../../domain/calendar.ts';
import { type CheckResult, checkItinerary } from '../../domain/itinerary.ts';
import { invalid, Problem } from '../../domain/problem.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { siteFacts, travelLookup } from '../territory/sites.ts';
import { eventGroups, eventStops } from './schema.ts';
import type { EventRow } from './service.ts';

export interface StopInput {
  siteId: string;
  startsAt: string;
  endsAt: string;
  note?: string | null | undefined;
}

export interface GroupInput {
  name: string;
  headCount: number;
  stops: StopInput[];
}

export interface ItineraryInput {
  groups: GroupInput[];
}

const at = (value: string, where: string) => {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw invalid(`${where} is not a date-time`);
  return d;
};

function planOf(event: EventRow, input: ItineraryInput) {
  return {
    window: { startsAt: event.startsAt, endsAt: event.endsAt },
    groups: input.groups.map((g, gi) => {
      if (!g.name.trim()) throw invalid(`group ${gi + 1} needs a name`);
      if (!Number.isInteger(g.headCount) || g.headCount < 1)
        throw invalid(`group ${gi + 1}: the head count is a whole number, at least 1`);
      return {
        name: g.name.trim(),
        headCount: g.headCount,
        stops: g.stops.map((s, si) => ({
          siteId: s.siteId,
          startsAt: at(s.startsAt, `group ${gi + 1}, stop ${si + 1}: startsAt`),
          endsAt: at(s.endsAt, `group ${gi + 1}, stop ${si + 1}: endsAt`),
        })),
      };
    }),
  };
}

/** The conflicts of a plan, without saving it: what the planner shows as the officer edits. */
export async function checkPlan(tx: TenantTx, event: EventRow, input: ItineraryInput): Promise<CheckResult> {
  return checkItinerary(planOf(event, input), await siteFacts(tx), await travelLookup(tx), bureauTimeZone);
}

/**
 * Refuses a plan with conflicts, naming them (422 itinerary-infeasible): a plan being saved, or the saved one at
 * an event's new times (`when` says which).
 */
export function refuseIfInfeasible(result: CheckResult, when = '', advice = ''): void {
  if (result.ok) return;
  const codes = [...new Set(result.conflicts.map((c) => c.code))].join(', ');
  throw new Problem(
    422,
    'itinerary-infeasible',
    `${when}the itinerary has ${result.conflicts.length} conflict(s): ${codes}${advice}`,
    { conflicts: result.conflicts, warnings: result.warnings },
  );
}

/** The saved itinerary: groups in order, each with its stops in time order. */
export async function loadItinerary(tx: TenantTx, eventId: string) {
  const groups = await tx
    .select()
    .from(eventGroups)
    .where(eq(eventGroups.eventId, eventId))
    .orderBy(asc(eventGroups.position));
  const stops = await tx
    .select()
    .from(eventStops)
    .where(eq(eventStops.eventId, eventId))
    .orderBy(asc(eventStops.startsAt), asc(eventStops.id));
  return {
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      headCount: g.headCount,
      stops: stops
        .filter((s) => s.groupId === g.id)
        .map((s) => ({
          id: s.id,
          siteId: s.siteId,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          note: s.note,
        })),
    })),
  };
}

/**
 * Replaces an event's itinerary, or refuses it with every conflict named and changes nothing. A plan the checker
 * could not fully verify (an unknown travel time) is kept, with its warnings returned.
 */
export async function saveItinerary(tx: TenantTx, actor: AuditActor, event: EventRow, input: ItineraryInput) {
  const result = await checkPlan(tx, event, input);
  refuseIfInfeasible(result);
  const before = await loadItinerary(tx, event.id);
  await tx.delete(eventGroups).where(eq(eventGroups.eventId, event.id));
  for (const [position, group] of input.groups.entries()) {
    const [row] = await tx
      .insert(eventGroups)
      .values({
        tenantId: actor.tenantId,
        eventId: event.id,
        position,
        name: group.name.trim(),
        headCount: group.headCount,
      })
      .returning({ id: eventGroups.id });
    if (!row || !group.stops.length) continue;
    await tx.insert(eventStops).values(
      group.stops.map((s) => ({
        tenantId: actor.tenantId,
        eventId: event.id,
        groupId: row.id,
        siteId: s.siteId,
        startsAt: new Date(s.startsAt),
        endsAt: new Date(s.endsAt),
        note: s.note?.trim() || null,
      })),
    );
  }
  const after = await loadItinerary(tx, event.id);
  await recordAudit(tx, actor, {
    entity: 'event_itinerary',
    entityId: event.id,
    action: 'update',
    before,
    after,
  });
  return { itinerary: after, warnings: result.warnings };
}
