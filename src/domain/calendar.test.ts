import { describe, expect, it } from 'vitest';
import { addDays, civilDate, splitMonths } from './calendar.ts';

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

describe('splitMonths', () => {
  it('keeps whole months apart from the edge days', () => {
    expect(splitMonths('2021-01-01', '2026-11-25')).toEqual({
      months: ['2021-01-01', '2026-11-01'],
      edges: [['2026-11-01', '2026-11-25']],
    });
    expect(splitMonths('2023-03-15', '2025-08-31')).toEqual({
      months: ['2023-04-01', '2025-09-01'],
      edges: [['2023-03-15', '2023-03-31']],
    });
    expect(splitMonths('2024-12-20', '2025-01-31')).toEqual({
      months: ['2025-01-01', '2025-02-01'],
      edges: [['2024-12-20', '2024-12-31']],
    });
    expect(splitMonths('2025-02-10', '2025-02-20')).toEqual({
      months: null,
      edges: [['2025-02-10', '2025-02-20']],
    });
    expect(splitMonths('2025-02-01', '2025-02-28')).toEqual({
      months: ['2025-02-01', '2025-03-01'],
      edges: [],
    });
  });
});
