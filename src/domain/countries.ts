/** Regions ICU names that are not ISO 3166-1 countries: groupings, reserved and private-use codes. */
const notCountries = new Set(['AC', 'CP', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'ZZ']);

let codes: string[] | null = null;

/**
 * The ISO 3166-1 alpha-2 codes ICU has names for, in alphabetical order: what a company's source country may be.
 * ICU also names retired codes (UK, FX, SU, DD …) by their successors' names; only a code that is its own canonical
 * form counts, or 英国, 法国 and 俄罗斯 would read as UK, FX and SU.
 */
export function countryCodes(): readonly string[] {
  if (codes) return codes;
  const en = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  codes = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = en.of(code);
      if (!name || name === code || name === 'Unknown Region' || notCountries.has(code)) continue;
      if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      codes.push(code);
    }
  }
  return codes;
}
