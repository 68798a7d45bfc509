import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvCell, csvRecord } from '../../../domain/csv.ts';
import { prng } from '../../../domain/random.ts';
import { referenceAlphabet, referenceCheckChar, referenceCodeFrom } from '../../../test/uscc.ts';
import type { DecidedFileWithHeaders } from './messy-check.ts';
import { roads, tradeWords } from './messy-export.ts';

/**
 * A third messy registry export, written apart from messy-export.ts and messy-export-2.ts to cover what they do not:
 * a district market-regulation bureau's own 企业登记信息 extract, in its column order, as an officer gets it.
 *
 * - above the header, the query the extract was made with (eight lines of 导出时间, 查询条件, 说明 …);
 * - headers: 登记机关 first, 企业名称 with an invisible zero-width space copied in, 统一社会信用代码/注册号, 币种 beside
 *   注册资本(万元), 经营期限自/至, 区划代码, 行业门类 beside 行业代码, 所属街道/乡镇, 联系电话; the columns not imported
 *   are reported as ignored;
 * - credit codes grouped by spaces or a hyphen (as copied from a licence), behind a zero-width space, an NBSP or a
 *   stray byte-order mark; codes with I or O for 1 or 0, a grouped code with a wrong check character or a missing
 *   character, and a company repeated later under its grouped code;
 * - capital as the registry prints it (500.000000万人民币, 500万(元), 500万元整), in the 币种 column's currency, blank
 *   for sole proprietorships and partnerships (出资额, not 注册资本), and in Chinese numerals (伍佰万元: refused);
 * - dates as 2021.03.05, 20210305, 2021-3-5 0:00:00 and text serials; a year and month alone (2021年03月, 202103),
 *   day zero of Excel and of databases (1900-01-00, 1899/12/30) and 2021-02-29, all refused;
 * - towns padded with NBSP or a zero-width space; 嘉定新城 (an area, not a town) and a town code Excel wrote as
 *   3.10114E+11, both refused; a name that is only a zero-width space (empty);
 * - 经营范围 of several thousand characters with commas, doubled quotes and line breaks; blank and comma-only rows;
 * - as CSV: a second export saved on a Mac (lines ended by CR alone) joined below the first, its header repeated,
 *   its last line without a line end; as XLSX: the same rows, amounts, industry codes and some dates as numbers.
 *
 * What each row should become is decided here, by the rules as an officer reads them, and the credit codes by the
 * independent check in src/test/uscc.ts, never by calling the importer's own validators.
 */

export interface ExpectedCompany3 {
  creditCode: string;
  nameZh: string;
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
}

export type MessyFile3 = DecidedFileWithHeaders<ExpectedCompany3>;

type Cell = string | number | Date;

const columns = [
  'authority',
  'name',
  'code',
  'type',
  'rep',
  'capital',
  'currency',
  'established',
  'approved',
  'termFrom',
  'termTo',
  'address',
  'town',
  'area',
  'section',
  'industry',
  'status',
  'scope',
  'phone',
] as const;
type Column = (typeof columns)[number];

const headers: Record<Column, string> = {
  authority: '登记机关',
  name: '企业名称\u200b', // copied from the bureau's web page with an invisible zero-width space
  code: '统一社会信用代码/注册号',
  type: '企业类型',
  rep: '法定代表人',
  capital: '注册资本(万元)',
  currency: '币种',
  established: '成立日期',
  approved: '核准日期',
  termFrom: '经营期限自',
  termTo: '经营期限至',
  address: '住所',
  town: '所属街道/乡镇',
  area: '区划代码',
  section: '行业门类',
  industry: '行业代码',
  status: '登记状态',
  scope: '经营范围',
  phone: '联系电话',
};
const notImported: readonly Column[] = [
  'authority',
  'approved',
  'termFrom',
  'termTo',
  'area',
  'section',
  'scope',
  'phone',
];

interface Row {
  cells: Record<Column, string>;
  /** Cells a workbook holds as a number or a date rather than as the text the CSV carries. */
  xlsx?: Partial<Record<Column, Cell>>;
  accept?: ExpectedCompany3;
  /** The reason of a refused row; a function when it names another row's line. */
  reject?: RegExp | ((lineOf: (row: number) => number) => RegExp);
}

/** Legal forms as the bureau's extract writes them, and the investment origin each states. */
const types: [string, string][] = [
  ['有限责任公司（自然人投资或控股）', 'domestic'],
  ['股份有限公司（上市、自然人投资或控股）', 'domestic'],
  ['有限责任公司(外国法人独资)', 'foreign'],
  ['外商投资企业分公司', 'foreign'],
  ['个人独资企业', 'domestic'],
  ['有限责任公司（港澳台法人独资）', 'hmt'],
  ['合伙企业', 'domestic'],
  ['股份有限公司(港澳台投资、未上市)', 'hmt'],
  ['外商投资合伙企业', 'foreign'],
  ['有限责任公司（非自然人投资或控股的法人独资）', 'domestic'],
  ['普通合伙企业', 'domestic'],
  ['股份有限公司分公司(上市、国有控股)', 'domestic'],
];
/** Sole proprietorships and partnerships have contributions (出资额), not registered capital: the cell is blank. */
const noCapital = /个人独资|合伙/;

/** Capital under 注册资本(万元) and the 币种 cell beside it; what it is in whole units of its currency. */
const capitals: [text: string, currencyCell: string, units: string, currency: string][] = [
  ['500.000000万人民币', '', '5000000', 'CNY'],
  ['500万(元)', '人民币', '5000000', 'CNY'],
  ['1,000.5万元', '', '10005000', 'CNY'],
  ['0', '人民币', '0', 'CNY'],
  ['500万元整', '', '5000000', 'CNY'], // 整, "exactly", as licences write amounts
  ['50.5', '美元', '505000', 'USD'], // 万 (the header's unit) of the currency the 币种 column names
  ['300', '港币', '3000000', 'HKD'],
  ['2000', '人民币', '20000000', 'CNY'],
  ['8,000', 'CNY', '80000000', 'CNY'],
  ['120.000000万美元', '美元', '1200000', 'USD'],
];

const statuses: [string, string][] = [
  ['存续（在营、开业、在册）', 'active'],
  ['在业', 'active'],
  ['存续', 'active'],
  ['注销', 'cancelled'],
  ['吊销，未注销', 'revoked'],
  ['已迁出', 'moved_out'],
  ['吊销,已注销', 'cancelled'],
];

const towns: [written: string, code: string | null, name: string | null, area: string][] = [
  ['安亭镇', '310114103', '安亭镇', '310114103'],
  ['马陆镇', '310114106', '马陆镇', '310114106000'],
  ['嘉定工业区', '310114501', '嘉定工业区', '310114'],
  ['江桥镇', '310114118', '江桥镇', '310114118'],
  ['新成路街道', '310114001', '新成路街道', '310114001000'],
  ['\u00a0南翔镇\u00a0', '310114102', '南翔镇', '310114102'],
  ['外冈镇\u200b', '310114114', '外冈镇', '310114'],
  ['', null, null, '310114'],
];

/** 行业代码 as the extract writes it, its code and section, and the code as a workbook number. */
const industries: [string, string | null, string | null, number?][] = [
  ['6513', '6513', 'I', 6513],
  ['I6513', '6513', 'I'],
  ['3670', '3670', 'C', 3670],
  ['C36', '36', 'C'],
  ['', null, null],
  ['7590', '7590', 'M', 7590],
];

const reps: [string, string | null][] = [
  ['张伟', '张伟'],
  ['-', null],
  ['王芳\u200b', '王芳'],
  ['李秀英', '李秀英'],
  ['', null],
  ['约翰·史密斯', '约翰·史密斯'],
];

const trade2 = [
  '岚',
  '澜',
  '杉',
  '骏',
  '铭',
  '弘',
  '卓',
  '奕',
  '蔚',
  '璟',
  '煜',
  '珩',
  '钧',
  '琛',
  '湛',
  '霖',
];
const kinds = [
  '汽车零部件',
  '氢能科技',
  '新材料',
  '信息技术',
  '医疗器械',
  '智能制造',
  '检测技术',
  '电子科技',
];

/** 经营范围 as the registry writes it: long, with commas, quotes and line breaks; one runs to several thousand characters. */
const scopes = [
  '一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；汽车零部件及配件制造。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）\n许可项目：货物进出口；技术进出口。',
  '销售"嘉定"牌汽车配件, 机械设备, 五金交电; "互联网+"信息服务',
  `一般项目：${'软件开发，信息系统集成服务，人工智能应用软件开发，'.repeat(120)}（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）`,
  '',
];

const p2 = (n: number) => String(n).padStart(2, '0');

/** A valid date as the extract writes it, and the cell a workbook would hold. */
function writtenDate(y: number, m: number, d: number, style: number): { text: string; xlsx: Cell } {
  const serial = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
  const styles = [
    `${y}.${p2(m)}.${p2(d)}`,
    `${y}${p2(m)}${p2(d)}`,
    `${y}-${m}-${d} 0:00:00`,
    `${y}年${p2(m)}月${p2(d)}日`,
    String(serial), // a date column Excel saved as text: the serial
    `${y}/${p2(m)}/${p2(d)}`,
    `${y}-${p2(m)}-${p2(d)}`,
  ];
  const k = style % styles.length;
  const text = styles[k] as string;
  return { text, xlsx: k === 4 || k === 6 ? new Date(Date.UTC(y, m - 1, d)) : text };
}

/** Codes as a district extract spells them: grouped, with invisible characters, or as they are. */
function writtenCode(code: string, variant: number): string {
  switch (variant % 8) {
    case 1:
      return `${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8, 12)} ${code.slice(12)}`;
    case 2:
      return `${code.slice(0, 8)}-${code.slice(8)}`;
    case 3:
      return `\u200b${code}`;
    case 4:
      return `${code}\u00a0`;
    case 5:
      return code.toLowerCase();
    case 6:
      return `\ufeff${code}`; // the mark of a file pasted into the cell
    default:
      return code;
  }
}

function build(seed: number, count: number): (Row | 'blank' | 'commas' | 'header')[] {
  const random = prng(seed);
  const used = new Set<string>();
  const newCode = (): string => {
    for (;;) {
      const digitsOnly = random() < 0.3;
      const pool = digitsOnly ? '0123456789' : referenceAlphabet;
      let body = digitsOnly ? '' : random() < 0.5 ? 'MA' : '';
      while (body.length < 8) body += pool[Math.floor(random() * pool.length)];
      const code = referenceCodeFrom(random() < 0.8 ? '91310114' : '91310000', body);
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };

  const validRow = (i: number): Row => {
    const code = newCode();
    const [typeText, enterpriseType] = types[i % types.length] as [string, string];
    const [capitalText, currencyCell, capitalUnits, capitalCurrency] = noCapital.test(typeText)
      ? ['', '', null, 'CNY']
      : (capitals[(i * 3) % capitals.length] as [string, string, string, string]);
    const [statusText, status] = statuses[(i * 5) % statuses.length] as [string, string];
    const [townText, townCode, townName, area] = towns[(i * 7) % towns.length] as (typeof towns)[number];
    const [industryText, industryCode, industrySection, industryNumber] = industries[
      (i * 11) % industries.length
    ] as (typeof industries)[number];
    const [repText, rep] = reps[i % reps.length] as [string, string | null];
    const y = 1996 + (i % 29);
    const m = 1 + ((i * 5) % 12);
    const d = 1 + ((i * 11) % 28);
    const date = writtenDate(y, m, d, i);
    const name = `上海${tradeWords[i % 16]}${trade2[Math.floor(i / 16) % 16]}${kinds[i % kinds.length]}有限公司`;
    const road = roads[i % roads.length] as string;
    const addressText =
      i % 9 === 4
        ? `上海市嘉定区${townName ?? ''}${road}${200 + i}号\n2层`
        : `上海市嘉定区${townName ?? ''}${road}${200 + i}号`;
    const cells: Record<Column, string> = {
      authority: i % 4 ? '上海市嘉定区市场监督管理局' : '上海市市场监督管理局',
      name,
      code: writtenCode(code, i),
      type: typeText,
      rep: repText,
      capital: capitalText,
      currency: currencyCell,
      established: date.text,
      approved: `2024-0${1 + (i % 6)}-${p2(1 + (i % 28))}`,
      termFrom: date.text,
      termTo: i % 3 ? '长期' : `${y + 30}-${p2(m)}-${p2(d)}`,
      address: addressText,
      town: townText,
      area,
      section: industrySection ?? '',
      industry: industryText,
      status: statusText,
      scope: scopes[i % scopes.length] as string,
      phone: i % 5 ? `021-${59_000_000 + i}` : '',
    };
    const xlsx: Partial<Record<Column, Cell>> = { established: date.xlsx };
    if (/^\d+(\.\d+)?$/.test(capitalText)) xlsx.capital = Number(capitalText);
    if (industryNumber !== undefined) xlsx.industry = industryNumber;
    if (/^\d+$/.test(area)) xlsx.area = Number(area);
    return {
      cells,
      xlsx,
      accept: {
        creditCode: code,
        nameZh: name,
        legalRepresentative: rep,
        capitalYuan: capitalUnits,
        currency: capitalCurrency,
        establishedOn: `${y}-${p2(m)}-${p2(d)}`,
        status,
        enterpriseType,
        townCode,
        industryCode,
        industrySection,
        // A line break in the cell is a space once the address is cleaned.
        address: addressText.replace('\n', ' '),
      },
    };
  };

  const broken = (i: number, changes: Partial<Record<Column, string>>, reason: RegExp): Row => {
    const row = validRow(i);
    Object.assign(row.cells, changes);
    for (const column of Object.keys(changes)) delete row.xlsx?.[column as Column];
    delete row.accept;
    row.reject = reason;
    return row;
  };
  /** A valid row whose code is respelled by `spell`, refused for `reason` (given the code). */
  const brokenCode = (i: number, spell: (code: string) => string, reason: (code: string) => RegExp): Row => {
    const row = validRow(i);
    const code = row.accept?.creditCode as string;
    return broken(i, { code: spell(code) }, reason(code));
  };
  const alphabetRule = /which is not allowed: GB 32100 codes use no I, O, S, V or Z/;

  const invalid: ((i: number) => Row)[] = [
    // I for 1 and O for 0: letters the code's alphabet leaves out, as typed from a paper licence.
    (i) =>
      brokenCode(
        i,
        (c) => c.replace('1', 'I'),
        () => new RegExp(`contains "I" ${alphabetRule.source}`),
      ),
    (i) =>
      brokenCode(
        i,
        (c) => `${c.slice(0, 4)}O${c.slice(5)}`,
        () => /contains "O" which is not allowed/,
      ),
    (i) =>
      brokenCode(
        i,
        (c) => {
          const wrong = referenceAlphabet[(referenceAlphabet.indexOf(c[17] as string) + 3) % 31] as string;
          return `${c.slice(0, 4)} ${c.slice(4, 8)} ${c.slice(8, 12)} ${c.slice(12, 17)}${wrong}`;
        },
        (c) => {
          const wrong = referenceAlphabet[(referenceAlphabet.indexOf(c[17] as string) + 3) % 31] as string;
          return new RegExp(
            `check character should be "${referenceCheckChar(c.slice(0, 17))}", got "${wrong}"`,
          );
        },
      ),
    (i) =>
      brokenCode(
        i,
        (c) => `${c.slice(0, 8)}-${c.slice(9)}`,
        () => /must be 18 characters, got 17/,
      ),
    (i) =>
      broken(
        i,
        { capital: '伍佰万元', type: '有限责任公司（自然人投资或控股）' },
        /注册资本 registered capital: not an amount: "伍佰万元" is written in Chinese numerals/,
      ),
    (i) =>
      broken(
        i,
        { established: '2021年03月' },
        /成立日期 establishment date: "2021年03月" gives a year and month but no day/,
      ),
    (i) => broken(i, { established: '202103' }, /"202103" gives a year and month but no day/),
    (i) => broken(i, { established: '1900-01-00' }, /no such date 1900-01-00 \(day zero of a spreadsheet/),
    (i) => broken(i, { established: '1899/12/30' }, /year 1899 is outside 1900–2100 \(day zero/),
    (i) => broken(i, { established: '2021-02-29' }, /成立日期 establishment date: no such date 2021-02-29/),
    (i) => broken(i, { town: '嘉定新城' }, /街镇 town: unknown town "嘉定新城"/),
    // A twelve-digit town code that Excel turned into a number and wrote back in scientific notation.
    (i) =>
      broken(
        i,
        { town: '3.10114E+11' },
        /街镇 town: "3\.10114E\+11" is a division code as Excel shows a number in scientific notation/,
      ),
    (i) => broken(i, { name: '\u200b' }, /企业名称 name: is empty/),
  ];

  const rows: (Row | 'blank' | 'commas' | 'header')[] = [];
  let invalidAt = 0;
  let i = 0;
  const remembered: Row[] = [];
  for (let n = 0; n < count; n++) {
    if (n % 41 === 17) rows.push(n % 2 ? 'blank' : 'commas');
    if (n === Math.floor(count * 0.7)) rows.push('header'); // the second export starts here
    if (n % 13 === 6 && invalidAt < invalid.length) {
      rows.push((invalid[invalidAt++] as (i: number) => Row)(i++));
      continue;
    }
    const row = validRow(i++);
    rows.push(row);
    if (n === 30) remembered.push(row);
  }
  // The first export's company again in the second, its code grouped: the later line is refused.
  const [again] = remembered as [Row];
  const againAt = rows.indexOf(again);
  const code = again.accept?.creditCode as string;
  rows.push({
    cells: { ...again.cells, code: `${code.slice(0, 6)} ${code.slice(6, 12)} ${code.slice(12)}` },
    reject: (lineOf) => new RegExp(`统一社会信用代码 credit code: repeats line ${lineOf(againAt)}\\b`),
  });
  rows.push(validRow(i++)); // the last line, with no line end after it in the CSV
  return rows;
}

function expectations(
  rows: (Row | 'blank' | 'commas' | 'header')[],
  lines: number[],
): Omit<MessyFile3, 'buffer'> {
  const accepted: ExpectedCompany3[] = [];
  const rejected: { line: number; reason: RegExp }[] = [];
  const lineOf = (k: number) => lines[k] as number;
  rows.forEach((row, k) => {
    if (row === 'header') rejected.push({ line: lineOf(k), reason: /repeats the header row/ });
    if (typeof row === 'string') return;
    if (row.accept) accepted.push(row.accept);
    else if (row.reject)
      rejected.push({
        line: lineOf(k),
        reason: typeof row.reject === 'function' ? row.reject(lineOf) : row.reject,
      });
  });
  return {
    accepted,
    rejected,
    rows: rows.filter((r) => r !== 'blank' && r !== 'commas').length,
    unknownHeaders: notImported.map((c) => headers[c]),
  };
}

/** The query the bureau's system lists above the table: more lines than a title and a note. */
const queryLines = [
  '上海市嘉定区市场监督管理局 企业登记信息',
  '导出时间：2024-07-01 09:30:12',
  '导出人：张三',
  '查询条件：登记机关=上海市嘉定区市场监督管理局',
  '成立日期：1996-01-01 至 2024-12-31',
  '登记状态：全部',
  '企业类型：全部',
  '说明：本表数据仅供内部使用，不得外传',
];

/**
 * The extract as GB18030 CSV: the bureau's system writes CRLF; the second export, saved on a Mac, ends its lines
 * (and the line breaks inside its cells) with CR alone, and its last line has no line end.
 */
export function messyCsv3(seed = 3, count = 240): MessyFile3 {
  const rows = build(seed, count);
  const header = columns.map((c) => headers[c]);
  let text = `${queryLines.map((q) => `${csvCell(q)}\r\n`).join('')}${header.join(',')}\r\n`;
  let line = queryLines.length + 2;
  let mac = false;
  const lines: number[] = [];
  rows.forEach((row, k) => {
    if (row === 'header') mac = true;
    const cells =
      row === 'blank' ? [] : row === 'commas' ? columns.map(() => '') : row === 'header' ? header : null;
    const values = cells ?? columns.map((c) => (row as Row).cells[c]);
    const eol = mac ? '\r' : '\r\n';
    const record = csvRecord(values).replace(/\n/g, eol);
    lines[k] = line;
    line += 1 + (record.match(/\r\n|\r|\n/g)?.length ?? 0);
    text += k === rows.length - 1 ? record : record + eol;
  });
  return { ...expectations(rows, lines), buffer: iconv.encode(text, 'gb18030') };
}

/** The same extract as a workbook an officer opened and saved in Excel. */
export async function messyXlsx3(seed = 3, count = 240): Promise<MessyFile3> {
  const rows = build(seed, count);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业登记信息');
  const header = columns.map((c) => headers[c]);
  for (const q of queryLines) sheet.addRow([q]);
  sheet.addRow(header);
  const dateColumn = columns.indexOf('established') + 1;
  const lines: number[] = [];
  rows.forEach((row, k) => {
    if (row === 'blank' || row === 'commas') {
      sheet.addRow([]);
      lines[k] = sheet.rowCount;
      return;
    }
    const values = row === 'header' ? header : columns.map((c) => row.xlsx?.[c] ?? row.cells[c]);
    const added = sheet.addRow(values);
    lines[k] = added.number;
    if (row !== 'header' && row.xlsx?.established instanceof Date)
      added.getCell(dateColumn).numFmt = 'yyyy-mm-dd';
  });
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { ...expectations(rows, lines), buffer };
}

export interface ExpectedDirectoryUnit {
  creditCode: string;
  nameZh: string;
  legalRepresentative: string | null;
  enterpriseType: string;
  townCode: string | null;
  industryCode: string | null;
  industrySection: string | null;
  address: string;
  employees: number | null;
  status: string;
  establishedOn: null;
}

const directoryHeaders = [
  '统一社会信用代码',
  '组织机构代码',
  '单位详细名称',
  '法定代表人(单位负责人)',
  '行政区划代码',
  '街道（乡、镇）',
  '社区(居委会)、村(村委会)',
  '详细地址',
  '行业代码',
  '主要业务活动',
  '登记注册类型',
  '开业(成立)时间',
  '从业人员期末人数',
  '运营状态',
  '机构类型',
];
/**
 * The directory's columns the registry does not import: a year and month is no establishment date, and 运营状态's
 * codes are not the registry's statuses.
 */
export const directoryUnknownHeaders = [
  '组织机构代码',
  '行政区划代码',
  '社区(居委会)、村(村委会)',
  '主要业务活动',
  '开业(成立)时间',
  '运营状态',
  '机构类型',
];

/** 登记注册类型 as the directory writes it, mostly the code alone, and the investment origin it states. */
const registrationTypes: [string, string][] = [
  ['173', 'domestic'],
  ['159', 'domestic'],
  ['310', 'foreign'],
  ['230', 'hmt'],
  ['171', 'domestic'],
  ['110', 'domestic'],
  ['210 与港澳台商合资经营企业', 'hmt'],
  ['330', 'foreign'],
  ['173私营有限责任公司', 'domestic'],
];
const directoryIndustries: [string, string, string][] = [
  ['3670', '3670', 'C'],
  ['6513', '6513', 'I'],
  ['7590', '7590', 'M'],
  ['5179', '5179', 'F'],
];
const directoryTowns: [string, string][] = [
  ['安亭镇', '310114103'],
  ['马陆镇', '310114106'],
  ['江桥镇', '310114118'],
  ['嘉定工业区', '310114501'],
];
const headcounts: [string, number | null][] = [
  ['25', 25],
  ['1,200', 1200],
  ['', null],
  ['0', 0],
  ['8人', 8],
];

/**
 * A unit list from the statistics bureau's basic-unit directory (基本单位名录库), as its system exports CSV: UTF-8 with
 * a byte-order mark, LF line ends, its own headers (单位详细名称, 法定代表人(单位负责人), 街道（乡、镇）, 从业人员期末人数)
 * and columns the registry does not import. Three units are refused: a registration-type code the table lacks, a
 * headcount that is not whole, and a unit without a name.
 */
export function directoryCsv3(
  seed = 33,
  count = 60,
): {
  accepted: ExpectedDirectoryUnit[];
  rejected: { line: number; reason: RegExp }[];
  rows: number;
  buffer: Buffer;
} {
  const random = prng(seed);
  const accepted: ExpectedDirectoryUnit[] = [];
  const rejected: { line: number; reason: RegExp }[] = [];
  const lines = [directoryHeaders.join(',')];
  for (let i = 0; i < count; i++) {
    let body = '';
    while (body.length < 8) body += '0123456789'[Math.floor(random() * 10)];
    const code = referenceCodeFrom('91310114', body);
    const [typeText, enterpriseType] = registrationTypes[i % registrationTypes.length] as [string, string];
    const [industry, industryCode, industrySection] = directoryIndustries[i % 4] as [string, string, string];
    const [town, townCode] = directoryTowns[(i * 3) % 4] as [string, string];
    const [headcount, employees] = headcounts[i % headcounts.length] as [string, number | null];
    const name = `上海${tradeWords[i % 16]}${trade2[(i * 7) % 16]}${kinds[i % kinds.length]}有限公司`;
    const rep = i % 6 === 2 ? '' : `${'王李张刘陈'[i % 5]}${'伟芳敏静'[i % 4]}`;
    const address = `上海市嘉定区${town}${roads[i % roads.length]}${300 + i}号`;
    const cells = [
      code,
      `${code.slice(8, 16)}-${code[16]}`,
      name,
      rep,
      `${townCode}000`,
      town,
      `${townCode}201`,
      address,
      industry,
      '汽车零部件制造, 技术服务',
      typeText,
      `20${String(10 + (i % 14)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}`,
      headcount,
      '1',
      '10',
    ];
    const line = lines.length + 1;
    if (i % 20 === 7) {
      cells[10] = '175';
      rejected.push({ line, reason: /企业类型 enterprise type: unknown type "175"/ });
    } else if (i % 20 === 13) {
      cells[12] = '12.5';
      rejected.push({ line, reason: /从业人数 employees: not a whole number/ });
    } else if (i === count - 2) {
      cells[2] = '';
      rejected.push({ line, reason: /企业名称 name: is empty/ });
    } else {
      accepted.push({
        creditCode: code,
        nameZh: name,
        legalRepresentative: rep || null,
        enterpriseType,
        townCode,
        industryCode,
        industrySection,
        address,
        employees,
        status: 'active',
        establishedOn: null,
      });
    }
    lines.push(csvRecord(cells));
  }
  const text = `\ufeff${lines.join('\n')}\n`;
  return { accepted, rejected, rows: count, buffer: Buffer.from(text, 'utf8') };
}
