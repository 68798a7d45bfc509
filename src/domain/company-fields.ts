import { moneySuffix } from './normalise.ts';
/**
 * The company record's fields as they appear in registry spreadsheets. Exports from market-regulation systems
 * name columns in many ways; each field lists the headers it answers to, compared after normalisation.
 */
export const companyFields = [
  'creditCode',
  'nameZh',
  'nameEn',
  'formerNames',
  'legalRepresentative',
  'industryCode',
  'registeredCapital',
  'capitalCurrency',
  'establishedOn',
  'town',
  'park',
  'address',
  'status',
  'enterpriseType',
  'sourceCountry',
  'hqType',
  'employees',
  'annualOutput',
  'annualTax',
  'tags',
] as const;
export type CompanyField = (typeof companyFields)[number];

export const requiredFields: readonly CompanyField[] = ['creditCode', 'nameZh'];

const aliases: Record<CompanyField, string[]> = {
  creditCode: [
    '统一社会信用代码',
    '社会信用代码',
    '信用代码',
    '社会统一信用代码',
    '统一信用代码',
    '统一社会信用代码注册号',
    'creditcode',
    'uscc',
    'unifiedsocialcreditcode',
  ],
  nameZh: [
    '企业名称',
    '公司名称',
    '名称',
    '企业名称中文',
    '企业(机构)名称',
    '单位名称',
    '市场主体名称',
    '主体名称',
    '单位详细名称',
    '详细名称',
    'name',
    'namezh',
    'companyname',
    'chinesename',
  ],
  nameEn: ['英文名称', '企业英文名称', '英文名', 'nameen', 'englishname'],
  formerNames: ['曾用名', '历史名称', 'formernames', 'formername'],
  legalRepresentative: [
    '法定代表人',
    '法人代表',
    '法人',
    '负责人',
    '法定代表人负责人',
    '经营者',
    '执行事务合伙人',
    '单位负责人',
    'legalperson',
    'legalrepresentative',
    'legalrep',
  ],
  industryCode: [
    '行业代码',
    '国民经济行业代码',
    '国标行业代码',
    '行业分类代码',
    '所属行业代码',
    // Exports that split the industry into name columns by level, the class (小类) the most specific.
    '行业小类',
    '国标行业小类',
    '行业中类',
    '国标行业中类',
    '行业大类',
    '国标行业大类',
    '所属行业',
    '行业',
    '国标行业',
    '行业名称',
    '国民经济行业',
    '国民经济行业分类',
    '行业类别',
    'industrycode',
    'industry',
    'industryclass',
  ],
  registeredCapital: ['注册资本', '注册资金', '注册资本金', 'registeredcapital', 'capital'],
  capitalCurrency: ['币种', '注册资本币种', '资本币种', 'currency', 'capitalcurrency'],
  establishedOn: [
    '成立日期',
    '成立时间',
    '注册日期',
    '设立日期',
    'establisheddate',
    'dateestablished',
    'incorporationdate',
    'establishedon',
    'established',
    'establishmentdate',
    'dateofestablishment',
  ],
  town: [
    '所属街镇',
    '街镇',
    '镇街',
    '所属镇街',
    '所在街镇',
    '所属街道',
    '所属乡镇',
    '街道镇',
    '街道',
    '乡镇',
    '所属街道乡镇',
    '所属乡镇街道',
    '街道乡镇',
    '乡镇街道',
    '所在街道',
    '所在乡镇',
    '所属镇',
    '街镇名称',
    '镇街名称',
    '镇',
    'town',
    'towncode',
  ],
  park: ['所属园区', '园区', '所在园区', '园区名称', 'park'],
  address: [
    '住所',
    '地址',
    '注册地址',
    '企业地址',
    '企业住所',
    '经营场所',
    '住所经营场所',
    '详细地址',
    '单位地址',
    '单位详细地址',
    'address',
    'registeredaddress',
  ],
  status: [
    '登记状态',
    '企业登记状态',
    '经营状态',
    '企业状态',
    '存续状态',
    '状态',
    'status',
    'registrationstatus',
    'operatingstatus',
  ],
  enterpriseType: [
    '企业类型',
    '内外资',
    '企业性质',
    '经济类型',
    '企业(机构)类型',
    '公司类型',
    '市场主体类型',
    '主体类型',
    '登记注册类型',
    '企业登记注册类型',
    '经济性质',
    '类型',
    'enterprisetype',
    'companytype',
    'type',
  ],
  sourceCountry: ['投资方国别', '国别', '来源国', '投资来源地', '外资来源地', 'sourcecountry', 'country'],
  hqType: ['总部类型', '总部认定', 'hqtype', 'headquarterstype', 'headquarters'],
  employees: [
    '从业人数',
    '员工人数',
    '职工人数',
    '人数',
    '从业人员',
    '从业人员期末人数',
    'employees',
    'staff',
  ],
  annualOutput: ['年产值', '产值', '营业收入', 'annualoutput', 'output'],
  annualTax: ['年税收', '税收', '纳税额', 'annualtax', 'tax'],
  tags: ['标签', 'tags'],
};

const fullWidth = /[\uff01-\uff5e]/g;

/**
 * A header as compared with aliases: half-width, lower case, without spaces and punctuation, without the * or ※
 * that import templates put on required columns (*统一社会信用代码), and without the zero-width characters a header
 * cell copied from a web page or a document carries unseen (企业名称 followed by U+200B read as unknown, and the
 * whole file was refused for want of a name column).
 */
export function headerKey(header: string): string {
  return header
    .replace(fullWidth, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/[\s_\-.:：/*※\u200b-\u200d\u2060]+/g, '');
}

export type MoneyUnit = 'yuan' | 'wan' | 'yi';

export interface HeaderMatch {
  field: CompanyField;
  /** The unit a money column's header declares, e.g. 注册资本(万元). */
  unit: MoneyUnit | null;
  /** The foreign currency a registered-capital header declares, e.g. USD for 注册资本(万美元). */
  currency: string | null;
}

const byAlias = new Map<string, CompanyField>();
for (const field of companyFields) for (const alias of aliases[field]) byAlias.set(alias, field);

/** A unit in brackets after a header: 注册资本(万元), 年产值（亿元）, 注册资本(单位:万元), 注册资本(人民币万元). */
const headerUnit = /\((?:单位)?(?:人民币)?(万元|万|元|亿元|亿|10kyuan|yuan|cny)(?:人民币)?\)$/;

function unitOf(word: string | undefined): MoneyUnit | null {
  if (word === '万元' || word === '万' || word === '10kyuan') return 'wan';
  if (word === '亿元' || word === '亿') return 'yi';
  return word ? 'yuan' : null;
}

/** A note in brackets after a header that is not a unit: 成立日期(年月日), 企业名称(中文), 统一社会信用代码(必填). */
const headerNote = /\([^()]*\)$/;
/** Brackets that speak of money are never dropped: 注册资本(万美元) must not be read as yuan. */
const moneyWord = /[元币万亿]|usd|cny|rmb|hkd|eur/;

/**
 * A foreign currency and its unit in brackets: 万美元, 亿港元, 美元, USD. Only registered capital keeps a currency;
 * output and tax are yuan, so a header giving them in another currency stays unknown rather than be misread.
 */
function foreignUnitOf(note: string): { unit: MoneyUnit; currency: string } | null {
  const suffix = moneySuffix(note);
  if (!suffix?.currency || suffix.currency === 'CNY') return null;
  const unit = suffix.exp <= 0 ? 'yuan' : suffix.exp === 4 ? 'wan' : suffix.exp === 8 ? 'yi' : null;
  return unit ? { unit, currency: suffix.currency } : null;
}

type Alias = { alias: string; unit: MoneyUnit | null; currency: string | null };

/** The alias a header answers to and the unit (and foreign currency) its brackets give, or null. */
function aliasOf(header: string): Alias | null {
  const key = headerKey(header);
  const unitMatch = headerUnit.exec(key);
  const base = unitMatch ? key.slice(0, unitMatch.index) : key;
  if (byAlias.has(base)) return { alias: base, unit: unitOf(unitMatch?.[1]), currency: null };
  if (byAlias.has(key)) return { alias: key, unit: null, currency: null };
  const note = unitMatch ? null : headerNote.exec(key);
  if (note && note.index > 0) {
    const stripped = key.slice(0, note.index);
    if (!moneyWord.test(note[0]))
      return byAlias.has(stripped) ? { alias: stripped, unit: null, currency: null } : null;
    const foreign =
      byAlias.get(stripped) === 'registeredCapital' ? foreignUnitOf(note[0].slice(1, -1)) : null;
    if (foreign) return { alias: stripped, ...foreign };
  }
  return null;
}

/** Matches one header to a field, reading a unit in brackets, or returns null for an unknown header. */
export function matchHeader(header: string): HeaderMatch | null {
  const found = aliasOf(header);
  if (!found) return null;
  return { field: byAlias.get(found.alias) as CompanyField, unit: found.unit, currency: found.currency };
}

/** Whether a header names a company field: the reader's way to tell a registry sheet's header row. */
export const isCompanyHeader = (header: string): boolean => aliasOf(header) !== null;

const moneyFields: readonly CompanyField[] = ['registeredCapital', 'annualOutput', 'annualTax'];
const unitNote = /单位\s*[:：]\s*(?:人民币)?(万元|亿元|元)/;

/**
 * The unit a note above the header gives the table's amounts (单位：万元, 金额单位：亿元), or null. It applies to the
 * money columns whose header names no unit of its own.
 */
export function noteUnit(preamble: readonly string[]): MoneyUnit | null {
  for (const text of preamble) {
    const m = unitNote.exec(text);
    if (m) return unitOf(m[1]);
  }
  return null;
}

export interface Mapping {
  /** Column index for each mapped field. */
  columns: Partial<Record<CompanyField, number>>;
  units: Partial<Record<CompanyField, MoneyUnit>>;
  /** The currency a registered-capital header names (注册资本(万美元)): bare amounts under it are in that currency. */
  currencies: Partial<Record<CompanyField, string>>;
  unknown: string[];
  /**
   * Headers of a second column for a field another column already gives, as exports that carry both 行业代码 and
   * 所属行业 do: the column whose header is the more specific alias is read, the other only for a cell the first
   * leaves empty (see fallbacks), or not at all for an amount.
   */
  ignored: string[];
  /**
   * The ignored columns of each field, the more specific first: a cell left empty in the column read is taken from
   * them (行业中类 empty, 行业大类 汽车制造业). Not for amounts, whose columns may differ in unit.
   */
  fallbacks?: Partial<Record<CompanyField, number[]>>;
  missing: CompanyField[];
  /** Fields that the user's own mapping gives to more than one column. */
  duplicates: CompanyField[];
}

/**
 * Maps a header row to fields. `overrides` (header → field, or '' to ignore) comes from the mapping step
 * of the web import for headers we did not recognise; `preamble` is the text above the header, whose unit note
 * (单位：万元) sets the unit of amounts under headers that name none.
 */
export function mapHeaders(
  headers: readonly string[],
  overrides: Record<string, string> = {},
  preamble: readonly string[] = [],
): Mapping {
  const columns: Mapping['columns'] = {};
  const units: Mapping['units'] = {};
  const currencies: Mapping['currencies'] = {};
  const rank: Partial<Record<CompanyField, number>> = {};
  const unknown: string[] = [];
  const ignored: string[] = [];
  const duplicates: CompanyField[] = [];
  const passedOver: [field: CompanyField, rank: number, index: number][] = [];
  headers.forEach((header, index) => {
    const override = overrides[header];
    if (override === '') return;
    const explicit = override !== undefined && (companyFields as readonly string[]).includes(override);
    const match = explicit
      ? {
          field: override as CompanyField,
          unit: matchHeader(header)?.unit ?? null,
          currency: matchHeader(header)?.currency ?? null,
        }
      : matchHeader(header);
    if (!match) {
      if (header.trim()) unknown.push(header);
      return;
    }
    const { field } = match;
    const r = explicit ? -1 : aliasRank(header, field);
    const taken = columns[field];
    if (taken !== undefined) {
      const takenRank = rank[field] as number;
      if (explicit && takenRank === -1) {
        duplicates.push(field);
        return;
      }
      if (r >= takenRank) {
        ignored.push(header);
        passedOver.push([field, r, index]);
        return;
      }
      ignored.push(headers[taken] as string);
      passedOver.push([field, takenRank, taken]);
      delete units[field];
      delete currencies[field];
    }
    columns[field] = index;
    rank[field] = r;
    if (match.unit) units[field] = match.unit;
    if (match.currency) currencies[field] = match.currency;
  });
  const noted = noteUnit(preamble);
  if (noted) for (const field of moneyFields) if (columns[field] !== undefined) units[field] ??= noted;
  const missing = requiredFields.filter((f) => columns[f] === undefined);
  const fallbacks: Mapping['fallbacks'] = {};
  passedOver.sort((a, b) => a[1] - b[1]);
  for (const [field, , index] of passedOver)
    if (!moneyFields.includes(field)) fallbacks[field] = [...(fallbacks[field] ?? []), index];
  const mapping: Mapping = { columns, units, currencies, unknown, ignored, missing, duplicates };
  if (Object.keys(fallbacks).length) mapping.fallbacks = fallbacks;
  return mapping;
}

/** Where a header's alias stands in its field's list: the lower, the more specific (行业代码 before 所属行业). */
function aliasRank(header: string, field: CompanyField): number {
  const alias = aliasOf(header)?.alias;
  const at = alias === undefined ? -1 : aliases[field].indexOf(alias);
  return at === -1 ? aliases[field].length : at;
}
