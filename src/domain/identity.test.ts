import { describe, expect, it } from 'vitest';
import { divisionLevel, isValidEmail, isValidSlug, normaliseEmail, passwordProblem } from './identity.ts';

describe('identity rules', () => {
  it('normalises and validates emails', () => {
    expect(normaliseEmail('  Admin@Jiading.Demo ')).toBe('admin@jiading.demo');
    expect(isValidEmail('admin@jiading.demo')).toBe(true);
    expect(isValidEmail('admin@jiading')).toBe(false);
    expect(isValidEmail('a b@c.d')).toBe(false);
  });

  it('accepts url-safe slugs only', () => {
    expect(isValidSlug('jiading')).toBe(true);
    expect(isValidSlug('lingang-park2')).toBe(true);
    expect(isValidSlug('Jiading')).toBe(false);
    expect(isValidSlug('-x')).toBe(false);
    expect(isValidSlug('a--b')).toBe(false);
  });

  it('requires passwords of a sensible length', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('lodestone-demo')).toBeNull();
    expect(passwordProblem('x'.repeat(201))).toMatch(/at most/);
  });

  it('reads the level of a division code from its length', () => {
    expect(divisionLevel('31')).toBe('province');
    expect(divisionLevel('3101')).toBe('city');
    expect(divisionLevel('310114')).toBe('county');
    expect(divisionLevel('310114103')).toBe('town');
    expect(divisionLevel('3101141')).toBeNull();
    expect(divisionLevel('31a114')).toBeNull();
  });
});
