import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { isCompanyHeader } from '../../../domain/company-fields.ts';
import { isProjectHeader } from '../../../domain/project-fields.ts';
import {
  CsvParser,
  detectDelimiter,
  detectEncoding,
  excelDate,
  isDateFormat,
  type OpenOptions,
  openTable,
  plainNumber,
  SpreadsheetError,
  type TableRow,
  type TableSource,
} from './reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'lodestone-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `fixture-${++fileNo}.bin`); // the extension is deliberately meaningless
  writeFileSync(path, content);
  return path;
}

async function rowsOf(table: TableSource): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return rows;
}

async function read(content: string | Buffer, opts?: OpenOptions) {
  const table = await openTable({ path: file(content) }, opts);
  return { table, rows: await rowsOf(table) };
}

async function failure(content: string | Buffer, opts?: OpenOptions): Promise<string> {
  try {
    const table = await openTable({ path: file(content) }, opts);
    await rowsOf(table);
  } catch (err) {
    expect(err).toBeInstanceOf(SpreadsheetError);
    return (err as Error).message;
  }
  throw new Error('expected a SpreadsheetError');
}

const headerZh = '统一社会信用代码,企业名称,注册资本(万元),成立日期';

describe('CSV', () => {
  it('reads UTF-8 with a BOM: BOM dropped, headers trimmed, cells as they are', async () => {
    const { table, rows } = await read(
      `\ufeff${headerZh}, 备注 \r\n91310114MA1GT35K6X,上海嘉定氢能科技有限公司,500, 2021-03-05 ,\r\n`,
    );
    expect(table.format).toBe('csv');
    expect(table.encoding).toBe('utf8');
    expect(table.headers).toEqual(['统一社会信用代码', '企业名称', '注册资本(万元)', '成立日期', '备注']);
    expect(rows).toEqual([
      { line: 2, cells: ['91310114MA1GT35K6X', '上海嘉定氢能科技有限公司', '500', ' 2021-03-05 ', ''] },
    ]);
    expect(table.bytesRead()).toBe(table.totalBytes);
  });

  it('reads UTF-8 without a BOM', async () => {
    const { table, rows } = await read(`${headerZh}\n91310114MA1GT35K6X,上海汽车城,1,2020-01-01`);
    expect(table.encoding).toBe('utf8');
    expect(rows).toEqual([{ line: 2, cells: ['91310114MA1GT35K6X', '上海汽车城', '1', '2020-01-01'] }]);
  });

  it('detects GB18030 (GBK) and decodes Chinese headers and values, four-byte sequences included', async () => {
    const text = `${headerZh}\r\n91310114MA1GT35K6X,上海嘉定𠀀精密机械有限公司,1200.5,2019年5月1日\r\n`;
    const { table, rows } = await read(iconv.encode(text, 'gb18030'));
    expect(table.encoding).toBe('gb18030');
    expect(table.headers).toEqual(['统一社会信用代码', '企业名称', '注册资本(万元)', '成立日期']);
    expect(rows).toEqual([
      { line: 2, cells: ['91310114MA1GT35K6X', '上海嘉定𠀀精密机械有限公司', '1200.5', '2019年5月1日'] },
    ]);
  });

  it('decodes GB18030 the same with Node’s decoder and iconv-lite, except where GB18030-2022 moved characters', () => {
    const bytes = iconv.encode(`${headerZh}\n91310114MA1GT35K6X,上海嘉定𠀀㐀精密机械有限公司,€\n`, 'gb18030');
    expect(new TextDecoder('gb18030').decode(bytes)).toBe(iconv.decode(bytes, 'gb18030'));
    const moved = Buffer.from('fe59', 'hex');
    expect(new TextDecoder('gb18030').decode(moved)).toBe('\u9fb4');
    expect(iconv.decode(moved, 'gb18030')).toBe('\ue81e');
  });

  it('lets an explicit encoding override detection, and says so when UTF-8 was the wrong choice', async () => {
    const gbk = iconv.encode(`${headerZh}\n1,嘉定,2,3\n`, 'gbk');
    expect((await read(gbk, { encoding: 'gb18030' })).rows[0]?.cells[1]).toBe('嘉定');
    expect(await failure(gbk, { encoding: 'utf8' })).toMatch(/not valid UTF-8 .*GB18030/);
  });

  it('does not mistake a UTF-8 character cut by the sniffed prefix for GB18030', () => {
    const text = `${'a'.repeat(65535)}嘉定`; // 嘉 takes bytes 65535..65537, across the 64 KiB boundary
    const head = Buffer.from(text).subarray(0, 65536);
    expect(detectEncoding(head, false)).toBe('utf8');
    // The same cut in GB18030 leaves a byte (0xBC) that cannot start a UTF-8 sequence.
    expect(detectEncoding(iconv.encode(text, 'gb18030').subarray(0, 65536), false)).toBe('gb18030');
    expect(detectEncoding(iconv.encode('企业名称,地址', 'gb18030'), true)).toBe('gb18030');
  });

  it('handles quoted fields with commas, quotes and newlines, and reports the line where a record starts', async () => {
    const text = [
      '企业名称,地址,备注',
      '"上海A公司","嘉定区安亭镇,墨玉路""1""号",普通',
      '上海B公司,"第一行',
      '第二行',
      '第三行",x',
      '',
      '上海C公司,嘉定,5"寸',
      '"上海D公司"尾巴,="913101140000000000","=""0012"""',
      '',
      '',
    ].join('\r\n');
    const { rows } = await read(text);
    expect(rows).toEqual([
      { line: 2, cells: ['上海A公司', '嘉定区安亭镇,墨玉路"1"号', '普通'] },
      { line: 3, cells: ['上海B公司', '第一行\r\n第二行\r\n第三行', 'x'] },
      { line: 7, cells: ['上海C公司', '嘉定', '5"寸'] },
      { line: 8, cells: ['上海D公司尾巴', '913101140000000000', '0012'] },
    ]);
  });

  it('passes rows shorter or longer than the header as they are, and skips rows with no value', async () => {
    const { rows } = await read('a,b,c\n1\n1,2,3,4\n,,\n , \n5,6,7\n');
    expect(rows).toEqual([
      { line: 2, cells: ['1'] },
      { line: 3, cells: ['1', '2', '3', '4'] },
      { line: 6, cells: ['5', '6', '7'] },
    ]);
  });

  it('detects tab- and semicolon-separated files from the header', async () => {
    const tabs = await read('企业名称\t地址\n上海A,公司\t嘉定\n');
    expect(tabs.table.headers).toEqual(['企业名称', '地址']);
    expect(tabs.rows[0]?.cells).toEqual(['上海A,公司', '嘉定']);
    const semis = await read('\n\n企业名称;地址;"a;b"\n上海A;嘉定;x\n');
    expect(semis.table.headers).toEqual(['企业名称', '地址', 'a;b']);
    expect(semis.rows).toEqual([{ line: 4, cells: ['上海A', '嘉定', 'x'] }]);
  });

  it('is not misled by a comma in the title above a tab-separated header (WPS 文本文件(制表符分隔))', async () => {
    const { table, rows } = await read(
      '嘉定区企业名录, 共2条\r\n统一社会信用代码\t企业名称\t经营范围\r\n1\t上海A公司\t技术开发, 技术咨询\r\n2\t上海B公司\t批发\r\n',
    );
    expect(table.headers).toEqual(['统一社会信用代码', '企业名称', '经营范围']);
    expect(table.preamble).toEqual(['嘉定区企业名录, 共2条']);
    expect(rows.map((r) => r.cells)).toEqual([
      ['1', '上海A公司', '技术开发, 技术咨询'],
      ['2', '上海B公司', '批发'],
    ]);
    expect(detectDelimiter('a,b\nx\ty\tz\n1\t2,5\t3\n4\t5\t6\n')).toBe('\t');
    expect(detectDelimiter('title\r\na;b;c\r\n1;2;3\r\n')).toBe(';');
    expect(detectDelimiter('只有一列')).toBe(',');
    // Semicolons and line breaks inside quoted cells do not count, however often they come.
    const quoted = '"x; y\n z; w",b,c\n';
    expect(detectDelimiter(`名称,代码,范围\n${quoted.repeat(5)}1;2,3,4\n`)).toBe(',');
    // A stray quote inside an unquoted cell opens no quoted field that would hide the records after it.
    expect(detectDelimiter('嘉定区, 2024\n导出人, 张三\n名称\t范围\n甲"乙\t配件\n丙\t批发\n丁\t零售\n')).toBe(
      '\t',
    );
  });

  it('finds the header below a title and a note, as registry exports put them', async () => {
    const titled = await read(
      '嘉定区企业名录（截至2024年6月30日）,,,\n单位：万元,,,\n,,,\n企业名称,地址,注册资本\n上海A,嘉定,500\n',
    );
    expect(titled.table.headers).toEqual(['企业名称', '地址', '注册资本']);
    expect(titled.rows).toEqual([{ line: 5, cells: ['上海A', '嘉定', '500'] }]);
    // A title line without any delimiter does not decide the delimiter.
    const tabs = await read('嘉定区企业名录\n企业名称\t地址\n上海A\t嘉定\n');
    expect(tabs.table.headers).toEqual(['企业名称', '地址']);
    expect(tabs.rows).toEqual([{ line: 3, cells: ['上海A', '嘉定'] }]);
    // Numbers and dates are values, never a header: a one-column header stays the header.
    const narrow = await read('企业名称\n2021-03-05,500\n');
    expect(narrow.table.headers).toEqual(['企业名称']);
    expect(narrow.rows).toHaveLength(1);
  });

  it('finds the header below an export listing its whole query above the table', async () => {
    const query = [
      '上海市嘉定区市场监督管理局 企业登记信息',
      '导出时间：2024-07-01 09:30:12',
      '导出人：张三',
      '查询条件：登记机关=嘉定区',
      '成立日期：2020-01-01 至 2024-06-30',
      '登记状态：全部',
      '共312条记录',
      '说明：本表数据仅供内部使用',
      '单位：万元',
    ];
    const text = `${query.join('\n')}\n统一社会信用代码,企业名称,注册资本\n91310114MA1GT2K39F,上海甲,500\n`;
    const { table, rows } = await read(text, { isKnownHeader: isCompanyHeader });
    expect(table.headers).toEqual(['统一社会信用代码', '企业名称', '注册资本']);
    expect(table.preamble).toEqual(query);
    expect(rows).toEqual([{ line: 11, cells: ['91310114MA1GT2K39F', '上海甲', '500'] }]);
  });

  it('passes over a note row of label：value cells and returns the text above the header', async () => {
    const noted = await read(
      '嘉定区企业名录,,,\n导出时间：2024-07-01 09:30,,导出人：张三,\n单位:万元,,,\n企业名称,地址,注册资本（单位：万元）\n上海A,嘉定,500\n',
    );
    expect(noted.table.headers).toEqual(['企业名称', '地址', '注册资本（单位：万元）']);
    expect(noted.table.preamble).toEqual([
      '嘉定区企业名录',
      '导出时间：2024-07-01 09:30',
      '导出人：张三',
      '单位:万元',
    ]);
    expect(noted.rows).toEqual([{ line: 5, cells: ['上海A', '嘉定', '500'] }]);
    expect((await read('企业名称,地址\n上海A,嘉定\n')).table.preamble).toEqual([]);
  });

  it('passes over a row of group titles to the row that names company fields, given the company headers', async () => {
    const sheet =
      '嘉定区企业名录,,,\n基本信息,,经营信息,\n统一社会信用代码,企业名称,成立日期,登记状态\n91330100716105852F,上海A,2021-03-05,存续\n';
    const grouped = await read(sheet, { isKnownHeader: isCompanyHeader });
    expect(grouped.table.headers).toEqual(['统一社会信用代码', '企业名称', '成立日期', '登记状态']);
    expect(grouped.table.preamble).toEqual(['嘉定区企业名录', '基本信息', '经营信息']);
    expect(grouped.rows.map((r) => r.line)).toEqual([4]);
    // Without headers of company fields anywhere, the first row that looks like a header is still taken.
    const other = await read('基本信息,,经营信息\n甲,乙,丙\n1,2,3\n', { isKnownHeader: isCompanyHeader });
    expect(other.table.headers).toEqual(['基本信息', '', '经营信息']);
    // The reader itself knows no fields: without a recogniser the group titles are taken for the header.
    expect((await read(sheet)).table.headers).toEqual(['基本信息', '', '经营信息', '']);
  });

  it('passes over group titles to the row that names project fields, given the project headers', async () => {
    const sheet =
      '嘉定区招商项目台账\n基本信息,,投资信息\n项目编号,项目名称,投资方,投资额\nP-1,固态电池中试线,甲公司,8000万\n';
    const projects = await read(sheet, { isKnownHeader: isProjectHeader });
    expect(projects.table.headers).toEqual(['项目编号', '项目名称', '投资方', '投资额']);
    expect(projects.table.preamble).toEqual(['嘉定区招商项目台账', '基本信息', '投资信息']);
    expect(projects.rows).toEqual([{ line: 4, cells: ['P-1', '固态电池中试线', '甲公司', '8000万'] }]);
    // No column of this sheet names a company field, so the company recogniser cannot find its header.
    expect((await read(sheet, { isKnownHeader: isCompanyHeader })).table.headers).toEqual([
      '基本信息',
      '',
      '投资信息',
    ]);
  });

  it('reads lines ended by a bare CR (Excel for Mac)', async () => {
    const { table, rows } = await read('企业名称,地址\r上海A,嘉定\r上海B,南翔\r');
    expect(table.headers).toEqual(['企业名称', '地址']);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('ends a line at a CR without LF in a file that also has CRLF and LF (exports joined together)', async () => {
    const { rows } = await read(
      '企业名称,地址\r\n上海A,嘉定\n上海B,南翔\r上海C,"安亭\r墨玉路"\r\n上海D,马陆',
    );
    expect(rows).toEqual([
      { line: 2, cells: ['上海A', '嘉定'] },
      { line: 3, cells: ['上海B', '南翔'] },
      { line: 4, cells: ['上海C', '安亭\n墨玉路'] },
      { line: 6, cells: ['上海D', '马陆'] },
    ]);
  });

  it('keeps a CRLF cut between two chunks as one line end', async () => {
    // Rows of 16 bytes after a filler row sized so that a row's CR is the last byte of the first 1 MiB chunk.
    const header = '企业名称,编号\r\n';
    const filler = 'x'.repeat((((1 - Buffer.byteLength(header) - 2) % 16) + 16) % 16);
    const rowCount = Math.ceil((1024 * 1024) / 16) + 4;
    const text = `${header}${filler}\r\n${Array.from({ length: rowCount }, (_, i) => `${String(i).padStart(7, '0')},abcdef\r\n`).join('')}`;
    const bytes = Buffer.from(text);
    expect([bytes[1024 * 1024 - 1], bytes[1024 * 1024]]).toEqual([13, 10]);
    const rows = await rowsOf(await openTable({ buffer: bytes }));
    expect(rows.findIndex((r, k) => r.line !== k + 2)).toBe(-1);
    expect(rows.length).toBe(text.split('\r\n').length - 2);
  });

  it('refuses a UTF-8 export joined below a GB18030 one instead of storing its names as mojibake', async () => {
    const gb = iconv.encode(
      `${headerZh}\r\n91310114MA1GT2K39F,上海甲科技有限公司,500,2021-03-05\r\n`,
      'gb18030',
    );
    const utf8 = Buffer.from(`\ufeff${headerZh}\r\n91310114MA1GT1020F,上海乙科技有限公司,500,2021-03-05\r\n`);
    const mac = (b: Buffer) => Buffer.from(b.toString('latin1').replaceAll('\r\n', '\r'), 'latin1');
    expect(await failure(Buffer.concat([mac(gb), mac(utf8)]))).toMatch(/^line 3: a UTF-8 byte-order mark/);
    expect(await failure(Buffer.concat([gb, utf8]))).toBe(
      'line 3: a UTF-8 byte-order mark starts this line of a GB18030 file, so files in two encodings were joined; save them as one file in one encoding (CSV UTF-8 or .xlsx)',
    );
  });

  it('allows a header without data rows', async () => {
    const { table, rows } = await read(`${headerZh}\r\n\r\n`);
    expect(table.headers).toHaveLength(4);
    expect(rows).toEqual([]);
  });

  it('refuses a quoted field that is never closed, naming its line', async () => {
    expect(await failure('a,b\n1,2\n3,"never closed\n4,5\n')).toBe(
      'line 3: a quoted field starts on this line but its closing " is missing',
    );
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = 'h1,h2\r\n"a""b",c\r\n"x\ny",""\r\n\r\n"q",="1"\r\nlast,"line"';
    const whole = parseAll([text]);
    expect(whole).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 2, cells: ['a"b', 'c'] },
      { line: 3, cells: ['x\ny', ''] },
      { line: 6, cells: ['q', '1'] },
      { line: 7, cells: ['last', 'line'] },
    ]);
    for (let cut = 1; cut < text.length; cut++) {
      for (let cut2 = cut; cut2 < text.length; cut2 += 3) {
        expect(parseAll([text.slice(0, cut), text.slice(cut, cut2), text.slice(cut2)])).toEqual(whole);
      }
    }
  });

  it('streams a multi-megabyte file (path and buffer, UTF-8 and GB18030) with records across chunk edges', async () => {
    const expected: TableRow[] = [];
    let text = '统一社会信用代码,企业名称,地址\n';
    let line = 2;
    for (let i = 0; expected.length < 30_000; i++) {
      const code = `91310114${String(i).padStart(10, '0')}`;
      const multiline = i % 7 === 0;
      const address = multiline ? `嘉定区\n安亭镇"${i}"号` : `嘉定区马陆镇${i}号`;
      text += `${code},上海嘉定第${i}科技有限公司,${multiline ? `"${address.replaceAll('"', '""')}"` : address}\n`;
      expected.push({ line, cells: [code, `上海嘉定第${i}科技有限公司`, address] });
      line += multiline ? 2 : 1;
    }
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 1024 * 1024);
    for (const bytes of [Buffer.from(text), iconv.encode(text, 'gb18030')]) {
      for (const input of [{ path: file(bytes) }, { buffer: bytes }]) {
        const table = await openTable(input);
        expect(await rowsOf(table)).toEqual(expected);
        expect(table.bytesRead()).toBe(bytes.length);
      }
    }
  });

  it('stops cleanly when the reader breaks off; the rows are read once', async () => {
    const table = await openTable({ path: file(`a,b\n${'1,2\n'.repeat(10)}`) });
    for await (const row of table.rows) if (row.line === 3) break;
    expect(await rowsOf(table)).toEqual([]);
  });
});

function parseAll(pieces: string[]): TableRow[] {
  const parser = new CsvParser(null);
  const out: TableRow[] = [];
  pieces.forEach((piece, i) => {
    parser.feed(piece, i === pieces.length - 1, out);
  });
  return out;
}

describe('what is not a spreadsheet', () => {
  it.each([
    ['%PDF-1.7\n%âãÏÓ\n1 0 obj', 'the file is not a spreadsheet (looks like PDF)'],
    [
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      'the file is not a spreadsheet (looks like a PNG image)',
    ],
    [Buffer.from('ffd8ffe000104a464946', 'hex'), 'the file is not a spreadsheet (looks like a JPEG image)'],
    [Buffer.from('1f8b0800000000000003', 'hex'), 'the file is not a spreadsheet (looks like a GZIP archive)'],
    [Buffer.from('0001020304050607', 'hex'), 'the file is not a spreadsheet (looks like binary data)'],
  ])('refuses %s', async (content, message) => {
    expect(await failure(content)).toBe(message);
  });

  it('refuses legacy .xls (OLE2) with advice', async () => {
    const ole2 = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    expect(await failure(ole2)).toMatch(/^legacy \.xls is not supported; save as \.xlsx or CSV/);
  });

  it('refuses an HTML table saved as .xls and UTF-16 "Unicode Text"', async () => {
    expect(await failure('<html><body><table><tr><td>企业名称</td></tr></table>')).toMatch(
      /web page \(HTML\)/,
    );
    expect(await failure(Buffer.from('\ufeff企业名称\t地址', 'utf16le'))).toMatch(/UTF-16/);
    // Without its byte-order mark, little- or big-endian, Chinese headers and all.
    const table = '统一社会信用代码\t企业名称\r\n91310114MA1GT2K39F\t上海甲科技有限公司\r\n';
    expect(await failure(Buffer.from(table, 'utf16le'))).toMatch(/^the file is UTF-16 text/);
    expect(await failure(Buffer.from(table, 'utf16le').swap16())).toMatch(/^the file is UTF-16 text/);
    expect(await failure(Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(40)]))).toMatch(/binary data/);
  });

  it.each([
    ['', 'an empty file'],
    ['\ufeff', 'a BOM alone'],
    ['\r\n \r\n,,\r\n', 'blank lines'],
  ])('calls %j (%s) empty', async (content) => {
    expect(await failure(content)).toBe('the file is empty');
  });
});

// --- xlsx fixtures: a minimal ZIP writer and the XML parts as Excel writes them ---------------------------

function zip(files: [name: string, content: string | Buffer][]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.from(content);
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, fileName, packed);
    central.push(entry, fileName);
    offset += 30 + fileName.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const rNs = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const relType = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface SheetSpec {
  name: string;
  rows: string; // the <sheetData> content
  state?: 'hidden';
}

function xlsx(
  sheets: SheetSpec[],
  options: { strings?: string[]; date1904?: boolean; prefix?: string } = {},
): Buffer {
  const p = options.prefix ?? '';
  const xmlns = p
    ? `xmlns:${p.slice(0, -1)}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
    : ns;
  const sheetXml = (s: SheetSpec) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${p}worksheet ${xmlns} ${rNs}><${p}dimension ref="A1:Q9"/>` +
    `<${p}sheetData>${s.rows}</${p}sheetData><${p}pageMargins left="0.7"/></${p}worksheet>`;
  const strings = options.strings ?? [];
  return zip([
    // Sheets before the shared strings and the workbook: part order in the archive must not matter.
    ...sheets.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)]),
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relType}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}workbook ${xmlns} ${rNs}><${p}workbookPr${options.date1904 ? ' date1904="1"' : ''} defaultThemeVersion="166925"/><${p}sheets>` +
        sheets
          .map(
            (s, i) =>
              `<${p}sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
          )
          .join('') +
        `</${p}sheets></${p}workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${relType}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId90" Type="${relType}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId91" Type="${relType}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
    [
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst ${ns} count="${strings.length}" uniqueCount="${strings.length}">${strings.join('')}</sst>`,
    ],
    [
      'xl/styles.xml',
      // cellXfs: 0 General, 1 built-in date (14), 2 custom Chinese date, 3 built-in time (20), 4 text (49)
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>` +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" xfId="0"/>' +
        '<xf numFmtId="14" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" xfId="0" applyNumberFormat="1"/>' +
        '<xf numFmtId="20" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" xfId="0" applyNumberFormat="1"><alignment/></xf></cellXfs></styleSheet>',
    ],
  ]);
}

const si = (text: string) => `<si><t>${text}</t></si>`;
const headerStrings = ['统一社会信用代码', '企业名称', '注册资本(万元)', '成立日期', '备注'].map(si);
const headerRow =
  '<row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
  '<c r="D1" t="s"><v>3</v></c><c r="E1" s="4" t="s"><v>4</v></c><c r="F1" s="4"/></row>';

describe('XLSX', () => {
  const strings = [
    ...headerStrings,
    si('91310114MA1GT35K6X'), // 5
    // 6: rich text with a phonetic guide, as Excel stores a partly bold name
    '<si><r><rPr><b/><sz val="11"/></rPr><t>上海嘉定</t></r><r><t xml:space="preserve">氢能 &amp; 科技</t></r><rPh sb="0" eb="2"><t>シャンハイ</t></rPh></si>',
    si('第一行_x000D_\n第二行'), // 7
  ];
  const rows =
    headerRow +
    '<row r="2" spans="1:5"><c r="A2" t="s"><v>5</v></c><c r="B2" t="s"><v>6</v></c><c r="C2"><v>1234.5</v></c>' +
    '<c r="D2" s="1"><v>44260</v></c><c r="E2" t="s"><v>7</v></c><c r="P2" s="4"/></row>' +
    '<row r="3"/>' + // an empty row Excel keeps for its height
    '<row r="5"><c r="A5" t="inlineStr"><is><t>913101140000000001</t></is></c><c r="C5"><v>9.1310114E+17</v></c>' +
    '<c r="D5" s="2"><v>44260.5</v></c><c r="E5" s="3"><v>0.5</v></c></row>' +
    '<row r="6"><c r="A6" t="str"><f>B6&amp;"x"</f><v>a&amp;b&lt;c</v></c><c r="B6" t="b"><v>1</v></c>' +
    '<c r="C6"><v>7938.8999999999996</v></c><c r="D6" t="e"><v>#N/A</v></c><c r="E6"><v>-1.5E-3</v></c></row>' +
    '<row r="7"><c r="A7" t="s"><v>5</v></c><c r="D7"><v>44260</v></c></row>';

  it('reads headers, shared, rich and inline strings, numbers, dates, booleans, errors and gaps', async () => {
    const { table, rows: read_ } = await read(xlsx([{ name: '企业名录', rows }], { strings }));
    expect(table.format).toBe('xlsx');
    expect(table.encoding).toBeNull();
    expect(table.headers).toEqual(['统一社会信用代码', '企业名称', '注册资本(万元)', '成立日期', '备注']);
    expect(read_).toEqual([
      {
        line: 2,
        cells: ['91310114MA1GT35K6X', '上海嘉定氢能 & 科技', '1234.5', '2021-03-05', '第一行\r\n第二行'],
      },
      { line: 5, cells: ['913101140000000001', '', '913101140000000000', '2021-03-05 12:00:00', '0.5'] },
      { line: 6, cells: ['a&b<c', 'TRUE', '7938.9', '#N/A', '-0.0015'] },
      { line: 7, cells: ['91310114MA1GT35K6X', '', '', '44260'] }, // no date style: the serial as it is
    ]);
    expect(table.bytesRead()).toBe(table.totalBytes);
  });

  it('reads the same from a buffer', async () => {
    const buffer = xlsx([{ name: '企业名录', rows }], { strings });
    const table = await openTable({ buffer });
    expect(table.totalBytes).toBe(buffer.length);
    expect((await rowsOf(table)).map((r) => r.line)).toEqual([2, 5, 6, 7]);
  });

  it('takes the first visible sheet by default; a sheet can be chosen by name or 1-based position', async () => {
    const book = xlsx(
      [
        {
          name: '字典',
          state: 'hidden',
          rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>代码</t></is></c></row>',
        },
        { name: '企业名录', rows },
        { name: 'Sheet3', rows: '<row r="2"><c r="B2" t="inlineStr"><is><t>名称</t></is></c></row>' },
      ],
      { strings },
    );
    expect((await openTable({ buffer: book })).headers[0]).toBe('统一社会信用代码');
    expect((await openTable({ buffer: book }, { sheet: 1 })).headers).toEqual(['代码']);
    const third = await openTable({ buffer: book }, { sheet: 'sheet3' });
    expect(third.headers).toEqual(['', '名称']);
    expect(await rowsOf(third)).toEqual([]);
    await expect(openTable({ buffer: book }, { sheet: '名录' })).rejects.toThrow(
      'the workbook has no sheet named "名录"; its sheets are "字典", "企业名录", "Sheet3"',
    );
    await expect(openTable({ buffer: book }, { sheet: 4 })).rejects.toThrow(/has 3 sheet\(s\), no sheet 4/);
  });

  it('looks past an empty first sheet or a notes sheet to the one whose header names known fields', async () => {
    const notes =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>导出说明</t></is></c><c r="B1" t="inlineStr"><is><t>数据来源</t></is></c></row>';
    const book = xlsx(
      [
        { name: 'Sheet1', rows: '' },
        { name: '说明', rows: notes },
        { name: '企业名录', rows },
      ],
      { strings },
    );
    const found = await openTable({ buffer: book }, { isKnownHeader: isCompanyHeader });
    expect(found.headers[0]).toBe('统一社会信用代码');
    expect((await rowsOf(found)).map((r) => r.line)).toEqual([2, 5, 6, 7]);
    // Without a recogniser, or with a sheet named, the reader takes what it is given.
    await expect(openTable({ buffer: book })).rejects.toThrow(
      'the file is empty (sheet "Sheet1" has no cells)',
    );
    expect((await openTable({ buffer: book }, { sheet: 2, isKnownHeader: isCompanyHeader })).headers).toEqual(
      ['导出说明', '数据来源'],
    );
    // No sheet names known fields: the first sheet with cells is the table, and the import says what it lacks.
    const noTable = xlsx(
      [
        { name: 'Sheet1', rows: '' },
        { name: '说明', rows: notes },
      ],
      { strings },
    );
    expect((await openTable({ buffer: noTable }, { isKnownHeader: isCompanyHeader })).headers).toEqual([
      '导出说明',
      '数据来源',
    ]);
  });

  it('reads namespace-prefixed XML without r attributes, and the 1904 date system', async () => {
    const prefixed =
      '<x:row><x:c t="inlineStr"><x:is><x:t>企业名称</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>成立日期</x:t></x:is></x:c></x:row>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>上海A</x:t></x:is></x:c><x:c s="1"><x:v>42798</x:v></x:c></x:row>' +
      // single quotes and line breaks between attributes are legal XML, if unusual
      "<x:row r='4'>\n<x:c\n r='B4'\n t='s'><x:v></x:v></x:c><x:c r='C4' t='inlineStr'><x:is><x:t>备注</x:t></x:is></x:c></x:row>";
    const { table, rows: read_ } = await read(
      xlsx([{ name: 'S', rows: prefixed }], { prefix: 'x:', date1904: true }),
    );
    expect(table.headers).toEqual(['企业名称', '成立日期']);
    expect(read_).toEqual([
      { line: 2, cells: ['上海A', '2021-03-05'] },
      { line: 4, cells: ['', '', '备注'] },
    ]);
  });

  it('allows a header without data rows, and calls a sheet without cells empty', async () => {
    expect((await read(xlsx([{ name: 'S', rows: headerRow }], { strings }))).rows).toEqual([]);
    expect(await failure(xlsx([{ name: '空表', rows: '<row r="1"><c r="A1" s="4"/></row>' }]))).toBe(
      'the file is empty (sheet "空表" has no cells)',
    );
  });

  it('refuses ZIP files that are not workbooks, and damaged ones', async () => {
    const docx = zip([
      [
        '_rels/.rels',
        `<Relationships><Relationship Id="rId1" Type="${relType}/officeDocument" Target="word/document.xml"/></Relationships>`,
      ],
      ['word/document.xml', '<w:document xmlns:w="x"/>'],
    ]);
    expect(await failure(docx)).toBe(
      'the file is a ZIP archive but not an Excel .xlsx workbook (looks like a Word document)',
    );
    expect(await failure(zip([['photos/a.txt', 'hello']]))).toBe(
      'the file is a ZIP archive but not an Excel .xlsx workbook',
    );
    const book = xlsx([{ name: 'S', rows }], { strings });
    expect(await failure(book.subarray(0, book.length - 100))).toMatch(
      /^the workbook is damaged or not a valid \.xlsx file/,
    );
  });
});

describe('cell values', () => {
  it('writes numbers as Excel shows them: 15 significant digits, no exponent', () => {
    expect(plainNumber('44260')).toBe('44260');
    expect(plainNumber('1234.5')).toBe('1234.5');
    expect(plainNumber('9.1310114E+17')).toBe('913101140000000000');
    expect(plainNumber('0.30000000000000004')).toBe('0.3');
    expect(plainNumber('1E-7')).toBe('0.0000001');
    expect(plainNumber('123456789012345678')).toBe('123456789012346000');
  });

  it('turns date serials into ISO dates, with Excel’s phantom 29 February 1900', () => {
    expect(excelDate('44260', false)).toBe('2021-03-05');
    expect(excelDate('1', false)).toBe('1900-01-01');
    expect(excelDate('59', false)).toBe('1900-02-28');
    expect(excelDate('61', false)).toBe('1900-03-01');
    expect(excelDate('44260.75', false)).toBe('2021-03-05 18:00:00');
    expect(excelDate('0', false)).toBe('0');
    expect(excelDate('0', true)).toBe('0');
    expect(excelDate('1', true)).toBe('1904-01-02');
  });

  it('knows date formats from time, number and text formats', () => {
    for (const code of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$-804]yyyy年m月d日', 'm/d/yy h:mm', 'dd-mmm'])
      expect(isDateFormat(code), code).toBe(true);
    for (const code of ['General', '0.00', '#,##0"元"', 'h:mm:ss', '[h]:mm', '@', '0.00E+00', '"day"0'])
      expect(isDateFormat(code), code).toBe(false);
  });
});
