import { newId } from '../../../db/columns.ts';
import type { Mapping } from '../../../domain/company-fields.ts';
import { type RowContext, validateCompanyRow } from '../../../domain/company-row.ts';
import { type Message, Refusal, reasonOf } from '../../../domain/messages.ts';
import { registrationCell } from '../rollup.ts';
import type { TableSource } from './reader.ts';
import { type EncodedRows, fieldsCsv } from './staging.ts';

export interface Reject {
  line: number;
  /** In English, as the API and the CLI's --json have always given it; `message` is what readers see rendered. */
  reason: string;
  message: Message;
  raw: string;
}

/** One batch of the file: its valid rows ready to load, the rows it rejected, and how far the reading got. */
export interface ValidatedBatch extends EncodedRows {
  rejects: Reject[];
  /** Rows read so far, all batches included. */
  rowsRead: number;
  bytesRead: number;
}

/**
 * Reads, validates and encodes a table in batches. A credit code repeated within the file is rejected on every
 * line after its first, so each batch can be loaded without looking at the others.
 */
export async function* validatedBatches(
  table: TableSource,
  mapping: Mapping,
  ctx: RowContext,
  batchSize: number,
): AsyncGenerator<ValidatedBatch> {
  const seen = new Map<string, number>();
  let rowsRead = 0;
  const empty = (): ValidatedBatch => ({
    ids: [],
    lines: [],
    codes: [],
    fields: [],
    cells: [],
    rejects: [],
    rowsRead,
    bytesRead: 0,
  });
  let batch = empty();
  const finish = () => {
    batch.rowsRead = rowsRead;
    batch.bytesRead = table.bytesRead();
    const done = batch;
    batch = empty();
    return done;
  };
  // In a workbook a cell is where it is; in a CSV a delimiter left unquoted in one cell moves every later cell on.
  const width = table.format === 'csv' ? table.headers.length : Number.POSITIVE_INFINITY;
  for await (const { line, cells } of table.rows) {
    rowsRead++;
    const shifted = cells.length > width ? cellsBeyond(cells, width) : 0;
    const result = shifted
      ? new Refusal({ code: 'row.shifted', params: { cells: shifted, columns: width } })
      : validateCompanyRow(cells, mapping, ctx);
    if (!result.ok) {
      batch.rejects.push({ line, reason: result.reason, message: result.message, raw: cells.join(',') });
    } else {
      const code = result.value.creditCode;
      const earlier = seen.get(code);
      if (earlier !== undefined) {
        const repeats: Message = {
          field: 'creditCode',
          code: 'row.repeats',
          params: { line: earlier },
        };
        batch.rejects.push({
          line,
          reason: reasonOf(repeats),
          message: repeats,
          raw: cells.join(','),
        });
      } else {
        seen.set(code, line);
        batch.ids.push(newId());
        batch.lines.push(line);
        batch.codes.push(code);
        batch.fields.push(fieldsCsv(result.value));
        batch.cells.push(registrationCell(result.value));
      }
    }
    if (batch.ids.length + batch.rejects.length >= batchSize) yield finish();
  }
  yield finish();
}

/** The cells up to the last filled one, when one past the header's columns is filled; 0 when none is. */
function cellsBeyond(cells: readonly string[], width: number): number {
  for (let k = cells.length - 1; k >= width; k--) if ((cells[k] as string).trim()) return k + 1;
  return 0;
}
