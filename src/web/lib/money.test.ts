import { describe, expect, it } from 'vitest';
import { isYuan, scaleYuan, wanToYuan, yuanToWan } from './money.ts';

describe('万元 ↔ yuan', () => {
  it('converts 万元 to whole yuan exactly', () => {
    expect(wanToYuan('12.5')).toBe('125000');
    expect(wanToYuan('1,000')).toBe('10000000');
    expect(wanToYuan('0.0001')).toBe('1');
    expect(wanToYuan('0.00005')).toBe('1');
    expect(wanToYuan('0.00004')).toBe('0');
    expect(wanToYuan(' 3 ')).toBe('30000');
    expect(wanToYuan('.5')).toBe('5000');
    expect(wanToYuan('123456789012345')).toBe('1234567890123450000');
  });

  it('rejects what is not an amount', () => {
    expect(wanToYuan('')).toBeNull();
    expect(wanToYuan('.')).toBeNull();
    expect(wanToYuan('abc')).toBeNull();
    expect(wanToYuan('1e5')).toBeNull();
    expect(wanToYuan('-5')).toBeNull();
    expect(wanToYuan('-5', { allowNegative: true })).toBe('-50000');
  });

  it('converts yuan to 万元 without losing digits', () => {
    expect(yuanToWan('125000')).toBe('12.5');
    expect(yuanToWan('1')).toBe('0.0001');
    expect(yuanToWan('0')).toBe('0');
    expect(yuanToWan('-50000')).toBe('-5');
    expect(yuanToWan('1234567890123456789')).toBe('123456789012345.6789');
    expect(wanToYuan(yuanToWan('1234567890123456789'))).toBe('1234567890123456789');
  });

  it('scales to 万 or 亿', () => {
    expect(scaleYuan('125000')).toEqual({ amount: 12.5, unit: 'wan' });
    expect(scaleYuan('99999999')).toEqual({ amount: 10000, unit: 'wan' });
    expect(scaleYuan('100000000')).toEqual({ amount: 1, unit: 'yi' });
    expect(scaleYuan('325000000')).toEqual({ amount: 3.25, unit: 'yi' });
    expect(scaleYuan('5000')).toEqual({ amount: 0.5, unit: 'wan' });
  });

  it('recognises API money strings', () => {
    expect(isYuan('123')).toBe(true);
    expect(isYuan('-5')).toBe(true);
    expect(isYuan('1.5')).toBe(false);
    expect(isYuan(12)).toBe(false);
  });
});
