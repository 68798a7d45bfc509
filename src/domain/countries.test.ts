import { describe, expect, it } from 'vitest';
import { countryCodes } from './countries.ts';

describe('countryCodes', () => {
  it('lists current ISO 3166-1 codes, not retired ones or groupings that ICU also names', () => {
    const codes = countryCodes();
    for (const code of ['CN', 'GB', 'FR', 'RU', 'DE', 'US', 'HK', 'MO', 'TW', 'VG', 'KY', 'RS', 'TL', 'CD'])
      expect(codes, code).toContain(code);
    for (const code of ['UK', 'FX', 'SU', 'DD', 'YU', 'CS', 'TP', 'ZR', 'BU', 'AN', 'EU', 'UN', 'ZZ', 'QO'])
      expect(codes, code).not.toContain(code);
    expect(codes.length).toBeGreaterThanOrEqual(245);
    expect(codes.length).toBeLessThanOrEqual(252);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
