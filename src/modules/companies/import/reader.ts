import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Readable, TransformOptions } from 'node:stream';
import { createInflateRaw, type ZlibOptions } from 'node:zlib';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import { type Message, type MessageCode, type MessageParams, messageText } from '../../../domain/messages.ts';
import { civilFromDays } from '../../../domain/normalise.ts';

/**
 * The reading layer of the bulk importer: turns an uploaded registry export (.xlsx, or CSV in UTF-8 or
 * GB18030/GBK) into a header row and a stream of string rows, without ever holding the whole file's rows.
 *
 * The format is judged by content, not by the file name: exports from market-regulation systems are often
 * misnamed (HTML pages called .xls, CSVs called .xlsx). Every problem with the file itself is a
 * SpreadsheetError whose message can be shown to the user as is.
 */

export type SourceFormat = 'csv' | 'xlsx';
export type Encoding = 'utf8' | 'gb18030';

export interface TableRow {
  /** The line (CSV: where the record starts) or Excel row number a user sees; the header is line 1. */
  line: number;
  cells: string[];
}

export interface TableSource {
  format: SourceFormat;
  encoding: Encoding | null;
  headers: string[];
  /** The filled cells of the rows above the header (a title, a note such as 单位：万元), in order. */
  preamble: string[];
  /** Rows after the header; rows with no value in any cell are skipped. Read once. */
  rows: AsyncIterable<TableRow>;
  /** Bytes of the input consumed so far (for xlsx: the share of the sheet read, scaled to the file size). */
  bytesRead(): number;
  totalBytes: number | null;
}

/** A file the importer cannot read, as a message (src/domain/messages.ts); its `message` is the English text. */
export class SpreadsheetError extends Error {
  override name = 'SpreadsheetError';
  constructor(readonly refusal: Message) {
    super(messageText(refusal, 'en'));
  }
}

const refused = (code: MessageCode, params?: MessageParams) =>
  new SpreadsheetError(params ? { code, params } : { code });

export interface OpenOptions {
  encoding?: 'auto' | Encoding;
  /** xlsx: a sheet name, or its 1-based position in the tab order. Default: the first visible sheet. */
  sheet?: string | number;
  /**
   * Whether a cell is a header the importer knows (a company field's alias, a project field's): of the rows at the
   * top, the first with two known headers is the header, so a row of group titles above it is passed over. Without
   * it, the first row that looks like a header is taken.
   */
  isKnownHeader?: (cell: string) => boolean;
}

type Input = { path: string } | { buffer: Buffer };

const sniffSize = 64 * 1024;
const chunkSize = 1024 * 1024;
/** A record longer than this is a stray quote or not a CSV at all; refusing it keeps memory bounded. */
const maxRecordChars = 8 * 1024 * 1024;

export async function openTable(input: Input, opts: OpenOptions = {}): Promise<TableSource> {
  const { head, totalBytes } = await readHead(input);
  const known = opts.isKnownHeader ?? (() => false);
  if (sniff(head) === 'zip') return openXlsx(input, totalBytes, opts.sheet, opts.isKnownHeader);
  const requested = opts.encoding ?? 'auto';
  const encoding = requested === 'auto' ? detectEncoding(head, head.length === totalBytes) : requested;
  return openCsv(input, encoding, totalBytes, known);
}

async function readHead(input: Input): Promise<{ head: Buffer; totalBytes: number }> {
  if ('buffer' in input)
    return { head: input.buffer.subarray(0, sniffSize), totalBytes: input.buffer.length };
  const file = await open(input.path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, sniffSize));
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return { head: head.subarray(0, bytesRead), totalBytes: size };
  } finally {
    await file.close();
  }
}

const binarySignatures: [string, MessageCode][] = [
  ['25504446', 'file.pdf'],
  ['89504e47', 'file.png'],
  ['ffd8ff', 'file.jpeg'],
  ['47494638', 'file.gif'],
  ['1f8b', 'file.gzip'],
  ['526172211a07', 'file.rar'],
  ['377abcaf271c', 'file.7z'],
];

/** Tells a ZIP (possibly xlsx) from text, and refuses everything else with a reason a user can act on. */
function sniff(head: Buffer): 'zip' | 'text' {
  if (head.length === 0) throw refused('file.empty');
  const hex = head.subarray(0, 8).toString('hex');
  if (hex.startsWith('504b0304')) return 'zip';
  if (hex.startsWith('504b0506')) throw refused('file.emptyZip');
  if (hex === 'd0cf11e0a1b11ae1') {
    // OLE2 is also how Excel stores a password-protected .xlsx and how WPS stores .et files.
    throw refused('file.legacyXls');
  }
  for (const [magic, code] of binarySignatures) if (hex.startsWith(magic)) throw refused(code);
  if (hex.startsWith('fffe') || hex.startsWith('feff') || looksUtf16(head)) {
    throw refused('file.utf16');
  }
  const start = head
    .toString('latin1', 0, 512)
    .replace(/^(\xef\xbb\xbf)?\s*/, '')
    .toLowerCase();
  if (start.startsWith('<?xml') && start.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    throw refused('file.xml2003');
  }
  // Many government systems "export to Excel" by writing an HTML table into a file named .xls.
  if (/^<(!doctype html|html|table|head|meta|body)\b/.test(start)) {
    throw refused('file.html');
  }
  if (head.includes(0)) throw refused('file.binary');
  return 'text';
}

/**
 * UTF-16 without its byte-order mark (some tools write it so): the delimiters, digits and line ends of a table are
 * ASCII, each with a zero byte on the same side of its pair; a CJK character such as 一 (U+4E00) may have one on the
 * other side.
 */
function looksUtf16(head: Buffer): boolean {
  const pairs = Math.min(head.length, 1024) >> 1;
  if (pairs < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) >= pairs / 8 && Math.min(even, odd) * 4 <= Math.max(even, odd);
}

/** UTF-8 if the BOM says so or the prefix decodes strictly as UTF-8; else GB18030 (a superset of GBK). */
export function detectEncoding(head: Buffer, complete: boolean): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  const prefix = complete ? head : head.subarray(0, completeUtf8Length(head));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix);
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/** Length of the prefix not ending inside a UTF-8 sequence, so a cut at the sniff size is not "invalid". */
function completeUtf8Length(bytes: Buffer): number {
  const n = bytes.length;
  for (let i = n - 1; i >= Math.max(0, n - 4); i--) {
    const b = bytes[i] as number;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + need > n ? i : n;
    }
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// Shared plumbing

type Batches = AsyncGenerator<TableRow[], void, undefined>;

/**
 * The header is read by a first, short pass that is then closed, and the rows by a second pass that skips it:
 * a caller that rejects the headers and never iterates the rows leaves no file handle open.
 *
 * Registry exports often put a title above the header (嘉定区企业名录（截至2024年6月30日）) and notes such as
 * 单位：万元 or 导出时间：2024-07-01 … 导出人：张三, and some a row of group titles (基本信息, 经营信息). The header is
 * the first of the leading rows that has two or more cells, no cell that is a bare number or date and no
 * "label：value" note, preferring one with at least two headers the importer knows (`known`); when none of the first
 * rows has, the first that looks like a header, or else the first row, is the header. The rows above it are returned
 * as the preamble.
 */
async function headerOf(
  batches: Batches,
  known: (cell: string) => boolean,
  empty: Message = { code: 'file.empty' },
): Promise<{ header: TableRow; preamble: string[] }> {
  const leading: TableRow[] = [];
  let header: TableRow | undefined;
  try {
    scan: for await (const batch of batches)
      for (const row of batch) {
        leading.push(row);
        if (looksLikeHeader(row.cells) && knownHeaders(row.cells, known) >= 2) {
          header = row;
          break scan;
        }
        if (leading.length >= titleRowsAtMost + 1) break scan;
      }
  } finally {
    await batches.return();
  }
  const first = leading[0];
  if (!first) throw new SpreadsheetError(empty);
  header ??= leading.find((row) => looksLikeHeader(row.cells)) ?? first;
  const preamble: string[] = [];
  for (const row of leading) {
    if (row === header) break;
    for (const cell of row.cells) if (cell.trim()) preamble.push(cell.trim());
  }
  return { header, preamble };
}

/**
 * Rows looked at above the header. A bureau's extract may list its whole query above the table (导出时间, 导出人,
 * 查询条件, 成立日期 range, 登记状态, 共312条, 说明, 单位：万元): with five, such a file was refused for want of a
 * credit-code column, its title taken for the header.
 */
const titleRowsAtMost = 20;
const bareValue = /^[\d\s.,:/-]+$/;
// A note's "label：value", outside brackets: 注册资本（单位：万元） is still a header.
const labelledValue = /[:：]\s*\S/;
const bracketed = /[(（][^)）]*[)）]/g;

/** Cells that are headers the importer knows: they tell the header from a row of group titles (基本信息, 经营信息) above it. */
function knownHeaders(cells: string[], known: (cell: string) => boolean): number {
  let count = 0;
  for (const cell of cells) if (cell.trim() && known(cell)) count++;
  return count;
}

function looksLikeHeader(cells: string[]): boolean {
  let filled = 0;
  for (const cell of cells) {
    const text = cell.trim();
    if (!text) continue;
    if (bareValue.test(text) || labelledValue.test(text.replace(bracketed, ''))) return false;
    filled++;
  }
  return filled >= 2;
}

async function* rowsAfter(headerLine: number, batches: Batches): AsyncGenerator<TableRow> {
  for await (const batch of batches) for (const row of batch) if (row.line > headerLine) yield row;
}

function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

async function* chunksOf(input: Input, counted: (n: number) => void): AsyncGenerator<Buffer> {
  if ('buffer' in input) {
    for (let at = 0; at < input.buffer.length; at += chunkSize) {
      const chunk = input.buffer.subarray(at, at + chunkSize);
      counted(chunk.length);
      yield chunk;
    }
    return;
  }
  const stream = createReadStream(input.path, { highWaterMark: chunkSize });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      counted(chunk.length);
      yield chunk;
    }
  } finally {
    stream.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------
// CSV

interface Decoder {
  write(bytes: Buffer): string;
  end(): string;
}

/**
 * GB18030 goes through Node's own decoder (ICU) where the runtime has it, as official builds do: it read the
 * 1M-row benchmark file 1.2x (idle machine) to 1.9x (busy machine) faster than iconv-lite, and it follows
 * GB18030-2022, which gives 18 characters (e.g. FE59 → U+9FB4) real code points where iconv-lite still
 * returns Private Use ones. iconv-lite remains for Node builds without full ICU.
 */
const icuGb18030 = (() => {
  try {
    new TextDecoder('gb18030');
    return true;
  } catch {
    return false;
  }
})();

function decoderFor(encoding: Encoding): Decoder {
  if (encoding === 'gb18030' && !icuGb18030) {
    const decoder = iconv.getDecoder('gb18030');
    return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
  }
  // UTF-8 is fatal, so a file that turns out not to be UTF-8 past the sniffed prefix fails loudly instead of
  // importing U+FFFD into names. TextDecoder drops a leading BOM itself.
  const decoder = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8', {
    fatal: encoding === 'utf8',
  });
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

async function openCsv(
  input: Input,
  encoding: Encoding,
  totalBytes: number,
  known: (cell: string) => boolean,
): Promise<TableSource> {
  let bytes = 0;
  const first = new CsvParser(null);
  const { header, preamble } = await headerOf(
    csvBatches(input, encoding, first, () => {}),
    known,
  );
  const delimiter = first.delimiter ?? ',';
  const headers = header.cells.map((cell) => cell.replace(/^\ufeff/, '').trim());
  return {
    format: 'csv',
    encoding,
    headers,
    preamble,
    rows: rowsAfter(
      header.line,
      csvBatches(input, encoding, new CsvParser(delimiter), (n) => {
        bytes += n;
      }),
    ),
    bytesRead: () => bytes,
    totalBytes,
  };
}

async function* csvBatches(
  input: Input,
  encoding: Encoding,
  parser: CsvParser,
  counted: (n: number) => void,
): Batches {
  const decoder = decoderFor(encoding);
  const decode = (chunk: Buffer | null) => {
    try {
      return chunk ? decoder.write(chunk) : decoder.end();
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      throw refused('file.notUtf8', { line: parser.line });
    }
  };
  // Excel for Mac's "CSV (Macintosh)" ends lines with a bare CR, and a file joined from a Mac and a Windows export
  // has both: a CR not followed by LF ends a line wherever it is (two companies on one "line" lost the second). A CR
  // at a chunk's end waits for the next chunk, whose first character may be its LF.
  let heldCr = '';
  const lines = (decoded: string, final: boolean) => {
    let text = heldCr ? heldCr + decoded : decoded;
    heldCr = '';
    if (!final && text.endsWith('\r')) {
      heldCr = '\r';
      text = text.slice(0, -1);
    }
    if (hasLoneCr(text)) text = text.replace(loneCrs, '\n');
    if (encoding === 'gb18030') refuseJoinedUtf8(text, parser);
    return text;
  };
  for await (const chunk of chunksOf(input, counted)) {
    const batch: TableRow[] = [];
    parser.feed(lines(decode(chunk), false), false, batch);
    if (batch.length) yield batch;
  }
  const batch: TableRow[] = [];
  parser.feed(lines(decode(null), true), true, batch);
  if (batch.length) yield batch;
}

const loneCrs = /\r(?!\n)/g;

/** indexOf per CR: in a CRLF file a regular expression's test of every CR cost an eighth of the reading. */
function hasLoneCr(text: string): boolean {
  for (let k = text.indexOf('\r'); k !== -1; k = text.indexOf('\r', k + 2)) {
    if (text.charCodeAt(k + 1) !== 10) return true;
  }
  return false;
}

/**
 * A UTF-8 byte-order mark (EF BB BF) read as GB18030 is 锘 and half a character: at the start of a line it marks a
 * UTF-8 export joined below a GB18030 one (copy /b a.csv+b.csv), whose every name would be stored as mojibake.
 */
function refuseJoinedUtf8(text: string, parser: CsvParser): void {
  const at = text.indexOf('\n\u9518');
  if (at === -1) return;
  throw refused('file.joinedEncodings', { line: parser.lineAt(text, at + 1) });
}

const delimiters = [',', '\t', ';'];

/**
 * RFC 4180 with the leniency real exports need: a quote inside an unquoted field is kept as text, text after
 * a closing quote is appended, and Excel's ="..." guard around long digit strings is unwrapped.
 *
 * Speed: most lines of a registry export hold no quote at all, and for those String.split is several times
 * faster than a character loop; only lines with a quote take the loop. On a 1M-row registry export csv-parse
 * managed ~146k rows/s and this ~550k, which leaves the importer's 100k rows/s end to end room for validation
 * and COPY.
 */
export class CsvParser {
  /** The line number of the first character not yet parsed. */
  line = 1;
  private rest = '';

  constructor(public delimiter: string | null) {}

  /** Appends the complete records of rest + text to out; with final, also the last unterminated one. */
  feed(text: string, final: boolean, out: TableRow[]): void {
    const s = this.rest ? this.rest + text : text;
    if (this.delimiter === null) {
      // From the first lines together: a title line above the header may have no delimiter, or a comma in a
      // tab-separated file (嘉定区企业名录, 共200条).
      if (!final && s.length < sniffSize && !hasRecords(s, sniffLines)) {
        this.keep(s, 0);
        return;
      }
      this.delimiter = detectDelimiter(s);
    }
    const d = this.delimiter;
    const dc = d.charCodeAt(0);
    const len = s.length;
    let pos = 0;
    let line = this.line;
    let quote = s.indexOf('"');
    while (pos < len) {
      let nl = s.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = len;
      }
      if (quote !== -1 && quote < pos) quote = s.indexOf('"', pos);
      if (quote === -1 || quote > nl) {
        const end = nl > pos && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (end > pos) {
          const cells = s.slice(pos, end).split(d);
          const c0 = s.charCodeAt(pos);
          if ((c0 > 32 && c0 !== dc) || !isBlank(cells)) out.push({ line, cells });
        }
        line++;
        pos = nl + 1;
        continue;
      }
      const record = parseQuoted(s, pos, dc, final, line);
      if (!record) break;
      if (!isBlank(record.cells)) out.push({ line, cells: record.cells });
      line += record.lines;
      pos = record.next;
    }
    this.line = line;
    this.keep(s, pos);
  }

  /** The line number of `text`'s character at `offset`, were `text` fed next. */
  lineAt(text: string, offset: number): number {
    let line = this.line;
    for (const part of [this.rest, text.slice(0, offset)])
      for (let k = part.indexOf('\n'); k !== -1; k = part.indexOf('\n', k + 1)) line++;
    return line;
  }

  private keep(s: string, pos: number): void {
    this.rest = pos >= s.length ? '' : s.slice(pos);
    if (this.rest.length > maxRecordChars) {
      throw refused('file.recordTooLong', { line: this.line, mb: maxRecordChars / 1024 / 1024 });
    }
  }
}

const sniffLines = 20;

/**
 * Calls `each` with every character outside quoted fields and -1 at each record's end, for the first `records`
 * records. A quote opens a field only at its start, after a line end or a possible delimiter, as in RFC 4180; a
 * stray quote inside an unquoted cell (销售"嘉定"牌配件) opens nothing.
 */
function scanRecords(text: string, records: number, each: (c: string | -1) => void): number {
  let quoted = false;
  let ended = 0;
  let previous = '\n';
  for (let i = 0; i < text.length && ended < records; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
    } else if (c === '"' && (previous === '\n' || previous === '\r' || delimiters.includes(previous))) {
      quoted = true;
    } else if (c === '\n') {
      ended++;
      each(-1);
    } else {
      each(c);
    }
    previous = c;
  }
  return ended;
}

/** Whether text holds `n` complete records: enough to judge the delimiter by. */
function hasRecords(text: string, n: number): boolean {
  return scanRecords(text, n, () => {}) >= n;
}

/**
 * The delimiter that splits most of the first records into the same number of fields: a real delimiter gives the
 * header and every record one count, while commas in a title line or semicolons in an unquoted cell come and go.
 * Delimiters inside quotes, line breaks in quoted cells included, are not counted. Ties go to the larger count, and
 * text with none of the three is read as comma-separated.
 */
export function detectDelimiter(text: string): string {
  const perRecord: number[][] = [];
  let counts = delimiters.map(() => 0);
  const ended = scanRecords(text, sniffLines, (c) => {
    if (c === -1) {
      perRecord.push(counts);
      counts = delimiters.map(() => 0);
      return;
    }
    const d = delimiters.indexOf(c);
    if (d !== -1) (counts[d] as number)++;
  });
  if (ended < sniffLines) perRecord.push(counts);
  let best = ',';
  let bestRecords = 0;
  let bestCount = 0;
  delimiters.forEach((delimiter, d) => {
    const records = new Map<number, number>();
    for (const record of perRecord) {
      const count = record[d] as number;
      if (count > 0) records.set(count, (records.get(count) ?? 0) + 1);
    }
    for (const [count, n] of records) {
      if (n > bestRecords || (n === bestRecords && count > bestCount)) {
        best = delimiter;
        bestRecords = n;
        bestCount = count;
      }
    }
  });
  return best;
}

/**
 * One record starting at pos that contains a quote. Returns null when the record may continue past the text
 * seen so far. lines = physical lines the record spans, so the next record's line number stays right.
 */
function parseQuoted(
  s: string,
  pos: number,
  dc: number,
  final: boolean,
  line: number,
): { cells: string[]; next: number; lines: number } | null {
  const len = s.length;
  const cells: string[] = [];
  let i = pos;
  for (;;) {
    let field = '';
    if (s.charCodeAt(i) === 34) {
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q === -1 || (q + 1 === len && !final)) {
          if (!final) return null;
          throw refused('file.unclosedQuote', { line });
        }
        field += s.slice(i, q);
        if (s.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    }
    let j = i;
    let c = -1;
    while (j < len) {
      c = s.charCodeAt(j);
      if (c === dc || c === 10) break;
      j++;
    }
    if (j === len && !final) return null;
    const atEnd = j === len || c === 10;
    field += s.slice(i, atEnd && j > i && s.charCodeAt(j - 1) === 13 ? j - 1 : j);
    cells.push(unwrapExcelText(field));
    if (!atEnd) {
      i = j + 1;
      continue;
    }
    let lines = 1;
    for (let k = s.indexOf('\n', pos); k !== -1 && k < j; k = s.indexOf('\n', k + 1)) lines++;
    return { cells, next: j + 1, lines };
  }
}

/**
 * Text marked for Excel: ="0012345" is how exports keep Excel from turning long ids into 1.23E+17, and '=… how they
 * keep it from running a cell that opens with = + - @ as a formula (ours do, see domain/csv spreadsheetText); the
 * value is what is marked.
 */
function unwrapExcelText(field: string): string {
  if (field.length >= 3 && field.charCodeAt(0) === 61 && field.charCodeAt(1) === 34 && field.endsWith('"')) {
    return field.slice(2, -1).replaceAll('""', '"');
  }
  if (field.charCodeAt(0) === 39 && formulaStart.test(field.slice(1, 2))) return field.slice(1);
  return field;
}

const formulaStart = /^[=+\-@]/;

// ---------------------------------------------------------------------------------------------------------
// XLSX
//
// A small reader of its own rather than exceljs: exceljs's streaming reader managed ~47k rows/s on the
// benchmark workbook and pulls ~200 packages (unzipper 0.10, fstream and other deprecated ones); this reads
// the same sheet about three times faster with yauzl (random access to the ZIP, so part order does not
// matter). The sheet XML is scanned with regular expressions per <row> element: SpreadsheetML as written by
// Excel, WPS, POI and the like is regular enough (no CDATA, no DTD), and a full XML parser would cost most of
// the time.

type Zip = yauzl.ZipFile;

async function openZip(input: Input): Promise<Zip> {
  const options = { lazyEntries: true, autoClose: false };
  try {
    return 'buffer' in input
      ? await yauzl.fromBufferPromise(input.buffer, options)
      : await yauzl.openPromise(input.path, options);
  } catch (err) {
    throw damaged(err);
  }
}

function damaged(err: unknown): SpreadsheetError {
  const reason = err instanceof Error ? err.message : String(err);
  return refused('file.damaged', { detail: reason });
}

async function listEntries(zip: Zip): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  try {
    // Part names in a package are case-insensitive.
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName.toLowerCase(), entry);
  } catch (err) {
    throw damaged(err);
  }
  return entries;
}

// Inflated here rather than by yauzl to size the output: with zlib's 16 KiB chunks and a one-chunk buffer,
// inflating a large sheet took twice as long and could not run ahead of the XML scan. (Zlib streams pass
// stream options on to Transform; the typings only lack them.)
const inflateOptions: ZlibOptions & TransformOptions = {
  chunkSize: 256 * 1024,
  readableHighWaterMark: 4 * 1024 * 1024,
};

async function* entryText(
  zip: Zip,
  entry: yauzl.Entry,
  counted?: (n: number) => void,
): AsyncGenerator<string> {
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw refused('file.zipMethod', { method: entry.compressionMethod });
  }
  let raw: Readable;
  try {
    raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  } catch (err) {
    throw damaged(err);
  }
  const stream = entry.compressionMethod === 8 ? raw.pipe(createInflateRaw(inflateOptions)) : raw;
  raw.once('error', (err) => stream.destroy(err));
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      counted?.(chunk.length);
      yield decoder.decode(chunk, { stream: true });
    }
  } catch (err) {
    throw damaged(err);
  } finally {
    raw.destroy();
    stream.destroy();
  }
  yield decoder.decode();
}

async function readEntry(zip: Zip, entry: yauzl.Entry | undefined): Promise<string> {
  if (!entry) return '';
  let text = '';
  for await (const part of entryText(zip, entry)) text += part;
  return text;
}

/** Every complete element matched by re, a decoded part at a time, without holding the whole part. */
async function* elements(parts: AsyncIterable<string>, re: RegExp): AsyncGenerator<RegExpExecArray[]> {
  let rest = '';
  for await (const part of parts) {
    const s = rest + part;
    const found: RegExpExecArray[] = [];
    let end = 0;
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      found.push(m);
      end = re.lastIndex;
    }
    rest = s.slice(end);
    if (found.length) yield found;
  }
}

const attrRes = new Map<string, RegExp>();
const unusualTag = /'|[\t\n\r]| =|= /;

/** An attribute's raw value: indexOf for the usual name="value" (this runs per cell), else a regex. */
function attr(tag: string, name: string): string | undefined {
  const at = tag.indexOf(` ${name}="`);
  if (at !== -1) {
    const from = at + name.length + 3;
    return tag.slice(from, tag.indexOf('"', from));
  }
  if (!unusualTag.test(tag)) return undefined;
  let re = attrRes.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrRes.set(name, re);
  }
  const m = re.exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}

function unescapeXml(s: string): string {
  if (s.includes('&')) {
    s = s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (_, hex, dec, name) => {
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
      if (dec) return String.fromCodePoint(Number(dec));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp'];
    });
  }
  // SpreadsheetML's own escape for characters XML cannot carry, e.g. _x000D_ for a carriage return.
  if (s.includes('_x'))
    s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)));
  return s;
}

const phoneticRe = /<(\w+:)?rPh\b[\s\S]*?<\/\1rPh>/g;
const textRe = /<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g;

/** Text of a shared or inline string: rich-text runs joined, phonetic guides (rPh) left out. */
function richText(xml: string): string {
  if (xml.includes('rPh')) xml = xml.replace(phoneticRe, '');
  let text = '';
  textRe.lastIndex = 0;
  for (let m = textRe.exec(xml); m; m = textRe.exec(xml)) text += m[1];
  return unescapeXml(text);
}

interface Relationship {
  type: string;
  target: string;
}

function relationships(xml: string, baseDir: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const tag = m[1] as string;
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (!id || !target || attr(tag, 'TargetMode') === 'External') continue;
    const path = target.startsWith('/') ? target.slice(1) : posix.join(baseDir, target);
    rels.set(id, { type: attr(tag, 'Type') ?? '', target: posix.normalize(path).toLowerCase() });
  }
  return rels;
}

function notAWorkbook(entries: Map<string, yauzl.Entry>): SpreadsheetError {
  return refused(
    entries.has('word/document.xml')
      ? 'file.notWorkbookWord'
      : entries.has('ppt/presentation.xml')
        ? 'file.notWorkbookPowerPoint'
        : entries.has('content.xml') && entries.has('mimetype')
          ? 'file.notWorkbookOpenDocument'
          : 'file.notWorkbook',
  );
}

interface Workbook {
  sheetName: string;
  sheetEntry: yauzl.Entry;
  /** With no sheet asked for: the visible worksheets after the first, in tab order, to look for the table in. */
  laterSheets: { name: string; entry: yauzl.Entry }[];
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

async function loadWorkbook(zip: Zip, sheet: string | number | undefined): Promise<Workbook> {
  const entries = await listEntries(zip);
  const rootRels = relationships(await readEntry(zip, entries.get('_rels/.rels')), '');
  const officeDocument = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'))?.target;
  const workbookPath = officeDocument ?? 'xl/workbook.xml';
  if (workbookPath.endsWith('.bin')) {
    throw refused('file.xlsb');
  }
  const workbookEntry = entries.get(workbookPath);
  const workbookXml = await readEntry(zip, workbookEntry);
  if (!/<(\w+:)?workbook\b/.test(workbookXml)) throw notAWorkbook(entries);
  const dir = posix.dirname(workbookPath);
  const rels = relationships(
    await readEntry(zip, entries.get(`${dir}/_rels/${posix.basename(workbookPath)}.rels`)),
    dir,
  );

  const sheets = [...workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)].map((m) => {
    const tag = m[1] as string;
    return {
      name: unescapeXml(attr(tag, 'name') ?? ''),
      hidden: (attr(tag, 'state') ?? 'visible') !== 'visible',
      rel: rels.get(attr(tag, 'r:id') ?? /\s\w+:id\s*=\s*["']([^"']*)/.exec(tag)?.[1] ?? ''),
    };
  });
  if (!sheets.length) throw refused('file.noSheets');
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  let chosen: (typeof sheets)[number] | undefined;
  if (sheet === undefined) {
    chosen = sheets.find((s) => !s.hidden) ?? sheets[0];
  } else if (typeof sheet === 'number') {
    chosen = sheets[sheet - 1];
    if (!chosen) throw refused('file.noSheetNumber', { count: sheets.length, sheet, names });
  } else {
    const wanted = sheet.trim().toLowerCase();
    chosen =
      sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.name.trim().toLowerCase() === wanted);
    if (!chosen) throw refused('file.noSheetNamed', { sheet, names });
  }
  const sheetEntry = chosen?.rel && entries.get(chosen.rel.target);
  if (!chosen?.rel?.type.endsWith('/worksheet') || !sheetEntry) {
    throw refused('file.notWorksheet', { sheet: String(chosen?.name) });
  }
  const laterSheets: Workbook['laterSheets'] = [];
  if (sheet === undefined) {
    for (const s of sheets.slice(sheets.indexOf(chosen) + 1)) {
      const entry = s.rel?.type.endsWith('/worksheet') ? entries.get(s.rel.target) : undefined;
      if (!s.hidden && entry) laterSheets.push({ name: s.name, entry });
    }
  }

  const partOf = (suffix: string, fallback: string) =>
    entries.get([...rels.values()].find((r) => r.type.endsWith(suffix))?.target ?? fallback);
  const strings: string[] = [];
  const stringsEntry = partOf('/sharedStrings', `${dir}/sharedstrings.xml`);
  if (stringsEntry) {
    for await (const found of elements(entryText(zip, stringsEntry), sharedStringRe)) {
      for (const m of found) strings.push(m[2] ? richText(m[2]) : '');
    }
  }
  const stylesXml = await readEntry(zip, partOf('/styles', `${dir}/styles.xml`));
  const workbookPr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(workbookXml)?.[1] ?? '';
  const date1904 = ['1', 'true'].includes(attr(workbookPr, 'date1904') ?? '');
  return {
    sheetName: chosen.name,
    sheetEntry,
    laterSheets,
    strings,
    dateStyles: dateStylesOf(stylesXml),
    date1904,
  };
}

/**
 * With no sheet named, the table is on the first visible sheet, unless that one is empty or its header names fewer
 * than two known fields and a later visible sheet's does (an empty Sheet1 before the data, a 说明 or 汇总 sheet first).
 */
async function openXlsx(
  input: Input,
  totalBytes: number,
  sheet: string | number | undefined,
  known: ((cell: string) => boolean) | undefined,
): Promise<TableSource> {
  const zip = await openZip(input);
  let loaded: Workbook;
  try {
    loaded = await loadWorkbook(zip, sheet);
  } finally {
    zip.close();
  }
  const isKnown = known ?? (() => false);
  type Found = Awaited<ReturnType<typeof headerOf>> | SpreadsheetError;
  const headerIn = (book: Workbook): Promise<Found> =>
    headerOf(
      xlsxBatches(input, book, () => {}),
      isKnown,
      { code: 'file.emptySheet', params: { sheet: book.sheetName } },
    ).catch((err) => {
      if (err instanceof SpreadsheetError) return err;
      throw err;
    });
  const recognised = (f: Found) =>
    !(f instanceof SpreadsheetError) && knownHeaders(f.header.cells, isKnown) >= 2;
  let book = loaded;
  let found = await headerIn(book);
  if (known && !recognised(found)) {
    for (const later of loaded.laterSheets) {
      const other = { ...loaded, sheetName: later.name, sheetEntry: later.entry };
      const otherFound = await headerIn(other);
      // A sheet whose header names known fields wins; failing that, any sheet with cells beats an empty first one.
      if (
        recognised(otherFound) ||
        (found instanceof SpreadsheetError && !(otherFound instanceof SpreadsheetError))
      ) {
        book = other;
        found = otherFound;
        if (recognised(found)) break;
      }
    }
  }
  if (found instanceof SpreadsheetError) throw found;
  const { header, preamble } = found;
  let sheetBytes = 0;
  return {
    format: 'xlsx',
    encoding: null,
    headers: header.cells.map((cell) => cell.replace(/^\ufeff/, '').trim()),
    preamble,
    rows: rowsAfter(
      header.line,
      xlsxBatches(input, book, (n) => {
        sheetBytes += n;
      }),
    ),
    bytesRead: () => Math.round((totalBytes * sheetBytes) / Math.max(1, book.sheetEntry.uncompressedSize)),
    totalBytes,
  };
}

const sharedStringRe = /<(\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/\1si>)/g;
const rowRe = /<(\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1row>)/g;
const cellRe = /<(\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1c>)/g;
const valueRe = /<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)</;
const inlineRe = /<(\w+:)?is\b[^>]*>([\s\S]*?)<\/\1is>/;

async function* xlsxBatches(input: Input, book: Workbook, counted: (n: number) => void): Batches {
  const zip = await openZip(input);
  try {
    const entry = (await listEntries(zip)).get(book.sheetEntry.fileName.toLowerCase());
    if (!entry) throw damaged(new Error('the sheet is missing'));
    let rowNumber = 0;
    for await (const found of elements(entryText(zip, entry, counted), rowRe)) {
      const batch: TableRow[] = [];
      for (const m of found) {
        const r = attr(m[2] as string, 'r');
        rowNumber = r ? Number(r) : rowNumber + 1;
        const cells = m[3] ? rowCells(m[3], book) : [];
        if (cells.length && !isBlank(cells)) batch.push({ line: rowNumber, cells });
      }
      if (batch.length) yield batch;
    }
  } finally {
    zip.close();
  }
}

function rowCells(xml: string, book: Workbook): string[] {
  const cells: string[] = [];
  let column = -1;
  cellRe.lastIndex = 0;
  for (let m = cellRe.exec(xml); m; m = cellRe.exec(xml)) {
    const tag = m[2] as string;
    const ref = attr(tag, 'r');
    column = ref ? columnIndex(ref) : column + 1;
    const value = m[3] ? cellValue(tag, m[3], book) : '';
    // Empty cells are left out: cells that only carry formatting would otherwise make rows look too long.
    if (value === '') continue;
    while (cells.length < column) cells.push('');
    cells[column] = value;
  }
  return cells;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n - 1;
}

function cellValue(tag: string, xml: string, book: Workbook): string {
  const type = attr(tag, 't') ?? 'n';
  if (type === 'inlineStr') return richText(inlineRe.exec(xml)?.[2] ?? '');
  const at = xml.indexOf('<v>');
  const v = at !== -1 ? xml.slice(at + 3, xml.indexOf('<', at + 3)) : valueRe.exec(xml)?.[1];
  if (v === undefined) return richText(inlineRe.exec(xml)?.[2] ?? '');
  if (v === '') return '';
  switch (type) {
    case 's':
      return book.strings[Number(v)] ?? '';
    case 'b':
      return v === '1' || v === 'true' ? 'TRUE' : 'FALSE';
    case 'n': {
      const style = attr(tag, 's');
      if (style && book.dateStyles[Number(style)]) return excelDate(v, book.date1904);
      return plainNumber(v);
    }
    default: // str (formula text), e (error such as #N/A), d (ISO date): the text as stored
      return unescapeXml(v);
  }
}

const excelPrecision = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });

/**
 * A number as a user sees it in Excel: at most 15 significant digits (the file may store 7938.8999999999996
 * for 7938.9) and never in exponent form (9.1310114E+17 → 913101140000000000).
 */
export function plainNumber(v: string): string {
  if (v.length <= 15 && /^-?\d+(\.\d+)?$/.test(v)) return v;
  const n = Number(v);
  return Number.isFinite(n) ? excelPrecision.format(n) : v;
}

/**
 * Dates: a numeric cell whose number format is a date becomes 'YYYY-MM-DD' ('YYYY-MM-DD HH:MM:SS' if it has a
 * time of day), which is what the user sees and what the date parser reads; time-only formats stay numbers.
 */
export function excelDate(v: string, date1904: boolean): string {
  const serial = Number(v);
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return plainNumber(v);
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86400);
  if (seconds === 86400) {
    days++;
    seconds = 0;
  }
  // Day 0 is 1899-12-30 (1900 system) or 1904-01-01, counted from 1970-01-01. Excel's 1900 system has a
  // 29 February 1900 that never was, so serials before it start a day later.
  const epoch = date1904 ? -24107 : days < 61 ? -25568 : -25569;
  const date = civilDate(epoch + days);
  if (!seconds) return date;
  const hms = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  return `${date} ${hms.map(pad2).join(':')}`;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** YYYY-MM-DD of a day count from 1970-01-01; a Date per cell costs more. */
function civilDate(days: number): string {
  const [year, month, day] = civilFromDays(days);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

// Built-in number formats that show a date (14–17, 22; and the zh-CN ones such as yyyy"年"m"月"d"日").
const builtInDateFormats = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]);

/** For each cell style index (the s attribute), whether its number format shows a date. */
function dateStylesOf(stylesXml: string): boolean[] {
  const codes = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)>/g)) {
    const tag = m[1] as string;
    codes.set(Number(attr(tag, 'numFmtId')), unescapeXml(attr(tag, 'formatCode') ?? ''));
  }
  const cellXfs = /<(\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/\1cellXfs>/.exec(stylesXml)?.[2] ?? '';
  return [...cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*)>/g)].map((m) => {
    const id = Number(attr(m[1] as string, 'numFmtId') ?? 0);
    const code = codes.get(id);
    return code === undefined ? builtInDateFormats.has(id) : isDateFormat(code);
  });
}

/** A format shows a date if, outside quoted text, escapes and [..] sections, it has a year or day token. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|_.|\*.|\[[^\]]*\]/g, '');
  return /[yd]/i.test(bare.replace(/general/gi, ''));
}
