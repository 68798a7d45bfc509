import iconv from 'iconv-lite';
import { csvCell } from '../../../domain/csv.ts';
import { prng } from '../../../domain/random.ts';
import type { DecidedFileWithHeaders } from './messy-check.ts';
import { roads, tradeWords } from './messy-export.ts';

/**
 * A fourth messy registry export, written apart from the other three to cover what they do not: a commercial
 * database's company list (启信宝/天眼查 style) that an officer opened in a spreadsheet, edited by hand here and
 * there, and saved again as CSV in GB18030 without a byte-order mark.
 *
 * - headers: 经营状态 (not 登记状态), the industry as three name columns by level (行业门类, 行业大类, 行业中类), the
 *   place as 所属省份/所属城市/所属区县 and 所属街道（乡镇）, the identifiers beside the credit code (纳税人识别号, 注册号,
 *   组织机构代码), 参保人数, 实缴资本; a trailing delimiter on every line, the header's included, as a spreadsheet
 *   writes an empty last column;
 * - a title and the search's conditions above the header, every line padded with delimiters to the table's width;
 *   a 共计 line and a 注 line below the rows;
 * - line breaks inside quoted cells written as a bare LF while records end with CRLF, as Excel saves a cell with
 *   Alt+Enter breaks;
 * - enterprise types of every origin as the registry words them (外商独资企业, 中外合作经营企业, 有限责任公司（台港澳自然人独资）,
 *   外国（地区）企业在中国境内从事生产经营活动 …), individual businesses (个体工商户, code 92…) and farmers' cooperatives
 *   (农民专业合作社, 93…) without capital;
 * - capital as 1000万元人民币, (人民币)1000万元, USD 500万, 100万元港币, 10亿元人民币; dates as 2021-3-5, 2021年3月5号,
 *   2021-03-05T00:00:00; towns parted from their district by spaces or dashes (上海市 嘉定区 马陆镇), the old town name
 *   嘉定镇; former names parted by 、 or ；; English names in full-width letters; names with 䶮 (GB18030's FE9F);
 * - rows an officer would refuse: codes with a wrong check character or organisation-code check, a revoked company
 *   that has only its old 注册号, capital in Chinese numerals, a date in an Oracle export's 05-3月 -21 form, a date
 *   that does not exist or lies ahead, a town of another district, an industry name the standard lacks, a row without
 *   a name, a name with ? where GBK lost a character, a row hand-edited with an address whose comma is unquoted,
 *   and a company listed twice.
 *
 * What each row should become is decided here, by the rules as an officer reads them, and the credit codes by the
 * GB 32100 implementation below (written from the standard, sharing nothing with the importer or src/test/uscc.ts).
 */

export interface ExpectedCompany4 {
  creditCode: string;
  nameZh: string;
  nameEn: string | null;
  formerNames: string[];
  legalRepresentative: string | null;
  capitalYuan: string | null;
  currency: string;
  establishedOn: string | null;
  status: string;
  enterpriseType: string;
  townCode: string | null;
  industryCode: string | null;
  industrySection: string | null;
  address: string | null;
  employees: number | null;
}

export type MessyFile4 = DecidedFileWithHeaders<ExpectedCompany4>;

// ---------------------------------------------------------------------------------------------------------------
// GB 32100-2015, for this fixture alone

/** The code's 31 characters in value order (GB 32100-2015 table 2): digits, then capitals without I, O, S, V, Z. */
export const uscc31 = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const positionWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714: the organisation code's check character over its eight-character body (A–Z worth 10–35). */
export function organisationCheck(body: string): string {
  let sum = 0;
  for (let k = 0; k < 8; k++) {
    const c = body[k] as string;
    const value = c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += value * (organisationWeights[k] as number);
  }
  const check = 11 - (sum % 11);
  return check === 11 ? '0' : check === 10 ? 'X' : String(check);
}

/** GB 32100: the check character over the first seventeen characters. */
export function usccCheck(first17: string): string {
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += uscc31.indexOf(first17[k] as string) * (positionWeights[k] as number);
  return uscc31[(31 - (sum % 31)) % 31] as string;
}

/** A code from an authority/category/division prefix of eight characters and an organisation body of eight. */
export function usccFrom(prefix: string, body: string): string {
  const first17 = prefix + body + organisationCheck(body);
  return first17 + usccCheck(first17);
}

// ---------------------------------------------------------------------------------------------------------------
// The export

const columns = [
  'name',
  'status',
  'rep',
  'capital',
  'paidIn',
  'established',
  'approved',
  'province',
  'city',
  'county',
  'town',
  'code',
  'taxId',
  'regNo',
  'orgCode',
  'insured',
  'type',
  'section',
  'division',
  'group',
  'former',
  'nameEn',
  'address',
  'scope',
  'trailing',
] as const;
type Column = (typeof columns)[number];

const headers: Record<Column, string> = {
  name: '企业名称',
  status: '经营状态',
  rep: '法定代表人',
  capital: '注册资本',
  paidIn: '实缴资本',
  established: '成立日期',
  approved: '核准日期',
  province: '所属省份',
  city: '所属城市',
  county: '所属区县',
  town: '所属街道（乡镇）',
  code: '统一社会信用代码',
  taxId: '纳税人识别号',
  regNo: '注册号',
  orgCode: '组织机构代码',
  insured: '参保人数',
  type: '企业类型',
  section: '行业门类',
  division: '行业大类',
  group: '行业中类',
  former: '曾用名',
  nameEn: '英文名称',
  address: '注册地址',
  scope: '经营范围',
  trailing: '', // the empty column after the trailing delimiter
};
/** Columns the registry does not import, in order; 行业大类 last, as the column passed over for the more specific 行业中类. */
export const unknownHeaders4 = [
  '实缴资本',
  '核准日期',
  '所属省份',
  '所属城市',
  '所属区县',
  '纳税人识别号',
  '注册号',
  '组织机构代码',
  '参保人数',
  '行业门类',
  '经营范围',
  '行业大类',
];

interface Row {
  cells: Record<Column, string>;
  accept?: ExpectedCompany4;
  reject?: RegExp | ((lineOf: (row: number) => number) => RegExp);
}

const statuses: [string, string][] = [
  ['存续', 'active'],
  ['在业', 'active'],
  ['存续（在营、开业、在册）', 'active'],
  ['注销', 'cancelled'],
  ['吊销，未注销', 'revoked'],
  ['迁出', 'moved_out'],
  ['在营（开业）', 'active'],
  ['吊销', 'revoked'],
  ['迁入', 'active'],
  ['存续/在业', 'active'],
  ['撤销', 'cancelled'],
];

/** Legal forms and the investment origin each states. */
const companyTypes: [string, string][] = [
  ['有限责任公司（自然人投资或控股）', 'domestic'],
  ['外商独资企业', 'foreign'],
  ['中外合作经营企业', 'foreign'],
  ['有限责任公司（台港澳自然人独资）', 'hmt'],
  ['股份有限公司（台港澳与境内合资、未上市）', 'hmt'],
  ['有限责任公司（自然人独资）', 'domestic'],
  ['有限责任公司分公司（自然人投资或控股）', 'domestic'],
  ['有限责任公司（外国自然人独资）', 'foreign'],
  ['外国（地区）企业在中国境内从事生产经营活动', 'foreign'],
  ['股份有限公司（非上市、国有控股）', 'domestic'],
  ['有限责任公司（国有控股）', 'domestic'],
  ['其他股份有限公司分公司(非上市)', 'domestic'],
];

/** Capital as such lists write it (no unit in the header), in whole units of its currency. */
const capitals: [string, string | null, string][] = [
  ['1000万元人民币', '10000000', 'CNY'],
  ['500万美元', '5000000', 'USD'],
  ['100万(元)', '1000000', 'CNY'],
  ['100万元港币', '1000000', 'HKD'],
  ['1,000.0000万元人民币', '10000000', 'CNY'],
  ['100 万元', '1000000', 'CNY'],
  ['(人民币)1000万元', '10000000', 'CNY'],
  ['1000万元(人民币)', '10000000', 'CNY'],
  ['USD 500万', '5000000', 'USD'],
  ['-', null, 'CNY'],
  ['10亿元人民币', '1000000000', 'CNY'],
  ['200万欧元', '2000000', 'EUR'],
  ['0万人民币', '0', 'CNY'],
  ['300万瑞典克朗', '3000000', 'SEK'],
];

/** 所属街道（乡镇） as written, and the town's code. */
const towns: [string, string | null][] = [
  ['安亭镇', '310114103'],
  ['上海市 嘉定区 马陆镇', '310114106'],
  ['上海市-嘉定区-南翔镇', '310114102'],
  ['嘉定镇', '310114004'], // the town's name before it became 嘉定镇街道
  ['', null],
  ['江桥', '310114118'],
  ['徐行镇', '310114109'],
  ['上海市嘉定区 华亭镇', '310114111'],
  ['外冈镇', '310114114'],
  ['菊园新区', '310114401'],
  ['真新街道', '310114002'],
  ['嘉定工业区', '310114501'],
];
const townNames: Record<string, string> = {
  '310114103': '安亭镇',
  '310114106': '马陆镇',
  '310114102': '南翔镇',
  '310114004': '嘉定镇街道',
  '310114118': '江桥镇',
  '310114109': '徐行镇',
  '310114111': '华亭镇',
  '310114114': '外冈镇',
  '310114401': '菊园新区',
  '310114002': '真新街道',
  '310114501': '嘉定工业区',
};

/** 行业门类, 行业大类 and 行业中类 as the list names them, and the code and section the most specific one gives. */
const industries: [
  section: string,
  division: string,
  group: string,
  code: string | null,
  letter: string | null,
][] = [
  ['制造业', '汽车制造业', '汽车零部件及配件制造', '3670', 'C'], // the group's only class bears its name
  ['制造业', '计算机、通信和其他电子设备制造业', '电子器件制造', '397', 'C'],
  ['信息传输、软件和信息技术服务业', '软件和信息技术服务业', '软件开发', '651', 'I'],
  ['科学研究和技术服务业', '研究和试验发展', '工程和技术研究和试验发展', '7320', 'M'],
  ['批发和零售业', '批发业', '机械设备、五金产品及电子产品批发', '517', 'F'],
  ['制造业', '医药制造业', '生物药品制品制造', '276', 'C'],
  ['', '', '', null, null],
  ['制造业', '汽车制造业', '汽车整车制造', '361', 'C'],
  ['科学研究和技术服务业', '科技推广和应用服务', '其他技术推广服务', '7519', 'M'],
  ['制造业', '汽车制造业', '', '36', 'C'], // known to its division only: 行业中类 left empty
];

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const givenNames = ['伟', '芳', '秀英', '敏', '静', '强', '磊', '军', '洋', '勇', '杰', '涛'];
const trade2 = [
  '朗',
  '晖',
  '屹',
  '霆',
  '曦',
  '翊',
  '骁',
  '珂',
  '昀',
  '琪',
  '岱',
  '沐',
  '潇',
  '桦',
  '晏',
  '䶮',
];
const kinds = [
  '汽车零部件',
  '电子科技',
  '生物医药',
  '信息技术',
  '精密机械',
  '新能源',
  '检测技术',
  '供应链管理',
];
const kindsEn = [
  'Auto Parts',
  'Electronics',
  'Biopharma',
  'IT',
  'Precision Machinery',
  'New Energy',
  'Testing',
  'SCM',
];

function fullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
}

const p2 = (n: number) => String(n).padStart(2, '0');

function writtenDate(y: number, m: number, d: number, style: number): string {
  const styles = [
    `${y}-${m}-${d}`,
    `${y}年${m}月${d}号`,
    `${y}-${p2(m)}-${p2(d)}T00:00:00`,
    `${y}/${p2(m)}/${p2(d)} 00:00:00`,
    `${y}.${m}.${d}`,
    `${y}-${p2(m)}-${p2(d)}`,
    `${y}/${m}/${d}`,
  ];
  return styles[style % styles.length] as string;
}

function build(seed: number, count: number): (Row | 'blank')[] {
  const random = prng(seed);
  const used = new Set<string>();
  const newCode = (prefix: string): string => {
    for (;;) {
      const digitsOnly = random() < 0.3;
      const pool = digitsOnly ? '0123456789' : uscc31;
      let body = digitsOnly ? '' : 'MA';
      while (body.length < 8) body += pool[Math.floor(random() * pool.length)];
      const code = usccFrom(prefix, body);
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };

  const validRow = (i: number): Row => {
    // Every eleventh an individual business, every seventeenth a farmers' cooperative: no capital, their own codes.
    const kind = i % 11 === 5 ? 'individual' : i % 17 === 9 ? 'cooperative' : 'company';
    const code = newCode(
      kind === 'individual'
        ? '92310114'
        : kind === 'cooperative'
          ? '93310114'
          : i % 5
            ? '91310114'
            : '91310000',
    );
    const [statusText, status] = statuses[i % statuses.length] as [string, string];
    const [typeText, enterpriseType] =
      kind === 'individual'
        ? ['个体工商户', 'domestic']
        : kind === 'cooperative'
          ? ['农民专业合作社', 'domestic']
          : (companyTypes[(i * 5) % companyTypes.length] as [string, string]);
    const [capitalText, capitalYuan, currency] =
      kind === 'company'
        ? (capitals[(i * 3) % capitals.length] as (typeof capitals)[number])
        : ['-', null, 'CNY'];
    const [townText, townCode] = towns[(i * 7) % towns.length] as [string, string | null];
    const [section, division, group, industryCode, industrySection] = industries[
      (i * 4) % industries.length
    ] as (typeof industries)[number];
    const surname = surnames[i % surnames.length] as string;
    const repText =
      i % 13 === 6
        ? '-'
        : i % 19 === 3
          ? 'Anders Svensson'
          : `${surname}${givenNames[(i * 5) % givenNames.length]}`;
    const y = 1999 + (i % 26);
    const m = 1 + ((i * 7) % 12);
    const d = 1 + ((i * 3) % 28);
    const t1 = tradeWords[i % 16] as string;
    const t2 = trade2[Math.floor(i / 3) % 16] as string;
    const k = i % kinds.length;
    const townName = townCode ? townNames[townCode] : '';
    const name =
      kind === 'individual'
        ? `上海市嘉定区${townName}${surname}${t2}五金店`
        : kind === 'cooperative'
          ? `上海嘉定${t1}${t2}蔬果专业合作社`
          : typeText.includes('分公司')
            ? `上海${t1}${t2}${kinds[k]}有限公司嘉定分公司`
            : i % 23 === 8
              ? `${t1}${t2}${kinds[k]}（上海）有限公司`
              : `上海${t1}${t2}${kinds[k]}有限公司`;
    const nameEnPlain = `Shanghai ${t1 === '嘉' ? 'Jia' : 'An'} ${kindsEn[k]} Co., Ltd.`;
    const nameEnText =
      kind !== 'company' ? '-' : i % 4 === 0 ? nameEnPlain : i % 4 === 1 ? fullWidth(nameEnPlain) : '';
    const former1 = `上海${t2}${t1}${kinds[k]}有限公司`;
    const former2 = `上海${t2}${t1}贸易有限公司`;
    const formerStyles: [string, string[]][] = [
      ['', []],
      [`${former1}、${former2}`, [former1, former2]],
      [`${former1}；${former2}`, [former1, former2]],
      [former1, [former1]],
      ['-', []],
    ];
    const [formerText, formerNames] =
      kind === 'company' ? (formerStyles[i % formerStyles.length] as [string, string[]]) : ['', []];
    const road = roads[i % roads.length] as string;
    const place = `上海市嘉定区${townName}${road}${100 + i}号`;
    // A second address line typed with Alt+Enter: a bare LF in the cell, which the registry keeps as a space.
    const addressText =
      i % 6 === 2 ? `${place}\n${1 + (i % 5)}幢` : i % 6 === 4 ? `${place}, ${200 + i}室` : place;
    const cells: Record<Column, string> = {
      name,
      status: statusText,
      rep: repText,
      capital: capitalText,
      paidIn: i % 3 ? '-' : capitalText,
      established: writtenDate(y, m, d, i),
      approved: `2024-${p2(1 + (i % 6))}-${p2(1 + (i % 28))}`,
      province: '上海市',
      city: '上海市',
      county: '嘉定区',
      town: townText,
      code,
      taxId: code,
      regNo: i % 4 ? `310114${String(100_000_000 + i * 7919).slice(-9)}` : '-',
      orgCode: `${code.slice(8, 16)}-${code[16]}`,
      insured: i % 5 ? String(i % 90) : '-',
      type: typeText,
      section,
      division,
      group,
      former: formerText,
      nameEn: nameEnText,
      address: addressText,
      scope:
        i % 2
          ? '一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；汽车零部件及配件制造。\n许可项目：货物进出口。'
          : '销售"嘉定"牌五金交电, 日用百货',
      trailing: '',
    };
    return {
      cells,
      accept: {
        creditCode: code,
        nameZh: name.replace('（', '(').replace('）', ')'),
        nameEn: nameEnText && nameEnText !== '-' ? nameEnPlain : null,
        formerNames,
        legalRepresentative: repText === '-' ? null : repText,
        capitalYuan,
        currency,
        establishedOn: `${y}-${p2(m)}-${p2(d)}`,
        status,
        enterpriseType,
        townCode,
        industryCode,
        industrySection,
        address: addressText.replace('\n', ' '),
        employees: null, // 参保人数 counts the insured, which the registry does not take for its headcount
      },
    };
  };

  const broken = (i: number, changes: Partial<Record<Column, string>>, reason: RegExp): Row => {
    const row = validRow(i);
    Object.assign(row.cells, changes);
    delete row.accept;
    row.reject = reason;
    return row;
  };
  const withCode = (i: number, spell: (code: string) => string, reason: (code: string) => RegExp): Row => {
    const row = validRow(i);
    const code = row.accept?.creditCode as string;
    return broken(i, { code: spell(code), taxId: spell(code) }, reason(code));
  };
  const shiftCheck = (code: string) => uscc31[(uscc31.indexOf(code[17] as string) + 9) % 31] as string;

  const invalid: ((i: number) => Row)[] = [
    (i) =>
      withCode(
        i,
        (c) => c.slice(0, 17) + shiftCheck(c),
        (c) =>
          new RegExp(
            `^统一社会信用代码 credit code: .*check character should be "${c[17]}", got "${shiftCheck(c)}"`,
          ),
      ),
    (i) =>
      withCode(
        i,
        (c) => {
          // The organisation code's check changed and the final check made to fit: only GB 11714 tells.
          const wrong = c[16] === '5' ? '6' : '5';
          const first17 = c.slice(0, 16) + wrong;
          return first17 + usccCheck(first17);
        },
        (c) =>
          new RegExp(
            `^统一社会信用代码 credit code: .*organisation code check digit should be "${c[16]}", got "${c[16] === '5' ? '6' : '5'}"`,
          ),
      ),
    // A company revoked before 2015 that never had a credit code: the list shows a dash and its 注册号.
    (i) =>
      broken(i, { code: '-', taxId: '-', status: '吊销，未注销' }, /^统一社会信用代码 credit code: is empty/),
    (i) => broken(i, { code: '310114000456789' }, /^统一社会信用代码 credit code: .*15 digits/),
    (i) =>
      broken(
        i,
        { capital: '壹佰万元', type: '有限责任公司（自然人投资或控股）' },
        /^注册资本 registered capital: .*Chinese numerals/,
      ),
    (i) =>
      broken(
        i,
        { established: '05-3月 -21' },
        /^成立日期 establishment date: unrecognised date "05-3月 -21"/,
      ),
    (i) =>
      broken(i, { established: '2023年2月29日' }, /^成立日期 establishment date: no such date 2023-02-29/),
    (i) =>
      broken(i, { established: '2099-01-01' }, /^成立日期 establishment date: 2099-01-01 is in the future/),
    (i) => broken(i, { town: '上海市 宝山区 大场镇' }, /^街镇 town: unknown town "上海市 宝山区 大场镇"/),
    (i) => broken(i, { group: '区块链技术服务' }, /^行业代码 industry: "区块链技术服务" is not a GB\/T 4754/),
    (i) => broken(i, { name: '' }, /^企业名称 name: is empty/),
    // A row copied in from a list that went through GBK, which has no 䶮: the tool wrote ? in its place.
    (i) =>
      broken(
        i,
        { name: '上海嘉?电子科技有限公司' },
        /^企业名称 name: contains "\?" where a character was lost/,
      ),
  ];

  const rows: (Row | 'blank')[] = [];
  let invalidAt = 0;
  let i = 0;
  let twice: Row | undefined;
  for (let n = 0; n < count; n++) {
    if (n % 53 === 30) rows.push('blank');
    if (n % 17 === 8 && invalidAt < invalid.length) {
      rows.push((invalid[invalidAt++] as (i: number) => Row)(i++));
      continue;
    }
    const row = validRow(i++);
    rows.push(row);
    if (n === 40) twice = row;
  }
  // Pages of the list overlapped: the company again, refused as a repeat of its first line.
  const again = twice as Row;
  const againAt = rows.indexOf(again);
  rows.push({
    cells: { ...again.cells },
    reject: (lineOf) => new RegExp(`^统一社会信用代码 credit code: repeats line ${lineOf(againAt)}\\b`),
  });
  return rows;
}

/** A record as the spreadsheet saves it: quoted where needed, and ended (as every line is) by a delimiter. */
function record(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/** A hand-edited line: an address with two commas pasted in without quotes, so it makes three cells. */
function unquotedAddress(cells: Record<Column, string>): string {
  const address = `${cells.address.split(/[,\n]/)[0]}, 2幢, 201室`;
  return columns.map((c) => (c === 'address' ? address : csvCell(cells[c]))).join(',');
}

/**
 * The list as GB18030 CSV without a byte-order mark: CRLF between records and a bare LF inside quoted cells, every
 * line padded with delimiters to the table's width and ended by one.
 */
export function messyCsv4(seed = 44, count = 220): MessyFile4 {
  const rows = build(seed, count);
  const width = columns.length;
  const padded = (first: string) => record([first, ...Array(width - 1).fill('')]);
  const records: string[] = [];
  const lines: number[] = [];
  let line = 1;
  const add = (r: string) => {
    records.push(r);
    line += 1 + (r.match(/\n/g)?.length ?? 0);
  };
  add(padded('企业数据导出（启信宝） 导出日期：2024年07月02日'));
  add(padded('筛选条件：所属地区：上海市嘉定区；成立日期：1999-01-01至2024-12-31；经营状态：全部'));
  add(padded(''));
  add(record(columns.map((c) => headers[c])));

  const accepted: ExpectedCompany4[] = [];
  const rejected: { line: number; reason: RegExp }[] = [];
  const lineOf = (k: number) => lines[k] as number;
  let handEdited = false;
  rows.forEach((row, k) => {
    lines[k] = line;
    if (row === 'blank') {
      add(padded(''));
      return;
    }
    // One company's line edited by hand in a text editor: its address (with a comma) pasted in unquoted.
    if (!handEdited && row.accept && k > rows.length / 2) {
      handEdited = true;
      delete row.accept;
      row.reject = new RegExp(`^the row has \\d+ cells where the header has ${width} columns`);
      add(unquotedAddress(row.cells));
      return;
    }
    add(record(columns.map((c) => row.cells[c])));
  });
  const totalsLine = line;
  add(padded(`共计：${rows.filter((r) => r !== 'blank').length}条`));
  const noteLine = line;
  add(padded('注：数据来源于国家企业信用信息公示系统，仅供参考'));

  rows.forEach((row, k) => {
    if (row === 'blank') return;
    if (row.accept) accepted.push(row.accept);
    else if (row.reject)
      rejected.push({
        line: lineOf(k),
        reason: typeof row.reject === 'function' ? row.reject(lineOf) : row.reject,
      });
  });
  rejected.push({ line: totalsLine, reason: /共计.*a totals row, not a company/ });
  rejected.push({ line: noteLine, reason: /a note, not a company/ });

  const text = `${records.join('\r\n')}\r\n`;
  return {
    buffer: iconv.encode(text, 'gb18030'),
    accepted,
    rejected,
    rows: rows.filter((r) => r !== 'blank').length + 2,
    unknownHeaders: unknownHeaders4,
  };
}
