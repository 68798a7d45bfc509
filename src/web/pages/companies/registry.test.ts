import { describe, expect, it } from 'vitest';
import type { Company } from '../../api/companies.ts';
import {
  createBody,
  EMPTY_COMPANY_FORM,
  formFromCompany,
  formToInput,
  patchBody,
  serverRefusal,
} from './companyForm.ts';
import {
  activeFilterCount,
  apiFilters,
  EMPTY_FILTERS,
  filterProblems,
  queryTooShort,
  stateFromParams,
  stateToParams,
} from './filters.ts';
import {
  checkMapping,
  IGNORE,
  ignoreUnresolved,
  initialChoice,
  progressPercent,
  startMapping,
  UNSET,
} from './importMapping.ts';
import { rejectReason } from './messages.ts';
import { alignSeries, MAX_SERIES, OTHER_KEY, periodRange } from './registrationsChart.ts';

describe('registry filters in the URL', () => {
  it('round-trips a filtered, sorted view', () => {
    const params = new URLSearchParams(
      'q=氢能&industry=c&town=310114103,310114106&establishedFrom=2021-01-01&capitalMinWan=500&status=active,bogus&sort=capital&order=asc&view=analytics&by=town',
    );
    const state = stateFromParams(params);
    expect(state.filters.industry).toBe('C');
    expect(state.filters.town).toEqual(['310114103', '310114106']);
    expect(state.filters.status).toEqual(['active']);
    expect(state.sort).toEqual({ sort: 'capital', order: 'asc' });
    expect(state.view).toBe('analytics');
    expect(state.analytics).toEqual({ period: 'year', by: 'town', since: '2021-01-01' });
    expect(stateFromParams(stateToParams(state))).toEqual(state);
  });

  it('leaves defaults out of the URL and ignores junk', () => {
    const state = stateFromParams(
      new URLSearchParams('sort=nope&order=up&establishedTo=yesterday&industry=ZZ'),
    );
    expect(state.sort).toEqual({ sort: 'updated', order: 'desc' });
    expect(state.filters.establishedTo).toBe('');
    expect(state.filters.industry).toBe('');
    expect(stateToParams(state).toString()).toBe('');
  });

  it('lists a search in name order unless another order is chosen', () => {
    expect(stateFromParams(new URLSearchParams('q=氢能')).sort).toEqual({ sort: 'name', order: 'asc' });
    expect(stateFromParams(new URLSearchParams('')).sort).toEqual({ sort: 'updated', order: 'desc' });
    const chosen = stateFromParams(new URLSearchParams('q=氢能&sort=updated&order=desc'));
    expect(chosen.sort).toEqual({ sort: 'updated', order: 'desc' });
    expect(stateToParams(chosen).toString()).toBe('q=%E6%B0%A2%E8%83%BD&sort=updated&order=desc');
    expect(stateToParams(stateFromParams(new URLSearchParams('q=氢能'))).toString()).toBe(
      'q=%E6%B0%A2%E8%83%BD',
    );
  });

  it('sends neither end of a range that is upside down', () => {
    const upsideDown = {
      ...EMPTY_FILTERS,
      capitalMinWan: '10',
      capitalMaxWan: '5',
      establishedFrom: '2022-01-01',
      establishedTo: '2021-01-01',
    };
    expect(apiFilters(upsideDown)).toEqual({});
    expect(apiFilters({ ...upsideDown, capitalMaxWan: '50', establishedTo: '2023-01-01' })).toEqual({
      capitalMin: '100000',
      capitalMax: '500000',
      establishedFrom: '2022-01-01',
      establishedTo: '2023-01-01',
    });
  });

  it('filters by park, kept in the URL and sent trimmed', () => {
    const state = stateFromParams(new URLSearchParams('park=氢能港&town=310114106'));
    expect(state.filters.park).toBe('氢能港');
    expect(stateToParams(state).get('park')).toBe('氢能港');
    expect(apiFilters({ ...EMPTY_FILTERS, park: ' 氢能港 ' })).toEqual({ park: '氢能港' });
    expect(activeFilterCount({ ...EMPTY_FILTERS, park: '氢能港' })).toBe(1);
  });

  it('sends capital in yuan and drops a one-character search', () => {
    const filters = {
      ...EMPTY_FILTERS,
      q: '氢',
      capitalMinWan: '12.5',
      capitalMaxWan: '1,000',
      hqType: ['regional_hq'],
    };
    expect(apiFilters(filters)).toEqual({
      capitalMin: '125000',
      capitalMax: '10000000',
      hqType: 'regional_hq',
    });
    expect(apiFilters({ ...filters, q: '氢能' }).q).toBe('氢能');
    expect(queryTooShort('氢')).toBe(true);
    expect(queryTooShort('氢能')).toBe(false);
    expect(queryTooShort('')).toBe(false);
    // Punctuation is not searched: two characters of it are still too short, as the server says.
    expect(queryTooShort('%_')).toBe(true);
    expect(queryTooShort('（）')).toBe(true);
    expect(apiFilters({ ...EMPTY_FILTERS, q: '%_' })).toEqual({});
    expect(queryTooShort('9131')).toBe(false);
    expect(queryTooShort('ab')).toBe(false);
    expect(activeFilterCount(filters)).toBe(3);
  });

  it('flags amounts and ranges the API would refuse', () => {
    expect(filterProblems({ ...EMPTY_FILTERS, capitalMinWan: 'abc' })).toEqual({ capitalMinWan: true });
    expect(filterProblems({ ...EMPTY_FILTERS, capitalMinWan: '10', capitalMaxWan: '5' })).toEqual({
      capitalRange: true,
    });
    expect(
      filterProblems({ ...EMPTY_FILTERS, establishedFrom: '2022-01-01', establishedTo: '2021-01-01' }),
    ).toEqual({ dateRange: true });
    expect(apiFilters({ ...EMPTY_FILTERS, capitalMinWan: 'abc' })).toEqual({});
  });
});

describe('import mapping', () => {
  const headers = ['统一社会信用代码', '企业名称', '联系电话'];
  const mapping = { 统一社会信用代码: 'creditCode', 企业名称: 'nameZh', 联系电话: null };

  it('waits for a decision on unknown columns and for the required fields', () => {
    const choice = initialChoice(headers, mapping);
    expect(choice.联系电话).toBe(UNSET);
    expect(checkMapping(headers, choice)).toMatchObject({
      ready: false,
      unresolved: ['联系电话'],
      missing: [],
    });
    const ignored = ignoreUnresolved(headers, choice);
    expect(checkMapping(headers, ignored).ready).toBe(true);
    expect(startMapping(headers, ignored)).toEqual({
      统一社会信用代码: 'creditCode',
      企业名称: 'nameZh',
      联系电话: '',
    });
    expect(checkMapping(headers, { ...ignored, 企业名称: IGNORE }).missing).toEqual(['nameZh']);
    expect(checkMapping(headers, { ...ignored, 联系电话: 'creditCode' }).duplicates).toEqual(['creditCode']);
  });

  it('measures progress by bytes', () => {
    expect(progressPercent(50, 200)).toBe(25);
    expect(progressPercent(50, null)).toBeNull();
    expect(progressPercent(500, 200)).toBe(100);
  });
});

describe('company form', () => {
  const company: Company = {
    id: 'c1',
    creditCode: '91310114MA1ABCDE0X',
    nameZh: '上海测试氢能科技有限公司',
    nameEn: null,
    formerNames: [],
    legalRepresentative: '王伟',
    industryCode: '3849',
    industryDivision: '38',
    industrySection: 'C',
    registeredCapitalYuan: '12500000',
    capitalCurrency: 'CNY',
    establishedOn: '2021-03-04',
    townCode: '310114103',
    park: null,
    address: null,
    status: 'active',
    enterpriseType: 'domestic',
    sourceCountry: null,
    hqType: 'none',
    employees: 12,
    annualOutputYuan: null,
    annualTaxYuan: null,
    tags: ['氢能'],
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
  };

  it('shows money in 万元 and sends yuan', () => {
    const values = formFromCompany(company);
    expect(values.registeredCapitalWan).toBe('1250');
    const result = formToInput({ ...values, registeredCapitalWan: '1300.5' });
    expect(result.ok && result.body.registeredCapitalYuan).toBe('13005000');
  });

  it('patches only what changed', () => {
    const values = formFromCompany(company);
    const result = formToInput({ ...values, park: ' 氢能港 ', employees: '' });
    if (!result.ok) throw new Error('expected a valid form');
    expect(patchBody(values, result.body)).toEqual({ park: '氢能港', employees: null });
  });

  it('requires the credit code and name, and leaves empty fields out of a new company', () => {
    expect(formToInput(EMPTY_COMPANY_FORM)).toEqual({
      ok: false,
      errors: { creditCode: 'companyForm.errors.required', nameZh: 'companyForm.errors.required' },
    });
    const result = formToInput({
      ...EMPTY_COMPANY_FORM,
      creditCode: ' 91310114ma1abcde0x ',
      nameZh: '某公司',
    });
    if (!result.ok) throw new Error('expected a valid form');
    expect(createBody(result.body)).toEqual({
      creditCode: '91310114MA1ABCDE0X',
      nameZh: '某公司',
      capitalCurrency: 'CNY',
      status: 'active',
      enterpriseType: 'domestic',
      hqType: 'none',
    });
  });

  it('says a refused save in the page language, under the field the server names', () => {
    const problem = {
      detail: '统一社会信用代码 credit code: check character should be "F", got "A"',
      errors: [{ field: 'creditCode', code: 'creditCode.checkChar', params: { expected: 'F', got: 'A' } }],
    };
    expect(serverRefusal(problem, 'zh-CN')).toEqual({
      field: 'creditCode',
      text: '统一社会信用代码：校验码（第 18 位）应为“F”，实为“A”',
      fieldText: '校验码（第 18 位）应为“F”，实为“A”',
    });
    expect(serverRefusal(problem, 'en')).toEqual({
      field: 'creditCode',
      text: 'Credit code: check character should be "F", got "A"',
      fieldText: 'check character should be "F", got "A"',
    });
    const capital = {
      errors: [{ field: 'registeredCapitalYuan', code: 'money.negative', params: { text: '-5' } }],
    };
    expect(serverRefusal(capital, 'zh-CN')).toMatchObject({
      field: 'registeredCapitalWan',
      text: '注册资本：金额“-5”为负数',
    });
    // A problem without a known code (a schema error, an older server) is shown by its detail.
    expect(
      serverRefusal({ detail: 'x', errors: [{ path: '/employees', message: 'must be >= 0' }] }, 'en'),
    ).toBeNull();
    expect(serverRefusal({ errors: [{ code: 'no.such.code', params: {} }] }, 'en')).toBeNull();
    expect(serverRefusal(undefined, 'en')).toBeNull();
  });
});

describe('rejected rows', () => {
  const item = {
    line: 6,
    reason: '成立日期 establishment date: no such date 2021-02-30',
    raw: null,
    field: 'establishedOn',
    code: 'date.noSuchDate',
    params: { date: '2021-02-30' },
  };

  it('says why a row was rejected in the page language', () => {
    expect(rejectReason(item, 'zh-CN')).toBe('成立日期：日期 2021-02-30 不存在');
    expect(rejectReason(item, 'en')).toBe('Establishment date: no such date 2021-02-30');
    expect(rejectReason({ ...item, field: null, code: 'row.repeats', params: { line: 2 } }, 'zh-CN')).toBe(
      '与第 2 行重复',
    );
  });

  it('shows the stored reason of a row rejected before reasons had codes', () => {
    expect(rejectReason({ ...item, field: null, code: null, params: null }, 'zh-CN')).toBe(item.reason);
  });
});

describe('registrations chart data', () => {
  it('fills the gaps between periods', () => {
    expect(periodRange('2021-11', '2022-02', 'month')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(periodRange('2019', '2021', 'year')).toEqual(['2019', '2020', '2021']);
  });

  it('aligns series on one axis and folds the smallest into "other"', () => {
    const aligned = alignSeries(
      [
        { key: 'a', total: 3, points: [{ period: '2020', count: 3 }] },
        { key: 'b', total: 5, points: [{ period: '2022', count: 5 }] },
      ],
      'year',
    );
    expect(aligned.categories).toEqual(['2020', '2021', '2022']);
    expect(aligned.series).toEqual([
      { key: 'b', total: 5, counts: [0, 0, 5] },
      { key: 'a', total: 3, counts: [3, 0, 0] },
    ]);
    const many = Array.from({ length: MAX_SERIES + 3 }, (_, i) => ({
      key: `k${i}`,
      total: 100 - i,
      points: [{ period: '2021', count: 100 - i }],
    }));
    const folded = alignSeries(many, 'year');
    expect(folded.series).toHaveLength(MAX_SERIES);
    const restTotal = many.slice(MAX_SERIES - 1).reduce((sum, item) => sum + item.total, 0);
    expect(folded.series.at(-1)).toEqual({ key: OTHER_KEY, total: restTotal, counts: [restTotal] });
    expect(alignSeries([], 'month')).toEqual({ categories: [], series: [] });
  });
});
