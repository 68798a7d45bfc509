import { describe, expect, it } from 'vitest';
import { mapHeaders, matchHeader, noteUnit } from './company-fields.ts';
import {
  parseCountry,
  parseEnterpriseType,
  parseHqType,
  parseStatus,
  type RowContext,
  validateCompanyRow,
} from './company-row.ts';

const ctx: RowContext = {
  today: '2026-11-26',
  towns: new Map([
    ['310114103', '310114103'],
    ['安亭镇', '310114103'],
    ['安亭', '310114103'],
  ]),
  industries: new Map([
    ['36', 'C'],
    ['361', 'C'],
    ['3612', 'C'],
  ]),
  industryNames: new Map([
    ['汽车制造业', '36'],
    ['汽车整车制造', '361'],
    ['汽柴油车整车制造', '3612'],
  ]),
};

const headers = [
  '统一社会信用代码',
  '企业名称',
  '注册资本（万元）',
  '成立日期',
  '所属街镇',
  '行业代码',
  '登记状态',
  '企业类型',
  '国别',
];
const mapping = mapHeaders(headers);
const row = (over: Partial<Record<string, string>> = {}) =>
  headers.map(
    (h) =>
      over[h] ??
      (
        {
          统一社会信用代码: '91330100716105852F',
          企业名称: '上海嘉定新能源汽车有限公司',
          '注册资本（万元）': '1,000.5',
          成立日期: '2021年3月5日',
          所属街镇: '安亭',
          行业代码: 'C3612',
          登记状态: '存续（在营、开业、在册）',
          企业类型: '有限责任公司(外商投资、非独资)',
          国别: '德国',
        } as Record<string, string>
      )[h] ??
      '',
  );

describe('header matching', () => {
  it('matches Chinese and English aliases, full-width brackets and units', () => {
    expect(matchHeader('注册资本（万元）')).toEqual({
      field: 'registeredCapital',
      unit: 'wan',
      currency: null,
    });
    expect(matchHeader(' Registered Capital (yuan) ')).toEqual({
      field: 'registeredCapital',
      unit: 'yuan',
      currency: null,
    });
    expect(matchHeader('统一社会信用代码')).toEqual({ field: 'creditCode', unit: null, currency: null });
    expect(matchHeader('Credit Code')).toEqual({ field: 'creditCode', unit: null, currency: null });
    expect(matchHeader('备注')).toBeNull();
  });

  it('reads past zero-width characters and a byte-order mark in a header cell', () => {
    expect(matchHeader('企业名称\u200b')?.field).toBe('nameZh');
    expect(matchHeader('\u2060统一社会信用代码\u200d')?.field).toBe('creditCode');
    expect(matchHeader('\ufeff注册资本\u200c（万元）')).toEqual({
      field: 'registeredCapital',
      unit: 'wan',
      currency: null,
    });
  });

  it('knows the headers of commercial registry exports and import templates', () => {
    const field = (h: string) => matchHeader(h)?.field ?? null;
    expect(field('社会统一信用代码')).toBe('creditCode');
    expect(field('统一社会信用代码/注册号')).toBe('creditCode');
    expect(field('*统一社会信用代码')).toBe('creditCode');
    expect(field('※企业名称')).toBe('nameZh');
    expect(field('企业（机构）名称')).toBe('nameZh');
    expect(field('企业(机构)类型')).toBe('enterpriseType');
    expect(field('公司类型')).toBe('enterpriseType');
    expect(field('市场主体类型')).toBe('enterpriseType');
    expect(field('英文名')).toBe('nameEn');
    expect(field('法定代表人/负责人')).toBe('legalRepresentative');
    expect(field('住所/经营场所')).toBe('address');
    expect(field('单位名称')).toBe('nameZh');
    expect(field('执行事务合伙人')).toBe('legalRepresentative');
    expect(field('街道/镇')).toBe('town');
    expect(field('注册资本(金)')).toBe('registeredCapital');
    expect(field('Established Date')).toBe('establishedOn');
    expect(field('Company Type')).toBe('enterpriseType');
    expect(field('Operating Status')).toBe('status');
    expect(field('Registered Address')).toBe('address');
    // A note in brackets after a header is not part of its name …
    expect(field('成立日期\n（年月日）')).toBe('establishedOn');
    expect(field('统一社会信用代码(必填)')).toBe('creditCode');
    expect(field('企业名称（中文）')).toBe('nameZh');
    // … unless it speaks of money: then it is a unit (see "units of amounts"), or the header is not read.
    expect(matchHeader('注册资本（万美元）')?.currency).toBe('USD');
    expect(matchHeader('年税收（万美元）')).toBeNull();
    // The statistics bureau's directory (名录库) and district extracts.
    expect(field('单位详细名称')).toBe('nameZh');
    expect(field('法定代表人(单位负责人)')).toBe('legalRepresentative');
    expect(field('单位负责人')).toBe('legalRepresentative');
    expect(field('详细地址')).toBe('address');
    expect(field('所属街道/乡镇')).toBe('town');
    expect(field('镇（街道）')).toBe('town');
    expect(field('所属镇(街道)')).toBe('town');
    expect(field('乡镇街道')).toBe('town');
    expect(field('从业人员期末人数')).toBe('employees');
    expect(field('国民经济行业分类')).toBe('industryCode');
    expect(field('行业类别')).toBe('industryCode');
    expect(field('企业登记注册类型')).toBe('enterpriseType');
    // A year and month (开业(成立)时间) is no establishment date, an area code may name only the district, and the
    // directory's 运营状态 has values the registry's statuses cannot hold: left unread rather than refuse every row.
    expect(field('开业(成立)时间')).toBeNull();
    expect(field('行政区划代码')).toBeNull();
    expect(field('运营状态')).toBeNull();
    expect(field('实缴资本')).toBeNull();
    expect(field('核准日期')).toBeNull();
    expect(field('参保人数')).toBeNull();
  });

  it('reports unknown, missing and doubly mapped columns, and honours overrides', () => {
    const m = mapHeaders(['名称', '备注', '企业名称']);
    expect(m.unknown).toEqual(['备注']);
    expect(m.missing).toEqual(['creditCode']);
    expect(m.columns.nameZh).toBe(2);
    expect(m.ignored).toEqual(['名称']);
    expect(m.duplicates).toEqual([]);
    const twice = mapHeaders(['代码', '编号', '企业名称'], { 代码: 'creditCode', 编号: 'creditCode' });
    expect(twice.duplicates).toEqual(['creditCode']);
    const fixed = mapHeaders(['代码', '企业名称', '备注'], { 代码: 'creditCode', 备注: '' });
    expect(fixed.columns).toEqual({ creditCode: 0, nameZh: 1 });
    expect(fixed.unknown).toEqual([]);
    expect(fixed.missing).toEqual([]);
  });
});

describe('two columns for one field', () => {
  it('reads the more specific header and ignores the other, whichever comes first', () => {
    const headers = [
      '统一社会信用代码',
      '企业名称',
      '所属行业',
      '行业代码',
      '经营状态',
      '登记状态',
      '注册资本(万元)',
      '注册资金',
    ];
    const m = mapHeaders(headers);
    expect(m.columns).toMatchObject({ industryCode: 3, status: 5, registeredCapital: 6 });
    expect(m.units).toEqual({ registeredCapital: 'wan' });
    expect(m.ignored).toEqual(['所属行业', '经营状态', '注册资金']);
    // An empty cell in the column read is taken from the other, except for amounts, whose units may differ.
    expect(m.fallbacks).toEqual({ industryCode: [2], status: [4] });
    const blank = validateCompanyRow(
      ['91330100716105852F', '上海甲有限公司', '汽车制造业', '', '在业', '', '', '50'],
      m,
      ctx,
    );
    expect(
      blank.ok && [blank.value.industryCode, blank.value.status, blank.value.registeredCapitalYuan],
    ).toEqual(['36', 'active', null]);
    expect(m.duplicates).toEqual([]);
    const r = validateCompanyRow(
      ['91330100716105852F', '上海甲有限公司', '汽车制造业', 'C3612', '在业', '吊销，未注销', '100', '50'],
      m,
      ctx,
    );
    expect(r.ok && [r.value.industryCode, r.value.status, r.value.registeredCapitalYuan]).toEqual([
      '3612',
      'revoked',
      1_000_000n,
    ]);
    // The user's own choice in the mapping step wins over an alias.
    const chosen = mapHeaders(headers, { 所属行业: 'industryCode' });
    expect(chosen.columns.industryCode).toBe(2);
    expect(chosen.ignored).toContain('行业代码');
  });

  it('reads an industry split into 大类, 中类 and 小类 name columns (天眼查, 启信宝) from the most specific one', () => {
    const headers = ['企业名称', '统一社会信用代码', '行业门类', '行业大类', '行业中类', '行业小类'];
    const m = mapHeaders(headers);
    expect(m.columns.industryCode).toBe(5);
    expect(m.ignored).toEqual(['行业大类', '行业中类']);
    const cells = [
      '上海甲有限公司',
      '91330100716105852F',
      '制造业',
      '汽车制造业',
      '汽车整车制造',
      '汽柴油车整车制造',
    ];
    const r = validateCompanyRow(cells, m, ctx);
    expect(r.ok && [r.value.industryCode, r.value.industrySection]).toEqual(['3612', 'C']);
    // A class left empty is read from the group, then the division.
    const division = validateCompanyRow(
      ['上海乙有限公司', '91330100716105852F', '制造业', '汽车制造业', '', '-'],
      m,
      ctx,
    );
    expect(division.ok && division.value.industryCode).toBe('36');
    // Where a 行业代码 column is there too, the code is read.
    expect(mapHeaders(['行业代码', ...headers]).columns.industryCode).toBe(0);
    expect(mapHeaders(['国标行业大类', '企业名称', '统一社会信用代码']).columns.industryCode).toBe(0);
  });
});

describe('units of amounts', () => {
  it('reads the unit in a header, also as 单位：万元 or 亿元 in brackets', () => {
    expect(matchHeader('注册资本(单位:万元)')).toEqual({
      field: 'registeredCapital',
      unit: 'wan',
      currency: null,
    });
    expect(matchHeader('注册资本（人民币万元）')).toEqual({
      field: 'registeredCapital',
      unit: 'wan',
      currency: null,
    });
    expect(matchHeader('年产值（亿元）')).toEqual({ field: 'annualOutput', unit: 'yi', currency: null });
    expect(matchHeader('年税收(元)')).toEqual({ field: 'annualTax', unit: 'yuan', currency: null });
  });

  it('applies a 单位 note above the header to money columns whose header names no unit', () => {
    expect(noteUnit(['嘉定区企业名录', '单位：万元'])).toBe('wan');
    expect(noteUnit(['金额单位: 亿元'])).toBe('yi');
    expect(noteUnit(['单位：人民币元'])).toBe('yuan');
    expect(noteUnit(['嘉定区企业名录（截至2024年6月30日）'])).toBeNull();
    const m = mapHeaders(['统一社会信用代码', '企业名称', '注册资本', '年产值(元)', '成立日期'], {}, [
      '单位：万元',
    ]);
    expect(m.units).toEqual({ registeredCapital: 'wan', annualOutput: 'yuan' });
    const code = '91330100716105852F';
    const r = validateCompanyRow([code, '上海甲有限公司', '500', '1,200', ''], m, ctx);
    expect(r.ok && [r.value.registeredCapitalYuan, r.value.annualOutputYuan]).toEqual([5_000_000n, 1200n]);
    const yi = mapHeaders(['统一社会信用代码', '企业名称', '年产值(亿元)']);
    const big = validateCompanyRow([code, '上海甲有限公司', '1.5'], yi, ctx);
    expect(big.ok && big.value.annualOutputYuan).toBe(150_000_000n);
  });

  it('reads a foreign currency in a registered-capital header as the currency of bare amounts under it', () => {
    expect(matchHeader('注册资本(万美元)')).toEqual({
      field: 'registeredCapital',
      unit: 'wan',
      currency: 'USD',
    });
    expect(matchHeader('注册资本（亿港元）')).toEqual({
      field: 'registeredCapital',
      unit: 'yi',
      currency: 'HKD',
    });
    expect(matchHeader('注册资本(USD)')).toEqual({
      field: 'registeredCapital',
      unit: 'yuan',
      currency: 'USD',
    });
    // Output and tax are kept in yuan: in another currency the column is not read at all.
    expect(matchHeader('年产值(万美元)')).toBeNull();
    const m = mapHeaders(['统一社会信用代码', '企业名称', '注册资本(万美元)', '币种']);
    expect(m.currencies).toEqual({ registeredCapital: 'USD' });
    const read = (capital: string, currency = '') =>
      validateCompanyRow(['91330100716105852F', '上海甲有限公司', capital, currency], m, ctx);
    const value = (capital: string, currency = '') => {
      const r = read(capital, currency);
      if (!r.ok) throw new Error(r.reason);
      return [r.value.registeredCapitalYuan, r.value.capitalCurrency];
    };
    expect(value('500')).toEqual([5_000_000n, 'USD']);
    expect(value('500万元')).toEqual([5_000_000n, 'USD']);
    expect(value('500万美元', 'USD')).toEqual([5_000_000n, 'USD']);
    expect(read('500万人民币')).toMatchObject({
      ok: false,
      reason: '注册资本 registered capital: "500万人民币" is in CNY but the column\'s header gives USD',
    });
    expect(read('500', '港币')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/in USD but .* says HKD/),
    });
  });

  it('reads the amount before a conversion noted in brackets', () => {
    const m = mapHeaders(['统一社会信用代码', '企业名称', '注册资本']);
    const value = (capital: string) => {
      const r = validateCompanyRow(['91330100716105852F', '上海甲有限公司', capital], m, ctx);
      if (!r.ok) throw new Error(r.reason);
      return [r.value.registeredCapitalYuan, r.value.capitalCurrency];
    };
    expect(value('100万美元（折合人民币650万元）')).toEqual([1_000_000n, 'USD']);
    expect(value('100万美元(约合人民币650万元)')).toEqual([1_000_000n, 'USD']);
    expect(value('200万欧元 (折人民币1500万元)')).toEqual([2_000_000n, 'EUR']);
  });
});

describe('company row validation', () => {
  it('normalises a messy but valid row', () => {
    const r = validateCompanyRow(row(), mapping, ctx);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value).toMatchObject({
      creditCode: '91330100716105852F',
      registeredCapitalYuan: 10_005_000n,
      establishedOn: '2021-03-05',
      townCode: '310114103',
      industryCode: '3612',
      industryDivision: '36',
      industrySection: 'C',
      status: 'active',
      enterpriseType: 'foreign',
      sourceCountry: 'DE',
    });
  });

  it('says that a town code in scientific notation was mangled by Excel', () => {
    const r = validateCompanyRow(row({ 所属街镇: '3.10114E+11' }), mapping, ctx);
    expect(r).toMatchObject({
      ok: false,
      reason:
        '街镇 town: "3.10114E+11" is a division code as Excel shows a number in scientific notation, and its digits are lost; format the column as text (文本) where the file was made and export it again',
    });
    expect(validateCompanyRow(row({ 所属街镇: '浦东' }), mapping, ctx)).toMatchObject({
      ok: false,
      reason: '街镇 town: unknown town "浦东"',
    });
    expect(validateCompanyRow(row({ 所属街镇: '上海市 浦东新区 张江镇' }), mapping, ctx)).toMatchObject({
      ok: false,
      reason: '街镇 town: unknown town "上海市 浦东新区 张江镇"',
    });
  });

  it('reads a town after its province, city and district, an industry by name, and a dash or 无 as an empty cell', () => {
    for (const town of [
      '上海市嘉定区安亭镇',
      '嘉定区安亭',
      '上海嘉定区安亭镇',
      // The levels parted by spaces or a path's separators, as exports that join 省/市/区/街镇 columns write them.
      '上海市嘉定区 安亭镇',
      '上海市 嘉定区 安亭镇',
      '上海市-嘉定区-安亭镇',
      '上海市/上海市/嘉定区/安亭镇',
      '上海市>嘉定区>安亭镇',
    ]) {
      const r = validateCompanyRow(row({ 所属街镇: town }), mapping, ctx);
      if (!r.ok) throw new Error(r.reason);
      expect(r.value.townCode).toBe('310114103');
    }
    for (const empty of ['-', '—', '/', '无', 'N/A']) {
      const r = validateCompanyRow(row({ '注册资本（万元）': empty, 国别: empty }), mapping, ctx);
      if (!r.ok) throw new Error(r.reason);
      expect(r.value).toMatchObject({ registeredCapitalYuan: null, sourceCountry: null });
    }
    for (const industry of ['汽车制造业', '制造业-汽车制造业', '制造业 > 汽车制造业']) {
      const r = validateCompanyRow(row({ 行业代码: industry }), mapping, ctx);
      if (!r.ok) throw new Error(r.reason);
      expect(r.value).toMatchObject({ industryCode: '36', industrySection: 'C' });
    }
    const unnamed = validateCompanyRow(row({ 行业代码: '火箭制造' }), mapping, ctx);
    expect(unnamed).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a GB\/T 4754-2017 code or/),
    });
    const district = validateCompanyRow(row({ 所属街镇: '上海市嘉定区' }), mapping, ctx);
    expect(district.ok).toBe(false);
    const required = validateCompanyRow(row({ 企业名称: '-' }), mapping, ctx);
    expect(required).toMatchObject({ ok: false, reason: expect.stringMatching(/name: is empty/) });
  });

  it('reads what commercial exports write: 暂无 and 未公开 as empty, a town in brackets, former names one per line', () => {
    for (const empty of ['暂无', '未公开', '未公示']) {
      const r = validateCompanyRow(row({ '注册资本（万元）': empty, 成立日期: empty }), mapping, ctx);
      if (!r.ok) throw new Error(r.reason);
      expect(r.value).toMatchObject({ registeredCapitalYuan: null, establishedOn: null });
    }
    for (const town of ['嘉定新城（安亭镇）', '安亭（嘉定新城）', '上海市嘉定区安亭(汽车城)']) {
      const r = validateCompanyRow(row({ 所属街镇: town }), mapping, ctx);
      if (!r.ok) throw new Error(`${town}: ${r.reason}`);
      expect(r.value.townCode).toBe('310114103');
    }
    // The statistics division list's twelve digits: the town, or a neighbourhood committee within it.
    for (const town of ['310114103000', '310114103201']) {
      const r = validateCompanyRow(row({ 所属街镇: town }), mapping, ctx);
      expect(r.ok && r.value.townCode, town).toBe('310114103');
    }
    expect(validateCompanyRow(row({ 所属街镇: '310114106000' }), mapping, ctx)).toMatchObject({ ok: false });
    expect(validateCompanyRow(row({ 所属街镇: '嘉定新城(马陆镇)' }), mapping, ctx)).toMatchObject({
      ok: false,
      reason: '街镇 town: unknown town "嘉定新城(马陆镇)"',
    });
    const m = mapHeaders(['统一社会信用代码', '企业名称', '曾用名', '标签']);
    const r = validateCompanyRow(
      ['91330100716105852F', '上海甲有限公司', '上海乙有限公司\r\n上海丙有限公司；-', ' 氢能\n 汽车 '],
      m,
      ctx,
    );
    expect(r.ok && [r.value.formerNames, r.value.tags]).toEqual([
      ['上海乙有限公司', '上海丙有限公司'],
      ['氢能', '汽车'],
    ]);
  });

  it('reads an industry given as code and name together, and refuses the two disagreeing', () => {
    const both: RowContext = {
      ...ctx,
      industries: new Map([
        ...ctx.industries,
        ['C', 'C'],
        ['367', 'C'],
        ['3670', 'C'],
        ['65', 'I'],
        ['I', 'I'],
      ]),
      industryNames: new Map([...ctx.industryNames, ['制造业', 'C'], ['汽车零部件及配件制造', '3670']]),
    };
    for (const [industry, code] of [
      ['C3670汽车零部件及配件制造', '3670'],
      ['汽车零部件及配件制造(3670)', '3670'],
      ['[C3670]汽车零部件及配件制造', '3670'],
      ['3670 汽车零部件及配件制造', '3670'],
      ['汽车制造业（C36）', '36'],
      ['C36 汽车制造业', '36'],
      ['汽车制造业 3670', '3670'], // a division's name above its class's code
      ['制造业 C3612', '3612'],
      ['C3612 未在参考表中的旧名称', '3612'], // a name the reference does not know: the code decides
      ['C 制造业', null],
      // The digits decide the section: a letter before them is notation, and a wrong one is not the code's fault.
      ['I3670', '3670'],
      ['I 制造业', null],
      ['367 汽车零部件及配件制造', '367'], // a group's code with the name its class repeats
      ['c:制造业', null],
      // A path of codes down to the class, as some exports write 行业代码: the class.
      ['C-36-367-3670', '3670'],
      ['C 36 367 3670 汽车零部件及配件制造', '3670'],
      ['36>367', '367'],
    ] as const) {
      const r = validateCompanyRow(row({ 行业代码: industry }), mapping, both);
      if (!r.ok) throw new Error(`${industry}: ${r.reason}`);
      expect(r.value, industry).toMatchObject({ industryCode: code, industrySection: 'C' });
    }
    for (const [industry, reason] of [
      [
        '汽车零部件及配件制造(3612)',
        /"汽车零部件及配件制造\(3612\)": the code 3612 and the name 汽车零部件及配件制造 \(3670\) do not agree/,
      ],
      ['C9999 火箭制造', /"C9999 火箭制造" is not a GB\/T 4754-2017 code/],
    ] as const) {
      const r = validateCompanyRow(row({ 行业代码: industry }), mapping, both);
      expect(r, industry).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
    }
  });

  it('reads a 币种 column by word or ISO code, and refuses one that contradicts the amount', () => {
    const m = mapHeaders(['统一社会信用代码', '企业名称', '注册资本(万元)', '币种']);
    const read = (capital: string, currency: string) =>
      validateCompanyRow(['91330100716105852F', '上海甲有限公司', capital, currency], m, ctx);
    const currencyOf = (capital: string, currency: string) => {
      const r = read(capital, currency);
      if (!r.ok) throw new Error(r.reason);
      return [r.value.registeredCapitalYuan, r.value.capitalCurrency];
    };
    expect(currencyOf('500', 'RMB')).toEqual([5_000_000n, 'CNY']);
    expect(currencyOf('500', '人民币元')).toEqual([5_000_000n, 'CNY']);
    expect(currencyOf('500', 'usd')).toEqual([5_000_000n, 'USD']);
    expect(currencyOf('500', 'CHF')).toEqual([5_000_000n, 'CHF']);
    expect(currencyOf('500', 'NTD')).toEqual([5_000_000n, 'TWD']);
    expect(currencyOf('500万台币', '新台币')).toEqual([5_000_000n, 'TWD']);
    expect(currencyOf('500万美元', '美元')).toEqual([5_000_000n, 'USD']);
    // 万元 alone is the unit of the column, whatever its currency.
    expect(currencyOf('500万元', '美元')).toEqual([5_000_000n, 'USD']);
    expect(read('500', 'ABC')).toMatchObject({ ok: false, reason: '币种 currency: unknown currency "ABC"' });
    expect(read('500万美元', '人民币')).toMatchObject({
      ok: false,
      reason:
        '币种 currency: the registered capital "500万美元" is in USD but the currency column says CNY ("人民币")',
    });
    expect(read('500万元人民币', 'HKD')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/in CNY but .* says HKD/),
    });
  });

  it('says a repeated header row or a note below the rows is not a company', () => {
    const r = (cells: string[]) => validateCompanyRow(cells, mapping, ctx);
    expect(r([...headers])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^repeats the header row/),
    });
    expect(r(['*社会统一信用代码', '企业名称'])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^repeats the header row/),
    });
    expect(r(['数据来源：企查查（www.qcc.com），导出时间：2024-07-01'])).toMatchObject({
      ok: false,
      reason: '"数据来源:企查查(www.qcc.com…": a note, not a company',
    });
    expect(r(['', '注：本表不含个体工商户'])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/a note, not a company$/),
    });
    // A company without its code is still blamed on the code.
    expect(r(['', '上海甲有限公司'])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/credit code: is empty/),
    });
  });

  it('reads division names from GB/T 4754-2011 that 2017 renamed by a final 业', () => {
    const renamedCtx: RowContext = {
      ...ctx,
      industries: new Map([...ctx.industries, ['75', 'M']]),
      industryNames: new Map([...ctx.industryNames, ['科技推广和应用服务', '75']]),
    };
    for (const industry of [
      '科技推广和应用服务业',
      '科技推广和应用服务',
      '科学研究和技术服务业-科技推广和应用服务业',
    ]) {
      const r = validateCompanyRow(row({ 行业代码: industry }), mapping, renamedCtx);
      if (!r.ok) throw new Error(r.reason);
      expect(r.value).toMatchObject({ industryCode: '75', industrySection: 'M' });
    }
    const r = validateCompanyRow(row({ 行业代码: '汽车制造' }), mapping, ctx);
    expect(r.ok && r.value.industryCode).toBe('36');
  });

  it('takes an industry given only by its section (门类), as a name or a letter', () => {
    const sectionCtx: RowContext = {
      ...ctx,
      industries: new Map([...ctx.industries, ['C', 'C']]),
      industryNames: new Map([...ctx.industryNames, ['制造业', 'C']]),
    };
    for (const industry of ['制造业', 'C', 'c']) {
      const r = validateCompanyRow(row({ 行业代码: industry }), mapping, sectionCtx);
      if (!r.ok) throw new Error(r.reason);
      expect(r.value).toMatchObject({ industryCode: null, industryDivision: null, industrySection: 'C' });
    }
    for (const industry of ['Q', '金融业', 'C99']) {
      const r = validateCompanyRow(row({ 行业代码: industry }), mapping, sectionCtx);
      expect(r).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/industry: ".+" is not a GB\/T 4754-2017/),
      });
    }
  });

  it('joins a Chinese name that a wrapped cell broke over two lines', () => {
    for (const [written, name] of [
      ['上海远信智能制造有限公司\n嘉定分公司', '上海远信智能制造有限公司嘉定分公司'],
      ['上海远信智能 \r\n 制造有限公司', '上海远信智能制造有限公司'],
      // A space typed in a name is the user's to keep; a break beside Latin letters stays a space.
      ['上海远信 智能制造有限公司', '上海远信 智能制造有限公司'],
      ['上海 ABC\n汽车科技有限公司', '上海 ABC 汽车科技有限公司'],
    ]) {
      const r = validateCompanyRow(row({ 企业名称: written }), mapping, ctx);
      expect(r.ok && r.value.nameZh).toBe(name);
    }
  });

  it('refuses a name holding ? or U+FFFD, where a character was lost to an encoding', () => {
    for (const [written, shown] of [
      ['上海?祥汽车科技有限公司', '\\?'],
      ['上海？祥汽车科技有限公司', '\\?'],
      ['上海\ufffd祥汽车科技有限公司', '\ufffd'],
    ]) {
      const r = validateCompanyRow(row({ 企业名称: written }), mapping, ctx);
      expect(r.ok ? '' : r.reason).toMatch(
        new RegExp(`^企业名称 name: contains "${shown}" where a character was lost`),
      );
    }
    const r = validateCompanyRow(row({ 企业名称: '上海𠮷祥汽车科技有限公司' }), mapping, ctx);
    expect(r.ok && r.value.nameZh).toBe('上海𠮷祥汽车科技有限公司');
  });

  it('accepts an establishment date up to today, and any date without a today', () => {
    const r = validateCompanyRow(row({ 成立日期: '2026年11月26日' }), mapping, ctx);
    expect(r.ok && r.value.establishedOn).toBe('2026-11-26');
    const timeless = validateCompanyRow(row({ 成立日期: '2099-01-01' }), mapping, {
      ...ctx,
      today: undefined,
    });
    expect(timeless.ok).toBe(true);
  });

  it('names a totals row as such instead of blaming its credit code', () => {
    const totalsHeaders = ['序号', ...headers];
    const totalsMapping = mapHeaders(totalsHeaders);
    for (const cells of [
      ['合计', '共312户'],
      ['', '合 计', '', '', '15000.5'],
      ['总计：312家'],
      ['Total', ''],
    ]) {
      const r = validateCompanyRow(cells, totalsMapping, ctx);
      expect(r).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^".+": a totals row, not a company$/),
      });
    }
    // A row with a wrong code is still blamed on its code, even if its name starts with such a word.
    const r = validateCompanyRow(['7', '', '合计科技有限公司'], totalsMapping, ctx);
    expect(r).toMatchObject({ ok: false, reason: '统一社会信用代码 credit code: is empty' });
  });

  it.each([
    [{ 统一社会信用代码: '91330100716105852E' }, /credit code: check character should be "F"/],
    [{ 统一社会信用代码: '' }, /credit code: is empty/],
    [{ 企业名称: '  ' }, /name: is empty/],
    [{ 成立日期: '2021-02-30' }, /establishment date: no such date/],
    [{ 成立日期: '2031-03-05' }, /establishment date: 2031-03-05 is in the future/],
    [{ 所属街镇: '南翔' }, /unknown town "南翔"/],
    [{ 行业代码: '9999' }, /not a GB\/T 4754-2017 code/],
    [{ '注册资本（万元）': 'abc' }, /registered capital/],
    [{ 登记状态: '休眠' }, /unknown status "休眠" \(expected 存续\/在业, 吊销, 注销 or 迁出\)/],
    [{ 国别: '火星' }, /unknown country/],
  ])('rejects %j with a reason naming the column', (over, reason) => {
    const r = validateCompanyRow(row(over as Record<string, string>), mapping, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('reads registry wording for status, type, HQ and country', () => {
    expect(parseStatus('注销')).toBe('cancelled');
    expect(parseStatus('吊销，未注销')).toBe('revoked');
    expect(parseStatus('吊销,未注销')).toBe('revoked');
    expect(parseStatus('吊销，已注销')).toBe('cancelled');
    expect(parseStatus('存续（在营、开业、在册）')).toBe('active');
    expect(parseStatus('迁出')).toBe('moved_out');
    expect(parseStatus('迁入')).toBe('active');
    expect(parseStatus('撤销')).toBe('cancelled');
    expect(parseStatus('在营（开业）企业')).toBe('active');
    expect(parseStatus('注销企业')).toBe('cancelled');
    for (const open of ['清算', '歇业', '停业', '其他']) expect(parseStatus(open), open).toBeNull();
    expect(parseStatus('')).toBe('active');
    expect(parseEnterpriseType('有限责任公司（台港澳法人独资）')).toBe('hmt');
    expect(parseEnterpriseType('有限责任公司(自然人投资或控股)')).toBe('domestic');
    expect(parseEnterpriseType('foreign')).toBe('foreign');
    expect(parseEnterpriseType('有限责任公司(外国法人独资)')).toBe('foreign');
    expect(parseEnterpriseType('股份有限公司(台港澳与境内合资、未上市)')).toBe('hmt');
    expect(parseEnterpriseType('有限责任公司(港资)')).toBe('hmt');
    expect(parseEnterpriseType('有限责任公司(香港法人独资)')).toBe('hmt');
    // The statistics systems' registration types (登记注册类型).
    expect(parseEnterpriseType('港、澳、台商独资经营企业')).toBe('hmt');
    expect(parseEnterpriseType('其他港、澳、台商投资企业')).toBe('hmt');
    expect(parseEnterpriseType('中外合资经营企业')).toBe('foreign');
    expect(parseEnterpriseType('外资企业')).toBe('foreign');
    for (const form of [
      '全民所有制',
      '集体所有制',
      '股份有限公司(上市)',
      '个体工商户',
      '农民专业合作社',
      '联营',
      '非公司企业法人',
    ])
      expect(parseEnterpriseType(form), form).toBe('domestic');
    expect(parseEnterpriseType('事业单位')).toBeNull();
    // Their codes alone, as the statistics directory (名录库) gives them; a number the table lacks is refused.
    expect(parseEnterpriseType('173')).toBe('domestic');
    expect(parseEnterpriseType('230')).toBe('hmt');
    expect(parseEnterpriseType('310')).toBe('foreign');
    expect(parseEnterpriseType('173 私营有限责任公司')).toBe('domestic');
    expect(parseEnterpriseType('175')).toBeNull();
    expect(parseEnterpriseType('1100')).toBeNull();
    expect(parseHqType('跨国公司地区总部')).toBe('regional_hq');
    expect(parseHqType('外资研发中心')).toBe('rnd_center');
    expect(parseHqType('')).toBe('none');
    expect(parseCountry('美国')).toBe('US');
    expect(parseCountry('Germany')).toBe('DE');
    expect(parseCountry('香港')).toBe('HK');
    expect(parseCountry('jp')).toBe('JP');
    expect(parseCountry('QQ')).toBeNull();
    // Retired codes that ICU still names must not take a country's name: 英国 was UK, 法国 FX, 俄罗斯 SU.
    for (const [name, code] of [
      ['英国', 'GB'],
      ['United Kingdom', 'GB'],
      ['UK', 'GB'],
      ['法国', 'FR'],
      ['France', 'FR'],
      ['俄罗斯', 'RU'],
      ['德国', 'DE'],
      ['越南', 'VN'],
      ['塞尔维亚', 'RS'],
      ['东帝汶', 'TL'],
      ['香港特别行政区', 'HK'],
      ['BVI', 'VG'],
      ['开曼群岛', 'KY'],
    ])
      expect(parseCountry(name as string), name).toBe(code);
    for (const notACountry of ['欧盟', 'EU', 'UN', 'FX', 'SU'])
      expect(parseCountry(notACountry), notACountry).toBeNull();
  });
});
