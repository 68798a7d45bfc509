/**
 * Money in the registry is whole yuan as a decimal string (amounts can exceed 2^53). Officers think in
 * 万元 (10,000 yuan) and 亿元 (100 million yuan); these helpers convert exactly, with BigInt.
 */

const WAN = 10_000n;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses a decimal amount of 万元 ('12.5', '1,000', '0.0001') into whole yuan, rounding half up; null if not a number. */
export function wanToYuan(input: string, options: { allowNegative?: boolean } = {}): string | null {
  const text = input.trim().replace(/[,，\s]/g, '');
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (!whole && !fraction) return null;
  if (sign === '-' && !options.allowNegative) return null;
  const digits = fraction.padEnd(5, '0');
  let yuan = BigInt(whole || '0') * WAN + BigInt(digits.slice(0, 4));
  if ((digits[4] ?? '0') >= '5') yuan += 1n;
  if (yuan === 0n) return '0';
  return `${sign === '-' ? '-' : ''}${yuan}`;
}

/** Whole yuan → the exact amount in 万元 as a decimal string without trailing zeros ('125000' → '12.5'). */
export function yuanToWan(yuan: string): string {
  const value = BigInt(yuan);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const fraction = (abs % WAN).toString().padStart(4, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / WAN}${fraction ? `.${fraction}` : ''}`;
}

export type MoneyUnit = 'wan' | 'yi';

/** The amount in the unit officers read it in: 亿 from 100 million up, else 万; rounded to 2 decimals. */
export function scaleYuan(yuan: string): { amount: number; unit: MoneyUnit } {
  const value = Number(yuan);
  if (Math.abs(value) >= 1e8) return { amount: Math.round(value / 1e6) / 100, unit: 'yi' };
  return { amount: Math.round(value / 100) / 100, unit: 'wan' };
}

/** True for a whole-yuan decimal string as the API sends it. */
export function isYuan(value: unknown): value is string {
  return typeof value === 'string' && /^-?\d+$/.test(value);
}
