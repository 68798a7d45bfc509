/**
 * Event times are the bureau's wall-clock times (Asia/Shanghai, no daylight saving: always +08:00), whatever time
 * zone the browser is in: an officer in Frankfurt planning a visit to Jiading types Jiading's times.
 */
const zone = 'Asia/Shanghai';

/** An instant as the value of a datetime-local input, in Shanghai time. */
export function toLocalInput(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** A datetime-local value read as Shanghai time, as an ISO instant; null when incomplete. */
export function fromLocalInput(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  return new Date(`${local}:00+08:00`).toISOString();
}

export function formatDay(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: zone, dateStyle: 'full' }).format(new Date(iso));
}

export function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}
