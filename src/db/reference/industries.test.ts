import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

type Industry = [code: string, parentCode: string | null, nameZh: string, nameEn: string | null];

const raw = fs.readFileSync(new URL('./industries.json', import.meta.url), 'utf8');
const parsed = JSON.parse(raw) as unknown[];
const entries = parsed as Industry[];
const byCode = new Map(entries.map((entry) => [entry[0], entry]));

const SECTIONS = 'ABCDEFGHIJKLMNOPQRST'.split('');

/** Division ranges per section in GB/T 4754-2017. */
const SECTION_DIVISIONS: Record<string, [first: number, last: number]> = {
  A: [1, 5],
  B: [6, 12],
  C: [13, 43],
  D: [44, 46],
  E: [47, 50],
  F: [51, 52],
  G: [53, 60],
  H: [61, 62],
  I: [63, 65],
  J: [66, 69],
  K: [70, 70],
  L: [71, 72],
  M: [73, 75],
  N: [76, 79],
  O: [80, 82],
  P: [83, 83],
  Q: [84, 85],
  R: [86, 90],
  S: [91, 96],
  T: [97, 97],
};

function level(code: string): 'section' | 'division' | 'group' | 'class' {
  if (/^[A-T]$/.test(code)) return 'section';
  if (/^\d{2}$/.test(code)) return 'division';
  if (/^\d{3}$/.test(code)) return 'group';
  if (/^\d{4}$/.test(code)) return 'class';
  throw new Error(`bad code ${code}`);
}

function codesAt(wanted: ReturnType<typeof level>): string[] {
  return entries.map(([code]) => code).filter((code) => level(code) === wanted);
}

/** The section a code belongs to, found by walking up the parents. */
function sectionOf(code: string): string | undefined {
  let current = byCode.get(code);
  while (current && current[1] !== null) current = byCode.get(current[1]);
  return current?.[0];
}

describe('industries.json (GB/T 4754-2017)', () => {
  it('is an array of [code, parentCode, nameZh, nameEn] tuples', () => {
    expect(Array.isArray(parsed)).toBe(true);
    const bad = parsed.filter(
      (entry) =>
        !Array.isArray(entry) ||
        entry.length !== 4 ||
        typeof entry[0] !== 'string' ||
        !(entry[1] === null || typeof entry[1] === 'string') ||
        typeof entry[2] !== 'string' ||
        !(entry[3] === null || typeof entry[3] === 'string'),
    );
    expect(bad).toEqual([]);
  });

  it('is written one entry per line', () => {
    expect(raw.startsWith('[\n')).toBe(true);
    expect(raw.endsWith('\n]\n')).toBe(true);
    expect(raw.split('\n')).toHaveLength(entries.length + 3);
  });

  it('has well-formed codes and no duplicates', () => {
    const bad = entries.filter(([code]) => !/^([A-T]|\d{2}|\d{3}|\d{4})$/.test(code));
    expect(bad).toEqual([]);
    expect(byCode.size).toBe(entries.length);
  });

  it('has the 20 sections A–T with Chinese and English names', () => {
    expect(codesAt('section')).toEqual(SECTIONS);
    for (const letter of SECTIONS) {
      const [, parent, nameZh, nameEn] = byCode.get(letter) as Industry;
      expect(parent).toBeNull();
      expect(nameZh).not.toBe('');
      expect(nameEn).toMatch(/^[A-Z][A-Za-z ,]+$/);
    }
    expect(byCode.get('A')?.[3]).toBe('Agriculture, Forestry, Animal Husbandry and Fishery');
    expect(byCode.get('C')?.[2]).toBe('制造业');
    expect(byCode.get('C')?.[3]).toBe('Manufacturing');
  });

  it('has 97 divisions, 473 groups and 1381 classes', () => {
    expect(codesAt('division')).toHaveLength(97);
    expect(codesAt('group')).toHaveLength(473);
    expect(codesAt('class')).toHaveLength(1381);
    expect(entries).toHaveLength(20 + 97 + 473 + 1381);
  });

  it('numbers divisions 01–97 and puts each under the right section', () => {
    const expected = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0'));
    expect(codesAt('division')).toEqual(expected);
    const wrong = codesAt('division').filter((code) => {
      const parent = byCode.get(code)?.[1] as string;
      const range = SECTION_DIVISIONS[parent];
      return !range || Number(code) < range[0] || Number(code) > range[1];
    });
    expect(wrong).toEqual([]);
  });

  it('links every entry to an existing parent of the level above, whose code it extends', () => {
    const bad = entries.filter(([code, parent]) => {
      switch (level(code)) {
        case 'section':
          return parent !== null;
        case 'division':
          return parent === null || level(parent) !== 'section';
        default:
          return (
            parent === null ||
            !byCode.has(parent) ||
            parent.length !== code.length - 1 ||
            !code.startsWith(parent)
          );
      }
    });
    expect(bad).toEqual([]);
    expect(entries.every(([, parent]) => parent === null || byCode.has(parent))).toBe(true);
  });

  it('gives every division at least one group and every group at least one class', () => {
    const parents = new Set(entries.map(([, parent]) => parent));
    expect(codesAt('division').filter((code) => !parents.has(code))).toEqual([]);
    expect(codesAt('group').filter((code) => !parents.has(code))).toEqual([]);
  });

  it('is sorted in natural order: each section followed by its subtree', () => {
    const keys = entries.map(([code]) => (level(code) === 'section' ? code : `${sectionOf(code)}${code}`));
    expect(keys).toEqual([...keys].sort());
    expect(entries[0]?.[0]).toBe('A');
    expect(entries.at(-1)?.[0]).toBe('9700');
  });

  it('has trimmed, non-empty Chinese names with full-width parentheses', () => {
    const bad = entries.filter(
      ([, , nameZh]) =>
        nameZh === '' || nameZh !== nameZh.trim() || /[()]/.test(nameZh) || !/\p{Script=Han}/u.test(nameZh),
    );
    expect(bad).toEqual([]);
  });

  it('has English names for every section and division, and none below', () => {
    const withEnglish = entries.filter(([, , , nameEn]) => nameEn !== null).map(([code]) => code);
    expect(withEnglish).toEqual(entries.filter(([code]) => code.length <= 2).map(([code]) => code));
    expect(byCode.get('36')?.[3]).toBe('Manufacture of Automobiles');
    expect(byCode.get('39')?.[3]).toBe(
      'Manufacture of Computers, Communication and Other Electronic Equipment',
    );
    const unlike = entries.filter(
      ([code, , , nameEn]) => code.length === 2 && !/^[A-Z][A-Za-z ,-]+$/.test(nameEn ?? ''),
    );
    expect(unlike).toEqual([]);
  });

  it.each([
    ['3611', '汽柴油车整车制造', '361'],
    ['3612', '新能源车整车制造', '361'],
    ['3670', '汽车零部件及配件制造', '367'],
    ['3841', '锂离子电池制造', '384'],
    ['3973', '集成电路制造', '397'],
    ['6520', '集成电路设计', '652'],
    ['3562', '半导体器件专用设备制造', '356'],
    ['2761', '生物药品制造', '276'],
    ['2762', '基因工程药物和疫苗制造', '276'],
    ['3491', '工业机器人制造', '349'],
    ['6513', '应用软件开发', '651'],
    ['6532', '物联网技术服务', '653'],
    ['6431', '互联网生产服务平台', '643'],
    ['7320', '工程和技术研究和试验发展', '732'],
  ])('spot check: %s %s', (code, nameZh, parent) => {
    expect(byCode.get(code)).toEqual([code, parent, nameZh, null]);
  });

  it.each([
    ['36', 'C', '汽车制造业'],
    ['39', 'C', '计算机、通信和其他电子设备制造业'],
    ['65', 'I', '软件和信息技术服务业'],
    ['73', 'M', '研究和试验发展'],
    ['87', 'R', '广播、电视、电影和录音制作业'],
    ['339', '33', '铸造及其他金属制品制造'],
    ['2522', '252', '煤制合成气生产'],
    ['3969', '396', '其他智能消费设备制造'],
    ['5267', '526', '机动车充电销售'],
    ['7123', '712', '文化用品设备出租'],
  ])('keeps the corrections to the upstream tree: %s %s', (code, parent, nameZh) => {
    expect(byCode.get(code)?.slice(0, 3)).toEqual([code, parent, nameZh]);
  });

  it('traces the spot-checked classes to the right sections', () => {
    expect(sectionOf('3612')).toBe('C');
    expect(sectionOf('6431')).toBe('I');
    expect(sectionOf('7320')).toBe('M');
  });
});
