import { describe, expect, it } from 'vitest';
import {
  cleanText,
  companyNameKey,
  maxAmount,
  maxExcelSerial,
  maxInteger,
  parseDate,
  parseInteger,
  parseMoneyToYuan,
  toHalfWidth,
} from './normalise.ts';

describe('toHalfWidth', () => {
  it.each([
    ['', ''],
    ['abc 123', 'abc 123'],
    ['上海市嘉定区', '上海市嘉定区'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['（中国）', '(中国)'],
    ['！～', '!~'],
    ['a\u3000b', 'a b'],
    ['腾讯科技（深圳）有限公司', '腾讯科技(深圳)有限公司'],
    ['１，０００．５万元', '1,000.5万元'],
    ['中\u3000文ＡＢ中', '中 文AB中'],
    // Outside the converted ranges: Chinese punctuation, the full-width yen sign and halfwidth katakana stay.
    ['【】、。￥ｶ', '【】、。￥ｶ'],
    ['\uff00\uff5f', '\uff00\uff5f'],
  ])('%j → %j', (input, output) => {
    expect(toHalfWidth(input)).toBe(output);
  });

  it('returns the same string when nothing changes', () => {
    const s = '嘉定区安亭镇 Anting 123';
    expect(toHalfWidth(s)).toBe(s);
  });

  it('maps every full-width ASCII character to its ASCII twin', () => {
    for (let c = 0xff01; c <= 0xff5e; c++) {
      expect(toHalfWidth(String.fromCharCode(c))).toBe(String.fromCharCode(c - 0xfee0));
    }
  });
});

describe('cleanText', () => {
  it.each([
    ['', ''],
    ['   ', ''],
    ['\u3000\t\r\n', ''],
    ['abc', 'abc'],
    ['  abc  ', 'abc'],
    ['a b', 'a b'],
    ['a  b', 'a b'],
    ['a\tb', 'a b'],
    ['a\r\nb', 'a b'],
    ['a\u00a0b', 'a b'],
    ['a\u3000\u3000b', 'a b'],
    ['ＡＢＣ　有限公司', 'ABC 有限公司'],
    ['\ufeff企业名称', '企业名称'],
    ['a\u200bb', 'ab'],
    ['a \u200b b', 'a b'],
    ['\u200b', ''],
    ['a\u2060b\u200c\u200d', 'ab'],
    [' 上海  嘉定 ', '上海 嘉定'],
  ])('%j → %j', (input, output) => {
    expect(cleanText(input)).toBe(output);
  });

  it('collapses exactly what \\s matches, for every UTF-16 code unit', () => {
    const zeroWidth = new Set([0x200b, 0x200c, 0x200d, 0x2060]);
    for (let c = 0; c <= 0xffff; c++) {
      if (zeroWidth.has(c) || (c >= 0xff01 && c <= 0xff5e) || (c >= 0xd800 && c <= 0xdfff)) continue;
      const ch = String.fromCharCode(c);
      const expected = /\s/.test(ch) ? 'a b' : `a${ch}${ch}b`;
      if (cleanText(`a${ch}${ch}b`) !== expected) throw new Error(`U+${c.toString(16)}`);
    }
  });

  it('returns the same string when it is already clean', () => {
    const s = '上海市 嘉定区';
    expect(cleanText(s)).toBe(s);
  });
});

describe('parseDate', () => {
  it.each([
    ['2021-03-05', '2021-03-05'],
    ['2021-3-5', '2021-03-05'],
    ['2021/3/5', '2021-03-05'],
    ['2021/03/05', '2021-03-05'],
    ['2021.3.5', '2021-03-05'],
    ['2021年3月5日', '2021-03-05'],
    ['2021年03月05日', '2021-03-05'],
    ['2021年3月5号', '2021-03-05'],
    ['2021年3月5', '2021-03-05'],
    ['2021 年 3 月 5 日', '2021-03-05'],
    ['2021 - 03 - 05', '2021-03-05'],
    ['20210305', '2021-03-05'],
    ['２０２１－０３－０５', '2021-03-05'],
    ['２０２１年３月５日', '2021-03-05'],
    ['  2021-03-05  ', '2021-03-05'],
    ['2021-03-05T00:00:00', '2021-03-05'],
    ['2021-03-05T08:30:00.123Z', '2021-03-05'],
    ['2021-03-05T08:30:00+08:00', '2021-03-05'],
    ['2021-03-05T23:59:59-0500', '2021-03-05'],
    ['2021-03-05 00:00:00', '2021-03-05'],
    ['2021-03-05 00:00', '2021-03-05'],
    ['2021/3/5 0:00', '2021-03-05'],
    ['2021/3/5 上午 12:00:00', '2021-03-05'],
    ['2021/3/5 下午 3:15', '2021-03-05'],
    ['2021-03-05 12:00:00 AM', '2021-03-05'],
    ['2021年3月5日 08:00', '2021-03-05'],
    ['44260', '2021-03-05'],
    ['44260.75', '2021-03-05'],
    ['４４２６０', '2021-03-05'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['1900-01-01', '1900-01-01'],
    ['2100-12-31', '2100-12-31'],
    ['1', '1900-01-01'],
    ['59', '1900-02-28'],
    ['61', '1900-03-01'],
    ['1899', '1905-03-13'],
    ['2101', '1905-10-01'],
    ['73415', '2100-12-31'],
  ])('reads %j as %s', (input, value) => {
    expect(parseDate(input)).toEqual({ ok: true, value });
  });

  it.each([
    [44260, '2021-03-05'],
    [44260.999, '2021-03-05'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [36526, '2000-01-01'],
    [73415, '2100-12-31'],
  ])('reads the Excel serial %d as %s', (input, value) => {
    expect(parseDate(input)).toEqual({ ok: true, value });
  });

  it('agrees with Date for every day from 1900-03-01 to 2100-12-31', () => {
    const base = Date.UTC(1899, 11, 30);
    for (let serial = 61; serial <= 73415; serial++) {
      if (serial >= 1900 && serial <= 2100) continue;
      const expected = new Date(base + serial * 86_400_000).toISOString().slice(0, 10);
      const result = parseDate(serial);
      if (!result.ok || result.value !== expected) throw new Error(`${serial}: ${JSON.stringify(result)}`);
    }
  });

  it.each([
    ['', 'is empty'],
    ['  ', 'is empty'],
    ['2021-02-30', 'no such date 2021-02-30'],
    ['2021-02-29', 'no such date 2021-02-29'],
    ['1900-02-29', 'no such date 1900-02-29'],
    ['2021-13-01', 'no such date 2021-13-01'],
    ['2021-00-10', 'no such date 2021-00-10'],
    ['2021-04-31', 'no such date 2021-04-31'],
    ['2021-04-00', 'no such date 2021-04-00'],
    ['20211305', 'no such date 2021-13-05'],
    ['00000000', 'no such date 0000-00-00'],
    [
      '1899-12-31',
      'year 1899 is outside 1900–2100 (day zero of a spreadsheet or database: the date was empty where the file was made)',
    ],
    [
      '1899/12/30 0:00:00',
      'year 1899 is outside 1900–2100 (day zero of a spreadsheet or database: the date was empty where the file was made)',
    ],
    [
      '1900-01-00',
      'no such date 1900-01-00 (day zero of a spreadsheet or database: the date was empty where the file was made)',
    ],
    ['1899-11-30', 'year 1899 is outside 1900–2100'],
    ['2101-01-01', 'year 2101 is outside 1900–2100'],
    ['18990101', 'year 1899 is outside 1900–2100'],
    ['0', 'Excel serial 0 is out of range 1–2958465'],
    ['60', 'Excel serial 60 is 1900-02-29, a day that does not exist'],
    ['60.5', 'Excel serial 60.5 is 1900-02-29, a day that does not exist'],
    ['73416', 'year 2101 is outside 1900–2100'],
    ['2958466', 'Excel serial 2958466 is out of range 1–2958465'],
    ['2021', '2021 looks like a year, not a full date'],
    ['1900', '1900 looks like a year, not a full date'],
    ['2100', '2100 looks like a year, not a full date'],
    ['2021.03', '2021.03 looks like a year, not a full date'],
    ['garbage', 'unrecognised date "garbage"'],
    ['-44260', 'unrecognised date "-44260"'],
    ['2021-03', '"2021-03" gives a year and month but no day'],
    ['2021.3', '2021.3 looks like a year, not a full date'],
    ['2021年03月', '"2021年03月" gives a year and month but no day'],
    ['2021 年 3 月', '"2021 年 3 月" gives a year and month but no day'],
    ['202103', '"202103" gives a year and month but no day'],
    ['210305', 'year 2475 is outside 1900–2100'],
    ['2021-03-', 'unrecognised date "2021-03-"'],
    ['2021-03/05', 'unrecognised date "2021-03/05"'],
    ['2021_03_05', 'unrecognised date "2021_03_05"'],
    ['2021-003-05', 'unrecognised date "2021-003-05"'],
    ['2021-03-005', 'unrecognised date "2021-03-005"'],
    ['2021-a-05', 'unrecognised date "2021-a-05"'],
    ['2021年3-5', 'unrecognised date "2021年3-5"'],
    ['2021-03-05X', 'unrecognised date "2021-03-05X"'],
    ['2021-03-05T', 'unrecognised date "2021-03-05T"'],
    ['2021-03-05 noon', 'unrecognised date "2021-03-05 noon"'],
    ['2021年3月5日日', 'unrecognised date "2021年3月5日日"'],
    ['123456789', 'unrecognised date "123456789"'],
    ['05/03/2021', 'unrecognised date "05/03/2021" (expected the year first, e.g. 2021-03-05)'],
    ['3/5/2021', 'unrecognised date "3/5/2021" (expected the year first, e.g. 2021-03-05)'],
    ['21-03-05', 'unrecognised date "21-03-05" (expected the year first, e.g. 2021-03-05)'],
    ['20210305.5', 'unrecognised date "20210305.5" (expected the year first, e.g. 2021-03-05)'],
    [`x${'y'.repeat(60)}`, `unrecognised date "x${'y'.repeat(39)}…"`],
  ])('rejects %j: %s', (input, reason) => {
    expect(parseDate(input)).toMatchObject({ ok: false, reason });
  });

  it.each([
    [0, 'Excel serial 0 is out of range 1–2958465'],
    [0.5, 'Excel serial 0.5 is out of range 1–2958465'],
    [-1, 'Excel serial -1 is out of range 1–2958465'],
    [60, 'Excel serial 60 is 1900-02-29, a day that does not exist'],
    [2021, '2021 looks like a year, not a full date'],
    [2021.5, '2021.5 looks like a year, not a full date'],
    [73416, 'year 2101 is outside 1900–2100'],
    [maxExcelSerial, 'year 9999 is outside 1900–2100'],
    [maxExcelSerial + 1, 'Excel serial 2958466 is out of range 1–2958465'],
    [Number.NaN, 'Excel serial NaN is out of range 1–2958465'],
    [Number.POSITIVE_INFINITY, 'Excel serial Infinity is out of range 1–2958465'],
  ])('rejects the number %d: %s', (input, reason) => {
    expect(parseDate(input)).toMatchObject({ ok: false, reason });
  });
});

describe('parseMoneyToYuan', () => {
  it.each([
    // input, default unit, yuan, currency
    ['0', 'yuan', 0n, null],
    ['0.00', 'wan', 0n, null],
    ['1000', 'yuan', 1000n, null],
    ['1000', 'wan', 10_000_000n, null],
    ['1,000.5', 'yuan', 1001n, null],
    ['1,000.5', 'wan', 10_005_000n, null],
    ['1,234,567', 'yuan', 1_234_567n, null],
    ['+5', 'yuan', 5n, null],
    ['.5', 'yuan', 1n, null],
    ['5.', 'yuan', 5n, null],
    ['0.5', 'yuan', 1n, null],
    ['0.49', 'yuan', 0n, null],
    ['2.5', 'yuan', 3n, null],
    ['0.00005', 'wan', 1n, null],
    ['0.00004', 'wan', 0n, null],
    ['0.0000000000000000001', 'yuan', 0n, null],
    ['1000.5万', 'yuan', 10_005_000n, null],
    ['1000.5万元', 'yuan', 10_005_000n, 'CNY'],
    ['1000.5 万元', 'yuan', 10_005_000n, 'CNY'],
    ['1000(万元)', 'yuan', 10_000_000n, 'CNY'],
    ['1.2亿', 'wan', 120_000_000n, null],
    ['1.2亿元', 'yuan', 120_000_000n, 'CNY'],
    ['1000元', 'wan', 1000n, 'CNY'],
    ['100万美元', 'yuan', 1_000_000n, 'USD'],
    ['100万(美元)', 'yuan', 1_000_000n, 'USD'],
    ['100万美金', 'yuan', 1_000_000n, 'USD'],
    ['100万 USD', 'yuan', 1_000_000n, 'USD'],
    ['100万usd', 'yuan', 1_000_000n, 'USD'],
    ['500万人民币', 'yuan', 5_000_000n, 'CNY'],
    ['500万RMB', 'yuan', 5_000_000n, 'CNY'],
    ['5000万元人民币', 'yuan', 50_000_000n, 'CNY'],
    ['5000万人民币元', 'yuan', 50_000_000n, 'CNY'],
    ['5000元人民币', 'wan', 5000n, 'CNY'],
    ['200万港元', 'yuan', 2_000_000n, 'HKD'],
    ['200万港币', 'yuan', 2_000_000n, 'HKD'],
    ['500万元港币', 'yuan', 5_000_000n, 'HKD'],
    ['100万元美元', 'wan', 1_000_000n, 'USD'],
    ['30万欧元', 'yuan', 300_000n, 'EUR'],
    ['1亿日元', 'yuan', 100_000_000n, 'JPY'],
    ['1.5亿美元', 'yuan', 150_000_000n, 'USD'],
    // Foreign-invested companies register capital in their own currency.
    ['100万英镑', 'wan', 1_000_000n, 'GBP'],
    ['500万新加坡元', 'yuan', 5_000_000n, 'SGD'],
    ['50万瑞士法郎', 'yuan', 500_000n, 'CHF'],
    ['1亿韩元', 'yuan', 100_000_000n, 'KRW'],
    ['200万澳大利亚元', 'yuan', 2_000_000n, 'AUD'],
    ['200万澳元', 'yuan', 2_000_000n, 'AUD'],
    ['300万加拿大元', 'yuan', 3_000_000n, 'CAD'],
    ['100万新台币', 'yuan', 1_000_000n, 'TWD'],
    ['100万澳门元', 'yuan', 1_000_000n, 'MOP'],
    ['300万瑞典克朗', 'yuan', 3_000_000n, 'SEK'],
    ['500万丹麦克朗', 'wan', 5_000_000n, 'DKK'],
    ['1000万泰铢', 'yuan', 10_000_000n, 'THB'],
    ['2亿俄罗斯卢布', 'yuan', 200_000_000n, 'RUB'],
    ['100万澳门币', 'yuan', 1_000_000n, 'MOP'],
    ['100瑞典克朗', 'wan', 100n, 'SEK'],
    ['100英镑', 'wan', 100n, 'GBP'],
    ['100 GBP', 'wan', 1_000_000n, 'GBP'],
    // A currency named …元 states its unit; one naming only the currency leaves the default unit.
    ['100美元', 'wan', 100n, 'USD'],
    ['100人民币', 'wan', 1_000_000n, 'CNY'],
    ['100港币', 'wan', 1_000_000n, 'HKD'],
    ['100 USD', 'wan', 1_000_000n, 'USD'],
    ['人民币5000万元', 'yuan', 50_000_000n, 'CNY'],
    ['人民币 5,000 万', 'yuan', 50_000_000n, 'CNY'],
    ['¥1,234.50', 'yuan', 1235n, 'CNY'],
    ['￥1234', 'yuan', 1234n, 'CNY'],
    ['￥１２３４', 'yuan', 1234n, 'CNY'],
    ['$100万', 'yuan', 1_000_000n, 'USD'],
    ['US$100万', 'yuan', 1_000_000n, 'USD'],
    ['us$100万', 'yuan', 1_000_000n, 'USD'],
    ['HK$200万', 'yuan', 2_000_000n, 'HKD'],
    ['€30万', 'yuan', 300_000n, 'EUR'],
    ['USD 100万美元', 'yuan', 1_000_000n, 'USD'],
    ['１，０００．５万元', 'yuan', 10_005_000n, 'CNY'],
    ['\u3000１０００万元\u3000', 'yuan', 10_000_000n, 'CNY'],
    ['1.2E+08', 'yuan', 120_000_000n, null],
    ['1.2e8', 'yuan', 120_000_000n, null],
    ['1.5E-1', 'yuan', 0n, null],
    ['5E-1', 'yuan', 1n, null],
    ['1.2E+04万元', 'yuan', 120_000_000n, 'CNY'],
    ['9223372036854775807', 'yuan', maxAmount, null],
    ['922337203685477.5807', 'wan', maxAmount, null],
    ['123456789012345678', 'yuan', 123_456_789_012_345_678n, null],
    ['1234567890123456.5', 'yuan', 1_234_567_890_123_457n, null],
    ['1234567890123456.4', 'yuan', 1_234_567_890_123_456n, null],
    ['0.00000000000000000000000005', 'wan', 0n, null],
    ['90071992547409.93', 'wan', 900_719_925_474_099_300n, null],
    ['500万元整', 'yuan', 5_000_000n, 'CNY'],
    ['人民币500万元整', 'yuan', 5_000_000n, 'CNY'],
    ['100万美元整', 'yuan', 1_000_000n, 'USD'],
    ['9e18', 'yuan', 9_000_000_000_000_000_000n, null],
    ['9.2e14', 'wan', 9_200_000_000_000_000_000n, null],
  ] as const)('reads %j (default %s) as %d %s', (input, unit, yuan, currency) => {
    expect(parseMoneyToYuan(input, unit)).toEqual({ ok: true, yuan, currency });
  });

  it.each([
    [1000.5, 'wan', 10_005_000n],
    [1000.5, 'yuan', 1001n],
    [0, 'yuan', 0n],
    [0.5, 'yuan', 1n],
    [0.00005, 'wan', 1n],
    [1e-7, 'wan', 0n],
    [123456789.123, 'yuan', 123_456_789n],
    [0.1 + 0.2, 'wan', 3000n],
    [2 ** 60, 'yuan', 1_152_921_504_606_847_000n], // as printed: 1152921504606847000
  ] as const)('reads the number %d (default %s) as %d', (input, unit, yuan) => {
    expect(parseMoneyToYuan(input, unit)).toEqual({ ok: true, yuan, currency: null });
  });

  it.each([
    ['', 'is empty'],
    ['  ', 'is empty'],
    ['-5', 'negative amount "-5"'],
    ['-5万元', 'negative amount "-5万元"'],
    ['¥-5', 'negative amount "¥-5"'],
    ['abc', 'not an amount: "abc"'],
    ['万元', 'not an amount: "万元"'],
    ['(万元)', 'not an amount: "(万元)"'],
    ['无', 'not an amount: "无"'],
    ['.', 'not an amount: "."'],
    ['+', 'not an amount: "+"'],
    ['£100', 'not an amount: "£100"'],
    ['1,00', 'misplaced thousands separator in "1,00"'],
    ['1,5', 'misplaced thousands separator in "1,5"'],
    ['1,0000', 'misplaced thousands separator in "1,0000"'],
    ['1000,000', 'misplaced thousands separator in "1000,000"'],
    [',100', 'not an amount: ",100"'],
    ['1,,000', 'misplaced thousands separator in "1,,000"'],
    ['1,000,', 'misplaced thousands separator in "1,000,"'],
    ['1.000,50', 'unknown unit or currency ",50"'],
    ['100万磅', 'unknown unit or currency "万磅"'],
    ['100整', 'unknown unit or currency "整"'],
    [
      '伍佰万元',
      'not an amount: "伍佰万元" is written in Chinese numerals; write it in digits (伍佰万元 as 500万元)',
    ],
    [
      '人民币壹仟万元整',
      'not an amount: "人民币壹仟万元整" is written in Chinese numerals; write it in digits (伍佰万元 as 500万元)',
    ],
    ['100 000', 'unknown unit or currency "000"'],
    ['1e', 'unknown unit or currency "e"'],
    ['1E+', 'unknown unit or currency "E+"'],
    ['1e1234', 'unknown unit or currency "e1234"'],
    ['1.2.3', 'unknown unit or currency ".3"'],
    ['$100万元', 'conflicting currencies USD and CNY'],
    ['人民币100万美元', 'conflicting currencies CNY and USD'],
    ['9223372036854775808', 'amount is too large'],
    ['922337203685477.5808万', 'amount is too large'],
    ['1e999', 'amount is too large'],
    ['1e41', 'amount is too large'],
    ['12345678901234567890.5', 'amount is too large'],
    ['123456789012345678901e30', 'amount is too large'],
    ['1234567890123456789e41', 'amount is too large'],
    ['10000亿亿', 'unknown unit or currency "亿亿"'],
  ])('rejects %j: %s', (input, reason) => {
    expect(parseMoneyToYuan(input, 'yuan')).toMatchObject({ ok: false, reason });
  });

  it.each([
    [-1, 'negative amount -1'],
    [Number.NaN, 'not an amount: NaN'],
    [Number.POSITIVE_INFINITY, 'not an amount: Infinity'],
    [1e21, 'amount is too large'],
  ])('rejects the number %d: %s', (input, reason) => {
    expect(parseMoneyToYuan(input, 'wan')).toMatchObject({ ok: false, reason });
  });

  it('shortens a long cell in the reason', () => {
    const result = parseMoneyToYuan(`x${'y'.repeat(100)}`, 'yuan');
    expect(result).toMatchObject({ ok: false, reason: `not an amount: "x${'y'.repeat(39)}…"` });
  });

  it('agrees with exact decimal arithmetic on random amounts of 1–24 digits', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let n = 0; n < 20_000; n++) {
      let whole = String(1 + next(9));
      for (let k = next(16); k > 0; k--) whole += String(next(10));
      let fraction = '';
      for (let k = next(9); k > 0; k--) fraction += String(next(10));
      const unit = next(3); // 0: 元 as written, 1: 万, 2: 亿
      const text = `${whole}${fraction ? `.${fraction}` : ''}${['', '万', '亿'][unit]}`;
      // Exact: all digits as an integer, scaled by 10^(unit power − fraction length), rounded half up.
      const shift = [0, 4, 8][unit] as number;
      const all = BigInt(whole + fraction);
      const power = shift - fraction.length;
      let expected: bigint;
      if (power >= 0) {
        expected = all * 10n ** BigInt(power);
      } else {
        const p = 10n ** BigInt(-power);
        expected = all / p + (2n * (all % p) >= p ? 1n : 0n);
      }
      const result = parseMoneyToYuan(text, 'yuan');
      const want =
        expected > maxAmount
          ? { ok: false, reason: 'amount is too large' }
          : { ok: true, yuan: expected, currency: null };
      expect(result, text).toEqual(want);
    }
  });
});

describe('parseInteger', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['+7', 7],
    ['1200', 1200],
    ['1,200', 1200],
    ['1,234,567', 1_234_567],
    ['1200人', 1200],
    ['1200 人', 1200],
    [' 35 名 ', 35],
    ['12个', 12],
    ['3家', 3],
    ['１２００', 1200],
    ['１，２００人', 1200],
    ['12.0', 12],
    ['12.00人', 12],
    ['1.2万人', 12_000],
    ['1.25万', 12_500],
    ['1.2345万', 12_345],
    ['3万名', 30_000],
    ['2万个', 20_000],
    ['1万家', 10_000],
    ['2147483647', maxInteger],
    ['007', 7],
  ])('reads %j as %d', (input, value) => {
    expect(parseInteger(input)).toEqual({ ok: true, value });
  });

  it.each([
    [0, 0],
    [1200, 1200],
    [maxInteger, maxInteger],
  ])('reads the number %d', (input, value) => {
    expect(parseInteger(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'is empty'],
    ['  ', 'is empty'],
    ['-3', 'negative number "-3"'],
    ['abc', 'not a number: "abc"'],
    ['约100人', 'not a number: "约100人"'],
    ['100人左右', 'not a number: "100人左右"'],
    ['100 200', 'not a number: "100 200"'],
    ['.5', 'not a number: ".5"'],
    ['12.5', 'not a whole number: "12.5"'],
    ['12.30', 'not a whole number: "12.30"'],
    ['1.23456万', 'not a whole number: "1.23456万"'],
    ['1.000001', 'not a whole number: "1.000001"'],
    ['1,20', 'misplaced thousands separator in "1,20"'],
    ['1200,000', 'misplaced thousands separator in "1200,000"'],
    ['2147483648', 'too large (at most 2147483647)'],
    ['99999999999', 'too large (at most 2147483647)'],
    ['1234567890123456789', 'too large (at most 2147483647)'],
    ['30万万', 'not a number: "30万万"'],
    ['300000万', 'too large (at most 2147483647)'],
  ])('rejects %j: %s', (input, reason) => {
    expect(parseInteger(input)).toMatchObject({ ok: false, reason });
  });

  it.each([
    [-1, 'negative number -1'],
    [1.5, 'not a whole number: 1.5'],
    [Number.NaN, 'not a number: NaN'],
    [Number.NEGATIVE_INFINITY, 'not a number: -Infinity'],
    [maxInteger + 1, 'too large (at most 2147483647)'],
  ])('rejects the number %d: %s', (input, reason) => {
    expect(parseInteger(input)).toMatchObject({ ok: false, reason });
  });
});

describe('companyNameKey', () => {
  it.each([
    // Brackets, width and spacing do not matter.
    ['腾讯科技（深圳）有限公司', '腾讯科技深圳'],
    ['腾讯科技(深圳)有限公司', '腾讯科技深圳'],
    ['腾讯科技【深圳】有限公司', '腾讯科技深圳'],
    ['腾讯科技[深圳]有限公司', '腾讯科技深圳'],
    [' 腾讯科技 （深圳） 有限公司 ', '腾讯科技深圳'],
    ['腾讯科技·深圳、有限公司', '腾讯科技深圳'],
    // Chinese legal forms are dropped, longest first; 集团 stays.
    ['甲有限公司', '甲'],
    ['甲有限责任公司', '甲'],
    ['甲股份有限公司', '甲'],
    ['甲股份公司', '甲'],
    ['甲公司', '甲'],
    ['甲', '甲'],
    ['美的集团股份有限公司', '美的集团'],
    ['美的集团有限公司', '美的集团'],
    ['美的集团', '美的集团'],
    ['某某投资合伙企业（有限合伙）', '某某投资合伙企业'],
    ['某某会计师事务所（特殊普通合伙）', '某某会计师事务所'],
    ['某某律师事务所（普通合伙）', '某某律师事务所'],
    // Branches keep their form; a bare legal form keeps itself.
    ['甲有限公司北京分公司', '甲有限公司北京分公司'],
    ['甲分公司', '甲分公司'],
    ['有限公司', '有限公司'],
    ['股份有限公司', '股份有限公司'],
    ['公司', '公司'],
    // Latin: lower case, punctuation gone, legal-form words dropped as whole words only.
    ['Tencent Technology (Shenzhen) Co., Ltd.', 'tencenttechnologyshenzhen'],
    ['TENCENT TECHNOLOGY (SHENZHEN) CO.,LTD.', 'tencenttechnologyshenzhen'],
    ['Tencent Technology (Shenzhen) Company Limited', 'tencenttechnologyshenzhen'],
    ['Ｔｅｎｃｅｎｔ Ｃｏ．， Ｌｔｄ．', 'tencent'],
    ['Foo Co Limited', 'foo'],
    ['Foo Pte. Ltd.', 'foo'],
    ['Foo Pty Ltd', 'foo'],
    ['Foo Limited', 'foo'],
    ['Foo Ltd', 'foo'],
    ['Cisco Systems, Inc.', 'ciscosystems'],
    ['Foo Incorporated', 'foo'],
    ['Microsoft Corporation', 'microsoft'],
    ['Foo Corp.', 'foo'],
    ['Siemens GmbH', 'siemens'],
    ['Foo LLC', 'foo'],
    ['Foo PLC', 'foo'],
    ['The Boeing Company', 'theboeing'],
    ['Foo & Co.', 'foo'],
    ['Cisco', 'cisco'],
    ['(Foo) Ltd.', 'foo'],
    ['Tesco', 'tesco'],
    ['Limited', 'limited'],
    ['Co., Ltd.', 'coltd'],
    ['AT&T', 'att'],
    // Mixed names.
    ['TCL科技集团股份有限公司', 'tcl科技集团'],
    ['ABB（中国）有限公司', 'abb中国'],
    ['3M中国有限公司', '3m中国'],
    // Nothing left.
    ['', ''],
    ['   ', ''],
    ['（）', ''],
  ])('%j → %j', (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });

  it('matches names that differ only in width, brackets or legal form', () => {
    const variants = [
      '上海嘉定（集团）有限公司',
      '上海嘉定(集团)股份有限公司',
      '上海嘉定【集团】',
      '上海嘉定 (集团) 公司',
    ];
    expect(new Set(variants.map(companyNameKey)).size).toBe(1);
  });

  it('keeps a group and its operating company apart', () => {
    expect(companyNameKey('甲集团有限公司')).not.toBe(companyNameKey('甲有限公司'));
  });
});
