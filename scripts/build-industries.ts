/**
 * Builds src/db/reference/industries.json — the GB/T 4754-2017 industry classification
 * (国民经济行业分类) — from a public machine-readable copy that is NOT part of this repository:
 *
 *   GitHub Czsx-525/Vue-init, file src/components/industry/IndustryPicker.vue,
 *   commit d112c559a70a3e54adccd99c34fa2c5f0e9dc25c (a Vant cascader tree of
 *   `itemno: 'C3611'` / `itemname: '汽柴油车整车制造'` pairs; no licence stated).
 *
 *   npx tsx scripts/build-industries.ts /path/to/IndustryPicker.vue
 *
 * Any file containing the same `itemno: '…', itemname: '…'` pairs in tree order works.
 * The upstream tree has known defects that are fixed here explicitly (see CORRECTIONS); each fix
 * first asserts the upstream state, so a changed upstream file fails loudly instead of silently.
 *
 * Output: a JSON array of `[code, parentCode, nameZh, nameEn]` tuples, one per line, in natural
 * order (section A, its divisions with their groups and classes, then section B, …).
 * Codes: 'A'–'T' sections, 2-digit divisions, 3-digit groups, 4-digit classes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

type Industry = [code: string, parentCode: string | null, nameZh: string, nameEn: string | null];

const EXPECTED_COUNTS = { sections: 20, divisions: 97, groups: 473, classes: 1381 } as const;

/**
 * English names of the 20 sections, in the wording of the National Bureau of Statistics'
 * English statistical releases (see PROVENANCE.md). Divisions, groups and classes have no
 * English name here: no complete, reliable English source was found for them.
 */
const SECTION_EN: Readonly<Record<string, string>> = {
  A: 'Agriculture, Forestry, Animal Husbandry and Fishery',
  B: 'Mining',
  C: 'Manufacturing',
  D: 'Electricity, Heat, Gas and Water Production and Supply',
  E: 'Construction',
  F: 'Wholesale and Retail Trade',
  G: 'Transport, Storage and Post',
  H: 'Accommodation and Catering',
  I: 'Information Transmission, Software and Information Technology Services',
  J: 'Finance',
  K: 'Real Estate',
  L: 'Leasing and Business Services',
  M: 'Scientific Research and Technical Services',
  N: 'Water, Environment and Public Facilities Management',
  O: 'Resident Services, Repairs and Other Services',
  P: 'Education',
  Q: 'Health and Social Work',
  R: 'Culture, Sports and Entertainment',
  S: 'Public Administration, Social Security and Social Organizations',
  T: 'International Organizations',
};

/** Classes missing from the upstream tree (each confirmed in other public copies of the standard). */
const MISSING_CLASSES: readonly (readonly [code: string, nameZh: string])[] = [
  ['2522', '煤制合成气生产'],
  ['3969', '其他智能消费设备制造'],
  ['5267', '机动车充电销售'],
  ['7123', '文化用品设备出租'],
];

/** Names the upstream tree gets wrong: [code, upstream name, name in the standard]. */
const WRONG_NAMES: readonly (readonly [code: string, upstream: string, corrected: string])[] = [
  ['339', '锻造及其他金属制品制造', '铸造及其他金属制品制造'],
  ['87', '广播、电视、电影和影视录音制作业', '广播、电视、电影和录音制作业'],
];

const PAIR = /itemno:\s*'([^']*)',\s*itemname:\s*'([^']*)'/g;

/** The standard writes parentheses full-width; upstream mixes ASCII and full-width ones. */
function normalizeName(name: string): string {
  return name.trim().replaceAll('(', '（').replaceAll(')', '）');
}

function parentOf(code: string, section: string): string | null {
  switch (code.length) {
    case 1:
      return null;
    case 2:
      return section;
    case 3:
    case 4:
      return code.slice(0, code.length - 1);
    default:
      throw new Error(`bad code length: ${code}`);
  }
}

/** Sort key that puts every entry right after its parent: section letter + numeric code. */
function sortKey(entry: Industry, sectionOf: ReadonlyMap<string, string>): string {
  const [code] = entry;
  return code.length === 1 ? code : `${sectionOf.get(code)}${code}`;
}

function buildIndustries(sourceText: string): Industry[] {
  const byCode = new Map<string, Industry>();
  const sectionOf = new Map<string, string>();
  for (const match of sourceText.matchAll(PAIR)) {
    const itemno = match[1] ?? '';
    const name = normalizeName(match[2] ?? '');
    const m = /^([A-T])(\d{2,4})?$/.exec(itemno);
    if (!m) throw new Error(`bad itemno '${itemno}'`);
    const section = m[1] as string;
    const code = m[2] ?? section;
    if (name === '') throw new Error(`${itemno}: empty name`);
    if (byCode.has(code)) throw new Error(`${itemno}: duplicate code`);
    const parent = parentOf(code, section);
    if (parent !== null && !byCode.has(parent))
      throw new Error(`${itemno}: parent ${parent} not seen before`);
    if (code.length > 2 && sectionOf.get(code.slice(0, 2)) !== section) {
      throw new Error(`${itemno}: division ${code.slice(0, 2)} is not in section ${section}`);
    }
    sectionOf.set(code, section);
    byCode.set(code, [code, parent, name, code.length === 1 ? (SECTION_EN[code] ?? null) : null]);
  }
  if (byCode.size === 0) throw new Error('no itemno/itemname pairs found in the source file');

  for (const [code, upstream, corrected] of WRONG_NAMES) {
    const entry = byCode.get(code);
    if (entry?.[2] !== upstream)
      throw new Error(`expected upstream ${code} '${upstream}', got '${entry?.[2]}'`);
    entry[2] = corrected;
  }
  for (const [code, nameZh] of MISSING_CLASSES) {
    if (byCode.has(code)) throw new Error(`class ${code} is no longer missing upstream; drop the correction`);
    const parent = code.slice(0, 3);
    if (!byCode.has(parent)) throw new Error(`class ${code}: parent group ${parent} missing`);
    sectionOf.set(code, sectionOf.get(parent) as string);
    byCode.set(code, [code, parent, nameZh, null]);
  }

  for (const letter of Object.keys(SECTION_EN)) {
    if (!byCode.has(letter)) throw new Error(`section ${letter} missing`);
  }
  const counts = { sections: 0, divisions: 0, groups: 0, classes: 0 };
  const levels = ['sections', 'divisions', 'groups', 'classes'] as const;
  for (const [code] of byCode.values()) counts[levels[code.length - 1] as (typeof levels)[number]]++;
  for (const level of levels) {
    if (counts[level] !== EXPECTED_COUNTS[level]) {
      throw new Error(`expected ${EXPECTED_COUNTS[level]} ${level}, found ${counts[level]}`);
    }
  }

  return [...byCode.values()].sort((a, b) => {
    const ka = sortKey(a, sectionOf);
    const kb = sortKey(b, sectionOf);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** One tuple per line: compact, yet diffs stay readable. */
function serialize(industries: readonly Industry[]): string {
  return `[\n${industries.map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`;
}

function main(): void {
  const sourcePath = process.argv[2];
  if (!sourcePath) {
    console.error('usage: npx tsx scripts/build-industries.ts <path-to-IndustryPicker.vue>');
    process.exit(2);
  }
  const source = readFileSync(sourcePath);
  const industries = buildIndustries(source.toString('utf8'));
  const out = new URL('../src/db/reference/industries.json', import.meta.url);
  const json = serialize(industries);
  writeFileSync(out, json);
  const sha256 = createHash('sha256').update(source).digest('hex');
  console.log(
    `wrote ${out.pathname} (${industries.length} entries, ${Buffer.byteLength(json)} bytes) from ${sourcePath} (sha256 ${sha256})`,
  );
}

main();
