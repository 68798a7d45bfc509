/** A CSV field (RFC 4180): quoted, with its quotes doubled, only when it holds a quote, comma or line break. */
export function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record of `cells`, without its line ending. */
export function csvRecord(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * Text a spreadsheet must show rather than compute: a cell opening with = + - @ (or a tab or carriage return
 * before them) is a formula to Excel even inside quotes, so it gets Excel's own text mark, a leading apostrophe
 * (OWASP "CSV injection"). For cells read by people, such as an import's error report.
 */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
