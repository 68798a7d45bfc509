import ExcelJS from 'exceljs';

/** Streams rows into a one-sheet workbook, so a million-row export never sits in memory whole. */
export async function writeXlsx(
  file: string,
  headers: readonly string[],
  rows: AsyncIterable<(string | number | null)[]>,
  sheetName = 'companies',
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h) => ({ header: h, width: Math.max(12, h.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}
