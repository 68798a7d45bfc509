import { customPinyin, pinyin } from 'pinyin-pro';

/**
 * Company names sort in pinyin order, as Chinese users expect a list of names to run (阿里, 安亭, 长城, 嘉定, 上海 …),
 * not in the code-point order of their characters (一, 丁, 七, 万, 三, 上 …), which is what a database sorts them in.
 * The embedded engine's ICU carries only the root locale, so no collation can do it there; the order is computed
 * here and stored with each name as a sort key that compares byte for byte (`COLLATE "C"`) on every engine.
 *
 * The key spells each Chinese character as its pinyin syllable (read in context by pinyin-pro, so 长城 is chang
 * and 重庆 chong, where ICU's Chinese collation, one reading per character, files both under zh) followed by a
 * space, so that a syllable sorts before any longer one it begins (an 安 before ang 昂). Digits and punctuation
 * stay and sort before Chinese; Latin letters, in lower case, are moved after it, as Chinese collation orders
 * them. Full-width forms are folded first, so （上海） and (上海) sort alike. Tones are not spelled: names that
 * read alike syllable for syllable (明达, 鸣达) come in the order of their ids.
 */
export function nameSortKey(name: string): string {
  const characters = [...name.normalize('NFKC').toLowerCase()];
  let key = '';
  characters.forEach((character, i) => {
    const syllable =
      soleReading(character) ?? readingBetween(characters[i - 1] ?? '', character, characters[i + 1] ?? '');
    if (syllable !== character) key += `${syllable} `;
    else {
      const code = character.charCodeAt(0);
      key += code >= 0x61 && code <= 0x7a ? String.fromCharCode(latinBase + code - 0x61) : character;
    }
  });
  return key;
}

/**
 * Words common in a Shanghai registry that pinyin-pro misreads: a trading house's 行 (分行, 车行, 电器行), the
 * district's town 徐行 and the neighbouring 闵行, and a few place and business words. Two characters each, as a
 * reading is decided within one character on either side (see readingBetween). Changing this list changes stored
 * keys: it needs a migration that makes `name_sort` optional again, as 0029 does (companies/name-sort-keys.ts).
 */
export const correctedReadings: Record<string, string> = {
  分行: 'fēn háng',
  车行: 'chē háng',
  琴行: 'qín háng',
  花行: 'huā háng',
  布行: 'bù háng',
  米行: 'mǐ háng',
  酒行: 'jiǔ háng',
  茶行: 'chá háng',
  药行: 'yào háng',
  表行: 'biǎo háng',
  镜行: 'jìng háng',
  器行: 'qì háng',
  金行: 'jīn háng',
  徐行: 'xú háng',
  闵行: 'mǐn háng',
  莘庄: 'xīn zhuāng',
  单县: 'shàn xiàn',
  都会: 'dū huì',
  都江: 'dū jiāng',
  事长: 'shì zhǎng',
  参数: 'cān shù',
};
customPinyin(correctedReadings);

// pinyin-pro takes about 10 µs a call, more than the rest of a row's validation; both lookups below are kept, so a
// registry's names cost about 1 µs each.
const soleReadings = new Map<string, string | null>();
const readingsInContext = new Map<string, string>();

/** A character's syllable when it has only one (tones aside), itself when it is not Chinese, null when it has several. */
function soleReading(character: string): string | null {
  let reading = soleReadings.get(character);
  if (reading === undefined) {
    const readings = new Set(pinyin(character, { toneType: 'none', type: 'array', multiple: true }));
    reading = readings.size === 1 ? ([...readings][0] as string) : null;
    soleReadings.set(character, reading);
  }
  return reading;
}

/**
 * The syllable of a character with several readings, read in the words its neighbours make (银行 hang, 行业 hang,
 * 重庆 chong, 厦门 xia): the words that decide a reading are two or three characters long, and the same few
 * thousand neighbourhoods recur across a registry, where reading each whole name in context would cost ten times
 * as much and gave the same syllables for 50,000 generated names.
 */
function readingBetween(before: string, character: string, after: string): string {
  const window = before + character + after;
  // The first character of 单县 and the last of 单县 share a window: a name's start is marked with NUL, which no
  // stored name can hold, so that neither is read as the other.
  const seen = before ? window : `\0${window}`;
  let reading = readingsInContext.get(seen);
  if (reading === undefined) {
    reading = pinyin(window, { toneType: 'none', type: 'array' })[before ? 1 : 0] ?? character;
    if (readingsInContext.size >= 200_000) readingsInContext.clear();
    readingsInContext.set(seen, reading);
  }
  return reading;
}

/** Where Latin letters go: above every character the pinyin and the names' punctuation are spelled with. */
const latinBase = 0xe000;
