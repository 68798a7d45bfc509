import { describe, expect, it } from 'vitest';
import { formatRate, isCurrencyCode, isMajor, parseRate, toYuan } from './currency.ts';

describe('currency', () => {
  it('reads rates as exact millionths', () => {
    expect(parseRate('7.1')).toBe(7_100_000n);
    expect(parseRate('0.047')).toBe(47_000n);
    expect(parseRate(' 1 ')).toBe(1_000_000n);
    expect(parseRate('0.000001')).toBe(1n);
    for (const bad of ['0', '0.0', '-1', '1e3', '7.1234567', 'abc', '', '.5'])
      expect(parseRate(bad), bad).toBeNull();
  });

  it('writes rates back in their shortest form', () => {
    expect(formatRate(7_100_000n)).toBe('7.1');
    expect(formatRate(47_000n)).toBe('0.047');
    expect(formatRate(8_000_000n)).toBe('8');
  });

  it('converts to whole yuan exactly, rounding half up', () => {
    // The article's example: US$13 million is about 100 million yuan.
    expect(toYuan(13_000_000n, parseRate('7.6923') as bigint)).toBe(99_999_900n);
    expect(toYuan(1n, 500_000n)).toBe(1n);
    expect(toYuan(1n, 499_999n)).toBe(0n);
    expect(toYuan(9_000_000_000_000n, 7_100_000n)).toBe(63_900_000_000_000n);
  });

  it('flags a major project at the threshold, not below, and never without an amount', () => {
    expect(isMajor(100_000_000n, 100_000_000n)).toBe(true);
    expect(isMajor(99_999_999n, 100_000_000n)).toBe(false);
    expect(isMajor(null, 100_000_000n)).toBe(false);
  });

  it('recognises ISO 4217 codes', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('US$')).toBe(false);
  });
});
