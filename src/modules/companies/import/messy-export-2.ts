import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { prng } from '../../../domain/random.ts';
import { referenceAlphabet, referenceCheckChar, referenceCodeFrom } from '../../../test/uscc.ts';
import type { DecidedFileWithHeaders } from './messy-check.ts';
import { roads, tradeWords } from './messy-export.ts';

/**
 * A second messy registry export, written apart from messy-export.ts to cover what that one does not: the column
 * names and cell spellings of commercial registry exports (企查查, 天眼查, 启信宝) and of the statistics systems'
 * 登记注册类型, as an officer downloads them and re-saves them in WPS or Excel.
 *
 * - headers: 社会统一信用代码, 企业(机构)类型, 法定代表人/负责人, 英文名 (CSV); *统一社会信用代码 and *企业名称 as an
 *   import template marks required columns, 公司类型, 住所/经营场所, a header broken over two lines (XLSX);
 * - amounts with units and currencies in the cell (5000万元人民币, 100万(美元)), 暂无 and 未公开 for "not known",
 *   a 币种 column that spells RMB, and one that contradicts the amount's own currency;
 * - statuses 迁入 and 撤销, and 清算 and 歇业, which the registry's four statuses cannot hold;
 * - 港、澳、台商… registration types, industries as code and name together (C3670汽车零部件及配件制造,
 *   汽车制造业(C36)) and a code that contradicts its name; towns as 嘉定新城（马陆镇）;
 * - former names one per line in a cell; names with characters outside GBK (𠮷, 㐂) that only GB18030 encodes;
 * - codes of other registration authorities (个体工商户 92, 农民专业合作社 93, 事业单位 12, 民办非企业 52);
 *   a 15-digit registration number (注册号) where the credit code belongs;
 * - the header repeated mid-file where pages were pasted together, a 数据来源 note below the rows, rows of spaces;
 * - as CSV: comma-separated, and WPS's tab-separated text with a comma in the title line above the header;
 *   as XLSX: a hidden first sheet and a summary sheet before the registry's, a merged title, dates as date cells
 *   with a time of day, industry codes as numbers.
 *
 * What each row should become is decided here, by the rules as an officer reads them, and the credit codes by the
 * independent check in src/test/uscc.ts, never by calling the importer's own validators.
 */

export interface ExpectedCompany2 {
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
  sourceCountry: string | null;
}

export type MessyFile2 = DecidedFileWithHeaders<ExpectedCompany2>;

type Cell = string | number | Date;

const columns = [
  'name',
  'status',
  'rep',
  'capital',
  'paidIn',
  'established',
  'approved',
  'county',
  'type',
  'industry',
  'nameEn',
  'formerNames',
  'address',
  'town',
  'insured',
  'scope',
  'currency',
  'country',
  'code',
] as const;
type Column = (typeof columns)[number];

/** Headers of the commercial-database CSV and of the template-style workbook; null marks a column not imported. */
const csvHeaders: Record<Column, string> = {
  name: '企业名称',
  status: '登记状态',
  rep: '法定代表人/负责人',
  capital: '注册资本',
  paidIn: '实缴资本',
  established: '成立日期',
  approved: '核准日期',
  county: '所属区县',
  type: '企业(机构)类型',
  industry: '所属行业',
  nameEn: '英文名',
  formerNames: '曾用名',
  address: '企业地址',
  town: '所属街镇',
  insured: '参保人数',
  scope: '经营范围',
  currency: '币种',
  country: '投资方国别',
  code: '社会统一信用代码',
};
const xlsxHeaders: Record<Column, string> = {
  ...csvHeaders,
  name: '*企业名称',
  code: '*统一社会信用代码',
  rep: '法人',
  established: '成立日期\n（年月日）',
  type: '公司类型',
  industry: '国标行业',
  nameEn: '英文名称',
  address: '住所/经营场所',
  town: '街道/镇',
};
const notImported: readonly Column[] = ['paidIn', 'approved', 'county', 'insured', 'scope'];

interface Row {
  cells: Record<Column, string>;
  /** Cells a workbook holds as a number or a date rather than as the text the CSV carries. */
  xlsx?: Partial<Record<Column, Cell>>;
  accept?: ExpectedCompany2;
  reject?: RegExp;
}

const statuses: [string, string][] = [
  ['在营（开业）企业', 'active'],
  ['存续（在营、开业、在册）', 'active'],
  ['注销企业', 'cancelled'],
  ['吊销，未注销', 'revoked'],
  ['迁出', 'moved_out'],
  ['迁入', 'active'], // moved into the district: registered and operating here
  ['撤销', 'cancelled'], // registration annulled (撤销登记): the entity no longer exists
  ['在业', 'active'],
  ['存续', 'active'],
  ['吊销企业', 'revoked'],
];

const types: [string, string][] = [
  ['有限责任公司（外国法人独资）', 'foreign'],
  ['有限责任公司(台港澳法人独资)', 'hmt'],
  ['股份有限公司（中外合资、未上市）', 'foreign'],
  ['有限责任公司（自然人投资或控股）', 'domestic'],
  ['个人独资企业', 'domestic'],
  ['有限合伙企业', 'domestic'],
  ['外商投资企业分公司', 'foreign'],
  ['港、澳、台商独资经营企业', 'hmt'],
  ['其他港、澳、台商投资企业', 'hmt'],
  ['港、澳、台商投资股份有限公司', 'hmt'],
  ['中外合资经营企业', 'foreign'],
  ['有限责任公司分公司(自然人投资或控股)', 'domestic'],
  ['-', 'domestic'],
];

/** The cell, its code and section, and the code as a number where a workbook would hold one. */
const industries: [string, string | null, string | null, number?][] = [
  ['制造业-汽车制造业-汽车零部件及配件制造', '3670', 'C'],
  ['C3670', '3670', 'C'],
  ['汽车零部件及配件制造(3670)', '3670', 'C'],
  ['C36 汽车制造业', '36', 'C'],
  ['3670 汽车零部件及配件制造', '3670', 'C', 3670],
  ['[C3670]汽车零部件及配件制造', '3670', 'C'],
  ['C3670汽车零部件及配件制造', '3670', 'C'],
  ['汽车制造业(C36)', '36', 'C'],
  ['C 制造业', null, 'C'],
  ['软件和信息技术服务业', '65', 'I'],
  ['I6513 应用软件开发', '6513', 'I'],
  ['M7590', '7590', 'M'],
  ['-', null, null],
  ['批发业', '51', 'F'],
  ['3841', '3841', 'C', 3841],
];

/** Capital as the commercial databases write it (the header names no unit), in whole units of its currency. */
const capitals: [string, string | null, string | null][] = [
  ['5000万元人民币', '50000000', 'CNY'],
  ['500万美元', '5000000', 'USD'],
  ['1,000.5万元人民币', '10005000', 'CNY'],
  ['-', null, null],
  ['暂无', null, null],
  ['无', null, null],
  ['100万(美元)', '1000000', 'USD'],
  ['5000万人民币', '50000000', 'CNY'],
  ['300万港元', '3000000', 'HKD'],
  ['10000.000000万人民币', '100000000', 'CNY'],
  ['50万欧元', '500000', 'EUR'],
  ['未公开', null, null],
];
/** What a 币种 column says for a currency: the Chinese word, or the code as some systems write it. */
const currencyWords: Record<string, [string, string]> = {
  CNY: ['人民币', 'RMB'],
  USD: ['美元', 'USD'],
  HKD: ['港币', 'HKD'],
  EUR: ['欧元', 'EUR'],
};

/** Investors' countries as officers write them, for foreign- and HMT-invested companies. */
const countries: [string, string][] = [
  ['英国', 'GB'],
  ['法国', 'FR'],
  ['德国', 'DE'],
  ['香港特别行政区', 'HK'],
  ['俄罗斯', 'RU'],
  ['美国', 'US'],
  ['中国香港', 'HK'],
  ['BVI', 'VG'],
  ['United Kingdom', 'GB'],
  ['英属维尔京群岛', 'VG'],
];

const towns: [string, string | null][] = [
  ['嘉定新城（马陆镇）', '310114106'],
  ['嘉定区安亭镇', '310114103'],
  ['上海市嘉定区江桥镇', '310114118'],
  ['安亭', '310114103'],
  ['上海市嘉定区嘉定工业区', '310114501'],
  ['菊园新区', '310114401'],
  ['新成路街道', '310114001'],
  ['', null],
  ['南翔', '310114102'],
  ['嘉定镇街道', '310114004'],
  ['310114103000', '310114103'], // the statistics division list's twelve digits (统计用区划代码)
  ['310114118206', '310114118'], // a neighbourhood committee's code: its first nine digits are the town
];
const townNames: Record<string, string> = {
  '310114106': '马陆镇',
  '310114103': '安亭镇',
  '310114118': '江桥镇',
  '310114501': '嘉定工业区',
  '310114401': '菊园新区',
  '310114001': '新成路街道',
  '310114102': '南翔镇',
  '310114004': '嘉定镇街道',
};

const reps: [string, string | null][] = [
  ['张伟', '张伟'],
  ['-', null],
  ['约翰·史密斯', '约翰·史密斯'],
  ['李秀英', '李秀英'],
  ['John Smith', 'John Smith'],
  ['王喆', '王喆'],
];

const trade2 = [
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
  '堃',
];
const trades = [
  '汽车零部件',
  '氢能科技',
  '新材料',
  '信息技术',
  '医疗器械',
  '智能制造',
  '餐饮管理',
  '电子科技',
];
const tradeEn = [
  'Auto Parts',
  'Hydrogen',
  'New Materials',
  'IT',
  'Medical',
  'Smart Mfg',
  'Catering',
  'Electronics',
];

/** Registration authority and category (GB 32100 §4.1–4.2) with a division: enterprises, and others that registries list. */
const prefixes = [
  '91310114',
  '91310114',
  '91310114',
  '91310000',
  '92310114',
  '93310114',
  '12310114',
  '52310114',
];

function build(seed: number, count: number): Row[] {
  const random = prng(seed);
  const used = new Set<string>();
  const newCode = (): string => {
    for (;;) {
      const digitsOnly = random() < 0.25;
      const pool = digitsOnly ? '0123456789' : referenceAlphabet;
      let body = digitsOnly ? '' : random() < 0.5 ? 'MA' : '';
      while (body.length < 8) body += pool[Math.floor(random() * pool.length)];
      const code = referenceCodeFrom(prefixes[Math.floor(random() * prefixes.length)] as string, body);
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };

  const validRow = (i: number): Row => {
    const code = newCode();
    const [statusText, status] = statuses[i % statuses.length] as [string, string];
    const [typeText, enterpriseType] = types[(i * 3) % types.length] as [string, string];
    const [industryText, industryCode, industrySection, industryNumber] = industries[
      (i * 7) % industries.length
    ] as (typeof industries)[number];
    const [capitalText, capitalYuan, capitalCurrency] = capitals[(i * 5) % capitals.length] as [
      string,
      string | null,
      string | null,
    ];
    const [townText, townCode] = towns[(i * 11) % towns.length] as [string, string | null];
    const [repText, rep] = reps[i % reps.length] as [string, string | null];
    const [countryText, sourceCountry] =
      enterpriseType === 'domestic' ? ['', null] : (countries[i % countries.length] as [string, string]);

    // 币种: mostly empty; otherwise agreeing with the amount, as a word or as RMB/USD.
    let currencyText = '';
    let currency = capitalCurrency ?? 'CNY';
    if (i % 4 === 1 && capitalCurrency)
      currencyText = (currencyWords[capitalCurrency] as [string, string])[0];
    if (i % 4 === 2 && capitalCurrency)
      currencyText = (currencyWords[capitalCurrency] as [string, string])[1];
    if (i % 8 === 3 && !capitalCurrency) {
      currencyText = '美元'; // no amount, but the currency is known
      currency = 'USD';
    }

    const y = 1998 + (i % 27);
    const m = 1 + ((i * 7) % 12);
    const d = 1 + ((i * 17) % 28);
    const p = (n: number) => String(n).padStart(2, '0');
    const dateStyles = [
      `${y}-${p(m)}-${p(d)} 00:00:00`,
      `${y}.${m}.${d}`,
      `${y}${p(m)}${p(d)}`,
      `${y}-${p(m)}-${p(d)} 00:00:00.0`,
      `${y}/${p(m)}/${p(d)}`,
      `${y}年${p(m)}月${p(d)}日`,
      `${y}-${m}-${d}`,
      '暂无',
      `${y}/${m}/${d} 上午 12:00:00`, // a zh-CN Windows system's 12-hour time
    ];
    const dateText = dateStyles[i % dateStyles.length] as string;
    const establishedOn = dateText === '暂无' ? null : `${y}-${p(m)}-${p(d)}`;

    const t1 = tradeWords[i % 16] as string;
    const t2 = trade2[Math.floor(i / 16) % 16] as string;
    const kind = trades[i % trades.length] as string;
    let name = `上海${t1}${t2}${kind}有限公司`;
    if (i % 29 === 6) name = `上海${t1}𠮷${t2}${kind}有限公司`; // U+20BB7: four bytes in GB18030, none in GBK
    if (i % 31 === 8) name = `上海${t1}㐂${t2}${kind}有限公司`; // U+3402, CJK extension A
    if (i % 13 === 4) name = `上海${t1}${t2}${kind}有限公司嘉定分公司`;
    if (i % 17 === 9) name = `上海${t1}${t2}${kind}（集团）有限公司`;
    const nameZh = name.replace('（', '(').replace('）', ')'); // stored half-width

    const nameEnText =
      i % 5 === 0
        ? `Shanghai ${t1 === '嘉' ? 'Jia' : 'An'} ${tradeEn[i % tradeEn.length]} Co., Ltd.`
        : i % 5 === 1
          ? '-'
          : '';
    const former1 = `上海${t2}${t1}${kind}有限公司`;
    const former2 = `上海${t2}${t1}贸易有限公司`;
    const formerStyles: [string, string[]][] = [
      ['', []],
      [former1, [former1]],
      [`${former1}；${former2}`, [former1, former2]],
      [`${former1}\n${former2}`, [former1, former2]], // one per line, as a cell with Alt+Enter holds them
      ['-', []],
    ];
    const [formerText, formerNames] = formerStyles[i % formerStyles.length] as [string, string[]];
    const address = townCode
      ? `上海市嘉定区${townNames[townCode]}${roads[i % roads.length]}${100 + i}号`
      : `上海市嘉定区${roads[i % roads.length]}${100 + i}号`;

    const cells: Record<Column, string> = {
      name,
      status: statusText,
      rep: repText,
      capital: capitalText,
      paidIn: i % 3 ? '-' : capitalText,
      established: dateText,
      approved: `2024-0${1 + (i % 6)}-1${i % 10}`,
      county: '嘉定区',
      type: typeText,
      industry: industryText,
      nameEn: nameEnText,
      formerNames: formerText,
      address,
      town: townText,
      insured: i % 4 ? String(3 + (i % 200)) : '-',
      scope:
        i % 2
          ? '一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）'
          : '汽车零部件及配件制造, 汽车零配件批发; 货物进出口\n许可项目：道路货物运输',
      currency: currencyText,
      country: countryText,
      // Lower case, or behind the apostrophe some systems write to keep Excel from reading the code as a number.
      code: i % 6 === 5 ? code.toLowerCase() : i % 10 === 7 ? `'${code}` : code,
    };
    const xlsx: Partial<Record<Column, Cell>> = {};
    // A workbook holds most establishment dates as date cells, some with a time of day.
    if (establishedOn && i % 3 !== 0)
      xlsx.established = new Date(Date.UTC(y, m - 1, d, i % 2 ? 14 : 0, 30 * (i % 2)));
    if (industryNumber !== undefined) xlsx.industry = industryNumber;
    return {
      cells,
      xlsx,
      accept: {
        creditCode: code,
        nameZh,
        nameEn: nameEnText && nameEnText !== '-' ? nameEnText : null,
        formerNames,
        legalRepresentative: rep,
        capitalYuan,
        currency,
        establishedOn,
        status,
        enterpriseType,
        townCode,
        industryCode,
        industrySection,
        address,
        sourceCountry,
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
  const wrongCheck = (code: string): string => {
    const right = code[17] as string;
    return code.slice(0, 17) + referenceAlphabet[(referenceAlphabet.indexOf(right) + 7) % 31];
  };

  const invalid: ((i: number) => Row)[] = [
    (i) => broken(i, { code: '310114000123456' }, /15 digits.*注册号/),
    (i) => broken(i, { status: '清算' }, /登记状态 status: unknown status "清算"/),
    (i) => broken(i, { status: '歇业' }, /登记状态 status: unknown status "歇业"/),
    (i) =>
      broken(
        i,
        { capital: '500万美元', currency: '人民币' },
        /币种 currency: .*USD.*CNY|币种 currency: .*CNY.*USD/,
      ),
    (i) => broken(i, { currency: 'ABC' }, /币种 currency: unknown currency "ABC"/),
    (i) => broken(i, { industry: 'C9999' }, /行业代码 industry: "C9999" is not/),
    (i) =>
      broken(
        i,
        { industry: '汽车零部件及配件制造(3612)' },
        /行业代码 industry: .*3612.*汽车零部件及配件制造.*do not agree/,
      ),
    (i) => broken(i, { town: '浦东新区张江镇' }, /街镇 town: unknown town "浦东新区张江镇"/),
    (i) =>
      broken(
        i,
        { established: '2021年3月' },
        /成立日期 establishment date: "2021年3月" gives a year and month but no day/,
      ),
    (i) => broken(i, { code: '暂无' }, /统一社会信用代码 credit code: is empty/),
    (i) => {
      const row = validRow(i);
      const bad = wrongCheck(row.accept?.creditCode as string);
      row.cells.code = bad;
      delete row.accept;
      // The reason names the right character, as the independent check computes it.
      row.reject = new RegExp(
        `check character should be "${referenceCheckChar(bad.slice(0, 17))}", got "${bad[17]}"`,
      );
      return row;
    },
  ];

  const rows: Row[] = [];
  let invalidAt = 0;
  let i = 0;
  for (let n = 0; n < count; n++) {
    if (n % 11 === 6 && invalidAt < invalid.length)
      rows.push((invalid[invalidAt++] as (i: number) => Row)(i++));
    else rows.push(validRow(i++));
  }
  return rows;
}

function lineCount(record: string): number {
  return 1 + (record.match(/\n/g)?.length ?? 0);
}

function fieldFor(delimiter: string) {
  const special = delimiter === '\t' ? /["\t\n\r]/ : /[",\n\r]/;
  return (value: string) => (special.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
}

function expectations(
  rows: Row[],
  lines: number[],
  extra: { line: number; reason: RegExp }[],
  headers: Record<Column, string>,
) {
  const accepted: ExpectedCompany2[] = [];
  const rejected: { line: number; reason: RegExp }[] = [];
  rows.forEach((row, k) => {
    if (row.accept) accepted.push(row.accept);
    else rejected.push({ line: lines[k] as number, reason: row.reject as RegExp });
  });
  rejected.push(...extra);
  rejected.sort((a, b) => a.line - b.line);
  return {
    accepted,
    rejected,
    rows: rows.length + extra.length,
    unknownHeaders: columns.filter((c) => notImported.includes(c)).map((c) => headers[c]),
  };
}

const sourceNote = '数据来源：企查查（www.qcc.com），导出时间：2024-07-01 10:12:45';
const repeatHeaderAfter = 40;

/**
 * The export as GB18030 text with CRLF line ends: comma-separated as the commercial databases write it, or
 * tab-separated as WPS saves "文本文件(制表符分隔)", whose title line above the header holds a comma.
 */
export function messyCsv2(delimiter: ',' | '\t' = ',', seed = 7, count = 200): MessyFile2 {
  const rows = build(seed, count);
  const field = fieldFor(delimiter);
  const record = (cells: readonly string[]) => cells.map(field).join(delimiter);
  const header = columns.map((c) => csvHeaders[c]);
  const records: string[] = [];
  let line = 1;
  const add = (r: string) => {
    records.push(r);
    line += lineCount(r);
  };
  add(delimiter === '\t' ? '嘉定区企业名录（企查查导出）, 共200条' : '嘉定区企业名录（企查查导出）');
  add(record(header));
  const lines: number[] = [];
  const extra: { line: number; reason: RegExp }[] = [];
  rows.forEach((row, k) => {
    if (k === repeatHeaderAfter) {
      // A second page pasted below the first, header and all.
      extra.push({ line, reason: /repeats the header row/ });
      add(record(header));
      add(''); // and a blank line
    }
    if (k === repeatHeaderAfter + 20) add(record(columns.map(() => '  '))); // a row of spaces
    lines[k] = line;
    add(record(columns.map((c) => row.cells[c])));
  });
  extra.push({ line, reason: /a note, not a company/ });
  add(record([sourceNote, ...columns.slice(1).map(() => '')]));
  const text = `${records.map((r) => r.replaceAll('\n', '\r\n')).join('\r\n')}\r\n`;
  return { ...expectations(rows, lines, extra, csvHeaders), buffer: iconv.encode(text, 'gb18030') };
}

/** The export as a workbook an officer built from an import template and saved in Excel. */
export async function messyXlsx2(seed = 7, count = 200): Promise<MessyFile2> {
  const rows = build(seed, count);
  const workbook = new ExcelJS.Workbook();
  const notes = workbook.addWorksheet('填表说明', { state: 'hidden' });
  notes.addRow(['填表说明']);
  notes.addRow(['带*的列为必填项', '统一社会信用代码为18位']);
  // A summary sheet first, as officers' workbooks often open with one; the registry is on the next.
  const summary = workbook.addWorksheet('汇总');
  summary.addRow(['街镇', '企业数']);
  for (const [town] of towns.slice(0, 5)) summary.addRow([town || '未分配', 10]);
  const sheet = workbook.addWorksheet('企业名录');
  const header = columns.map((c) => xlsxHeaders[c]);
  sheet.addRow(['嘉定区重点企业名录（2024年第二季度）']);
  sheet.mergeCells(1, 1, 1, header.length);
  sheet.addRow(header);
  const dateColumn = columns.indexOf('established') + 1;
  const lines: number[] = [];
  const extra: { line: number; reason: RegExp }[] = [];
  rows.forEach((row, k) => {
    if (k === repeatHeaderAfter) {
      extra.push({ line: sheet.rowCount + 1, reason: /repeats the header row/ });
      sheet.addRow(header);
      sheet.addRow([]);
    }
    if (k === repeatHeaderAfter + 20) sheet.addRow(columns.map(() => ' '));
    const added = sheet.addRow(columns.map((c) => row.xlsx?.[c] ?? row.cells[c]));
    lines[k] = added.number;
    if (row.xlsx?.established instanceof Date) added.getCell(dateColumn).numFmt = 'yyyy-mm-dd hh:mm';
  });
  const note = sheet.addRow([sourceNote]);
  extra.push({ line: note.number, reason: /a note, not a company/ });
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { ...expectations(rows, lines, extra, xlsxHeaders), buffer };
}
