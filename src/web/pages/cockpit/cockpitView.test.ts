import { describe, expect, it } from 'vitest';
import {
  cockpitQueryFromParams,
  cockpitQueryToParams,
  monthsOf,
  monthWithin,
  presetPeriod,
  townMonthList,
  yi,
} from './cockpitView.ts';

describe('cockpit view', () => {
  it('reads the period and area from the URL and writes them back, dropping malformed values', () => {
    const zone = '0b7f7a3e-5d0c-4a8e-9a51-3c0d6f1f2a10';
    const params = new URLSearchParams({ since: '2021-01-01', until: '2026-11-25', zone, town: '310114102' });
    const query = cockpitQueryFromParams(params);
    expect(query).toEqual({ since: '2021-01-01', until: '2026-11-25', zone, town: '310114102' });
    expect(cockpitQueryToParams(query).toString()).toBe(params.toString());
    expect(cockpitQueryFromParams(new URLSearchParams('since=2021&zone=x&town=abc'))).toEqual({});
  });

  it('turns presets into days', () => {
    expect(presetPeriod('yearToDate', '2026-11-25')).toEqual({});
    expect(presetPeriod('lastMonth', '2026-01-10')).toEqual({ since: '2025-12-01', until: '2025-12-31' });
    expect(presetPeriod('last12Months', '2026-11-25')).toEqual({ since: '2025-11-26', until: '2026-11-25' });
    expect(presetPeriod('last12Months', '2028-02-29')).toEqual({ since: '2027-03-01', until: '2028-02-29' });
    expect(presetPeriod('since2021', '2026-11-25')).toEqual({ since: '2021-01-01' });
  });

  it('lists every month of a period, across years', () => {
    expect(monthsOf('2025-11-15', '2026-02-03')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });

  it('clips a clicked month to the period, so the list counts what the bar counts', () => {
    expect(monthWithin('2025-12', '2025-11-15', '2026-02-03')).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(monthWithin('2025-11', '2025-11-15', '2026-02-03')).toEqual({
      from: '2025-11-15',
      to: '2025-11-30',
    });
    expect(monthWithin('2026-02', '2025-11-15', '2026-02-03')).toEqual({
      from: '2026-02-01',
      to: '2026-02-03',
    });
    expect(monthWithin('2024-02', '2024-01-01', '2024-12-31')).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    const list = { path: '/companies' as const, query: { town: '310114102', establishedFrom: '2025-11-15' } };
    expect(townMonthList(list, '2025-12', '2025-11-15', '2026-02-03').query).toEqual({
      town: '310114102',
      establishedFrom: '2025-12-01',
      establishedTo: '2025-12-31',
    });
  });

  it('shows yuan in 亿 with two decimals', () => {
    expect(yi('123456789')).toBe(1.23);
    expect(yi('71800000000')).toBe(718);
    expect(yi('0')).toBe(0);
  });
});
