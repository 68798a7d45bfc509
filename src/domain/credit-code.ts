/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015. Eighteen characters from a 31-character set:
 *
 *   position 1       registration authority (登记管理部门代码)
 *   position 2       category within that authority (机构类别代码)
 *   positions 3–8    administrative division of the registering office (GB/T 2260, six digits)
 *   positions 9–17   organisation code (组织机构代码, GB 11714-1997): eight body characters and a check at 17
 *   position 18      check character over positions 1–17, modulo 31
 *
 * Everything here runs once per imported row, so the character tables are built once and the validator does not
 * allocate for input that is already in canonical form (18 upper-case ASCII characters).
 */
import { type MessageCode, type Refusal, refuse } from './messages.ts';
import { toHalfWidth } from './normalise.ts';

/** The code's alphabet: digits and capitals without I, O, Z, S and V. A character's value is its index. */
export const creditCodeCharset = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights for positions 1–17: 3^(i−1) mod 31. */
export const creditCodeWeights: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** GB 11714-1997 weights for the eight body characters of the organisation code. */
export const orgCodeWeights: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

/** Value of a character in the credit-code alphabet by char code, or −1. */
const codeValue = new Int8Array(128).fill(-1);
for (let i = 0; i < creditCodeCharset.length; i++) codeValue[creditCodeCharset.charCodeAt(i)] = i;

/** GB 11714 body values by char code: digits 0–9, and the full alphabet A–Z as 10–35; otherwise −1. */
const orgValue = new Int8Array(128).fill(-1);
for (let c = 48; c <= 57; c++) orgValue[c] = c - 48;
for (let c = 65; c <= 90; c++) orgValue[c] = c - 55;

const weights = Int32Array.from(creditCodeWeights);
const orgWeights = Int32Array.from(orgCodeWeights);

export type CreditCodeResult = { ok: true; code: string } | Refusal;

/** The check character over the first 17 characters, which the caller has verified against the alphabet. */
function checkCharOf(code: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (codeValue[code.charCodeAt(i)] as number) * (weights[i] as number);
  return creditCodeCharset[(31 - (sum % 31)) % 31] as string;
}

/** The GB 11714 check for the eight characters starting at `from`, which the caller has verified. */
function orgCheckOf(code: string, from: number): string {
  let sum = 0;
  for (let i = 0; i < 8; i++)
    sum += (orgValue[code.charCodeAt(from + i)] as number) * (orgWeights[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String.fromCharCode(48 + c);
}

/** True for 18 characters that are all digits or ASCII capitals: no trimming or case folding needed. */
function isCanonicalShape(s: string): boolean {
  if (s.length !== 18) return false;
  for (let i = 0; i < 18; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || (c > 57 && c < 65) || c > 90) return false;
  }
  return true;
}

function quoteChar(s: string, at: number): string {
  const cp = s.codePointAt(at) as number;
  return JSON.stringify(String.fromCodePoint(cp));
}

/** 9.13101E+17, 9.1310114E17: how Excel shows an all-digit code it took for a number. */
const scientific = /^\d(?:\.\d+)?E\+?\d+$/;

/**
 * A workbook keeps numbers to 15 significant digits, so an all-digit code stored as a number comes back with its
 * last three digits 000: say so, or the officer hunts for a typo that is not there.
 */
function looksRounded(code: string): boolean {
  if (!code.endsWith('000')) return false;
  for (let i = 0; i < 15; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A leading apostrophe is how some systems' CSV exports keep Excel from turning a long digit string into a number,
 * as Excel's own '-prefix does when typed; it is not part of the code.
 */
function textGuard(code: string): string {
  return code.charCodeAt(0) === 39 || code.charCodeAt(0) === 0x2018 ? code.slice(1).trim() : code;
}

/** Spaces and hyphens inside a code: how one copied from a licence, a PDF or a letter is grouped (9131 0114 MA1G…). */
const separators = /[\s-]+/g;

/** Letters the alphabet leaves out, and what each most likely stands for when typed or read off paper. */
const lookalikes: Readonly<Record<string, string>> = { I: '1', O: '0', Z: '2', S: '5', V: 'U' };

function notAllowed(code: string, at: number): Refusal {
  const ch = code[at] as string;
  const meant = lookalikes[ch];
  if (!meant)
    return refuse('creditCode.notAllowed', { char: String.fromCodePoint(code.codePointAt(at) as number) });
  return refuse('creditCode.lookalike', { char: ch, meant });
}

/**
 * Validates a credit code as typed or exported: surrounding whitespace is trimmed, spaces and hyphens between its
 * characters are dropped (both check characters still guard the result), full-width characters are made half-width
 * and letters upper-cased before checking. The first problem found is the reason.
 */
export function validateCreditCode(raw: string): CreditCodeResult {
  const code = isCanonicalShape(raw)
    ? raw
    : textGuard(toHalfWidth(raw).trim()).replace(separators, '').toUpperCase();
  if (code.length !== 18) {
    if (scientific.test(code)) return refuse('creditCode.scientific', { code });
    if (/^\d{15}$/.test(code)) return refuse('creditCode.registrationNumber', { code });
    return refuse('creditCode.length', { length: code.length });
  }
  for (let i = 0; i < 18; i++) {
    const c = code.charCodeAt(i);
    if (c >= 128 || codeValue[c] === -1) return notAllowed(code, i);
  }
  for (let i = 2; i < 8; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return refuse('creditCode.division', { division: code.slice(2, 8) });
  }
  const org = orgCheckOf(code, 8);
  if (code[16] !== org) {
    const which: MessageCode = looksRounded(code) ? 'creditCode.orgCheckRounded' : 'creditCode.orgCheck';
    return refuse(which, { expected: org, got: code[16] as string });
  }
  const check = checkCharOf(code);
  if (code[17] !== check) {
    // Xiamen issued codes before the standard settled whose 18th character follows an older rule (see
    // hutool issue #2020: 91350203M0001FUE2P is a registered company). We still reject them, but say why.
    const which: MessageCode = code.startsWith('3502', 2)
      ? 'creditCode.checkCharXiamen'
      : looksRounded(code)
        ? 'creditCode.checkCharRounded'
        : 'creditCode.checkChar';
    return refuse(which, { expected: check, got: code[17] as string });
  }
  return { ok: true, code };
}

/**
 * The 18th character for 17 characters of the credit-code alphabet (upper case, no normalisation).
 * @throws RangeError for the wrong length or a character outside the alphabet.
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${first17.length}`);
  for (let i = 0; i < 17; i++) {
    const c = first17.charCodeAt(i);
    if (c >= 128 || codeValue[c] === -1) {
      throw new RangeError(`${quoteChar(first17, i)} is not a credit-code character`);
    }
  }
  return checkCharOf(first17);
}

/**
 * The GB 11714-1997 check character ('0'–'9' or 'X') for an eight-character organisation-code body of digits and
 * capitals. GB 11714 itself allows the whole alphabet; a body meant for a credit code must also avoid I, O, Z, S, V.
 * @throws RangeError for the wrong length or a character other than 0–9, A–Z.
 */
export function orgCodeCheckChar(body8: string): string {
  if (body8.length !== 8) throw new RangeError(`expected 8 characters, got ${body8.length}`);
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    if (c >= 128 || orgValue[c] === -1) {
      throw new RangeError(`${quoteChar(body8, i)} is not an organisation-code character`);
    }
  }
  return orgCheckOf(body8, 0);
}

/**
 * Builds a valid credit code from its first eight characters (authority, category, six-digit division) and an
 * eight-character organisation-code body, adding both check characters. For test data and fixtures.
 * @throws RangeError when the parts cannot form a valid code.
 */
export function makeCreditCode(prefix8: string, orgBody8: string): string {
  if (prefix8.length !== 8) throw new RangeError(`prefix must be 8 characters, got ${prefix8.length}`);
  if (orgBody8.length !== 8) {
    throw new RangeError(`organisation body must be 8 characters, got ${orgBody8.length}`);
  }
  const first16 = prefix8 + orgBody8;
  for (let i = 0; i < 16; i++) {
    const c = first16.charCodeAt(i);
    if (c >= 128 || codeValue[c] === -1) {
      throw new RangeError(`${quoteChar(first16, i)} is not a credit-code character`);
    }
    if (i >= 2 && i < 8 && (c < 48 || c > 57)) throw new RangeError('positions 3–8 must be digits');
  }
  const first17 = first16 + orgCheckOf(first16, 8);
  return first17 + checkCharOf(first17);
}

export interface RegistrationKind {
  /** The registration authority, e.g. 工商. */
  authority: string;
  /** The category within it, e.g. 企业; null when the standard's table does not name it. */
  category: string | null;
}

/**
 * The authorities and categories in GB 32100-2015's own table. Later allocations by the standards body (for
 * example for law firms or religious venues) appear in codes but are listed inconsistently by public sources, so
 * they are accepted by the validator and simply not described here. 工商 is today's 市场监管 (market regulation).
 */
const registrationKinds: Readonly<
  Record<string, { authority: string; categories: Readonly<Record<string, string>> }>
> = {
  '1': {
    authority: '机构编制',
    categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '5': {
    authority: '民政',
    categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' },
  },
  '9': { authority: '工商', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  Y: { authority: '其他', categories: {} },
};

/** Describes a code's first two characters, or returns null for an authority the standard's table does not list. */
export function describeRegistration(code: string): RegistrationKind | null {
  const kind = registrationKinds[code.charAt(0)];
  if (!kind) return null;
  return { authority: kind.authority, category: kind.categories[code.charAt(1)] ?? null };
}
