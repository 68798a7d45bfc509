import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { correctedReadings, nameSortKey } from './name-order.ts';

/** Byte order of the keys' UTF-8, which is how the database compares them (COLLATE "C"). */
const byKey = (a: string, b: string) =>
  Buffer.compare(Buffer.from(nameSortKey(a)), Buffer.from(nameSortKey(b)));

describe('nameSortKey', () => {
  it('sorts company names in pinyin order, digits first and Latin letters after the Chinese', () => {
    const names = [
      '上海汽车集团股份有限公司',
      '安亭镇经济发展有限公司',
      'ABB（中国）有限公司',
      '嘉定新城发展有限公司',
      '阿里巴巴（上海）有限公司',
      '3M中国有限公司',
      '华为技术有限公司',
      '昂立教育科技有限公司',
      '氢能科技有限公司',
      '长城汽车股份有限公司',
      '重庆银行股份有限公司',
      '中国银行上海市分行',
      'bosch汽车部件',
      '一汽解放汽车有限公司',
    ];
    expect([...names].sort(byKey)).toEqual([
      '3M中国有限公司',
      '阿里巴巴（上海）有限公司',
      '安亭镇经济发展有限公司',
      '昂立教育科技有限公司',
      '长城汽车股份有限公司',
      '重庆银行股份有限公司',
      '华为技术有限公司',
      '嘉定新城发展有限公司',
      '氢能科技有限公司',
      '上海汽车集团股份有限公司',
      '一汽解放汽车有限公司',
      '中国银行上海市分行',
      'ABB（中国）有限公司',
      'bosch汽车部件',
    ]);
  });

  it('puts a syllable before a longer one it begins, and a shorter name before its continuations', () => {
    expect(['西安', '先锋', '西'].sort(byKey)).toEqual(['西', '西安', '先锋']);
    expect(['安亭镇', '安亭', '安'].sort(byKey)).toEqual(['安', '安亭', '安亭镇']);
  });

  it('reads a character with several readings in the words around it, as reading the whole name would', () => {
    const names = [
      '重庆银行股份有限公司',
      '厦门航空有限公司',
      '上海音乐学院',
      '长城汽车股份有限公司',
      '上海市汽车行业协会',
      '首都机场集团',
      '会计师事务所',
      '调查公司',
      '西藏城投',
      '快乐购',
    ];
    for (const name of names) {
      const whole = pinyin(name, { toneType: 'none', type: 'array' }).map((syllable) => `${syllable} `);
      expect(nameSortKey(name), name).toBe(whole.join(''));
    }
    expect(nameSortKey('重庆银行')).toBe('chong qing yin hang ');
    expect(nameSortKey('行业')).toBe('hang ye ');
  });

  it('reads a word at the start of one name and at the end of another each in its place', () => {
    // Both characters of each word have several readings; the one at the start was once reused for the one at the end.
    for (const word of ['单县', '查氏', '莘县', '六合', '番禺']) {
      const syllables = pinyin(word, { toneType: 'none', type: 'array' }).map((syllable) => `${syllable} `);
      expect(nameSortKey(word), word).toBe(syllables.join(''));
      expect(nameSortKey(`${word}商贸有限公司`).startsWith(syllables.join('')), word).toBe(true);
      expect(nameSortKey(`上海${word}`).endsWith(syllables.join('')), word).toBe(true);
    }
  });

  it('reads the words pinyin-pro gets wrong as corrected, wherever they stand in a name', () => {
    const toneless = (reading: string) =>
      `${reading.normalize('NFD').replace(/\p{M}/gu, '')} `.replace(/ +/g, ' ');
    for (const [word, reading] of Object.entries(correctedReadings)) {
      expect(nameSortKey(word), word).toBe(toneless(reading));
      expect(nameSortKey(`上海${word}有限公司`), word).toContain(`hai ${toneless(reading)}you`);
    }
    expect(nameSortKey('上海市闵行区莘庄镇')).toBe('shang hai shi min hang qu xin zhuang zhen ');
    expect(nameSortKey('招商银行股份有限公司上海分行')).toMatch(/shang hai fen hang $/);
    expect(nameSortKey('上海嘉定区徐行镇电器行')).toBe('shang hai jia ding qu xu hang zhen dian qi hang ');
  });

  it('sorts full-width and half-width forms and letter case alike', () => {
    expect(nameSortKey('ＡＢＢ（中国）')).toBe(nameSortKey('abb(中国)'));
    expect(nameSortKey('Bosch')).toBe(nameSortKey('BOSCH'));
  });

  it('keeps characters it has no reading for, after the Latin letters', () => {
    expect(nameSortKey('𠮷野家')).toBe('𠮷ye jia ');
    expect(['𠮷野家', 'Yoshinoya', '吉野家'].sort(byKey)).toEqual(['吉野家', 'Yoshinoya', '𠮷野家']);
  });
});
