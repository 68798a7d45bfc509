import type { CompanyStatus, EnterpriseType, HqType } from './company-enums.ts';
import { type CompanyField, type Mapping, type MoneyUnit, matchHeader } from './company-fields.ts';
import { countryCodes } from './countries.ts';
import { validateCreditCode } from './credit-code.ts';
import { type Message, type MessageCode, type MessageParams, Refusal, refuse } from './messages.ts';
import { nameSortKey } from './name-order.ts';
import {
  cleanText,
  companyNameKey,
  moneySuffix,
  parseDate,
  parseInteger,
  parseMoneyToYuan,
} from './normalise.ts';
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
  nameSort: string;
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

/** A refused row's message names the field at fault, unless the row is not a company at all (a totals row …). */
export type RowResult = { ok: true; value: CompanyValues } | Refusal;

// 吊销 comes before 注销: "吊销，未注销" (revoked, not yet cancelled) is a revoked licence; "吊销，已注销" (revoked, then
// cancelled) is a company that no longer exists, as is one whose registration was annulled (撤销登记). 迁入 is a
// company that moved its registration into the district: it is here and operating.
const statusWords: [RegExp, CompanyStatus][] = [
  [/已注销/, 'cancelled'],
  [/吊销|revoked/i, 'revoked'],
  [/注销|撤销|cancel/i, 'cancelled'],
  [/迁出|moved/i, 'moved_out'],
  [/存续|在业|开业|在营|在册|迁入|active|operating/i, 'active'],
];

export function parseStatus(raw: string): CompanyStatus | null {
  if (!raw) return 'active';
  for (const [pattern, status] of statusWords) if (pattern.test(raw)) return status;
  return null;
}

/**
 * Registry exports put the investment origin inside the legal form, e.g. 有限责任公司(台港澳法人独资); the statistics
 * systems' registration types (登记注册类型) write it 港、澳、台商独资经营企业.
 */
export function parseEnterpriseType(raw: string): EnterpriseType | null {
  if (!raw) return 'domestic';
  if (
    /台港澳|港澳台|港、澳、台|台、港、澳|港资|澳资|台资|香港|澳门|台湾|hong ?kong|macao|taiwan|hmt/i.test(raw)
  )
    return 'hmt';
  if (/外商|外资|中外|外国|foreign/i.test(raw)) return 'foreign';
  // Any other legal form is domestic: 全民所有制 (state-owned), 个体, 农民专业合作社, 联营, 非公司企业法人 …
  if (/内资|国有|全民|集体|私营|自然人|民营|domestic|公司|企业|合伙|独资|所有制|个体|合作社|联营/i.test(raw))
    return 'domestic';
  return registrationTypeCodes.get(raw) ?? null;
}

/**
 * The statistics bureau's registration-type codes (登记注册类型代码, 国统字〔2011〕86号) as its directory (名录库) gives
 * them without their names: 1xx domestic enterprises, 2xx Hong Kong/Macao/Taiwan-invested, 3xx foreign-invested, 4xx
 * individual businesses. Only the codes the table lists, so a stray number is still refused.
 */
const registrationTypeCodes = new Map<string, EnterpriseType>([
  ...['100', '110', '120', '130', '140', '141', '142', '143', '149', '150', '151', '159', '160', '170']
    .concat(['171', '172', '173', '174', '190', '400', '410', '420'])
    .map((code): [string, EnterpriseType] => [code, 'domestic']),
  ...['200', '210', '220', '230', '240', '290'].map((code): [string, EnterpriseType] => [code, 'hmt']),
  ...['300', '310', '320', '330', '340', '390'].map((code): [string, EnterpriseType] => [code, 'foreign']),
]);

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
  for (const code of countryCodes()) {
    map.set(code, code);
    map.set((en.of(code) as string).toUpperCase(), code);
    const chinese = zh.of(code);
    if (chinese) map.set(chinese, code);
  }
  for (const [alias, code] of Object.entries({
    香港: 'HK',
    中国香港: 'HK',
    澳门: 'MO',
    中国澳门: 'MO',
    香港特别行政区: 'HK',
    香港地区: 'HK',
    澳门特别行政区: 'MO',
    澳门地区: 'MO',
    中国台湾: 'TW',
    台湾地区: 'TW',
    台湾省: 'TW',
    英属维尔京群岛: 'VG',
    英属维京群岛: 'VG',
    BVI: 'VG',
    大韩民国: 'KR',
    俄罗斯联邦: 'RU',
    美利坚合众国: 'US',
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

/** A list cell: items separated by semicolons, commas, 、, | or line breaks (a cell with one item per line). */
function list(raw: string): string[] {
  if (!raw) return [];
  return raw
    .split(/[;；,，、|\r\n]/)
    .map((s) => cleanText(s))
    .filter((s) => s && !placeholder.test(s));
}

type Industry = { code: string | null; section: string } | { disagree: MessageParams };

const plainCode = /^[A-T]?\d+$|^[A-T]$/;
/** A code inside other text: C3670汽车零部件及配件制造, 汽车制造业(C36), [C3670], 3670 汽车零部件及配件制造. */
const codeInText = /(?<![A-Z0-9])([A-T])?\s?(\d{2,4})(?!\d)/;
const brackets = /[[\]()【】]/g;
const leadingLetter = /^[A-T]/;
const letterBeforeName = /^[A-T][\s:：]+/;

/**
 * An industry as a code (C3670, 3670), by name, or both, as exports' 所属行业 columns give it: the name alone, or the
 * path down to it (制造业-汽车制造业, 制造业>汽车制造业, C 制造业), of which the last part is looked up; or a code beside
 * a name (C3670汽车零部件及配件制造, 汽车制造业(C36)). The digits decide the section, so a section letter before them
 * is notation and not checked (C6520 is 6520, in section I). A name beside the code must be on the code's line (the
 * code's own, an ancestor's or a descendant's): one that is not says one of the two is wrong, and the officer has to
 * say which.
 */
function industryOf(raw: string, ctx: RowContext): Industry | null {
  if (plainCode.test(raw)) return knownCode(raw.length > 1 ? raw.replace(leadingLetter, '') : raw, ctx);
  const m = /\d/.test(raw) ? mostSpecificCode(raw) : null;
  if (m) {
    const { code, rest } = m;
    const found = knownCode(code, ctx);
    if (!found) return null;
    const name = cleanText(rest.replace(brackets, ''));
    const named = name ? nameCode(name, ctx.industryNames) : null;
    if (named && !(code.startsWith(named) || named.startsWith(code) || named === found.section)) {
      return { disagree: { code, name, named } };
    }
    return found;
  }
  const named = nameCode(raw.replace(letterBeforeName, ''), ctx.industryNames);
  return named ? knownCode(named, ctx) : null;
}

/**
 * The code in an industry cell and the text around it. A path of codes down to a class (I-65-651-6513, C 36 367 3670,
 * as some exports write 行业代码) gives the class: each code there begins with the one before. Otherwise the first.
 */
function mostSpecificCode(raw: string): { code: string; rest: string } | null {
  const first = codeInText.exec(raw);
  if (!first) return null;
  let code = first[2] as string;
  let rest = raw.slice(0, first.index) + raw.slice(first.index + first[0].length);
  for (let next = codeInText.exec(rest); next; next = codeInText.exec(rest)) {
    const deeper = next[2] as string;
    if (!deeper.startsWith(code) || deeper.length <= code.length) break;
    code = deeper;
    rest = rest.slice(0, next.index) + rest.slice(next.index + next[0].length);
  }
  return { code, rest };
}

/** The last part of a name path, under its 2017 or 2011 name. */
function nameCode(raw: string, names: ReadonlyMap<string, string>): string | null {
  const last =
    raw
      .split(/\s*[->/|·]\s*/)
      .filter(Boolean)
      .at(-1) ?? raw;
  return names.get(last) ?? names.get(renamed(last)) ?? null;
}

/** A numeric code (2–4 digits) or a section letter the reference knows, with its section. */
function knownCode(code: string, ctx: RowContext): { code: string | null; section: string } | null {
  const section = ctx.industries.get(code);
  if (!section) return null;
  if (/^\d{2,4}$/.test(code)) return { code, section };
  return section === code ? { code: null, section } : null; // only the section (门类) is given: 制造业, or C
}

/**
 * GB/T 4754-2017 renamed some divisions by dropping or adding a final 业 (科技推广和应用服务业 → 科技推广和应用服务),
 * and registry exports still carry the 2011 names.
 */
function renamed(name: string): string {
  return name.endsWith('业') ? name.slice(0, -1) : `${name}业`;
}

/** What registry exports write in an empty cell: a dash, a slash, 无 (none), 暂无 (none yet), 未公开 (not disclosed), N/A. */
const placeholder = /^(?:-+|—+|\/|无|暂无|未公开|未公示|N\/?A|null)$/i;

/**
 * A town as written, or with the province, city and district before it (上海市嘉定区安亭镇, 嘉定区马陆镇), as
 * registry exports give the full address path. Prefixes are dropped one level at a time, so a town whose own
 * name ends in 区 (嘉定工业区) is still found.
 */
function townFrom(towns: ReadonlyMap<string, string>, raw: string): string | null {
  const found = townAfterLevels(towns, raw);
  return found || !townSeparator.test(raw) ? found : townAfterLevels(towns, raw.replace(townSeparators, ''));
}

/** Spaces and path separators between the levels: 上海市嘉定区 安亭镇, 上海市-嘉定区-安亭镇, 上海市/嘉定区/安亭镇. */
const townSeparator = /[\s\-/>]/;
const townSeparators = /[\s\-/>]+/g;

function townAfterLevels(towns: ReadonlyMap<string, string>, raw: string): string | null {
  let rest = raw;
  for (;;) {
    const found = towns.get(rest);
    if (found) return found;
    const level = /^.+?[省市区县]/.exec(rest);
    if (!level || level[0].length === rest.length) return bracketedTown(towns, raw);
    rest = rest.slice(level[0].length);
  }
}

/**
 * 嘉定新城(马陆镇): an area's common name with the town it lies in, in brackets, as district lists write it; and the
 * twelve-digit codes of the statistics division list (统计用区划代码), whose first nine digits are the town's code
 * (310114103000 the town itself, 310114103201 one of its neighbourhood committees).
 */
function bracketedTown(towns: ReadonlyMap<string, string>, raw: string): string | null {
  if (raw.length === 12 && /^\d{12}$/.test(raw)) return towns.get(raw.slice(0, 9)) ?? null;
  const m = /^(.+?)\s*\((.+)\)$/.exec(raw);
  if (!m) return null;
  return townFrom(towns, m[2] as string) ?? townFrom(towns, m[1] as string);
}

// The word alone or followed by a count (合计：312户), not the start of a name (合计科技有限公司).
const totalsWord = /^(?:合\s*计|总\s*计|小\s*计|共\s*计|total\b)(?=$|[\s:：(（\d共])/i;

/**
 * Why a row whose credit code failed is not a company at all: the header repeated where pages of an export were
 * pasted together, or a lone note such as 数据来源：企查查 below the rows. Null for a row that may be a company.
 */
function notACompany(cells: readonly string[], codeCell: string): Refusal | null {
  if (codeCell && matchHeader(codeCell)?.field === 'creditCode') return refuse('row.header');
  let filled: string | null = null;
  for (const cell of cells) {
    const text = cleanText(cell);
    if (!text) continue;
    if (filled !== null) return null;
    filled = text;
  }
  if (filled && /^(?:注|备注|说明|数据来源|来源|导出|制表)|^[^:：]{1,12}[:：]/.test(filled)) {
    return refuse('row.note', { text: filled.length > 20 ? `${filled.slice(0, 20)}…` : filled });
  }
  return null;
}

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

/** The first filled cell of a field's other columns (Mapping.fallbacks), or ''. */
function fallbackText(cells: readonly string[], others: readonly number[] | undefined): string {
  if (others)
    for (const i of others) {
      const value = cleanText(cells[i] ?? '');
      if (value && !placeholder.test(value)) return value;
    }
  return '';
}

/** 3.10114E+11: a twelve-digit division code that Excel took for a number. */
const scientific = /^\d(?:\.\d+)?E\+?\d+$/i;

const explicitYuan = /人民币|RMB|CNY|[¥￥]/i;
/** A conversion noted after a foreign amount: 100万美元（折合人民币650万元）. The amount before it is the capital. */
const conversionNote = /\s*[（(]\s*(?:折合|约合|折|合计|约)[^（）()]*[）)]\s*$/;
const isoCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** A currency column's word (人民币, 美元, RMB) or ISO 4217 code as the code, or null. */
function currencyOf(raw: string): string | null {
  const named = moneySuffix(raw)?.currency;
  if (named) return named;
  const upper = raw.toUpperCase();
  return isoCurrencies.has(upper) ? upper : null;
}

function fail(field: CompanyField, code: MessageCode, params?: MessageParams): Refusal {
  return new Refusal(params ? { field, code, params } : { field, code });
}

/** A value's own refusal (a date's, an amount's) as the refusal of the row's field. */
function failWith(field: CompanyField, inner: Message): Refusal {
  return new Refusal({ ...inner, field });
}

/** Validates one spreadsheet row; the first problem found is the reason the row is rejected. */
export function validateCompanyRow(cells: readonly string[], mapping: Mapping, ctx: RowContext): RowResult {
  const col = mapping.columns;
  const fallbacks = mapping.fallbacks;
  const text = (field: CompanyField): string => {
    const i = col[field];
    const value = i === undefined ? '' : cleanText(cells[i] ?? '');
    const kept = placeholder.test(value) ? '' : value;
    return kept || fallbacks === undefined ? kept : fallbackText(cells, fallbacks[field]);
  };
  const unit = (field: CompanyField): MoneyUnit => mapping.units[field] ?? 'yuan';

  const code = validateCreditCode(text('creditCode'));
  if (!code.ok) {
    const totals = totalsLabel(cells);
    if (totals) return refuse('row.totals', { label: totals });
    const other = notACompany(cells, text('creditCode'));
    if (other) return other;
    return text('creditCode') ? failWith('creditCode', code.message) : fail('creditCode', 'field.empty');
  }
  // Not through text(): an optional step there slowed every cell of a million-row import by about 3%.
  const nameCell = cleanText(unwrapped(col.nameZh === undefined ? '' : (cells[col.nameZh] ?? '')));
  const nameZh = placeholder.test(nameCell) ? '' : nameCell;
  if (!nameZh) return fail('nameZh', 'field.empty');
  if (nameZh.length > 200) return fail('nameZh', 'field.tooLong', { max: 200 });
  // No enterprise name holds ? or U+FFFD, but a tool saving to GBK writes ? for a character GBK lacks (上海𠮷祥
  // becomes 上海?祥), and a decoder writes U+FFFD for bytes it cannot read.
  const lost = nameZh.includes('?') ? '?' : nameZh.includes('\ufffd') ? '\ufffd' : null;
  if (lost) return fail('nameZh', 'name.lostCharacter', { char: lost });

  let industryCode: string | null = null;
  let industrySection: string | null = null;
  const industryRaw = text('industryCode').toUpperCase();
  if (industryRaw) {
    const industry = industryOf(industryRaw, ctx);
    if (!industry) return fail('industryCode', 'industry.unknown', { text: industryRaw });
    if ('disagree' in industry)
      return fail('industryCode', 'industry.disagree', { text: industryRaw, ...industry.disagree });
    industryCode = industry.code;
    industrySection = industry.section;
  }

  let registeredCapitalYuan: bigint | null = null;
  let capitalCurrency = 'CNY';
  let namedCurrency: string | null = null;
  const capitalRaw = text('registeredCapital');
  if (capitalRaw) {
    const amount = capitalRaw.replace(conversionNote, '');
    const money = parseMoneyToYuan(amount, unit('registeredCapital'));
    if (!money.ok) return failWith('registeredCapital', money.message);
    registeredCapitalYuan = money.yuan;
    if (money.currency) capitalCurrency = money.currency;
    // 万元 alone is also how a 币种 column's amounts are written whatever the currency; 人民币 or 美元 is a statement.
    if (money.currency && (money.currency !== 'CNY' || explicitYuan.test(amount)))
      namedCurrency = money.currency;
    const headerCurrency = mapping.currencies.registeredCapital;
    if (headerCurrency) {
      if (namedCurrency && namedCurrency !== headerCurrency)
        return fail('registeredCapital', 'capital.headerCurrency', {
          text: capitalRaw,
          currency: namedCurrency,
          header: headerCurrency,
        });
      capitalCurrency = headerCurrency;
      namedCurrency = headerCurrency;
    }
  }
  const currencyRaw = text('capitalCurrency');
  if (currencyRaw) {
    const iso = currencyOf(currencyRaw);
    if (!iso) return fail('capitalCurrency', 'currency.unknown', { text: currencyRaw });
    if (namedCurrency && namedCurrency !== iso) {
      return fail('capitalCurrency', 'currency.conflict', {
        capital: capitalRaw,
        capitalCurrency: namedCurrency,
        currency: iso,
        text: currencyRaw,
      });
    }
    capitalCurrency = iso;
  }

  let establishedOn: string | null = null;
  const dateRaw = text('establishedOn');
  if (dateRaw) {
    const d = parseDate(dateRaw);
    if (!d.ok) return failWith('establishedOn', d.message);
    if (ctx.today && d.value > ctx.today) return fail('establishedOn', 'date.future', { date: d.value });
    establishedOn = d.value;
  }

  let townCode: string | null = null;
  const townRaw = text('town');
  if (townRaw) {
    townCode = townFrom(ctx.towns, townRaw);
    if (!townCode)
      return fail('town', scientific.test(townRaw) ? 'town.scientific' : 'town.unknown', { text: townRaw });
  }

  const status = parseStatus(text('status'));
  if (!status) return fail('status', 'status.unknown', { text: text('status') });
  const enterpriseType = parseEnterpriseType(text('enterpriseType'));
  if (!enterpriseType)
    return fail('enterpriseType', 'enterpriseType.unknown', { text: text('enterpriseType') });
  const hqType = parseHqType(text('hqType'));
  if (!hqType) return fail('hqType', 'hqType.unknown', { text: text('hqType') });
  let sourceCountry: string | null = null;
  const countryRaw = text('sourceCountry');
  if (countryRaw) {
    sourceCountry = parseCountry(countryRaw);
    if (!sourceCountry) return fail('sourceCountry', 'country.unknown', { text: countryRaw });
  }

  let employees: number | null = null;
  if (text('employees')) {
    const n = parseInteger(text('employees'));
    if (!n.ok) return failWith('employees', n.message);
    employees = n.value;
  }
  const money = (field: CompanyField): bigint | null | Refusal => {
    const raw = text(field);
    if (!raw) return null;
    const m = parseMoneyToYuan(raw, unit(field));
    return m.ok ? m.yuan : new Refusal({ ...m.message, field });
  };
  const annualOutput = money('annualOutput');
  if (annualOutput instanceof Refusal) return annualOutput;
  const annualTax = money('annualTax');
  if (annualTax instanceof Refusal) return annualTax;

  const nameEn = text('nameEn') || null;
  const formerNames = list(col.formerNames === undefined ? '' : (cells[col.formerNames] ?? ''));
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
      tags: list(col.tags === undefined ? '' : (cells[col.tags] ?? '')),
      nameKey: companyNameKey(nameZh),
      nameSort: nameSortKey(nameZh),
      nameGrams: nameGrams(nameZh, nameEn, formerNames),
    },
  };
}
