import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { rowsFromJson } from '../../db/json-rows.ts';
import type { TenantTx } from '../../db/scope.ts';
import { csvCell, spreadsheetText } from '../../domain/csv.ts';
import { companies, companyColumns } from './schema.ts';
import { type CompanyFilters, companyFilter, companyJson, type ListOrder, listOrderBy } from './search.ts';
import type { CompanyRow } from './service.ts';
import { writeXlsx } from './xlsx.ts';

/**
 * Export columns: every field, headed with names the importer recognises, so an exported file imports back
 * unchanged. Money in whole yuan, dates as YYYY-MM-DD.
 */
/** Yuan as a number, which a spreadsheet can add up, while a double holds it exactly; past that, as its digits. */
const yuan = (v: bigint | null) =>
  v === null ? null : v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();

export const exportColumns: [string, (c: CompanyRow) => string | number | null][] = [
  ['统一社会信用代码', (c) => c.creditCode],
  ['企业名称', (c) => c.nameZh],
  ['英文名称', (c) => c.nameEn],
  ['曾用名', (c) => c.formerNames.join(';')],
  ['法定代表人', (c) => c.legalRepresentative],
  ['行业代码', (c) => c.industryCode ?? c.industrySection],
  ['注册资本(元)', (c) => yuan(c.registeredCapitalYuan)],
  ['币种', (c) => c.capitalCurrency],
  ['成立日期', (c) => c.establishedOn],
  ['所属街镇', (c) => c.townCode],
  ['所属园区', (c) => c.park],
  ['住所', (c) => c.address],
  ['登记状态', (c) => c.status],
  ['企业类型', (c) => c.enterpriseType],
  ['投资方国别', (c) => c.sourceCountry],
  ['总部类型', (c) => c.hqType],
  ['从业人数', (c) => c.employees],
  ['年产值(元)', (c) => yuan(c.annualOutputYuan)],
  ['年税收(元)', (c) => yuan(c.annualTaxYuan)],
  ['标签', (c) => c.tags.join(';')],
];

const fetchSize = 5000;

/**
 * Every company matching the filters, through a cursor over one ordered query, so memory stays flat and a name
 * search is run once, not once a page: in the list's order when one is given (the registry page exports what it
 * shows, as it shows it), else in credit-code order.
 */
export async function* exportRows(
  tx: TenantTx,
  filters: CompanyFilters,
  order?: ListOrder,
): AsyncGenerator<(string | number | null)[]> {
  const filter = (await companyFilter(tx, filters)) ?? sql`true`;
  const orderBy = order ? listOrderBy(order) : sql`${companies.creditCode}`;
  // A cursor is planned for its first rows unless told otherwise; an export reads them all.
  await tx.execute(sql`set local cursor_tuple_fraction = 1`);
  await tx.execute(sql`declare company_export no scroll cursor for
    select ${companyJson} as row from ${companies} where ${filter} order by ${orderBy}`);
  for (;;) {
    const { rows } = (await tx.execute(sql.raw(`fetch ${fetchSize} from company_export`))) as unknown as {
      rows: { row: Record<string, unknown> }[];
    };
    const companiesRead = rowsFromJson<CompanyRow>(
      companyColumns,
      rows.map((r) => r.row),
    );
    for (const row of companiesRead) yield exportColumns.map(([, get]) => get(row));
    if (rows.length < fetchSize) break;
  }
  await tx.execute(sql`close company_export`);
}

// A name or tag opening with = + - @ would run as a formula in Excel: it is written with Excel's text mark, which
// the importer takes off again (see unwrapExcelText in import/reader.ts), so the file still imports back unchanged.
const cell = (v: string | number | null) => (v === null ? '' : csvCell(spreadsheetText(String(v))));

/** CSV in UTF-8 with a BOM, which Excel needs to read Chinese text correctly. */
export async function* csvLines(
  rows: AsyncIterable<(string | number | null)[]>,
  headers: readonly string[] = exportColumns.map(([h]) => h),
): AsyncGenerator<string> {
  yield `\uFEFF${headers.map(cell).join(',')}\n`;
  let chunk = '';
  let n = 0;
  for await (const row of rows) {
    chunk += `${row.map(cell).join(',')}\n`;
    if (++n % 1000 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export type ExportFormat = 'csv' | 'xlsx';

export function exportFormatOf(file: string): ExportFormat | null {
  const ext = file.toLowerCase().split('.').pop();
  return ext === 'csv' || ext === 'xlsx' ? ext : null;
}

/** Writes the export to a file (a temporary one for downloads): the transaction stays short of the network. */
export async function writeExport(
  tx: TenantTx,
  filters: CompanyFilters,
  format: ExportFormat,
  file: string,
  order?: ListOrder,
) {
  let count = 0;
  const counted = async function* () {
    for await (const row of exportRows(tx, filters, order)) {
      count++;
      yield row;
    }
  };
  if (format === 'csv') {
    await pipeline(Readable.from(csvLines(counted())), fs.createWriteStream(file));
  } else {
    await writeXlsx(
      file,
      exportColumns.map(([h]) => h),
      counted(),
    );
  }
  return { rows: count };
}
