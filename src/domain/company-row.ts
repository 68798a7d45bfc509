import type { CompanyStatus, EnterpriseType, HqType } from './company-enums.ts';
import type { CompanyField, Mapping, MoneyUnit } from './company-fields.ts';
import { validateCreditCode } from './credit-code.ts';
import { cleanText, companyNameKey, parseDate, parseInteger, parseMoneyToYuan } from './normalise.ts';
import { nameGrams } from './search-grams.ts';

export {
  type CompanyStatus,
  type EnterpriseType,
  enterpriseTypes,
  type HqType,
  hqTypes,
  statuses,
} from './company-enums.ts';

/** A company as validated and normalised, ready to store. */
export interface CompanyValues {
  creditCode: string;
  nameZh: string;
  nameEn: string | null;
  formerNames: string[];
  legalRepresentative: string | null;
  industryCode: string | null;
  industryDivision: string | null;
  industrySection: string | null;
  registeredCapitalYuan: bigint | null;
  capitalCurrency: string;
  establishedOn: string | null;
  townCode: string | null;
  park: string | null;
  address: string | null;
  status: CompanyStatus;
  enterpriseType: EnterpriseType;
  sourceCountry: string | null;
  hqType: HqType;
  employees: number | null;
  annualOutputYuan: bigint | null;
  annualTaxYuan: bigint | null;
  tags: string[];
  nameKey: string;
  nameGrams: string[];
}

/** What validation needs to know about the tenant and the reference data, prepared once per import. */
export interface RowContext {
  /** Town code or Chinese name (with or without 镇/街道) → town code. */
  towns: ReadonlyMap<string, string>;
  /** GB/T 4754 code (2–4 digits) → its section letter; a section letter → itself. */
  industries: ReadonlyMap<string, string>;
  /** GB/T 4754 section, division, group or class name (汽车制造业) → its code, the most specific where names repeat. */
  industryNames: ReadonlyMap<string, string>;
  /** Today on the bureau's clock (YYYY-MM-DD): a company cannot have been established after it. */
  today?: string;
}

export type RowResult = { ok: true; value: CompanyValues } | { ok: false; reason: string };

// 吊销 comes before 注销: "吊销，未注销" (revoked, not yet cancelled) is a revoked licence; "吊销，已注销" (revoked, then
// cancelled) is a company that no longer exists.
const statusWords: [RegExp, CompanyStatus][] = [
  [/已注销/, 'cancelled'],
  [/吊销|revoked/i, 'revoked'],
  [/注销|cancel/i, 'cancelled'],
  [/迁出|moved/i, 'moved_out'],
  [/存续|在业|开业|在营|在册|active|operating/i, 'active'],
];

export function parseStatus(raw: string): CompanyStatus | null {
  if (!raw) return 'active';
  for (const [pattern, status] of statusWords) if (pattern.test(raw)) return status;
  return null;
}

/** Registry exports put the investment origin inside the legal form, e.g. 有限责任公司(台港澳法人独资). */
export function parseEnterpriseType(raw: string): EnterpriseType | null {
  if (!raw) return 'domestic';
  if (/台港澳|港澳台|港资|澳资|台资|香港|澳门|台湾|hong ?kong|macao|taiwan|hmt/i.test(raw)) return 'hmt';
  if (/外商|外资|中外|外国|foreign/i.test(raw)) return 'foreign';
  // Any other legal form is domestic: 全民所有制 (state-owned), 个体, 农民专业合作社, 联营, 非公司企业法人 …
  if (/内资|国有|全民|集体|私营|自然人|民营|domestic|公司|企业|合伙|独资|所有制|个体|合作社|联营/i.test(raw))
    return 'domestic';
  return null;
}

export function parseHqType(raw: string): HqType | null {
  if (!raw || /^(无|否|none|no|-)$/i.test(raw)) return 'none';
  if (/研发|r&d|rnd|research/i.test(raw)) return 'rnd_center';
  if (/总部|hq|headquarter/i.test(raw)) return 'regional_hq';
  return null;
}

/** Country names in Chinese and English → ISO 3166 alpha-2, built from ICU's region names. */
const countries = (() => {
  const map = new Map<string, string>();
  const zh = new Intl.DisplayNames(['zh'], { type: 'region' });
  const en = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const english = en.of(code);
      if (!english || english === code || english === 'Unknown Region') continue;
      map.set(code, code);
      map.set(english.toUpperCase(), code);
      const chinese = zh.of(code);
      if (chinese) map.set(chinese, code);
    }
  }
  for (const [alias, code] of Object.entries({
    香港: 'HK',
    中国香港: 'HK',
    澳门: 'MO',
    中国澳门: 'MO',
    中国台湾: 'TW',
    台湾地区: 'TW',
    英属维尔京群岛: 'VG',
    USA: 'US',
    UK: 'GB',
    'HONG KONG': 'HK',
    'SOUTH KOREA': 'KR',
    KOREA: 'KR',
  })) {
    map.set(alias, code);
  }
  return map;
})();

export function parseCountry(raw: string): string | null {
  return countries.get(raw.trim().toUpperCase()) ?? countries.get(raw.trim()) ?? null;
}

function list(raw: string): string[] {
  return raw
    .split(/[;；,，、|]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * An industry as a code (C3670, 3670) or by name, as exports' 所属行业 columns give it: the name alone, or the
 * path down to it (制造业-汽车制造业, 制造业>汽车制造业), of which the last part is looked up.
 */
function industryCodeOf(raw: string, names: ReadonlyMap<string, string>): string {
  if (/\d/.test(raw)) return raw.replace(/^[A-T]/, '');
  const last =
    raw
      .split(/\s*[->/|·]\s*/)
      .filter(Boolean)
      .at(-1) ?? raw;
  return names.get(last) ?? names.get(renamed(last)) ?? raw;
}

/**
 * GB/T 4754-2017 renamed some divisions by dropping or adding a final 业 (科技推广和应用服务业 → 科技推广和应用服务),
 * and registry exports still carry the 2011 names.
 */
function renamed(name: string): string {
  return name.endsWith('业') ? name.slice(0, -1) : `${name}业`;
}

/** What registry exports write in an empty cell: a dash, a slash, 无 (none), N/A. */
const placeholder = /^(?:-+|—+|\/|无|N\/?A|null)$/i;

/**
 * A town as written, or with the province, city and district before it (上海市嘉定区安亭镇, 嘉定区马陆镇), as
 * registry exports give the full address path. Prefixes are dropped one level at a time, so a town whose own
 * name ends in 区 (嘉定工业区) is still found.
 */
function townFrom(towns: ReadonlyMap<string, string>, raw: string): string | null {
  let rest = raw;
  for (;;) {
    const found = towns.get(rest);
    if (found) return found;
    const level = /^.+?[省市区县]/.exec(rest);
    if (!level || level[0].length === rest.length) return null;
    rest = rest.slice(level[0].length);
  }
}

// The word alone or followed by a count (合计：312户), not the start of a name (合计科技有限公司).
const totalsWord = /^(?:合\s*计|总\s*计|小\s*计|共\s*计|total\b)(?=$|[\s:：(（\d共])/i;

/** The label of a 合计/总计 row that exports append below the companies, or null; asked only of rejected rows. */
function totalsLabel(cells: readonly string[]): string | null {
  for (const cell of cells) {
    const text = cleanText(cell);
    if (!text) continue;
    if (totalsWord.test(text)) return text.length > 20 ? `${text.slice(0, 20)}…` : text;
    if (!/^\d+$/.test(text)) return null; // a row number (序号) may come first
  }
  return null;
}

const lineBreakInHan = /(\p{Script=Han})[^\S\r\n]*[\r\n]\s*(?=\p{Script=Han})/gu;

/**
 * A line break between two Chinese characters is where a wrapped cell was broken (上海甲科技有限公司⏎嘉定分公司), not
 * a space in the name; cleanText would make it one. Other line breaks and spaces are left to cleanText.
 */
function unwrapped(cell: string): string {
  return cell.includes('\n') || cell.includes('\r') ? cell.replace(lineBreakInHan, '$1') : cell;
}

/** Validates one spreadsheet row; the first problem found is the reason the row is rejected. */
export function validateCompanyRow(cells: readonly string[], mapping: Mapping, ctx: RowContext): RowResult {
  const col = mapping.columns;
  const text = (field: CompanyField): string => {
    const i = col[field];
    const value = i === undefined ? '' : cleanText(cells[i] ?? '');
    return placeholder.test(value) ? '' : value;
  };
  const unit = (field: CompanyField): MoneyUnit => mapping.units[field] ?? 'yuan';
  const fail = (field: string, reason: string): RowResult => ({ ok: false, reason: `${field}: ${reason}` });

  const code = validateCreditCode(text('creditCode'));
  if (!code.ok) {
    const totals = totalsLabel(cells);
    if (totals) return { ok: false, reason: `"${totals}": a totals row, not a company` };
    return fail('统一社会信用代码 credit code', text('creditCode') ? code.reason : 'is empty');
  }
  // Not through text(): an optional step there slowed every cell of a million-row import by about 3%.
  const nameCell = cleanText(unwrapped(col.nameZh === undefined ? '' : (cells[col.nameZh] ?? '')));
  const nameZh = placeholder.test(nameCell) ? '' : nameCell;
  if (!nameZh) return fail('企业名称 name', 'is empty');
  if (nameZh.length > 200) return fail('企业名称 name', 'is longer than 200 characters');

  let industryCode: string | null = null;
  let industrySection: string | null = null;
  const industryRaw = text('industryCode').toUpperCase();
  if (industryRaw) {
    const digits = industryCodeOf(industryRaw, ctx.industryNames);
    const section = ctx.industries.get(digits);
    if (section && /^\d{2,4}$/.test(digits)) {
      industryCode = digits;
      industrySection = section;
    } else if (section && section === digits) {
      industrySection = section; // only the section (门类) is given: 制造业, or C
    } else {
      return fail(
        '行业代码 industry',
        `"${industryRaw}" is not a GB/T 4754-2017 code or section, division, group or class name`,
      );
    }
  }

  let registeredCapitalYuan: bigint | null = null;
  let capitalCurrency = 'CNY';
  const capitalRaw = text('registeredCapital');
  if (capitalRaw) {
    const money = parseMoneyToYuan(capitalRaw, unit('registeredCapital'));
    if (!money.ok) return fail('注册资本 registered capital', money.reason);
    registeredCapitalYuan = money.yuan;
    if (money.currency) capitalCurrency = money.currency;
  }
  const currencyRaw = text('capitalCurrency');
  if (currencyRaw) {
    const probe = parseMoneyToYuan(`1${currencyRaw}`, 'yuan');
    const iso = /^[A-Z]{3}$/i.test(currencyRaw)
      ? currencyRaw.toUpperCase()
      : probe.ok
        ? probe.currency
        : null;
    if (!iso) return fail('币种 currency', `unknown currency "${currencyRaw}"`);
    capitalCurrency = iso;
  }

  let establishedOn: string | null = null;
  const dateRaw = text('establishedOn');
  if (dateRaw) {
    const d = parseDate(dateRaw);
    if (!d.ok) return fail('成立日期 establishment date', d.reason);
    if (ctx.today && d.value > ctx.today)
      return fail('成立日期 establishment date', `${d.value} is in the future`);
    establishedOn = d.value;
  }

  let townCode: string | null = null;
  const townRaw = text('town');
  if (townRaw) {
    townCode = townFrom(ctx.towns, townRaw);
    if (!townCode) return fail('街镇 town', `unknown town "${townRaw}"`);
  }

  const status = parseStatus(text('status'));
  if (!status)
    return fail(
      '登记状态 status',
      `unknown status "${text('status')}" (expected 存续/在业, 吊销, 注销 or 迁出)`,
    );
  const enterpriseType = parseEnterpriseType(text('enterpriseType'));
  if (!enterpriseType) return fail('企业类型 enterprise type', `unknown type "${text('enterpriseType')}"`);
  const hqType = parseHqType(text('hqType'));
  if (!hqType) return fail('总部类型 HQ type', `unknown headquarters type "${text('hqType')}"`);
  let sourceCountry: string | null = null;
  const countryRaw = text('sourceCountry');
  if (countryRaw) {
    sourceCountry = parseCountry(countryRaw);
    if (!sourceCountry) return fail('国别 source country', `unknown country "${countryRaw}"`);
  }

  let employees: number | null = null;
  if (text('employees')) {
    const n = parseInteger(text('employees'));
    if (!n.ok) return fail('从业人数 employees', n.reason);
    employees = n.value;
  }
  const money = (field: CompanyField, label: string): bigint | null | string => {
    const raw = text(field);
    if (!raw) return null;
    const m = parseMoneyToYuan(raw, unit(field));
    return m.ok ? m.yuan : `${label}: ${m.reason}`;
  };
  const annualOutput = money('annualOutput', '年产值 annual output');
  if (typeof annualOutput === 'string') return { ok: false, reason: annualOutput };
  const annualTax = money('annualTax', '年税收 annual tax');
  if (typeof annualTax === 'string') return { ok: false, reason: annualTax };

  const nameEn = text('nameEn') || null;
  const formerNames = list(text('formerNames'));
  return {
    ok: true,
    value: {
      creditCode: code.code,
      nameZh,
      nameEn,
      formerNames,
      legalRepresentative: text('legalRepresentative') || null,
      industryCode,
      industryDivision: industryCode ? industryCode.slice(0, 2) : null,
      industrySection,
      registeredCapitalYuan,
      capitalCurrency,
      establishedOn,
      townCode,
      park: text('park') || null,
      address: text('address') || null,
      status,
      enterpriseType,
      sourceCountry,
      hqType,
      employees,
      annualOutputYuan: annualOutput,
      annualTaxYuan: annualTax,
      tags: list(text('tags')),
      nameKey: companyNameKey(nameZh),
      nameGrams: nameGrams(nameZh, nameEn, formerNames),
    },
  };
}
