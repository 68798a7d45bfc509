import { describe, expect, it } from 'vitest';
import { change, checkTargetScope, cockpitPeriod, progress, yearEarlier } from './cockpit.ts';

describe('cockpit rules', () => {
  it('defaults the period to the year so far and refuses bad days', () => {
    expect(cockpitPeriod(undefined, undefined, '2026-11-25')).toEqual({
      ok: true,
      since: '2026-01-01',
      until: '2026-11-25',
    });
    expect(cockpitPeriod('2021-01-01', undefined, '2026-11-25')).toMatchObject({
      ok: true,
      since: '2021-01-01',
    });
    expect(cockpitPeriod('2021-02-30', undefined, '2026-11-25')).toMatchObject({ ok: false });
    expect(cockpitPeriod('yesterday', undefined, '2026-11-25')).toMatchObject({ ok: false });
    expect(cockpitPeriod('2026-12-01', '2026-11-01', '2026-11-25')).toMatchObject({ ok: false });
  });

  it('shifts a day a year back, 29 February to the 28th', () => {
    expect(yearEarlier('2026-03-31')).toBe('2025-03-31');
    expect(yearEarlier('2024-02-29')).toBe('2023-02-28');
  });

  it('gives a change only against something', () => {
    expect(change(125, 100)).toBe(0.25);
    expect(change(1, 0)).toBeNull();
    expect(progress(718n, 700n)).toBe(1.0257);
    expect(progress(5n, 0n)).toBeNull();
  });

  it('keeps new-company targets district-wide and a target to one scope', () => {
    expect(checkTargetScope('new_companies', 'c', null)).toMatch(/district/);
    expect(checkTargetScope('major_projects', 'c', 's')).toMatch(/not both/);
    expect(checkTargetScope('major_projects', 'c', null)).toBeNull();
  });
});
