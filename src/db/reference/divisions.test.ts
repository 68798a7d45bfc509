import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

type Division = [code: string, name: string, parentCode: string | null];

const raw = fs.readFileSync(new URL('./divisions.json', import.meta.url), 'utf8');
const divisions = JSON.parse(raw) as unknown[];
const entries = divisions as Division[];
const byCode = new Map(entries.map((d) => [d[0], d]));

/** Code length of the parent level for each level (province 2, city 4, county 6, town 9). */
const PARENT_LENGTH: Record<number, number | null> = { 2: null, 4: 2, 6: 4, 9: 6 };

function childrenOf(code: string): Division[] {
  return entries.filter((d) => d[2] === code);
}

describe('divisions.json', () => {
  it('is an array of [code, name, parentCode] tuples', () => {
    expect(Array.isArray(divisions)).toBe(true);
    const bad = divisions.filter(
      (d) =>
        !Array.isArray(d) ||
        d.length !== 3 ||
        typeof d[0] !== 'string' ||
        typeof d[1] !== 'string' ||
        !(d[2] === null || typeof d[2] === 'string'),
    );
    expect(bad).toEqual([]);
  });

  it('is written one entry per line', () => {
    expect(raw.endsWith('\n]\n')).toBe(true);
    expect(raw.split('\n')).toHaveLength(entries.length + 3);
  });

  it('has numeric codes of 2, 4, 6 or 9 digits and trimmed non-empty names', () => {
    const bad = entries.filter(
      ([code, name]) => !/^(\d{2}|\d{4}|\d{6}|\d{9})$/.test(code) || name === '' || name !== name.trim(),
    );
    expect(bad).toEqual([]);
  });

  it('has no duplicate codes and is sorted by code', () => {
    expect(byCode.size).toBe(entries.length);
    const codes = entries.map((d) => d[0]);
    const unsorted = codes.filter((code, i) => i > 0 && (codes[i - 1] as string) >= code);
    expect(unsorted).toEqual([]);
  });

  it('links every entry to an existing parent one level up whose code is its prefix', () => {
    const bad = entries.filter(([code, , parent]) => {
      const parentLength = PARENT_LENGTH[code.length];
      if (parentLength === undefined) return true;
      if (parentLength === null) return parent !== null;
      return (
        parent === null || parent.length !== parentLength || !code.startsWith(parent) || !byCode.has(parent)
      );
    });
    expect(bad).toEqual([]);
  });

  it('gives every province, city and county at least one child', () => {
    const parents = new Set(entries.map((d) => d[2]));
    const childless = entries.filter(([code]) => code.length < 9 && !parents.has(code));
    expect(childless).toEqual([]);
  });

  it('has the counts per level recorded in PROVENANCE.md', () => {
    const counts: Record<number, number> = {};
    for (const [code] of entries) counts[code.length] = (counts[code.length] ?? 0) + 1;
    expect(counts).toEqual({ 2: 31, 4: 342, 6: 2978, 9: 41352 });
  });

  it('has the 31 mainland provincial-level divisions (no Taiwan, Hong Kong or Macao)', () => {
    const provinces = entries.filter((d) => d[0].length === 2).map((d) => d[0]);
    expect(provinces).toEqual(
      '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65'.split(
        ' ',
      ),
    );
    expect(byCode.get('31')).toEqual(['31', '上海市', null]);
    expect(byCode.get('44')).toEqual(['44', '广东省', null]);
  });

  it('models Shanghai as municipality → 市辖区 → district', () => {
    expect(childrenOf('31')).toEqual([['3101', '市辖区', '31']]);
    expect(byCode.get('310114')).toEqual(['310114', '嘉定区', '3101']);
  });

  it('has exactly the 12 township-level units of Jiading District', () => {
    expect(childrenOf('310114')).toEqual([
      ['310114001', '新成路街道', '310114'],
      ['310114002', '真新街道', '310114'],
      ['310114004', '嘉定镇街道', '310114'],
      ['310114102', '南翔镇', '310114'],
      ['310114103', '安亭镇', '310114'],
      ['310114106', '马陆镇', '310114'],
      ['310114109', '徐行镇', '310114'],
      ['310114111', '华亭镇', '310114'],
      ['310114114', '外冈镇', '310114'],
      ['310114118', '江桥镇', '310114'],
      ['310114401', '菊园新区', '310114'],
      ['310114501', '嘉定工业区', '310114'],
    ]);
  });
});
