/** A CSV field (RFC 4180): quoted, with its quotes doubled, only when it holds a quote, comma or line break. */
export function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record of `cells`, without its line ending. */
export function csvRecord(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}
