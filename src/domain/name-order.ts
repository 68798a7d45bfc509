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
  const folded = name.normalize('NFKC').toLowerCase();
  const syllables = pinyin(folded, { toneType: 'none', type: 'array' });
  let key = '';
  let i = 0;
  for (const character of folded) {
    const syllable = syllables[i++] ?? character;
    if (syllable !== character) key += `${syllable} `;
    else {
      const code = character.charCodeAt(0);
      key += code >= 0x61 && code <= 0x7a ? String.fromCharCode(latinBase + code - 0x61) : character;
    }
  }
  return key;
}

/** Where Latin letters go: above every character the pinyin and the names' punctuation are spelled with. */
const latinBase = 0xe000;
