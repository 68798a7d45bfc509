import { describe, expect, it } from 'vitest';
import { csvCell, csvRecord } from './csv.ts';

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
});
