/**
 * A Chinese company name runs 行政区划 + 字号 + 行业 + 组织形式: 上海 + 上汽 + 汽车 + 有限公司. Searching 上汽, the best
 * matches are the names that begin with it, either at once or after the places the registry lies in (上海上汽…,
 * 上海市嘉定区上汽…); a name sort lists them among every other name that merely contains it.
 */

/** Administrative suffixes a place is also written without: 上海市 → 上海, 嘉定区 → 嘉定. */
const suffix = /(?:自治区|自治州|地区|省|市|区|县|盟)$/;

/** Placeholder levels of the division tree that no name is written with. */
const unnamed = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** The words each level of the registry's place (province first) is written with: 上海市 and 上海. */
export function placeWords(levels: readonly string[]): string[][] {
  return levels
    .filter((name) => !unnamed.has(name))
    .map((name) => {
      const stem = name.replace(suffix, '');
      return stem.length >= 2 && stem !== name ? [name, stem] : [name];
    });
}

/**
 * The beginnings that make a name one of the best matches for `q`: `q` itself, or `q` after the words of one level
 * of the place, or of two levels in their order (上海嘉定, 上海市嘉定区).
 */
export function bestMatchPrefixes(q: string, levels: readonly string[]): string[] {
  const words = placeWords(levels);
  const prefixes = new Set([q]);
  words.forEach((level, i) => {
    for (const word of level) {
      prefixes.add(word + q);
      for (const lower of words.slice(i + 1)) for (const next of lower) prefixes.add(word + next + q);
    }
  });
  return [...prefixes];
}
