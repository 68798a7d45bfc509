/**
 * The itinerary of a site visit: groups (buses) with ordered stops at sites, and the one check that says whether
 * the plan can be run. The checker names every conflict it finds, each with a stable code, so the planner shows
 * them all at once and the API refuses an infeasible plan with the same list. Shared by the server and the web
 * app: pure, no I/O.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Local opening and closing time of one day, "HH:MM" (24 h). */
export interface DayHours {
  open: string;
  close: string;
}

/** Monday to Sunday; null on a day the site is closed. */
export type OpeningHours = (DayHours | null)[];

const clock = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Why opening hours are malformed, or null when they are fine. */
export function openingHoursProblem(hours: unknown): string | null {
  if (!Array.isArray(hours) || hours.length !== 7)
    return 'opening hours list seven days, Monday first (null for a closed day)';
  for (const [i, day] of hours.entries()) {
    if (day === null) continue;
    const d = day as Partial<DayHours>;
    if (
      typeof d.open !== 'string' ||
      typeof d.close !== 'string' ||
      !clock.test(d.open) ||
      !clock.test(d.close)
    )
      return `${weekdays[i]}: open and close are times such as 09:00 and 17:30`;
    if (minutesOf(d.open) >= minutesOf(d.close)) return `${weekdays[i]}: closes before it opens`;
  }
  return null;
}

/** The same hours every day of the week: the simple case of a hall open daily. */
export const daily = (open: string, close: string): OpeningHours => weekdays.map(() => ({ open, close }));

export interface SiteFacts {
  id: string;
  /** Visitors at once; null when unknown. */
  capacity: number | null;
  openingHours: OpeningHours | null;
}

export interface PlanStop {
  siteId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface PlanGroup {
  name: string;
  headCount: number;
  stops: PlanStop[];
}

export interface Plan {
  groups: PlanGroup[];
  /** The event's own start and end: every stop falls inside them. */
  window?: { startsAt: Date; endsAt: Date } | undefined;
}

export const conflictCodes = [
  'unknown-site',
  'end-before-start',
  'outside-event',
  'stops-overlap',
  'outside-opening-hours',
  'over-capacity',
  'site-over-capacity',
  'too-little-travel-time',
] as const;
export type ConflictCode = (typeof conflictCodes)[number];

/** A stop by its place in the plan as given: group index, then stop index within the group. */
export interface StopRef {
  group: number;
  stop: number;
}

export interface Conflict {
  code: ConflictCode;
  /** The stops involved: one, or two (overlap, travel), or all the groups at a site at once. */
  stops: StopRef[];
  siteId?: string;
  message: string;
  /** Figures behind the conflict, for the planner to show: capacity, head count, minutes needed and available. */
  facts?: Record<string, number | string | null>;
}

/** Not a conflict, but something the checker could not verify. */
export interface Warning {
  code: 'travel-time-unknown';
  stops: StopRef[];
  message: string;
}

export interface CheckResult {
  ok: boolean;
  conflicts: Conflict[];
  warnings: Warning[];
}

/** Minutes between two different sites, or null when the travel-time table does not know them. */
export type TravelTime = (a: string, b: string) => number | null;

interface LocalTime {
  weekday: number;
  date: string;
  minute: number;
}

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: weekdays.indexOf(get('weekday').toLowerCase().slice(0, 3) as Weekday),
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;
const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

interface Placed extends PlanStop {
  ref: StopRef;
  headCount: number;
  valid: boolean;
}

function openingConflict(stop: Placed, site: SiteFacts, timeZone: string): Conflict | null {
  if (!site.openingHours) return null;
  const start = localTime(stop.startsAt, timeZone);
  const end = localTime(stop.endsAt, timeZone);
  const day = site.openingHours[start.weekday] ?? null;
  const base = { code: 'outside-opening-hours' as const, stops: [stop.ref], siteId: site.id };
  if (!day)
    return {
      ...base,
      message: `the site is closed on ${weekdays[start.weekday]}`,
      facts: { weekday: weekdays[start.weekday] ?? null, open: null, close: null },
    };
  const open = minutesOf(day.open);
  const close = minutesOf(day.close);
  if (end.date === start.date && start.minute >= open && end.minute <= close) return null;
  return {
    ...base,
    message: `the stop runs ${hhmm(start.minute)}–${end.date === start.date ? hhmm(end.minute) : 'past midnight'} but the site is open ${day.open}–${day.close} on ${weekdays[start.weekday]}`,
    facts: { weekday: weekdays[start.weekday] ?? null, open: day.open, close: day.close },
  };
}

/** Groups sharing a site at once: a sweep over the stops there, reporting each distinct crowd once. */
function crowdConflicts(stops: Placed[], site: SiteFacts): Conflict[] {
  const capacity = site.capacity;
  if (capacity === null) return [];
  const events = stops.flatMap((s, i) => [
    { at: s.startsAt.getTime(), start: true, i },
    { at: s.endsAt.getTime(), start: false, i },
  ]);
  // An end at the same instant as a start frees the room first: back-to-back groups do not meet.
  events.sort((a, b) => a.at - b.at || Number(a.start) - Number(b.start) || a.i - b.i);
  const active = new Set<number>();
  const reported = new Set<string>();
  const found: Conflict[] = [];
  for (const e of events) {
    if (!e.start) {
      active.delete(e.i);
      continue;
    }
    active.add(e.i);
    const here = [...active].sort((a, b) => a - b);
    const groups = new Set(here.map((i) => (stops[i] as Placed).ref.group));
    const people = here.reduce((n, i) => n + (stops[i] as Placed).headCount, 0);
    const key = here.join(',');
    if (groups.size < 2 || people <= capacity || reported.has(key)) continue;
    reported.add(key);
    found.push({
      code: 'site-over-capacity',
      stops: here.map((i) => (stops[i] as Placed).ref),
      siteId: site.id,
      message: `${groups.size} groups, ${people} people, are at the site at once; it takes ${capacity}`,
      facts: { capacity, headCount: people },
    });
  }
  return found;
}

/**
 * Every conflict in a plan. Times are instants; opening hours are read in `timeZone`, the bureau's. A group's
 * stops are taken in time order, so "consecutive" means the next stop by start time.
 */
export function checkItinerary(
  plan: Plan,
  sites: ReadonlyMap<string, SiteFacts>,
  travel: TravelTime,
  timeZone: string,
): CheckResult {
  const conflicts: Conflict[] = [];
  const warnings: Warning[] = [];
  const placed: Placed[] = [];

  for (const [g, group] of plan.groups.entries()) {
    for (const [s, stop] of group.stops.entries()) {
      const ref = { group: g, stop: s };
      const valid = stop.endsAt.getTime() > stop.startsAt.getTime();
      placed.push({ ...stop, ref, headCount: group.headCount, valid });
      const site = sites.get(stop.siteId);
      if (!site) {
        conflicts.push({
          code: 'unknown-site',
          stops: [ref],
          siteId: stop.siteId,
          message: 'the stop names a site this district does not have',
        });
      } else if (site.capacity !== null && group.headCount > site.capacity) {
        conflicts.push({
          code: 'over-capacity',
          stops: [ref],
          siteId: site.id,
          message: `${group.name} has ${group.headCount} people; the site takes ${site.capacity}`,
          facts: { capacity: site.capacity, headCount: group.headCount },
        });
      }
      if (!valid) {
        conflicts.push({
          code: 'end-before-start',
          stops: [ref],
          siteId: stop.siteId,
          message: 'the stop ends before it starts',
        });
        continue;
      }
      const window = plan.window;
      if (window && (stop.startsAt < window.startsAt || stop.endsAt > window.endsAt))
        conflicts.push({
          code: 'outside-event',
          stops: [ref],
          siteId: stop.siteId,
          message: 'the stop falls outside the event’s start and end',
        });
      const hours = site ? openingConflict(placed.at(-1) as Placed, site, timeZone) : null;
      if (hours) conflicts.push(hours);
    }
  }

  for (const [g] of plan.groups.entries()) {
    const mine = placed
      .filter((p) => p.ref.group === g && p.valid)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.ref.stop - b.ref.stop);
    for (let i = 0; i < mine.length; i++) {
      for (let j = i + 1; j < mine.length; j++) {
        const a = mine[i] as Placed;
        const b = mine[j] as Placed;
        if (b.startsAt < a.endsAt)
          conflicts.push({
            code: 'stops-overlap',
            stops: [a.ref, b.ref],
            message: `${plan.groups[g]?.name}: two stops overlap`,
          });
      }
      const a = mine[i] as Placed;
      const next = mine[i + 1];
      if (!next || next.startsAt < a.endsAt || next.siteId === a.siteId) continue;
      const needed = travel(a.siteId, next.siteId);
      const available = minutesBetween(a.endsAt, next.startsAt);
      if (needed === null) {
        warnings.push({
          code: 'travel-time-unknown',
          stops: [a.ref, next.ref],
          message: 'the travel-time table has no time between these two sites',
        });
      } else if (available < needed) {
        conflicts.push({
          code: 'too-little-travel-time',
          stops: [a.ref, next.ref],
          message: `${available} min between the stops; the drive takes ${needed} min`,
          facts: { needed, available },
        });
      }
    }
  }

  const bySite = new Map<string, Placed[]>();
  for (const p of placed) {
    if (!p.valid) continue;
    bySite.set(p.siteId, [...(bySite.get(p.siteId) ?? []), p]);
  }
  for (const [siteId, stops] of bySite) {
    const site = sites.get(siteId);
    if (site) conflicts.push(...crowdConflicts(stops, site));
  }

  return { ok: conflicts.length === 0, conflicts, warnings };
}

/** The key of an unordered pair of sites, as the travel-time table stores it (smaller id first). */
export function sitePair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}
