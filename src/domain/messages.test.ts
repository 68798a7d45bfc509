import { describe, expect, it } from 'vitest';
import { mapHeaders } from './company-fields.ts';
import { type RowContext, validateCompanyRow } from './company-row.ts';
import { validateCreditCode } from './credit-code.ts';
import {
  type Message,
  messageCodes,
  messageLanguageOf,
  messageLanguages,
  messageText,
  reasonOf,
  renderMessage,
} from './messages.ts';
import { parseDate, parseInteger, parseMoneyToYuan } from './normalise.ts';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const template = (code: Message['code'], language: (typeof messageLanguages)[number]) =>
  messageText({ code }, language);

describe('the message catalogue', () => {
  it('gives every code a text in each language with the same parameters', () => {
    expect(messageCodes.length).toBeGreaterThan(50);
    for (const code of messageCodes) {
      const zh = template(code, 'zh-CN');
      const en = template(code, 'en');
      expect(zh, code).not.toBe('');
      expect(en, code).not.toBe('');
      expect(placeholders(zh), code).toEqual(placeholders(en));
      // The Chinese is Chinese, not the English copied over.
      expect(zh, code).toMatch(/\p{Script=Han}/u);
      expect(zh, code).not.toBe(en);
    }
  });

  it('fills every placeholder of every code in both languages', () => {
    for (const code of messageCodes) {
      const params = Object.fromEntries(placeholders(template(code, 'en')).map((p) => [p, `<${p}>`]));
      for (const language of messageLanguages) {
        const text = renderMessage({ code, params, field: 'creditCode' }, language);
        expect(text, `${code} ${language}`).not.toContain('{{');
        for (const p of Object.keys(params)) expect(text, `${code} ${language}`).toContain(`<${p}>`);
      }
    }
  });
});

describe('rendering', () => {
  const wrongCheck = validateCreditCode('91330100716105852A');

  it('renders a wrong check character in Chinese and in English', () => {
    expect(wrongCheck.ok).toBe(false);
    if (wrongCheck.ok) return;
    expect(wrongCheck.message).toEqual({ code: 'creditCode.checkChar', params: { expected: 'F', got: 'A' } });
    const message = { ...wrongCheck.message, field: 'creditCode' as const };
    expect(renderMessage(message, 'zh-CN')).toBe('统一社会信用代码：校验码（第 18 位）应为“F”，实为“A”');
    expect(renderMessage(message, 'en')).toBe('Credit code: check character should be "F", got "A"');
    // The API's and the stored reason stay as they always were.
    expect(reasonOf(message)).toBe('统一社会信用代码 credit code: check character should be "F", got "A"');
  });

  it('keeps each hint in Chinese: Excel rounding, 注册号, lookalike letters, day zero, 1900-02-29, 中文数字', () => {
    const zh = (result: { ok: boolean; message?: Message }) =>
      result.ok ? '' : renderMessage(result.message as Message, 'zh-CN');
    expect(zh(validateCreditCode('913101140000000000'))).toMatch(/前 15 位.*文本/);
    expect(zh(validateCreditCode('9.13101E+17'))).toMatch(/科学计数法.*文本/);
    expect(zh(validateCreditCode('310114000123456'))).toMatch(/注册号/);
    expect(zh(validateCreditCode('91330100716105852O'))).toMatch(/“O”是否为“0”之误/);
    expect(zh(validateCreditCode('91350203M0001FUE2A'))).toMatch(/厦门/);
    expect(zh(parseDate('1900-01-00'))).toMatch(/第 0 天/);
    expect(zh(parseDate('60'))).toMatch(/1900-02-29/);
    expect(zh(parseDate('2021'))).toMatch(/年份/);
    expect(zh(parseDate('2021-03'))).toBe('“2021-03”只有年和月，没有日');
    expect(zh(parseMoneyToYuan('伍佰万元', 'wan'))).toMatch(/中文数字.*500万元/);
    expect(zh(parseInteger('-3'))).toBe('“-3”为负数');
  });

  it('leaves no placeholder in what the validators refuse', () => {
    const ctx: RowContext = {
      today: '2026-11-26',
      towns: new Map([['安亭镇', '310114103']]),
      industries: new Map([
        ['36', 'C'],
        ['3612', 'C'],
        ['65', 'I'],
      ]),
      industryNames: new Map([
        ['汽车制造业', '36'],
        ['软件和信息技术服务业', '65'],
      ]),
    };
    const headers = ['信用代码', '企业名称', '注册资本(万美元)', '币种', '成立日期', '街镇', '行业代码'];
    const headers2 = [
      '统一社会信用代码',
      '企业名称',
      '登记状态',
      '企业类型',
      '总部类型',
      '国别',
      '从业人数',
      '年产值',
    ];
    const code = '91330100716105852F';
    const rows: [string[], string[]][] = [
      [headers, ['', '甲']],
      [headers, ['合计', '', '', '', '', '', '']],
      [headers, ['统一社会信用代码', '企业名称']],
      [headers, ['数据来源：企查查']],
      [headers, [code, '甲'.repeat(201)]],
      [headers, [code, '甲', '100万元人民币']],
      [headers, [code, '甲', '100', '欧元']],
      [headers, [code, '甲', '', '火星币']],
      [headers, [code, '甲', '', '', '2999-01-01']],
      [headers, [code, '甲', '', '', '', '3.10114E+11']],
      [headers, [code, '甲', '', '', '', '月球镇']],
      [headers, [code, '甲', '', '', '', '', '9999']],
      [headers, [code, '甲', '', '', '', '', 'C3612软件和信息技术服务业']],
      [headers2, [code, '甲', '休眠']],
      [headers2, [code, '甲', '', 'XYZ']],
      [headers2, [code, '甲', '', '', '火星']],
      [headers2, [code, '甲', '', '', '', '火星']],
      [headers2, [code, '甲', '', '', '', '', '1,2345']],
      [headers2, [code, '甲', '', '', '', '', '', '1E+30亿']],
    ];
    const seen = new Set<string>();
    for (const [h, cells] of rows) {
      const result = validateCompanyRow(cells, mapHeaders(h), ctx);
      expect(result.ok, cells.join(',')).toBe(false);
      if (result.ok) continue;
      seen.add(result.message.code);
      for (const language of messageLanguages) {
        expect(renderMessage(result.message, language), cells.join(',')).not.toContain('{{');
      }
    }
    expect(seen.size).toBe(rows.length);
  });

  it('writes a row-level message without a field name', () => {
    const message: Message = { code: 'row.totals', params: { label: '合计' } };
    expect(renderMessage(message, 'zh-CN')).toBe('“合计”：合计行，不是企业');
    expect(renderMessage(message, 'en')).toBe('"合计": a totals row, not a company');
    expect(reasonOf(message)).toBe('"合计": a totals row, not a company');
  });
});

describe('messageLanguageOf', () => {
  it('reads Chinese from a zh locale and English from anything else', () => {
    expect(messageLanguageOf('zh_CN.UTF-8')).toBe('zh-CN');
    expect(messageLanguageOf('zh-Hans')).toBe('zh-CN');
    expect(messageLanguageOf('en_US.UTF-8')).toBe('en');
    expect(messageLanguageOf('C.UTF-8')).toBe('en');
    expect(messageLanguageOf(undefined)).toBe('en');
  });
});
