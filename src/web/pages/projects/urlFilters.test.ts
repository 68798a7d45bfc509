import { describe, expect, it } from 'vitest';
import { urlFiltersFromParams, withoutFilter } from './urlFilters.ts';

const zone = '0b7f7a3e-5d0c-4a8e-9a51-3c0d6f1f2a10';

describe('project list filters from the URL', () => {
  it('keeps the filters a cockpit figure links to', () => {
    const params = new URLSearchParams({
      zone,
      town: '310114102,310114103',
      stage: 'signed,registered,construction,operating,on_hold',
      signedFrom: '2021-01-01',
      signedTo: '2026-11-25',
      major: 'true',
      foreignFunded: 'true',
      kind: 'regional_hq',
      reached: 'negotiating',
      partner: zone,
    });
    expect(urlFiltersFromParams(params)).toEqual(Object.fromEntries(params));
  });

  it('drops malformed values and unknown keys instead of sending them to the API', () => {
    const params = new URLSearchParams({
      stage: 'signed,flying',
      reached: 'lost',
      major: 'yes',
      zone: 'not-a-uuid',
      town: '31011410a',
      signedFrom: '2021-1-1',
      kind: 'regional_hq',
      sort: 'amount',
    });
    expect(urlFiltersFromParams(params)).toEqual({ kind: 'regional_hq' });
  });

  it('takes one filter off and leaves the rest', () => {
    const params = new URLSearchParams({ major: 'true', zone });
    expect(Object.fromEntries(withoutFilter(params, 'major'))).toEqual({ zone });
  });
});
