import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { newId } from './columns.ts';

describe('newId', () => {
  it('makes valid, distinct version-7 ids that keep the order they were made in, within a millisecond too', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // Far more ids than milliseconds passed: many share one, and the counter still ordered them.
    expect(new Set(ids.map((id) => id.slice(0, 13))).size).toBeLessThan(ids.length / 10);
  });
});
