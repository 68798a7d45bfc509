/**
 * A second implementation of the credit-code rules, for tests only, written from the standards' text and kept
 * apart from src/domain/credit-code.ts (it shares no code or table with it), so the two can check each other:
 *
 * - GB 32100-2015 §4: 18 characters from 0–9 and the capitals without I, O, S, V, Z; §4.3: positions 3–8 are the
 *   GB/T 2260 division (digits); positions 9–17 the organisation code; §5 and appendix: the check character
 *   C18 = 31 − MOD(Σ Ci·Wi, 31), with the character values of table 2 and the weights of table 3.
 * - GB 11714-1997 §5: the organisation code's check C9 = 11 − MOD(Σ Ci·Wi, 11) with Wi = 3 7 9 10 5 8 4 2, digits
 *   worth their value and A–Z worth 10–35; 10 is written X and 11 is written 0.
 */

// GB 32100-2015 table 2 (character → value), written out as the standard lists it.
// biome-ignore format: the standard's table, laid out as printed
const table2: Record<string, number> = {
  '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9,
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, J: 18, K: 19, L: 20, M: 21, N: 22,
  P: 23, Q: 24, R: 25, T: 26, U: 27, W: 28, X: 29, Y: 30,
};
const valueChars = Object.keys(table2);

// GB 32100-2015 table 3: weights of positions 1–17.
const table3 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const gb11714Weights = [3, 7, 9, 10, 5, 8, 4, 2];

function gb11714Value(ch: string): number {
  if (ch >= '0' && ch <= '9') return Number(ch);
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 'A'.charCodeAt(0) + 10;
  return Number.NaN;
}

export function referenceOrgCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += gb11714Value(body8[i] as string) * (gb11714Weights[i] as number);
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

export function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (table2[first17[i] as string] as number) * (table3[i] as number);
  const c18 = 31 - (sum % 31);
  const value = c18 === 31 ? 0 : c18;
  return valueChars.find((ch) => table2[ch] === value) as string;
}

/** Whether an 18-character string, as given (no trimming or case folding), is a valid credit code. */
export function referenceIsValid(code: string): boolean {
  if (code.length !== 18) return false;
  for (const ch of code) if (!(ch in table2)) return false;
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return false;
  if (referenceOrgCheck(code.slice(8, 16)) !== code[16]) return false;
  return referenceCheckChar(code.slice(0, 17)) === code[17];
}

/**
 * A valid code from an 8-character prefix (authority, category, division) and a random organisation body drawn
 * from the credit-code characters. `digitsOnly` draws the body from digits, as older organisation codes are.
 */
export function referenceCode(prefix8: string, random: () => number, digitsOnly = false): string {
  const pool = digitsOnly ? '0123456789' : '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '';
  for (let i = 0; i < 8; i++) body += pool[Math.floor(random() * pool.length)];
  return referenceCodeFrom(prefix8, body);
}

/** The credit-code characters, for tests that change one character of a code. */
export const referenceAlphabet = valueChars.join('');

/** A valid code from an 8-character prefix and an 8-character organisation body, both checks added. */
export function referenceCodeFrom(prefix8: string, body8: string): string {
  const first17 = prefix8 + body8 + referenceOrgCheck(body8);
  return first17 + referenceCheckChar(first17);
}
