/** Civil dates in a time zone, for "due today" and "overdue": a task is late by the bureau's clock, not UTC. */

/** The bureaus Lodestone serves keep China Standard Time. */
export const bureauTimeZone = 'Asia/Shanghai';

export function civilDate(instant: Date, timeZone: string): string {
  // en-CA writes YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
