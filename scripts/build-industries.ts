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
 * English statistical releases (see PROVENANCE.md).
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

/**
 * English names of the 97 divisions. Ours: the wording of the National Bureau of Statistics' English releases
 * where they name a division (the industrial divisions 06–46 in the China Statistical Yearbook), translated in
 * the same style for the others (see PROVENANCE.md). Groups and classes have no English name: no complete,
 * reliable English source was found for them.
 */
const DIVISION_EN: Readonly<Record<string, string>> = {
  '01': 'Agriculture',
  '02': 'Forestry',
  '03': 'Animal Husbandry',
  '04': 'Fishery',
  '05': 'Professional and Support Activities for Agriculture, Forestry, Animal Husbandry and Fishery',
  '06': 'Mining and Washing of Coal',
  '07': 'Extraction of Petroleum and Natural Gas',
  '08': 'Mining and Processing of Ferrous Metal Ores',
  '09': 'Mining and Processing of Non-ferrous Metal Ores',
  '10': 'Mining and Processing of Non-metal Ores',
  '11': 'Professional and Support Activities for Mining',
  '12': 'Mining of Other Ores',
  '13': 'Processing of Food from Agricultural Products',
  '14': 'Manufacture of Foods',
  '15': 'Manufacture of Liquor, Beverages and Refined Tea',
  '16': 'Manufacture of Tobacco',
  '17': 'Manufacture of Textiles',
  '18': 'Manufacture of Textile Wearing Apparel and Accessories',
  '19': 'Manufacture of Leather, Fur, Feather and Related Products and Footwear',
  '20': 'Processing of Timber, Manufacture of Wood, Bamboo, Rattan, Palm and Straw Products',
  '21': 'Manufacture of Furniture',
  '22': 'Manufacture of Paper and Paper Products',
  '23': 'Printing and Reproduction of Recording Media',
  '24': 'Manufacture of Articles for Culture, Education, Arts and Crafts, Sport and Entertainment Activities',
  '25': 'Processing of Petroleum, Coal and Other Fuels',
  '26': 'Manufacture of Raw Chemical Materials and Chemical Products',
  '27': 'Manufacture of Medicines',
  '28': 'Manufacture of Chemical Fibers',
  '29': 'Manufacture of Rubber and Plastic Products',
  '30': 'Manufacture of Non-metallic Mineral Products',
  '31': 'Smelting and Pressing of Ferrous Metals',
  '32': 'Smelting and Pressing of Non-ferrous Metals',
  '33': 'Manufacture of Metal Products',
  '34': 'Manufacture of General Purpose Machinery',
  '35': 'Manufacture of Special Purpose Machinery',
  '36': 'Manufacture of Automobiles',
  '37': 'Manufacture of Railway, Ship, Aerospace and Other Transport Equipment',
  '38': 'Manufacture of Electrical Machinery and Apparatus',
  '39': 'Manufacture of Computers, Communication and Other Electronic Equipment',
  '40': 'Manufacture of Measuring Instruments and Meters',
  '41': 'Other Manufacturing',
  '42': 'Comprehensive Utilization of Waste Resources',
  '43': 'Repair of Metal Products, Machinery and Equipment',
  '44': 'Production and Supply of Electric Power and Heat Power',
  '45': 'Production and Supply of Gas',
  '46': 'Production and Supply of Water',
  '47': 'Construction of Buildings',
  '48': 'Civil Engineering',
  '49': 'Construction Installation',
  '50': 'Building Decoration, Renovation and Other Construction',
  '51': 'Wholesale Trade',
  '52': 'Retail Trade',
  '53': 'Rail Transport',
  '54': 'Road Transport',
  '55': 'Water Transport',
  '56': 'Air Transport',
  '57': 'Pipeline Transport',
  '58': 'Multimodal Transport and Transport Agency Services',
  '59': 'Loading, Unloading, Handling and Warehousing',
  '60': 'Postal Services',
  '61': 'Accommodation',
  '62': 'Catering Services',
  '63': 'Telecommunications, Broadcasting and Satellite Transmission Services',
  '64': 'Internet and Related Services',
  '65': 'Software and Information Technology Services',
  '66': 'Monetary and Financial Services',
  '67': 'Capital Market Services',
  '68': 'Insurance',
  '69': 'Other Financial Services',
  '70': 'Real Estate',
  '71': 'Leasing',
  '72': 'Business Services',
  '73': 'Research and Experimental Development',
  '74': 'Professional Technical Services',
  '75': 'Technology Promotion and Application Services',
  '76': 'Water Conservancy Management',
  '77': 'Ecological Protection and Environmental Management',
  '78': 'Public Facilities Management',
  '79': 'Land Management',
  '80': 'Resident Services',
  '81': 'Repair of Motor Vehicles, Electronic Products and Household Goods',
  '82': 'Other Services',
  '83': 'Education',
  '84': 'Health',
  '85': 'Social Work',
  '86': 'News and Publishing',
  '87': 'Radio, Television, Film and Sound Recording Production',
  '88': 'Culture and Arts',
  '89': 'Sports',
  '90': 'Entertainment',
  '91': 'Organs of the Communist Party of China',
  '92': 'State Organs',
  '93': 'CPPCC Bodies and Democratic Parties',
  '94': 'Social Security',
  '95': 'Mass Organizations, Social Organizations and Other Membership Organizations',
  '96': 'Grassroots Self-governing Mass Organizations and Other Organizations',
  '97': 'International Organizations',
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

function englishName(code: string): string | null {
  if (code.length === 1) return SECTION_EN[code] ?? null;
  if (code.length === 2) {
    const name = DIVISION_EN[code];
    if (!name) throw new Error(`division ${code} has no English name`);
    return name;
  }
  return null;
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
    byCode.set(code, [code, parent, name, englishName(code)]);
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
