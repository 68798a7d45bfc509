/**
 * Normalisation of spreadsheet cells from Chinese registry and statistics exports. These run for every cell of a
 * bulk import (well over 100,000 rows a second), so they scan character codes by hand, return the input itself
 * when nothing changes, and keep regular expressions at module level.
 */

import { type MessageCode, type Refusal, refuse } from './messages.ts';

// ---------------------------------------------------------------------------------------------------------------
// Text

function isFullWidthAscii(c: number): boolean {
  return c >= 0xff01 && c <= 0xff5e;
}

/** Full-width ASCII (U+FF01–U+FF5E) becomes half-width and the ideographic space U+3000 a space; CJK is untouched. */
export function toHalfWidth(s: string): string {
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x3000 && (c === 0x3000 || isFullWidthAscii(c))) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  let from = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x3000) continue;
    if (c === 0x3000) out += `${s.slice(from, i)} `;
    else if (isFullWidthAscii(c)) out += s.slice(from, i) + String.fromCharCode(c - 0xfee0);
    else continue;
    from = i + 1;
  }
  return out + s.slice(from);
}

/** Exactly the characters JavaScript's `\s` matches, so the fast path agrees with `whitespaceRun`. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const whitespaceRun = /\s+/g;
const zeroWidth = /\u200b|\u200c|\u200d|\u2060/g;

/**
 * Half-width, trimmed, internal whitespace runs (tabs, line breaks, NBSP, ideographic spaces) collapsed to one
 * space, and zero-width characters that spreadsheets carry invisibly (U+200B–U+200D, U+2060) removed.
 * Returns '' for a blank cell.
 */
export function cleanText(s: string): string {
  let t = toHalfWidth(s);
  const n = t.length;
  let needsCollapse = false;
  let needsZeroWidth = false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x200b && (c <= 0x200d || c === 0x2060)) {
      needsZeroWidth = true; // transparent: a space on either side still makes a run
    } else if (isSpace(c)) {
      if (prevSpace || c !== 0x20) needsCollapse = true;
      prevSpace = true;
    } else {
      prevSpace = false;
    }
  }
  if (needsZeroWidth) t = t.replace(zeroWidth, '');
  if (needsCollapse) t = t.replace(whitespaceRun, ' ');
  return t.trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

/** A cell as a message shows it, shortened so one bad cell cannot flood an error report. */
function shown(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

const pad2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

export type DateResult = { ok: true; value: string } | Refusal;

export const minYear = 1900;
export const maxYear = 2100;
/** Excel's largest serial, 9999-12-31. */
export const maxExcelSerial = 2958465;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const monthDays = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : (monthDays[m] as number);
}

function formatDate(y: number, m: number, d: number): string {
  return `${y}-${pad2[m]}-${pad2[d]}`;
}

function dateOf(y: number, m: number, d: number): DateResult {
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) {
    const code: MessageCode = isDayZero(y, m, d) ? 'date.noSuchDateDayZero' : 'date.noSuchDate';
    return refuse(code, { date: `${String(y).padStart(4, '0')}-${pad2[m]}-${pad2[d]}` });
  }
  if (y < minYear || y > maxYear) {
    const code: MessageCode = isDayZero(y, m, d) ? 'date.yearRangeDayZero' : 'date.yearRange';
    return refuse(code, { year: y, min: minYear, max: maxYear });
  }
  return { ok: true, value: formatDate(y, m, d) };
}

/**
 * 1900-01-00 is how Excel shows a date cell holding 0, and 1899-12-30 or 1899-12-31 how databases and other
 * spreadsheets show their day zero: an empty date written out, not a date of the company's.
 */
function isDayZero(y: number, m: number, d: number): boolean {
  return (y === 1900 && m === 1 && d === 0) || (y === 1899 && m === 12 && d >= 30);
}

/** 2021-03, 2021年3月, 202103: a year and a month, which an establishment date needs the day of. */
function yearMonth(s: string): DateResult {
  return refuse('date.yearMonth', { text: shown(s) });
}

/** Civil date of a day count from 1970-01-01 (H. Hinnant's days_from_civil, inverted), without a Date object. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and Excel (copying Lotus 1-2-3) counts a 29 February 1900
 * that never was as serial 60, so serials from 61 on are one day ahead of a plain count. Fractions are times of day.
 * Serials 1900–2100 (with or without a fraction) are refused: in a date column 2021 or 2021.03 is far more likely
 * a year typed alone than a day in 1905, and guessing would silently store a wrong date.
 */
function fromExcelSerial(serial: number, shown: string): DateResult {
  if (!Number.isFinite(serial) || serial < 1 || serial >= maxExcelSerial + 1) {
    return refuse('date.serialRange', { serial: shown, max: maxExcelSerial });
  }
  const day = Math.floor(serial);
  if (day === 60) {
    return refuse('date.serial1900Leap', { serial: shown });
  }
  if (day >= minYear && day <= maxYear) {
    return refuse('date.yearOnly', { text: shown });
  }
  // 1899-12-31 is day −25568 from 1970-01-01; from serial 61 on Excel's phantom leap day shifts the count by one.
  const [y, m, d] = civilFromDays(day - (day < 60 ? 25568 : 25569));
  return dateOf(y, m, d);
}

/**
 * Time of day after a date: 'T' or spaces, hh:mm[:ss[.fff]], optional zone; or a 12-hour time with 上午/下午 or
 * AM/PM before or after it, as Windows systems in the zh-CN locale write it (2021/3/5 上午 12:00:00). Sticky, tested
 * in place.
 */
const timeTail =
  /(?:T|\s+)(?:(?:上午|下午|AM|PM)\s*)?\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|AM|PM|上午|下午)?$/iy;
const serialLike = /^\d{1,7}\.\d+$/;

function readInt(s: string, from: number, maxDigits: number): number {
  // Returns value * 16 + digit count, or −1 when there is no digit or too many; avoids a tuple allocation.
  let v = 0;
  let i = from;
  while (i < s.length && i - from < maxDigits && isDigit(s.charCodeAt(i))) {
    v = v * 10 + s.charCodeAt(i++) - 48;
  }
  if (i < s.length && isDigit(s.charCodeAt(i))) return -1;
  return i === from ? -1 : v * 16 + (i - from);
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) === 32) i++;
  return i;
}

/**
 * Reads a date cell as YYYY-MM-DD. Accepts 2021-03-05, 2021/3/5, 2021.3.5, 2021年3月5日, 20210305, full-width
 * digits, an Excel serial (as a number or numeric text), and a datetime such as 2021-03-05T08:00:00+08:00 or
 * 2021/3/5 0:00 whose date is taken as written (no time-zone conversion). Day-first and month-first forms are
 * refused: 05/03/2021 is ambiguous. Years must be 1900–2100.
 */
export function parseDate(raw: string | number): DateResult {
  if (typeof raw === 'number') return fromExcelSerial(raw, String(raw));
  const s = cleanText(raw);
  if (s === '') return refuse('field.empty');
  const n = s.length;
  const year = readInt(s, 0, 8);
  if (year < 0) return refuse('date.unrecognised', { text: shown(s) });
  const yearDigits = year & 15;
  if (yearDigits === n) {
    if (yearDigits === 6) {
      const v = year >> 4;
      const m = v % 100;
      if (v >= minYear * 100 && v <= maxYear * 100 + 12 && m >= 1 && m <= 12) return yearMonth(s);
    }
    if (yearDigits !== 8) return fromExcelSerial(year >> 4, s);
    const v = year >> 4;
    return dateOf(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
  }
  if (serialLike.test(s)) return fromExcelSerial(Number(s), s);
  if (yearDigits !== 4) {
    return refuse('date.yearFirst', { text: shown(s) });
  }
  let i = skipSpaces(s, 4);
  const sep = s.charCodeAt(i);
  const chinese = sep === 0x5e74; // 年
  if (!chinese && sep !== 45 && sep !== 47 && sep !== 46) {
    return refuse('date.unrecognised', { text: shown(s) });
  }
  i = skipSpaces(s, i + 1);
  const month = readInt(s, i, 2);
  if (month < 0) return refuse('date.unrecognised', { text: shown(s) });
  i = skipSpaces(s, i + (month & 15));
  if (i === n && !chinese) return yearMonth(s);
  if (s.charCodeAt(i) !== (chinese ? 0x6708 : sep)) {
    return refuse('date.unrecognised', { text: shown(s) }); // 月 after the month in the Chinese form
  }
  i = skipSpaces(s, i + 1);
  if (i === n && chinese) return yearMonth(s);
  const day = readInt(s, i, 2);
  if (day < 0) return refuse('date.unrecognised', { text: shown(s) });
  i += day & 15;
  if (chinese) {
    const j = skipSpaces(s, i);
    const c = s.charCodeAt(j);
    if (c === 0x65e5 || c === 0x53f7) i = j + 1; // 日, 号
  }
  if (i < n) {
    timeTail.lastIndex = i;
    if (!timeTail.test(s)) return refuse('date.unrecognised', { text: shown(s) });
  }
  return dateOf(year >> 4, month >> 4, day >> 4);
}

// ---------------------------------------------------------------------------------------------------------------
// Money

export type MoneyResult = { ok: true; yuan: bigint; currency: string | null } | Refusal;

/** PostgreSQL bigint, the money columns' type. */
export const maxAmount = 9_223_372_036_854_775_807n;

export interface MoneySuffix {
  /** Power of ten the unit multiplies by: 0 for 元, 4 for 万, 8 for 亿; −1 when no unit is written. */
  exp: number;
  currency: string | null;
}

/**
 * Currency words as registry exports write them (foreign-invested companies' capital comes in any of these), and
 * ISO codes. 元 on its own is the yuan (CNY); most other currencies' Chinese names end in 元 themselves (美元), so
 * 万美元 is ten thousand dollars, never 万元 + 美.
 * 万元 before any currency (万元人民币, 万元港币) is the unit; 人民币万元-style doubling is accepted for CNY only.
 */
const currencyWords: Readonly<Record<string, string>> = {
  ...icuCurrencyNames(),
  人民币: 'CNY',
  美元: 'USD',
  美金: 'USD',
  港元: 'HKD',
  港币: 'HKD',
  欧元: 'EUR',
  日元: 'JPY',
  英镑: 'GBP',
  新加坡元: 'SGD',
  瑞士法郎: 'CHF',
  韩元: 'KRW',
  澳元: 'AUD',
  澳大利亚元: 'AUD',
  加元: 'CAD',
  加拿大元: 'CAD',
  新台币: 'TWD',
  台币: 'TWD',
  澳门元: 'MOP',
  CNY: 'CNY',
  RMB: 'CNY',
  USD: 'USD',
  HKD: 'HKD',
  EUR: 'EUR',
  JPY: 'JPY',
  GBP: 'GBP',
  SGD: 'SGD',
  CHF: 'CHF',
  KRW: 'KRW',
  AUD: 'AUD',
  CAD: 'CAD',
  TWD: 'TWD',
  NTD: 'TWD',
  MOP: 'MOP',
};

/**
 * The Chinese names ICU gives every other current currency (瑞典克朗, 泰铢, 俄罗斯卢布 …): the companies of a district
 * with Nordic, Thai or Russian investors register capital in them. Supranational units (XDR 特别提款权 …) are left out.
 */
function icuCurrencyNames(): Record<string, string> {
  const names = new Intl.DisplayNames(['zh'], { type: 'currency' });
  const out: Record<string, string> = {};
  for (const iso of Intl.supportedValuesOf('currency')) {
    const name = names.of(iso);
    if (name && !iso.startsWith('X') && /^\p{Script=Han}+$/u.test(name)) out[name] = iso;
  }
  return out;
}

/**
 * Currency words that name only the currency, not its unit of one: 人民币, 港币, 美金 and ISO codes (100人民币 under a
 * 万元 header is a million yuan). Every other word names the unit as 元 does: 100英镑 is a hundred pounds.
 */
const namesOnlyCurrency = /币$|金$|^[A-Z]+$/;

/** Every accepted text after the number (spaces and brackets removed, Latin upper-cased), built once. */
const suffixes = new Map<string, MoneySuffix>();
const prefixes = new Map<string, string>([
  ['¥', 'CNY'],
  ['￥', 'CNY'],
  ['$', 'USD'],
  ['US$', 'USD'],
  ['HK$', 'HKD'],
  ['€', 'EUR'],
]);
{
  const units: [string, number][] = [
    ['', -1],
    ['万', 4],
    ['亿', 8],
  ];
  for (const [unit, exp] of units) {
    if (unit) suffixes.set(unit, { exp, currency: null });
    suffixes.set(`${unit}元`, { exp: Math.max(exp, 0), currency: 'CNY' });
    for (const [word, iso] of Object.entries(currencyWords)) {
      // A currency named …元 states the unit of one as 元 does; 人民币, 港币 or USD name only the currency.
      suffixes.set(unit + word, { exp: exp < 0 && !namesOnlyCurrency.test(word) ? 0 : exp, currency: iso });
      // 万元 as the unit, then the currency: 5000万元人民币, and 500万元港币 as older foreign-invested records write it.
      suffixes.set(`${unit}元${word}`, { exp: Math.max(exp, 0), currency: iso });
      if (word === '人民币') suffixes.set(`${unit}${word}元`, { exp: Math.max(exp, 0), currency: iso });
    }
  }
  for (const [word, iso] of Object.entries(currencyWords)) prefixes.set(word, iso);
}

/**
 * Scans digits with optional thousands separators from `from`: commas must sit between groups of exactly three
 * digits after a first group of one to three, so a European 1,5 or a 万-grouped 1,0000 is refused rather than misread.
 * Returns end * 64 + digit count (capped at 63), or −1 for a misplaced comma.
 */
function scanGrouped(s: string, from: number, end: number): number {
  let i = from;
  let digits = 0;
  let group = -1; // digits since the last comma, or −1 before any comma
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      digits++;
      if (group >= 0) group++;
    } else if (c === 44) {
      if (group < 0 ? digits === 0 || digits > 3 : group !== 3) return -1;
      group = 0;
    } else {
      break;
    }
  }
  if (group >= 0 && group !== 3) return -1;
  return i * 64 + Math.min(digits, 63);
}

const unitPower: Readonly<Record<'yuan' | 'wan' | 'yi', number>> = { yuan: 0, wan: 4, yi: 8 };
const powersOf10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);
const bracketsAndSpaces = /[\s()]+/g;

/**
 * The entry for the (half-width) text after an amount, ignoring spaces, brackets and the case of Latin letters. A
 * final 整 ("exactly", as amounts are written on licences: 500万元整) after a unit or currency adds nothing.
 */
function suffixOf(word: string): MoneySuffix | undefined {
  const key = word.replace(bracketsAndSpaces, '').toUpperCase();
  const found = suffixes.get(key);
  return found || !key.endsWith('整') || key.length < 2 ? found : suffixes.get(key.slice(0, -1));
}

/**
 * The unit and currency a text names as it would follow an amount (万美元, 人民币元, USD), or null: how a 币种 column or a
 * header's brackets (注册资本(万美元)) are read with the same words as the amounts.
 */
export function moneySuffix(text: string): MoneySuffix | null {
  return suffixOf(toHalfWidth(text)) ?? null;
}
const nonDigits = /\D/g;
const chineseNumeral = /[零〇一二三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]/;

/**
 * Amounts in Chinese numerals (伍佰万元, 五百万) are refused rather than read: registry exports write digits, so such a
 * cell was typed by hand, and the officer is better placed to write it in digits than the importer to guess at
 * forms like 一百零五万 or 壹佰伍拾万. The reason says so.
 */
function notAnAmount(text: string): Refusal {
  return refuse(chineseNumeral.test(text) ? 'money.chineseNumerals' : 'money.notAmount', {
    text: shown(text),
  });
}

/**
 * Reads an amount. The number may have thousands separators in groups of three, a decimal point and an exponent
 * (1.2E+08, as spreadsheets write large numbers); it may be preceded by a currency (¥, US$, 人民币…) and followed by a
 * unit (元, 万, 万元, 亿, 亿元) and/or a currency (人民币, 美元, 港元/港币, 欧元, 日元, 英镑, 新加坡元 …, or an ISO
 * code). With no unit written, `defaultUnit` applies (a header such as 注册资本(万元) says 'wan'). The result is whole yuan — or whole units of the
 * currency found; nothing is converted — rounded half up. `currency` is null when the cell names none.
 */
export function parseMoneyToYuan(raw: string | number, defaultUnit: 'yuan' | 'wan' | 'yi'): MoneyResult {
  if (typeof raw === 'number') {
    // Read through the shortest decimal that round-trips, i.e. the number as a spreadsheet shows it.
    if (!Number.isFinite(raw)) return refuse('money.notAmountNumber', { value: raw });
    if (raw < 0) return refuse('money.negativeNumber', { value: raw });
    return scaled(String(raw), 0, String(raw).length, unitPower[defaultUnit], null);
  }
  const s = toHalfWidth(raw);
  const n = s.length;
  let i = 0;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  let end = n;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  if (i === end) return refuse('field.empty');

  // A currency before the number: everything up to the first digit, sign or point.
  let prefixCurrency: string | null = null;
  const start = i;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (isDigit(c) || c === 45 || c === 43 || c === 46) break;
    i++;
  }
  if (i > start) {
    const word = s.slice(start, i).replace(bracketsAndSpaces, '').toUpperCase();
    prefixCurrency = prefixes.get(word) ?? null;
    if (!prefixCurrency) return notAnAmount(s.slice(start, end));
  }
  if (s.charCodeAt(i) === 45) return refuse('money.negative', { text: shown(s.slice(start, end)) });
  if (s.charCodeAt(i) === 43) i++;

  // The number: digits with commas in groups of three, then an optional fraction and exponent.
  const numStart = i;
  const group = scanGrouped(s, i, end);
  if (group < 0) {
    return refuse('money.separator', { text: shown(s.slice(start, end)) });
  }
  const intDigits = group % 64;
  i = Math.floor(group / 64);
  let fracDigits = 0;
  if (s.charCodeAt(i) === 46) {
    i++;
    while (i < end && isDigit(s.charCodeAt(i))) {
      i++;
      fracDigits++;
    }
  }
  if (intDigits === 0 && fracDigits === 0) {
    return refuse('money.notAmount', { text: shown(s.slice(start, end)) });
  }
  let numEnd = i;
  const e = s.charCodeAt(i);
  if ((e === 101 || e === 69) && i + 1 < end) {
    let j = i + 1;
    const sign = s.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    const digitsFrom = j;
    while (j < end && isDigit(s.charCodeAt(j))) j++;
    if (j > digitsFrom && j - digitsFrom <= 3) {
      i = j;
      numEnd = j;
    }
  }

  // What follows: a unit and/or a currency.
  let exp = -1;
  let currency = prefixCurrency;
  if (i < end) {
    const suffix = suffixOf(s.slice(i, end));
    if (!suffix) return refuse('money.unknownUnit', { unit: shown(s.slice(i, end).trim()) });
    exp = suffix.exp;
    if (suffix.currency) {
      if (currency && currency !== suffix.currency) {
        return refuse('money.conflictingCurrencies', { first: currency, second: suffix.currency });
      }
      currency = suffix.currency;
    }
  }
  return scaled(s, numStart, numEnd, exp < 0 ? unitPower[defaultUnit] : exp, currency);
}

/**
 * Scales the decimal s[from, to) (digits, optional commas, point and exponent, already checked) by 10^unitExp
 * and rounds half up to an integer. Up to 15 significant digits stays in exact double arithmetic; longer mantissas
 * fall back to BigInt.
 */
function scaled(s: string, from: number, to: number, unitExp: number, currency: string | null): MoneyResult {
  let mant = 0;
  let sig = 0;
  let frac = 0;
  let inFrac = false;
  let exp10 = unitExp;
  let i = from;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      if (inFrac) frac++;
      if (sig === 0 && c === 48) continue;
      sig++;
      if (sig <= 15) mant = mant * 10 + (c - 48);
    } else if (c === 46) {
      inFrac = true;
    } else if (c === 101 || c === 69) {
      exp10 += Number(s.slice(i + 1, to));
      break;
    }
  }
  exp10 -= frac;
  let yuan: bigint;
  if (sig === 0) {
    yuan = 0n;
  } else if (sig > 15) {
    // Exact but slower: the digits as a BigInt.
    const digits = BigInt(s.slice(from, i).replace(nonDigits, ''));
    if (exp10 >= 0) {
      yuan = exp10 > 40 ? maxAmount + 1n : digits * 10n ** BigInt(exp10);
    } else {
      const p = 10n ** BigInt(-exp10);
      const r = digits % p;
      yuan = digits / p + (2n * r >= p ? 1n : 0n);
    }
  } else if (exp10 >= 0) {
    const v = exp10 <= 22 ? mant * (powersOf10[exp10] as number) : Number.POSITIVE_INFINITY;
    yuan =
      v <= Number.MAX_SAFE_INTEGER
        ? BigInt(v)
        : exp10 > 40
          ? maxAmount + 1n
          : BigInt(mant) * 10n ** BigInt(exp10);
  } else if (exp10 < -16) {
    yuan = 0n; // below 0.1 once 15 digits are shifted 17 places
  } else {
    const p = powersOf10[-exp10] as number;
    const r = mant % p;
    yuan = BigInt((mant - r) / p + (2 * r >= p ? 1 : 0));
  }
  if (yuan > maxAmount) return refuse('money.tooLarge');
  return { ok: true, yuan, currency };
}

// ---------------------------------------------------------------------------------------------------------------
// Integers

export type IntegerResult = { ok: true; value: number } | Refusal;

/** PostgreSQL integer, the type of count columns such as employees. */
export const maxInteger = 2_147_483_647;

/** Words that may follow a count: 人, 名 (people), 个, 家, and 万 as a multiplier (1.2万人). */
const countSuffixes = new Map<string, number>([
  ['', 1],
  ['人', 1],
  ['名', 1],
  ['个', 1],
  ['家', 1],
  ['万', 10000],
  ['万人', 10000],
  ['万名', 10000],
  ['万个', 10000],
  ['万家', 10000],
]);

/**
 * Reads a non-negative whole number such as an employee count: '1,200', '1200人', '1.2万人', full-width digits,
 * '12.0'. It must fit a PostgreSQL integer.
 */
export function parseInteger(raw: string | number): IntegerResult {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return refuse('integer.notNumberValue', { value: raw });
    if (raw < 0) return refuse('integer.negativeValue', { value: raw });
    if (!Number.isInteger(raw)) return refuse('integer.notWholeValue', { value: raw });
    if (raw > maxInteger) return refuse('integer.tooLarge', { max: maxInteger });
    return { ok: true, value: raw };
  }
  const s = cleanText(raw);
  if (s === '') return refuse('field.empty');
  const n = s.length;
  if (s.charCodeAt(0) === 45) return refuse('integer.negative', { text: shown(s) });
  const from = s.charCodeAt(0) === 43 ? 1 : 0;
  const group = scanGrouped(s, from, n);
  if (group < 0) return refuse('integer.separator', { text: shown(s) });
  const digits = group % 64;
  if (digits === 0) return refuse('integer.notNumber', { text: shown(s) });
  let i = Math.floor(group / 64);
  let value = 0;
  for (let j = from; j < i; j++) {
    const c = s.charCodeAt(j);
    if (c !== 44) value = value * 10 + (c - 48);
  }
  // A fraction: only zeros for a plain count, or digits that 万 turns into a whole number.
  let fraction = 0;
  let fractionDigits = 0;
  if (s.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      fraction = fraction * 10 + (s.charCodeAt(i) - 48);
      fractionDigits++;
      i++;
    }
  }
  let suffixStart = i;
  while (suffixStart < n && s.charCodeAt(suffixStart) === 32) suffixStart++;
  const multiplier = countSuffixes.get(suffixStart === n ? '' : s.slice(suffixStart));
  if (multiplier === undefined) return refuse('integer.notNumber', { text: shown(s) });
  if (fractionDigits > 0) {
    if (fractionDigits > 4) return refuse('integer.notWhole', { text: shown(s) });
    const scaledFraction = fraction * (multiplier / (powersOf10[fractionDigits] as number));
    if (!Number.isInteger(scaledFraction)) return refuse('integer.notWhole', { text: shown(s) });
    value = value * multiplier + scaledFraction;
  } else {
    value *= multiplier;
  }
  if (digits > 15 || value > maxInteger) return refuse('integer.tooLarge', { max: maxInteger });
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------------------------
// Company names

const nonWord = /[^\p{L}\p{N}]+/u;
const nonWordGlobal = /[^\p{L}\p{N}]+/gu;
const asciiLetter = /[a-z]/;

/**
 * Legal forms at the end of a Chinese name, longest first. Names that differ only in legal form count as the same
 * name under the enterprise-name rules (so 甲有限公司 and 甲股份有限公司 are one key), and exports often drop or
 * abbreviate the form. 集团 is kept: 甲集团有限公司 (the group) and 甲有限公司 (an operating company) are distinct
 * entities, while 甲集团 and 甲集团有限公司 still meet. Partnership markers such as (有限合伙) are dropped likewise.
 */
export const chineseSuffixes: readonly string[] = [
  '股份有限公司',
  '有限责任公司',
  '特殊普通合伙',
  '有限公司',
  '股份公司',
  '普通合伙',
  '有限合伙',
  '公司',
];

/**
 * Legal forms at the end of a Latin name, as whole words after punctuation is removed (so 'Co., Ltd.' is
 * co + ltd), longest first. Matching whole words keeps 'Cisco' from losing its 'co'.
 */
const latinSuffixes: readonly (readonly string[])[] = [
  ['company', 'limited'],
  ['co', 'limited'],
  ['co', 'ltd'],
  ['pte', 'ltd'],
  ['pty', 'ltd'],
  ['corporation'],
  ['incorporated'],
  ['limited'],
  ['company'],
  ['corp'],
  ['gmbh'],
  ['ltd'],
  ['inc'],
  ['llc'],
  ['plc'],
  ['co'],
];

function stripLatinSuffix(name: string): string {
  const words = name.split(nonWord);
  let last = words.length;
  while (last > 0 && words[last - 1] === '') last--;
  let first = 0;
  while (first < last && words[first] === '') first++;
  for (const suffix of latinSuffixes) {
    const k = suffix.length;
    if (last - first < k) continue;
    let match = true;
    for (let j = 0; j < k && match; j++) match = words[last - k + j] === suffix[j];
    if (match) {
      if (last - first > k) last -= k; // a name that is only a legal form keeps it
      break;
    }
  }
  return words.slice(first, last).join('');
}

/**
 * A key for spotting the same company written differently: half-width, lower-case Latin, without whitespace,
 * punctuation or brackets of any kind (so 腾讯科技（深圳）有限公司 and 腾讯科技[深圳]有限公司 meet), and without a trailing
 * legal form. Branches keep theirs: 甲有限公司北京分公司 is not 甲. A name that is nothing but a legal form keeps it.
 */
export function companyNameKey(name: string): string {
  const lower = toHalfWidth(name).toLowerCase();
  const key = asciiLetter.test(lower) ? stripLatinSuffix(lower) : lower.replace(nonWordGlobal, '');
  for (const suffix of chineseSuffixes) {
    if (!key.endsWith(suffix)) continue;
    if (key.length === suffix.length) return key; // the name is only a legal form
    if (suffix === '公司' && key.charCodeAt(key.length - 3) === 0x5206) return key; // 分公司, a branch
    return key.slice(0, key.length - suffix.length);
  }
  return key;
}
