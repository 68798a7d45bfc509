/**
 * Investment amounts are kept in the currency the investor named and converted to yuan with the tenant's own
 * rate table, because the bureau reports in yuan at the rate it chose, not at a market rate of the day. All
 * arithmetic is on bigints: a rate is held as millionths of a yuan per unit.
 */

/** Rates carry six decimals: enough for the yen (≈0.047 yuan) without a float. */
const rateScale = 1_000_000n;

export const defaultMajorThresholdYuan = 100_000_000n;

export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value);
}

/** A rate as the API takes it ("7.1", "0.047"), in millionths of a yuan; null when it is not a positive decimal. */
export function parseRate(text: string): bigint | null {
  const match = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return null;
  const micros = BigInt(match[1] as string) * rateScale + BigInt((match[2] ?? '').padEnd(6, '0'));
  return micros > 0n ? micros : null;
}

/** The rate back as the shortest decimal string: 7100000 → "7.1". */
export function formatRate(micros: bigint): string {
  const whole = micros / rateScale;
  const fraction = (micros % rateScale).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

/** Whole units of a currency to whole yuan, rounded half up. */
export function toYuan(amount: bigint, rateMicros: bigint): bigint {
  return (amount * rateMicros + rateScale / 2n) / rateScale;
}

/** A major project (重大项目) is one whose yuan amount reaches the tenant's threshold; an unknown amount is not. */
export function isMajor(amountYuan: bigint | null, thresholdYuan: bigint): boolean {
  return amountYuan !== null && amountYuan >= thresholdYuan;
}
