import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvRecord } from '../../../domain/csv.ts';
import { prng } from '../../../domain/random.ts';
import { referenceAlphabet, referenceCheckChar, referenceCodeFrom } from '../../../test/uscc.ts';

/**
 * A registry export as a district's market-regulation (市场监管) system writes it, with the mess officers meet:
 * a title, an export note and a unit note above the header (in the workbook, the note alone gives the unit), columns the importer does not know (经营范围, 登记机关, 核准日期),
 * codes in lower case, padded, full-width, behind a tab or Excel's ="…" guard, or mangled by Excel into
 * 9.13101E+17; dates, amounts, statuses and legal forms in every spelling the registry uses; quoted cells with
 * commas, quotes and line breaks; blank lines; a repeated code; a 合计 row; and a known set of invalid rows.
 *
 * Test data: what each row should become is decided here, by the rules as an officer reads them and the credit
 * codes by the independent check in src/test/uscc.ts, never by calling the importer's own validators.
 */

export interface ExpectedCompany {
  creditCode: string;
  nameZh: string;
  capitalYuan: string | null;
  currency: string;
  establishedOn: string | null;
  status: string;
  enterpriseType: string;
  townCode: string | null;
  industryCode: string | null;
  industrySection: string | null;
}

type Cell = string | number | Date;

interface Row {
  /** The cells as the CSV writes them (before quoting). */
  cells: string[];
  /** The cells as the XLSX holds them, where a spreadsheet would store a number or a date instead of text. */
  xlsx?: Cell[];
  accept?: ExpectedCompany;
  /** The reason of a rejected row; a function when it names another row's line. */
  reject?: RegExp | ((lineOf: (row: number) => number) => RegExp);
}

export interface Rejected {
  line: number;
  reason: RegExp;
}

export interface MessyFile {
  accepted: ExpectedCompany[];
  rejected: Rejected[];
  /** Data rows (not the title, note, header or blank lines). */
  rows: number;
}

export const messyHeaders = [
  '序号',
  '统一社会信用代码',
  '企业名称',
  '法定代表人',
  '注册资本(万元)',
  '成立日期',
  '登记状态',
  '企业类型',
  '所属行业',
  '住所',
  '所属街镇',
  '经营范围',
  '登记机关',
  '核准日期',
];

const title = '上海市嘉定区市场监督管理局 企业登记信息导出（截至2024年6月30日）';
const unitNote = '单位：万元';
const exportNote = ['导出时间：2024-07-01 09:30:12', '', '', '导出人：嘉定区市场监督管理局'];

const towns: [written: string, code: string, name: string][] = [
  ['安亭镇', '310114103', '安亭镇'],
  ['马陆', '310114106', '马陆镇'],
  ['嘉定工业区', '310114501', '嘉定工业区'],
  ['上海市嘉定区南翔镇', '310114102', '南翔镇'],
  ['嘉定镇街道', '310114004', '嘉定镇街道'],
  ['菊园新区', '310114401', '菊园新区'],
  ['310114109', '310114109', '徐行镇'],
  ['江桥镇', '310114118', '江桥镇'],
  ['新成路街道', '310114001', '新成路街道'],
  ['华亭镇', '310114111', '华亭镇'],
  ['外冈', '310114114', '外冈镇'],
  ['真新街道', '310114002', '真新街道'],
];

const statuses: [string, string][] = [
  ['存续（在营、开业、在册）', 'active'],
  ['存续（在营、开业、在册）', 'active'],
  ['在业', 'active'],
  ['存续', 'active'],
  ['开业', 'active'],
  ['吊销，未注销', 'revoked'],
  ['吊销,未注销', 'revoked'],
  ['注销', 'cancelled'],
  ['吊销，已注销', 'cancelled'],
  ['迁出', 'moved_out'],
];

const legalForms: [string, string][] = [
  ['有限责任公司(自然人投资或控股)', 'domestic'],
  ['有限责任公司（自然人投资或控股）', 'domestic'],
  ['有限责任公司(自然人独资)', 'domestic'],
  ['有限责任公司(外国法人独资)', 'foreign'],
  ['有限责任公司(台港澳法人独资)', 'hmt'],
  ['股份有限公司(上市)', 'domestic'],
  ['股份有限公司(非上市、自然人投资或控股)', 'domestic'],
  ['有限责任公司(中外合资)', 'foreign'],
  ['有限责任公司(外商投资、非独资)', 'foreign'],
  ['有限责任公司(台港澳与境内合资)', 'hmt'],
  ['有限责任公司(非自然人投资或控股的法人独资)', 'domestic'],
  ['有限责任公司(国有独资)', 'domestic'],
  ['有限合伙企业', 'domestic'],
  ['个人独资企业', 'domestic'],
  ['全民所有制', 'domestic'],
  ['集体所有制', 'domestic'],
];

const industries: [string, string | null, string | null][] = [
  ['软件和信息技术服务业', '65', 'I'],
  ['汽车制造业', '36', 'C'],
  ['批发业', '51', 'F'],
  ['C3670', '3670', 'C'],
  ['6513', '6513', 'I'],
  ['制造业-汽车制造业', '36', 'C'],
  ['汽车零部件及配件制造', '3670', 'C'],
  ['研究和试验发展', '73', 'M'],
  ['科技推广和应用服务业', '75', 'M'], // the GB/T 4754-2011 name; 2017 dropped the final 业
  ['制造业', null, 'C'], // the section (门类) only
  ['', null, null],
];

/** Capital as written under 注册资本(万元), and what it is in whole units of its currency. */
const capitals: [string, string | null, string][] = [
  ['500', '5000000', 'CNY'],
  ['1,000.5', '10005000', 'CNY'],
  ['500万元人民币', '5000000', 'CNY'],
  ['100万美元', '1000000', 'USD'],
  ['２００', '2000000', 'CNY'],
  ['', null, 'CNY'],
  ['50.000000', '500000', 'CNY'],
  ['3000万元', '30000000', 'CNY'],
  ['1.2亿', '120000000', 'CNY'],
  ['200万欧元', '2000000', 'EUR'],
  ['100万英镑', '1000000', 'GBP'],
  ['500万新加坡元', '5000000', 'SGD'],
  ['1000万日元', '10000000', 'JPY'],
  ['300万港元', '3000000', 'HKD'],
  ['0', '0', 'CNY'],
];

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾';
const givenNames = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
];
export const tradeWords = [
  '嘉',
  '安',
  '博',
  '联',
  '智',
  '远',
  '恒',
  '瑞',
  '鑫',
  '华',
  '宏',
  '泰',
  '晟',
  '诺',
  '和',
  '云',
];
const tradeWords2 = [
  '信',
  '达',
  '创',
  '盛',
  '峰',
  '通',
  '丰',
  '源',
  '德',
  '汇',
  '腾',
  '翔',
  '禾',
  '朗',
  '景',
  '睿',
];
const lines_ = [
  '汽车零部件',
  '氢能科技',
  '新材料',
  '信息技术',
  '医疗器械',
  '智能制造',
  '供应链管理',
  '电子科技',
];
export const roads = ['墨玉路', '嘉松北路', '博园路', '叶城路', '城北路', '胜辛路', '宝安公路', '陈翔路'];
const scopes = [
  '一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）',
  '汽车零部件及配件制造, 汽车零配件批发, 汽车零配件零售; 货物进出口, 技术进出口',
  '许可项目：第二类医疗器械生产。\n一般项目：第一类医疗器械销售；第二类医疗器械销售。',
  '销售"嘉定"牌汽车配件, 机械设备',
];

function fullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** A date written one of the ways registry exports do; serials count from 1899-12-30 as Excel's do from 1 March 1900. */
function writtenDate(y: number, m: number, d: number, style: number): { text: string; xlsx: Cell } {
  const p = (n: number) => String(n).padStart(2, '0');
  const serial = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
  const styles = [
    `${y}-${p(m)}-${p(d)}`,
    `${y}/${m}/${d}`,
    `${y}年${m}月${d}日`,
    `${y}${p(m)}${p(d)}`,
    `${y}.${p(m)}.${p(d)}`,
    String(serial),
    `${y}-${p(m)}-${p(d)} 00:00:00`,
    `${y}/${m}/${d} 0:00`,
    fullWidth(`${y}-${p(m)}-${p(d)}`),
  ];
  const text = styles[style % styles.length] as string;
  // In a workbook, a serial is a date cell (Excel shows it as a date); the rest stay as text.
  return { text, xlsx: style % styles.length === 5 ? new Date(Date.UTC(y, m - 1, d)) : text };
}

/** The file's rows and what should come of each, for a seed. */
function build(seed: number, count: number): { rows: (Row | 'blank')[] } {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const prefixes = ['91310114', '91310114', '91310114', '91310000', '91310115', '91320505'];
  const usedCodes = new Set<string>();
  const newCode = (digitsOnly = false): string => {
    for (;;) {
      const pool = digitsOnly ? '0123456789' : referenceAlphabet;
      let body = digitsOnly ? '' : random() < 0.6 ? 'MA' : '';
      while (body.length < 8) body += pool[Math.floor(random() * pool.length)];
      const code = referenceCodeFrom(pick(prefixes), body);
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  };

  const rows: (Row | 'blank')[] = [];
  let serialNo = 0;
  const validRow = (i: number, code = newCode(i % 7 === 3)): Row => {
    serialNo++;
    const town = towns[i % towns.length] as (typeof towns)[number];
    const [statusText, status] = statuses[(i * 7) % statuses.length] as [string, string];
    const [formText, enterpriseType] = legalForms[(i * 5) % legalForms.length] as [string, string];
    const [industryText, industryCode, industrySection] = industries[(i * 3) % industries.length] as [
      string,
      string | null,
      string | null,
    ];
    const [capitalText, capitalYuan, currency] = capitals[(i * 11) % capitals.length] as [
      string,
      string | null,
      string,
    ];
    const y = 2000 + (i % 25);
    const m = 1 + ((i * 5) % 12);
    const d = 1 + ((i * 13) % 28);
    const date = writtenDate(y, m, d, i);
    const variant = i % 9;
    const codeText =
      variant === 1
        ? code.toLowerCase()
        : variant === 2
          ? `  ${code} `
          : variant === 3
            ? fullWidth(code)
            : variant === 4
              ? `\t${code}`
              : variant === 5
                ? `="${code}"`
                : variant === 6
                  ? `${code}　`
                  : code;
    const trade = `${tradeWords[i % 16]}${tradeWords2[Math.floor(i / 16) % 16]}`;
    const kind = lines_[i % lines_.length] as string;
    let name = `上海${trade}${kind}有限公司`;
    if (i % 23 === 5) name = `上海${trade}${kind}有限公司\n嘉定分公司`;
    if (i % 19 === 7) name = `上海${trade}${kind}（集团）有限公司`;
    const rep =
      i % 17 === 4 ? '-' : `${surnames[i % surnames.length]}${givenNames[(i * 3) % givenNames.length]}`;
    const address =
      i % 4 === 0
        ? `上海市嘉定区${town[2]}${roads[i % roads.length]}${100 + i}号, ${1 + (i % 9)}幢${200 + i}室`
        : i % 13 === 2
          ? `上海市嘉定区${town[2]}${roads[i % roads.length]}${100 + i}号\n1层`
          : `上海市嘉定区${town[2]}${roads[i % roads.length]}${100 + i}号`;
    const cells = [
      String(serialNo),
      codeText,
      name,
      rep,
      capitalText,
      date.text,
      statusText,
      formText,
      industryText,
      address,
      town[0],
      scopes[i % scopes.length] as string,
      i % 3 ? '上海市嘉定区市场监督管理局' : '上海市市场监督管理局',
      writtenDate(2024, 1 + (i % 6), 1 + (i % 27), 0).text,
    ];
    const xlsx: Cell[] = [...cells];
    xlsx[0] = serialNo;
    if (variant === 5) xlsx[1] = code;
    xlsx[5] = date.xlsx;
    if (/^\d+(\.\d+)?$/.test(capitalText)) xlsx[4] = Number(capitalText);
    return {
      cells,
      xlsx,
      accept: {
        creditCode: code,
        // Stored half-width, and without the line break of a wrapped cell.
        nameZh: name.replace('\n', '').replace('（', '(').replace('）', ')'),
        capitalYuan,
        currency,
        establishedOn: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        status,
        enterpriseType,
        townCode: town[1],
        industryCode,
        industrySection,
      },
    };
  };

  /** A valid row with one cell made wrong: what an officer expects to see refused, and why. */
  const broken = (i: number, column: number, value: string, reason: RegExp, xlsxValue?: Cell): Row => {
    const row = validRow(i);
    row.cells[column] = value;
    if (row.xlsx) row.xlsx[column] = xlsxValue ?? value;
    delete row.accept;
    row.reject = reason;
    return row;
  };
  const brokenCode = (i: number, make: (code: string) => string, reason: (code: string) => RegExp): Row => {
    const code = newCode();
    const row = broken(i, 1, make(code), reason(code));
    return row;
  };
  const otherChar = (ch: string, shift: number) =>
    referenceAlphabet[(referenceAlphabet.indexOf(ch) + shift) % referenceAlphabet.length] as string;

  const invalid: ((i: number) => Row)[] = [
    (i) =>
      brokenCode(
        i,
        (c) => c.slice(0, 17) + otherChar(c[17] as string, 5),
        (c) => new RegExp(`check character should be "${c[17]}", got "${otherChar(c[17] as string, 5)}"`),
      ),
    (i) =>
      brokenCode(
        i,
        (c) => {
          // A wrong organisation-code check with a check character that fits it: only GB 11714 catches it.
          const wrong = c[16] === '0' ? '1' : '0';
          const first17 = c.slice(0, 16) + wrong;
          return first17 + referenceCheckChar(first17);
        },
        (c) =>
          new RegExp(
            `organisation code check digit should be "${c[16]}", got "${c[16] === '0' ? '1' : '0'}"`,
          ),
      ),
    (i) => broken(i, 1, '9.13101E+17', /统一社会信用代码 credit code: .*Excel/, 913101140000000000),
    (i) =>
      brokenCode(
        i,
        (c) => `${c.slice(0, 10)}O${c.slice(11)}`,
        () => /contains "O" which is not allowed/,
      ),
    (i) =>
      brokenCode(
        i,
        (c) => c.slice(0, 17),
        () => /must be 18 characters, got 17/,
      ),
    (i) => broken(i, 1, '', /统一社会信用代码 credit code: is empty/),
    (i) =>
      brokenCode(
        i,
        (c) => `91A1${c.slice(4)}`,
        () => /administrative division code must be 6 digits/,
      ),
    (i) => broken(i, 5, '2021-02-30', /成立日期 establishment date: no such date 2021-02-30/),
    (i) => broken(i, 5, '2021-13-01', /no such date 2021-13-01/),
    (i) => broken(i, 5, '05/03/2021', /expected the year first/),
    (i) => broken(i, 5, '2019年2月29日', /no such date 2019-02-29/),
    (i) => broken(i, 5, '2099/6/1', /成立日期 establishment date: 2099-06-01 is in the future/),
    (i) => broken(i, 10, '浦东新区', /街镇 town: unknown town "浦东新区"/),
    (i) => broken(i, 10, '张江镇', /unknown town "张江镇"/),
    (i) => broken(i, 4, '-100', /注册资本 registered capital: negative amount/, -100),
    (i) => broken(i, 4, '五百万', /not an amount/),
    (i) => broken(i, 4, '1,0000', /misplaced thousands separator/),
    (i) => broken(i, 2, '', /企业名称 name: is empty/),
    (i) => broken(i, 2, '无', /企业名称 name: is empty/),
    (i) => broken(i, 8, '区块链服务', /行业代码 industry: "区块链服务" is not/),
  ];

  let i = 0;
  const remember: Row[] = [];
  let invalidAt = 0;
  for (let n = 0; n < count; n++) {
    if (n % 37 === 20) rows.push('blank');
    if (n % 9 === 4 && invalidAt < invalid.length) {
      rows.push((invalid[invalidAt++] as (i: number) => Row)(i++));
      continue;
    }
    const row = validRow(i++);
    rows.push(row);
    if (n % 50 === 10) remember.push(row);
  }
  // The same company twice: once repeated as is, once in another spelling of its code.
  const [first, second] = remember as [Row, Row];
  const firstAt = rows.indexOf(first);
  const secondAt = rows.indexOf(second);
  rows.push({
    cells: [...first.cells],
    xlsx: first.xlsx && [...first.xlsx],
    reject: (lineOf) => new RegExp(`统一社会信用代码 credit code: repeats line ${lineOf(firstAt)}\\b`),
  });
  rows.push({
    cells: second.cells.map((c, k) => (k === 1 ? (second.accept?.creditCode.toLowerCase() ?? c) : c)),
    xlsx: second.xlsx?.map((c, k) => (k === 1 ? (second.accept?.creditCode.toLowerCase() ?? c) : c)),
    reject: (lineOf) => new RegExp(`repeats line ${lineOf(secondAt)}\\b`),
  });
  // A row refused for its date, then the same company again corrected: the correction is taken.
  const corrected = validRow(i++);
  const wrongDate: Row = {
    cells: corrected.cells.map((c, k) => (k === 5 ? '2022-02-29' : c)),
    xlsx: corrected.xlsx?.map((c, k) => (k === 5 ? '2022-02-29' : c)),
    reject: /no such date 2022-02-29/,
  };
  rows.push(wrongDate, 'blank', corrected);
  return { rows };
}

const totalsRow = (rows: number) => ['合计', `共${rows}户`];

function expectations(rows: (Row | 'blank')[], lines: number[], totalsLine: number): MessyFile {
  const accepted: ExpectedCompany[] = [];
  const rejected: Rejected[] = [];
  const lineOf = (k: number) => lines[k] as number;
  rows.forEach((row, k) => {
    if (row === 'blank') return;
    if (row.accept) accepted.push(row.accept);
    else if (row.reject)
      rejected.push({
        line: lineOf(k),
        reason: typeof row.reject === 'function' ? row.reject(lineOf) : row.reject,
      });
  });
  rejected.push({ line: totalsLine, reason: /合计/ });
  return { accepted, rejected, rows: rows.filter((r) => r !== 'blank').length + 1 };
}

/** The export as GB18030 CSV (CRLF, as Windows systems write it), with what the importer should make of it. */
export function messyCsv(seed = 2024, count = 300): MessyFile & { buffer: Buffer } {
  const { rows } = build(seed, count);
  const width = messyHeaders.length;
  const pad = (cells: string[]) => [...cells, ...Array(width - cells.length).fill('')];
  const records: string[] = [pad([title]), pad(exportNote), pad([unitNote]), pad([])].map((r) =>
    csvRecord(r),
  );
  records.push(messyHeaders.join(','));
  const lines: number[] = [];
  let line = 1;
  for (const r of records) line += 1 + (r.match(/\n/g)?.length ?? 0);
  const add = (record: string) => {
    records.push(record);
    line += 1 + (record.match(/\n/g)?.length ?? 0);
  };
  rows.forEach((row, k) => {
    lines[k] = line;
    add(row === 'blank' ? (k % 2 ? '' : ','.repeat(width - 1)) : csvRecord(row.cells));
  });
  const totalsLine = line;
  add(csvRecord(pad(totalsRow(rows.length))));
  const text = `${records.map((r) => r.replaceAll('\n', '\r\n')).join('\r\n')}\r\n`;
  return { ...expectations(rows, lines, totalsLine), buffer: iconv.encode(text, 'gb18030') };
}

/** The same export as a workbook, as Excel would hold it after an officer opened and saved it. */
export async function messyXlsx(seed = 2024, count = 300): Promise<MessyFile & { buffer: Buffer }> {
  const { rows } = build(seed, count);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业名录');
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, messyHeaders.length);
  sheet.addRow(exportNote);
  sheet.addRow([unitNote]);
  sheet.addRow([]);
  // The header names no unit here: the note above it says 万元.
  sheet.addRow(messyHeaders.map((h) => (h === '注册资本(万元)' ? '注册资本' : h)));
  const lines: number[] = [];
  rows.forEach((row, k) => {
    if (row === 'blank') {
      sheet.addRow([]);
      lines[k] = sheet.rowCount;
      return;
    }
    const added = sheet.addRow(row.xlsx ?? row.cells);
    lines[k] = added.number;
    added.getCell(6).numFmt = 'yyyy"年"m"月"d"日"';
  });
  const totals = sheet.addRow(totalsRow(rows.length));
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { ...expectations(rows, lines, totals.number), buffer };
}
