import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyReply } from 'fastify';

export type SpreadsheetFormat = 'csv' | 'xlsx';

const contentTypes: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Sends a list export as a dated attachment (`companies-2026-11-26.xlsx`). The file is written to a folder of its
 * own first, so a large export streams from disk rather than memory, and the folder is removed once the download
 * ends, or at once when writing fails.
 */
export async function sendSpreadsheet(
  reply: FastifyReply,
  name: string,
  format: SpreadsheetFormat,
  write: (file: string) => Promise<unknown>,
): Promise<FastifyReply> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lodestone-${name}-`));
  const file = path.join(dir, `${name}.${format}`);
  try {
    await write(file);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const stream = fs.createReadStream(file);
  stream.on('close', () => fs.rmSync(dir, { recursive: true, force: true }));
  const stamp = new Date().toISOString().slice(0, 10);
  return reply
    .type(contentTypes[format])
    .header('content-disposition', `attachment; filename="${name}-${stamp}.${format}"`)
    .send(stream);
}
