import { pinyin } from 'pinyin-pro';

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
  let reading = readingsInContext.get(window);
  if (reading === undefined) {
    reading = pinyin(window, { toneType: 'none', type: 'array' })[before ? 1 : 0] ?? character;
    if (readingsInContext.size >= 200_000) readingsInContext.clear();
    readingsInContext.set(window, reading);
  }
  return reading;
}

/** Where Latin letters go: above every character the pinyin and the names' punctuation are spelled with. */
const latinBase = 0xe000;
