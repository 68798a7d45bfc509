import { describe, expect, it } from 'vitest';
import { kindsWorthIntersecting } from './search-costs.ts';

const rows = 1_000_000;
const shares = new Map([
  ['active', 0.95],
  ['revoked', 0.04],
  ['domestic', 0.88],
  ['foreign', 0.06],
  ['none', 0.995],
  ['rnd_center', 0.003],
]);

describe('kindsWorthIntersecting', () => {
  it('intersects a rare kind with a common word', () => {
    expect(kindsWorthIntersecting(['rnd_center'], shares, 137_000, rows)).toEqual(['rnd_center']);
    expect(kindsWorthIntersecting(['revoked'], shares, 137_000, rows)).toEqual(['revoked']);
  });

  it('leaves a kind most companies have to the row check', () => {
    expect(kindsWorthIntersecting(['active'], shares, 915, rows)).toEqual([]);
    expect(kindsWorthIntersecting(['active'], shares, 137_000, rows)).toEqual([]);
    expect(kindsWorthIntersecting(['none'], shares, 50_000, rows)).toEqual([]);
  });

  it('takes the rarest first and stops where the rest saves too little', () => {
    expect(kindsWorthIntersecting(['active', 'foreign'], shares, 137_000, rows)).toEqual(['foreign']);
    expect(kindsWorthIntersecting(['foreign', 'rnd_center'], shares, 137_000, rows)).toEqual(['rnd_center']);
  });

  it('counts a kind the statistics do not list as rare', () => {
    expect(kindsWorthIntersecting(['moved_out'], shares, 2_000, rows)).toEqual(['moved_out']);
  });

  it('intersects nothing for a rare word and a fairly common kind', () => {
    expect(kindsWorthIntersecting(['foreign'], shares, 300, rows)).toEqual([]);
  });
});
