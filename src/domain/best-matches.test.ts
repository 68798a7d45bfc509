import { describe, expect, it } from 'vitest';
import { bestMatchPrefixes, placeWords } from './best-matches.ts';

describe('best matches of a name search', () => {
  it('writes each place with and without its administrative suffix, skipping unnamed levels', () => {
    expect(placeWords(['上海市', '市辖区', '嘉定区'])).toEqual([
      ['上海市', '上海'],
      ['嘉定区', '嘉定'],
    ]);
    expect(placeWords(['安徽省', '合肥市', '肥西县'])).toEqual([
      ['安徽省', '安徽'],
      ['合肥市', '合肥'],
      ['肥西县', '肥西'],
    ]);
  });

  it('takes the word alone, after one level of the place, or after two in their order', () => {
    expect(bestMatchPrefixes('上汽', ['上海市', '市辖区', '嘉定区']).sort()).toEqual(
      [
        '上汽',
        '上海市上汽',
        '上海上汽',
        '嘉定区上汽',
        '嘉定上汽',
        '上海市嘉定区上汽',
        '上海市嘉定上汽',
        '上海嘉定区上汽',
        '上海嘉定上汽',
      ].sort(),
    );
  });
});
