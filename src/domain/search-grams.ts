/**
 * Search keys for company names. PostgreSQL's trigram index cannot serve a two-character Chinese query such as
 * 氢能 (a LIKE pattern shorter than three characters yields no trigram, so it scans every row). We index the
 * overlapping character pairs of the Chinese name instead, and trigrams of the lowercased English name, in one
 * GIN-indexed array: a query's own grams must all be present, and a LIKE recheck keeps the match exact.
 */

// Legal-form endings carry no search meaning and would put a few grams in nearly every row.
const legalForms = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '分公司', '公司'];
const legalSuffix = new RegExp(`(${legalForms.join('|')})$`);

/**
 * A query without the legal-form ending it was typed or pasted with (上海晟澄半导体有限公司, 半导体有限): names are
 * indexed without theirs, so the ending's pairs would match no name. The LIKE recheck still holds the whole query.
 * Left whole when too little would remain to search by (有限 alone matches no name).
 */
function withoutLegalEnding(compact: string): string {
  const chars = Array.from(compact);
  for (let cut = Math.min(6, chars.length); cut > 0; cut--) {
    const tail = chars.slice(-cut).join('');
    if (legalForms.some((form) => form.startsWith(tail))) {
      return chars.length - cut >= 2 ? chars.slice(0, -cut).join('') : compact;
    }
  }
  return compact;
}

function pairs(text: string, out: Set<string>): void {
  const chars = Array.from(text);
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
}

function triples(text: string, out: Set<string>): void {
  for (let i = 0; i + 2 < text.length; i++) out.add(text.slice(i, i + 3));
}

const nonWord = /[^\p{L}\p{N}]+/gu;

function latinKey(name: string): string {
  return name.toLowerCase().replace(nonWord, ' ').trim();
}

export function nameGrams(
  nameZh: string,
  nameEn: string | null,
  formerNames: readonly string[] = [],
): string[] {
  const out = new Set<string>();
  for (const name of [nameZh, ...formerNames]) pairs(name.replace(nonWord, '').replace(legalSuffix, ''), out);
  if (nameEn) for (const word of latinKey(nameEn).split(' ')) triples(` ${word} `, out);
  return [...out];
}

export type SearchPlan =
  | { kind: 'grams'; grams: string[]; pattern: string }
  | { kind: 'creditCode'; prefix: string }
  | { kind: 'tooShort' };

const codeLike = /^[0-9A-HJ-NPQRTUWXY]{2,18}$/;

/** Decides how a search box query is answered: a credit-code prefix, or name grams plus a LIKE recheck. */
export function planSearch(raw: string): SearchPlan {
  const q = raw.trim();
  if (codeLike.test(q.toUpperCase()) && /\d/.test(q)) return { kind: 'creditCode', prefix: q.toUpperCase() };
  const compact = q.replace(nonWord, '');
  if (Array.from(compact).length < 2) return { kind: 'tooShort' };
  const grams = new Set<string>();
  if (/[\p{Script=Han}]/u.test(compact)) {
    pairs(withoutLegalEnding(compact), grams);
  } else {
    const words = latinKey(q).split(' ').filter(Boolean);
    for (const [i, word] of words.entries()) {
      // Only whole words are padded on both sides; the last word may still be being typed.
      const padded = i === words.length - 1 ? ` ${word}` : ` ${word} `;
      triples(padded, grams);
    }
    if (!grams.size) return { kind: 'tooShort' };
  }
  return { kind: 'grams', grams: [...grams], pattern: `%${escapeLike(q)}%` };
}

/** Text matched literally inside a LIKE pattern: its backslashes, % and _ escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
