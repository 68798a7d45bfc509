import { describe, expect, it } from 'vitest';
import { enterpriseTypes, hqTypes, statuses } from './company-enums.ts';

describe('company kinds', () => {
  it('share no value: the kinds index holds status, enterprise type and HQ type in one array', () => {
    const all = [...statuses, ...enterpriseTypes, ...hqTypes];
    expect(new Set(all).size).toBe(all.length);
  });
});
