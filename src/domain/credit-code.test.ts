import { describe, expect, it } from 'vitest';
import { referenceAlphabet, referenceCheckChar, referenceCode, referenceIsValid } from '../test/uscc.ts';
import {
  creditCodeCharset,
  creditCodeCheckChar,
  creditCodeWeights,
  describeRegistration,
  makeCreditCode,
  orgCodeCheckChar,
  orgCodeWeights,
  validateCreditCode,
} from './credit-code.ts';
import { prng } from './random.ts';

/**
 * Published codes of registered organisations. The first four come with the specification; the rest were found
 * in public repositories (fixtures and seed data naming the company) and each passes both check characters —
 * several other "real company" codes in the same files did not, so every entry here was checked, not trusted.
 */
const realCodes: [string, string][] = [
  ['914403001922038216', '华为技术有限公司 (specification sample)'],
  ['91330100716105852F', 'specification sample'],
  ['9144030071526726XG', '腾讯科技（深圳）有限公司 (specification sample)'],
  ['91512081MA62K0260E', 'specification sample, MA-series organisation code'],
  ['91310000132260250X', '上海汽车集团股份有限公司'],
  ['91330100799655058B', '阿里巴巴（中国）有限公司'],
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  ['91110108551385082Q', '小米科技有限责任公司'],
  ['91440300192317458F', '比亚迪股份有限公司'],
  ['91100000100003962T', '中国工商银行股份有限公司'],
  ['91110000100010433L', '中国石油天然气集团有限公司'],
  ['9144030010001686XA', '招商银行股份有限公司'],
  ['91440400192548256N', '珠海格力电器股份有限公司'],
  ['91440606722473344C', '美的集团股份有限公司'],
  ['913201911348723659', '南瑞集团有限公司'],
  ['12100000425006133D', '华东师范大学 (a 事业单位, authority 1)'],
  ['12440600MB2C07549J', 'a 事业单位 in Foshan, MB-series organisation code'],
  ['91350100M000100Y43', 'Fuzhou enterprise, Y inside the organisation code'],
];

const digits = '0123456789';

describe('credit-code constants', () => {
  it('uses the 31-character alphabet without I, O, Z, S, V', () => {
    expect(creditCodeCharset).toHaveLength(31);
    expect(new Set(creditCodeCharset).size).toBe(31);
    for (const forbidden of 'IOZSV') expect(creditCodeCharset).not.toContain(forbidden);
  });

  it('weights positions 1–17 by 3^(i−1) mod 31', () => {
    expect(creditCodeWeights).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
    expect(new Set(creditCodeWeights).size).toBe(17);
    expect(orgCodeWeights).toEqual([3, 7, 9, 10, 5, 8, 4, 2]);
  });
});

describe('validateCreditCode', () => {
  it.each(realCodes)('accepts the published code %s (%s)', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
  });

  it('returns the canonical input itself without copying', () => {
    const code = '914403001922038216';
    const result = validateCreditCode(code);
    expect(result.ok && result.code).toBe(code);
  });

  it.each([
    ['lower case', '91330100716105852f', '91330100716105852F'],
    ['surrounding spaces', '  9144030071526726XG\t', '9144030071526726XG'],
    ['line break from a cell', '9144030071526726xg\r\n', '9144030071526726XG'],
    ['full-width characters', '９１４４０３００７１５２６７２６ＸＧ', '9144030071526726XG'],
    [
      'full-width lower case and ideographic spaces',
      '\u3000９１５１２０８１ｍａ６２ｋ０２６０ｅ\u3000',
      '91512081MA62K0260E',
    ],
  ])('normalises %s', (_label, raw, code) => {
    expect(validateCreditCode(raw)).toEqual({ ok: true, code });
  });

  it.each([
    ['', 'must be 18 characters, got 0'],
    ['   ', 'must be 18 characters, got 0'],
    ['91330100716105852', 'must be 18 characters, got 17'],
    ['91330100716105852FF', 'must be 18 characters, got 19'],
    ['统一社会信用代码', 'must be 18 characters, got 8'],
  ])('rejects %j by length', (raw, reason) => {
    expect(validateCreditCode(raw)).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['9133010071610585:F', 'contains ":" which is not allowed'],
    ['91330100716105852统', 'contains "统" which is not allowed'],
    ['9133010071610585\u{1f600}', 'contains "\u{1f600}" which is not allowed'],
    ['91330100716105852\u00e9', 'contains "\u00c9" which is not allowed'],
  ])('rejects %j for a character outside the alphabet', (raw, reason) => {
    expect(validateCreditCode(raw)).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['913301007161I5852F', 'I', '1'],
    ['91330100716O05852F', 'O', '0'],
    ['9133010071610585ZF', 'Z', '2'],
    ['S1330100716105852F', 'S', '5'],
    ['9V330100716105852F', 'V', 'U'],
  ])('rejects %j for a letter GB 32100 leaves out, and says which', (raw, letter, meant) => {
    expect(validateCreditCode(raw)).toMatchObject({
      ok: false,
      reason: `contains "${letter}" which is not allowed: GB 32100 codes use no I, O, S, V or Z (is "${letter}" a mistyped "${meant}"?)`,
    });
  });

  it('reads past spaces and hyphens that group a code, and counts only its characters', () => {
    const code = makeCreditCode('91310114', 'MA1GT3KQ');
    for (const grouped of [
      `${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8, 12)} ${code.slice(12)}`,
      `${code.slice(0, 8)}-${code.slice(8)}`,
      `${code.slice(0, 8)}－${code.slice(8, 17)}\u00a0${code[17]}`,
    ])
      expect(validateCreditCode(grouped)).toEqual({ ok: true, code });
    expect(validateCreditCode('91330100-716105852')).toMatchObject({
      ok: false,
      reason: 'must be 18 characters, got 17',
    });
    expect(validateCreditCode('9133 0100716105852')).toMatchObject({ ok: false });
    // The checks still guard a grouped code: one character changed is refused.
    const wrong = `${code.slice(0, 8)} ${code.slice(8, 17)}${code[17] === '0' ? '1' : '0'}`;
    expect(validateCreditCode(wrong)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/check character/),
    });
  });

  it.each(['9.13101E+17', '9.1310114E+17', '9.13101e17'])(
    'says that %s is a code Excel turned into a number',
    (raw) => {
      const r = validateCreditCode(raw);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.reason).toMatch(
          /scientific notation, and the code's digits are lost; format the column as text/,
        );
    },
  );

  it("drops the apostrophe that keeps Excel from reading a code as a number ('9131…)", () => {
    const code = makeCreditCode('91310114', 'MA1GT3KQ');
    expect(validateCreditCode(`'${code}`)).toEqual({ ok: true, code });
    expect(validateCreditCode(` \u2018${code.toLowerCase()} `)).toEqual({ ok: true, code });
    expect(validateCreditCode(`''${code}`)).toMatchObject({ ok: false });
  });

  it('names a 15-digit registration number (注册号) given where the credit code belongs', () => {
    const r = validateCreditCode(' 310114000123456 ');
    expect(r).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^"310114000123456" has 15 digits: a registration number \(注册号\)/),
    });
    expect(validateCreditCode('31011400012345X')).toMatchObject({
      ok: false,
      reason: 'must be 18 characters, got 15',
    });
  });

  it('says that an all-digit code ending in 000 was probably rounded by Excel', () => {
    // 913101147989012345 (a made-up all-digit code) as a workbook holding it as a number gives it back.
    const r = validateCreditCode('913101147989012000');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(/^(organisation code check digit|check character) should be/);
      expect(r.reason).toMatch(
        /Excel probably stored the code as a number and kept only its first 15 digits/,
      );
    }
    // Any other wrong code gets no such guess.
    const typo = validateCreditCode('91330100716105852E');
    expect(typo).toMatchObject({ ok: false, reason: 'check character should be "F", got "E"' });
  });

  it.each([
    ['91A30100716105852F', 'administrative division code must be 6 digits, got "A30100"'],
    ['9133010Y716105852F', 'administrative division code must be 6 digits, got "33010Y"'],
  ])('rejects %j for a division code with letters', (raw, reason) => {
    expect(validateCreditCode(raw)).toMatchObject({ ok: false, reason });
  });

  it('names the expected organisation-code check digit', () => {
    expect(validateCreditCode('91440300715267263G')).toMatchObject({
      ok: false,
      reason: 'organisation code check digit should be "X", got "3"',
    });
    expect(validateCreditCode('91330100716105853F')).toMatchObject({
      ok: false,
      reason: 'organisation code check digit should be "2", got "3"',
    });
  });

  it('rejects every wrong organisation-code check digit', () => {
    const code = '914403001922038216';
    for (const c of `${digits}X`) {
      if (c === code[16]) continue;
      const result = validateCreditCode(code.slice(0, 16) + c + code[17]);
      expect(result).toMatchObject({
        ok: false,
        reason: `organisation code check digit should be "1", got "${c}"`,
      });
    }
  });

  it('rejects a letter other than X as the organisation-code check', () => {
    expect(validateCreditCode('9144030071526726AG')).toMatchObject({
      ok: false,
      reason: 'organisation code check digit should be "X", got "A"',
    });
  });

  it('names the expected check character', () => {
    expect(validateCreditCode('91330100716105852E')).toMatchObject({
      ok: false,
      reason: 'check character should be "F", got "E"',
    });
  });

  it('explains the non-standard check character of early Xiamen codes', () => {
    // A registered company whose code predates the settled standard (hutool issue #2020).
    const result = validateCreditCode('91350203M0001FUE2P');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(
      /^check character should be "J", got "P" \(some codes issued in Xiamen/,
    );
  });

  it('rejects a published code with a wrong last character', () => {
    // Huawei's code as printed in a public "real companies" list; the registry's code ends in 6.
    expect(validateCreditCode('91440300192203821Y')).toMatchObject({
      ok: false,
      reason: 'check character should be "6", got "Y"',
    });
  });

  it.each(realCodes)('rejects every single-character substitution of %s', (code) => {
    let tried = 0;
    for (let i = 0; i < 18; i++) {
      for (const c of `${creditCodeCharset}IOZSV-`) {
        if (c === code[i]) continue;
        const mutated = code.slice(0, i) + c + code.slice(i + 1);
        const result = validateCreditCode(mutated);
        if (result.ok) throw new Error(`accepted ${mutated}, a mutation of ${code} at position ${i + 1}`);
        tried++;
      }
    }
    expect(tried).toBe(18 * 36);
  });

  it.each(realCodes)('rejects every transposition of two different adjacent characters of %s', (code) => {
    for (let i = 0; i < 17; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(validateCreditCode(swapped).ok, swapped).toBe(false);
    }
  });
});

describe('creditCodeCheckChar', () => {
  it.each(realCodes)('computes the 18th character of %s', (code) => {
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('maps a sum divisible by 31 to 0', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it.each([
    ['9133010071610585', 'expected 17 characters, got 16'],
    ['913301007161058522', 'expected 17 characters, got 18'],
    ['9133010071610585I', '"I" is not a credit-code character'],
    ['9133010071610585f', '"f" is not a credit-code character'],
    ['9133010071610585统', '"统" is not a credit-code character'],
  ])('throws for %j', (input, message) => {
    expect(() => creditCodeCheckChar(input)).toThrow(new RangeError(message));
  });
});

describe('orgCodeCheckChar', () => {
  it.each(realCodes)('computes the organisation-code check of %s', (code) => {
    expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
  });

  it.each([
    ['00000000', '0'], // 11 − 0 = 11 → 0
    ['71526726', 'X'], // 11 − 1 = 10 → X
    ['19220382', '1'],
    ['MA62K026', '0'],
  ])('%s → %s', (body, check) => {
    expect(orgCodeCheckChar(body)).toBe(check);
  });

  it('accepts the full alphabet for a body, as GB 11714 does', () => {
    expect(orgCodeCheckChar('IOZSV000')).toMatch(/^[0-9X]$/);
  });

  it.each([
    ['1922038', 'expected 8 characters, got 7'],
    ['192203821', 'expected 8 characters, got 9'],
    ['1922-382', '"-" is not an organisation-code character'],
    ['ma62k026', '"m" is not an organisation-code character'],
  ])('throws for %j', (input, message) => {
    expect(() => orgCodeCheckChar(input)).toThrow(new RangeError(message));
  });
});

function pick(random: () => number, chars: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += chars[Math.floor(random() * chars.length)];
  return s;
}

describe('makeCreditCode', () => {
  it.each(realCodes)('rebuilds %s from its parts', (code) => {
    expect(makeCreditCode(code.slice(0, 8), code.slice(8, 16))).toBe(code);
  });

  it('round-trips 100,000 random codes through the validator', () => {
    const random = prng(20150930);
    const seen = new Set<string>();
    for (let n = 0; n < 100_000; n++) {
      const prefix = pick(random, creditCodeCharset, 2) + pick(random, digits, 6);
      const body = pick(random, creditCodeCharset, 8);
      const code = makeCreditCode(prefix, body);
      const result = validateCreditCode(code);
      if (!result.ok || result.code !== code) throw new Error(`${code}: ${JSON.stringify(result)}`);
      if (validateCreditCode(code.toLowerCase()).ok !== true) throw new Error(`lower-case ${code} rejected`);
      seen.add(code);
    }
    expect(seen.size).toBeGreaterThan(99_990);
  });

  it.each([
    ['9144030', '19220382', 'prefix must be 8 characters, got 7'],
    ['914403001', '19220382', 'prefix must be 8 characters, got 9'],
    ['91440300', '1922038', 'organisation body must be 8 characters, got 7'],
    ['91A40300', '19220382', 'positions 3–8 must be digits'],
    ['91440300', '1922O382', '"O" is not a credit-code character'],
    ['I1440300', '19220382', '"I" is not a credit-code character'],
  ])('throws for %j + %j', (prefix, body, message) => {
    expect(() => makeCreditCode(prefix, body)).toThrow(new RangeError(message));
  });
});

describe('describeRegistration', () => {
  it.each([
    ['11', { authority: '机构编制', category: '机关' }],
    ['12100000425006133D', { authority: '机构编制', category: '事业单位' }],
    ['13', { authority: '机构编制', category: '中央编办直接管理机构编制的群众团体' }],
    ['19', { authority: '机构编制', category: '其他' }],
    ['51', { authority: '民政', category: '社会团体' }],
    ['52', { authority: '民政', category: '民办非企业单位' }],
    ['53', { authority: '民政', category: '基金会' }],
    ['59', { authority: '民政', category: '其他' }],
    ['914403001922038216', { authority: '工商', category: '企业' }],
    ['92', { authority: '工商', category: '个体工商户' }],
    ['93', { authority: '工商', category: '农民专业合作社' }],
    ['94', { authority: '工商', category: null }],
    ['Y1', { authority: '其他', category: null }],
  ])('describes %s', (code, kind) => {
    expect(describeRegistration(code)).toEqual(kind);
  });

  it.each(['31', 'N1', 'A1', ''])('does not describe authority %j', (code) => {
    expect(describeRegistration(code)).toBeNull();
  });
});

describe('agreement with an independent implementation of GB 32100-2015 and GB 11714-1997', () => {
  // src/test/uscc.ts is written from the standards' tables and shares nothing with credit-code.ts.
  const random = prng(32100);
  const anyChar = `${referenceAlphabet}IOSVZ-`;

  it.each(realCodes)('both accept the published code %s', (code) => {
    expect(referenceIsValid(code)).toBe(true);
  });

  it('agrees on 20,000 valid codes and on each with one character changed', () => {
    let disagreements = 0;
    let mutants = 0;
    for (let n = 0; n < 20_000; n++) {
      const prefix = pick(random, referenceAlphabet, 2) + pick(random, digits, 6);
      const code = referenceCode(prefix, random, n % 5 === 0);
      if (!validateCreditCode(code).ok) disagreements++;
      const at = Math.floor(random() * 18);
      const was = code[at] as string;
      let now = was;
      while (now === was) now = anyChar[Math.floor(random() * anyChar.length)] as string;
      const mutant = code.slice(0, at) + now + code.slice(at + 1);
      // A changed character always breaks the mod-31 check (31 is prime, no weight is 0 mod 31).
      expect(referenceIsValid(mutant), mutant).toBe(false);
      if (validateCreditCode(mutant).ok !== referenceIsValid(mutant)) disagreements++;
      mutants++;
    }
    expect({ disagreements, mutants }).toEqual({ disagreements: 0, mutants: 20_000 });
  });

  it('agrees on 20,000 codes whose check character fits but whose organisation-code check may not', () => {
    let disagreements = 0;
    let valid = 0;
    for (let n = 0; n < 20_000; n++) {
      const first17 =
        pick(random, referenceAlphabet, 2) + pick(random, digits, 6) + pick(random, referenceAlphabet, 9);
      const code = first17 + referenceCheckChar(first17);
      const ours = validateCreditCode(code);
      if (ours.ok !== referenceIsValid(code)) disagreements++;
      if (ours.ok) valid++;
      else expect(ours.reason).toMatch(/^organisation code check digit should be "[0-9X]"/);
    }
    expect(disagreements).toBe(0);
    // A 17th character drawn from 31 is the right organisation-code check about one time in 31 (645 of 20,000).
    expect(valid).toBeGreaterThan(500);
    expect(valid).toBeLessThan(800);
  });

  it('agrees on 20,000 random 18-character strings', () => {
    let disagreements = 0;
    for (let n = 0; n < 20_000; n++) {
      const code = pick(random, n % 2 ? referenceAlphabet : anyChar, 18);
      if (validateCreditCode(code).ok !== referenceIsValid(code)) disagreements++;
    }
    expect(disagreements).toBe(0);
  });
});
