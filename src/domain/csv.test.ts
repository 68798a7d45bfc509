import { describe, expect, it } from 'vitest';
import { csvCell, csvRecord, spreadsheetText } from './csv.ts';

describe('CSV fields', () => {
  it('quotes only what needs it, doubling quotes', () => {
    expect(csvCell('上海嘉定')).toBe('上海嘉定');
    expect(csvCell('')).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('销售"嘉定"牌')).toBe('"销售""嘉定""牌"');
    expect(csvCell('上海\n嘉定')).toBe('"上海\n嘉定"');
    expect(csvCell('a\rb')).toBe('"a\rb"');
  });

  it('joins a record with commas', () => {
    expect(csvRecord(['91310114MA1', '甲,乙', ''])).toBe('91310114MA1,"甲,乙",');
  });

  it('marks text that a spreadsheet would run as a formula', () => {
    for (const formula of ['=HYPERLINK("http://x","y")', '+86 21', '-1+2', '@SUM(A1)', '\t=1'])
      expect(spreadsheetText(formula)).toBe(`'${formula}`);
    for (const text of ['上海嘉定', '91310114MA1G', '', "'already"]) expect(spreadsheetText(text)).toBe(text);
  });
});
