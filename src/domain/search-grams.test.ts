import { describe, expect, it } from 'vitest';
import { nameGrams, planSearch } from './search-grams.ts';

describe('name grams', () => {
  it('indexes character pairs of the Chinese name without its legal-form ending', () => {
    const grams = nameGrams('上海氢能科技有限公司', null);
    expect(grams).toEqual(['上海', '海氢', '氢能', '能科', '科技']);
  });

  it('includes former names and padded trigrams of English words', () => {
    const grams = nameGrams('嘉定芯片公司', 'Jiading Chip Co., Ltd.', ['旧名公司']);
    expect(grams).toEqual(expect.arrayContaining(['芯片', '旧名', ' ji', 'chi', 'ip ', ' co', 'td ']));
  });

  it('makes every query pair a subset of the grams of a name that contains it', () => {
    const name = '上海智能网联汽车技术中心有限公司';
    const grams = new Set(nameGrams(name, null));
    for (const q of [
      '智能',
      '网联汽车',
      '汽车技术中心',
      name,
      '技术中心有限公司',
      '中心有限',
      '网联汽车有',
      '汽车技术中心公司',
    ]) {
      const plan = planSearch(q);
      if (plan.kind !== 'grams') throw new Error('expected grams');
      for (const g of plan.grams) expect(grams.has(g), `${q}: ${g}`).toBe(true);
    }
  });

  it('matches English queries against English names, the last word as a prefix', () => {
    const grams = new Set(nameGrams('某公司', 'Shanghai Hydrogen Harbor Ltd'));
    const plan = planSearch('hydrogen harb');
    if (plan.kind !== 'grams') throw new Error('expected grams');
    for (const g of plan.grams) expect(grams.has(g), g).toBe(true);
  });
});

describe('search plan', () => {
  it('treats code-like input as a credit-code prefix', () => {
    expect(planSearch('91310114')).toEqual({ kind: 'creditCode', prefix: '91310114' });
    expect(planSearch('91310114ma1g')).toEqual({ kind: 'creditCode', prefix: '91310114MA1G' });
  });

  it('needs at least two characters', () => {
    expect(planSearch('氢')).toEqual({ kind: 'tooShort' });
    expect(planSearch(' ')).toEqual({ kind: 'tooShort' });
  });

  it('searches a whole name by its words, the legal-form ending left to the recheck', () => {
    expect(planSearch('上海晟澄半导体有限公司')).toEqual({
      kind: 'grams',
      grams: ['上海', '海晟', '晟澄', '澄半', '半导', '导体'],
      pattern: '%上海晟澄半导体有限公司%',
    });
    expect(planSearch('中国平安保险股份')).toMatchObject({ grams: ['中国', '国平', '平安', '安保', '保险'] });
    // Too little would be left: the ending's own pairs, which match no name.
    expect(planSearch('有限公司')).toMatchObject({ grams: ['有限', '限公', '公司'] });
    expect(planSearch('体有限')).toMatchObject({ grams: ['体有', '有限'] });
  });

  it('escapes LIKE wildcards in the recheck pattern', () => {
    expect(planSearch('50%_股份')).toMatchObject({ pattern: '%50\\%\\_股份%' });
  });
});
