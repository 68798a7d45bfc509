import { describe, expect, it } from 'vitest';
import { addDays, civilDate } from './calendar.ts';

describe('calendar', () => {
  it('reads the date on the bureau’s clock', () => {
    const lateUtcEvening = new Date('2026-03-01T17:30:00Z');
    expect(civilDate(lateUtcEvening, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(civilDate(lateUtcEvening, 'UTC')).toBe('2026-03-01');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-01', 0)).toBe('2026-03-01');
  });
});
