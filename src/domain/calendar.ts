/** Civil dates in a time zone, for "due today" and "overdue": a task is late by the bureau's clock, not UTC. */

/** The bureaus Lodestone serves keep China Standard Time. */
export const bureauTimeZone = 'Asia/Shanghai';

// Building a formatter costs about 100 times formatting with one; a page of projects formats dozens of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function civilDate(instant: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA writes YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format.format(instant);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Splits the days from `from` to `to` (both included) into the whole calendar months inside them and the days
 * left at either edge, so a count can read whole months from a monthly roll-up and only the edge days from rows.
 * `months` is [first month's first day, the day after the last whole month] or null; `edges` are day ranges,
 * both ends included.
 */
export function splitMonths(from: string, to: string) {
  const firstWhole = from.endsWith('-01') ? from : `${nextMonth(from.slice(0, 7))}-01`;
  const afterLastWhole = addDays(to, 1).endsWith('-01') ? addDays(to, 1) : `${to.slice(0, 7)}-01`;
  if (firstWhole >= afterLastWhole) return { months: null, edges: [[from, to]] as [string, string][] };
  const edges: [string, string][] = [];
  if (from < firstWhole) edges.push([from, addDays(firstWhole, -1)]);
  if (afterLastWhole <= to) edges.push([afterLastWhole, to]);
  return { months: [firstWhole, afterLastWhole] as [string, string], edges };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12
    ? `${String(y + 1).padStart(4, '0')}-01`
    : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
}
