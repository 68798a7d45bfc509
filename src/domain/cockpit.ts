/** Rules of the leadership cockpit that need no database: its period, year-on-year change, targets. */

const day = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string): boolean {
  if (!day.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export type PeriodCheck = { ok: true; since: string; until: string } | { ok: false; reason: string };

/**
 * The days the cockpit counts, both included. Without a start it is the year so far, as leaders are scored by
 * calendar year; without an end it runs to today.
 */
export function cockpitPeriod(
  since: string | undefined,
  until: string | undefined,
  today: string,
): PeriodCheck {
  const end = until ?? today;
  const start = since ?? `${end.slice(0, 4)}-01-01`;
  if (!isDay(start)) return { ok: false, reason: `since must be a date YYYY-MM-DD, not "${start}"` };
  if (!isDay(end)) return { ok: false, reason: `until must be a date YYYY-MM-DD, not "${end}"` };
  if (start > end) return { ok: false, reason: `since (${start}) is after until (${end})` };
  return { ok: true, since: start, until: end };
}

/** The same day a year earlier; 29 February falls back to the 28th. */
export function yearEarlier(date: string): string {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const candidate = `${year}${date.slice(4)}`;
  return isDay(candidate) ? candidate : `${year}-02-28`;
}

/** The change from `before` to `now` as a ratio (0.25 is +25%); null when there was nothing before. */
export function change(now: number, before: number): number | null {
  if (before === 0) return null;
  return Math.round(((now - before) / before) * 10_000) / 10_000;
}

/** What a yearly target counts; counts are whole numbers, the rest yuan. */
export const targetMetrics = [
  'new_companies',
  'major_projects',
  'foreign_investment_yuan',
  'signed_amount_yuan',
] as const;
export type TargetMetric = (typeof targetMetrics)[number];

/**
 * A target is for the district, one cluster or one park, never both. New companies are counted by town, not by
 * cluster or park, so their target is the district's.
 */
export function checkTargetScope(
  metric: TargetMetric,
  clusterId: string | null,
  siteId: string | null,
): string | null {
  if (clusterId && siteId) return 'a target is for a cluster or a park, not both';
  if (metric === 'new_companies' && (clusterId || siteId))
    return 'new companies are counted for the district: their target names no cluster or park';
  return null;
}

/** Progress toward a target as a ratio (1 is reached); null for a zero target. */
export function progress(actual: bigint, target: bigint): number | null {
  if (target === 0n) return null;
  return Math.round(Number((actual * 10_000n) / target)) / 10_000;
}
