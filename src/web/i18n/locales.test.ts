import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import { joinList, pickName, toLanguage } from './language.ts';
import zhCN from './zh-CN.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

/** `{ a: { b: 'x' } }` → `[['a.b', 'x']]` */
function flatten(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object'
      ? flatten(value, `${prefix}${key}.`)
      : ([[`${prefix}${key}`, value]] as [string, unknown][]),
  );
}

const locales = { 'zh-CN': flatten(zhCN as Tree), en: flatten(en as Tree) };
const webRoot = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('locale files', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const zhKeys = locales['zh-CN'].map(([key]) => key).sort();
    const enKeys = locales.en.map(([key]) => key).sort();
    expect(enKeys).toEqual(zhKeys);
    expect(zhKeys.length).toBeGreaterThan(50);
  });

  for (const [language, entries] of Object.entries(locales)) {
    it(`${language} has no empty or non-string values`, () => {
      const bad = entries.filter(([, value]) => typeof value !== 'string' || value.trim() === '');
      expect(bad).toEqual([]);
    });
  }

  it('uses the same interpolation variables in both languages', () => {
    const vars = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const enMap = new Map(locales.en);
    const mismatched = locales['zh-CN']
      .filter(([key, value]) => JSON.stringify(vars(value)) !== JSON.stringify(vars(enMap.get(key))))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('has every literal key the web source uses', () => {
    const known = new Set(locales.en.map(([key]) => key));
    const used = new Set<string>();
    for (const file of sourceFiles(webRoot)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(match[1] as string);
      for (const match of text.matchAll(/labelKey: '([^']+)'/g)) used.add(match[1] as string);
      for (const match of text.matchAll(/return '((?:login|errors)\.[\w.]+)'/g)) used.add(match[1] as string);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !known.has(key)).sort()).toEqual([]);
  });
});

describe('language helpers', () => {
  it('maps locale tags onto the UI languages', () => {
    expect(toLanguage('zh-CN')).toBe('zh-CN');
    expect(toLanguage('zh')).toBe('zh-CN');
    expect(toLanguage('zh-Hans-CN')).toBe('zh-CN');
    expect(toLanguage('en-GB')).toBe('en');
    expect(toLanguage('fr')).toBeNull();
    expect(toLanguage(undefined)).toBeNull();
  });

  it('picks the name for the language, falling back to Chinese', () => {
    expect(pickName('en', '嘉定区', 'Jiading District')).toBe('Jiading District');
    expect(pickName('en', '嘉定区', null)).toBe('嘉定区');
    expect(pickName('zh-CN', '嘉定区', 'Jiading District')).toBe('嘉定区');
  });

  it('writes a list with the separator of the language', () => {
    expect(joinList('zh-CN', ['统一社会信用代码', '企业名称'])).toBe('统一社会信用代码、企业名称');
    expect(joinList('en', ['Credit code', 'Company name', 'Town'])).toBe('Credit code, Company name, Town');
    expect(joinList('en', ['Anting'])).toBe('Anting');
    expect(joinList('fr', ['甲', '乙'])).toBe('甲、乙');
  });
});
