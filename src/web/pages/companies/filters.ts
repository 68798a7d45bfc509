/**
 * The registry's filters live in the URL query string, so a filtered list (or chart) is a link. The URL keeps
 * capital in 万元 as typed; the API takes yuan.
 */

import { planSearch } from '../../../domain/search-grams.ts';
import {
  BREAKDOWNS,
  type Breakdown,
  COMPANY_STATUSES,
  type CompanyApiFilters,
  ENTERPRISE_TYPES,
  HQ_TYPES,
  type Period,
  SORT_KEYS,
  type SortKey,
  type SortOrder,
} from '../../api/companies.ts';
import { wanToYuan } from '../../lib/money.ts';

/** Search needs at least this many characters (two Chinese characters, e.g. 氢能). */
export const MIN_QUERY_LENGTH = 2;

export interface RegistryFilters {
  q: string;
  industry: string;
  town: string[];
  zone: string;
  park: string;
  establishedFrom: string;
  establishedTo: string;
  capitalMinWan: string;
  capitalMaxWan: string;
  enterpriseType: string[];
  status: string[];
  hqType: string[];
}

export interface RegistrySort {
  sort: SortKey;
  order: SortOrder;
}

export type RegistryView = 'list' | 'analytics';

export interface AnalyticsSettings {
  period: Period;
  by: Breakdown;
  since: string;
}

/**
 * The order a list takes unless one is chosen: latest changes first, but name order while searching, which is how
 * a name is looked for and what the server answers fastest (it walks the name index and stops at the page).
 */
export function defaultSort(q: string): RegistrySort {
  return q.trim() ? { sort: 'name', order: 'asc' } : { sort: 'updated', order: 'desc' };
}
export const DEFAULT_SINCE = '2021-01-01';
export const DEFAULT_ANALYTICS: AnalyticsSettings = { period: 'year', by: 'none', since: DEFAULT_SINCE };

export const EMPTY_FILTERS: RegistryFilters = {
  q: '',
  industry: '',
  town: [],
  zone: '',
  park: '',
  establishedFrom: '',
  establishedTo: '',
  capitalMinWan: '',
  capitalMaxWan: '',
  enterpriseType: [],
  status: [],
  hqType: [],
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INDUSTRY = /^([A-T]|\d{2,4})$/;

const list = (value: string | null, allowed?: readonly string[]) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item && (!allowed || allowed.includes(item)));

const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

export function filtersFromParams(params: URLSearchParams): RegistryFilters {
  const date = (key: string) => {
    const value = params.get(key) ?? '';
    return DATE.test(value) ? value : '';
  };
  const industry = (params.get('industry') ?? '').toUpperCase();
  return {
    q: params.get('q') ?? '',
    industry: INDUSTRY.test(industry) ? industry : '',
    town: list(params.get('town')),
    zone: params.get('zone') ?? '',
    park: params.get('park') ?? '',
    establishedFrom: date('establishedFrom'),
    establishedTo: date('establishedTo'),
    capitalMinWan: params.get('capitalMinWan') ?? '',
    capitalMaxWan: params.get('capitalMaxWan') ?? '',
    enterpriseType: list(params.get('enterpriseType'), ENTERPRISE_TYPES),
    status: list(params.get('status'), COMPANY_STATUSES),
    hqType: list(params.get('hqType'), HQ_TYPES),
  };
}

export function sortFromParams(params: URLSearchParams): RegistrySort {
  const fallback = defaultSort(params.get('q') ?? '');
  return {
    sort: oneOf(params.get('sort'), SORT_KEYS, fallback.sort),
    order: oneOf(params.get('order'), ['asc', 'desc'] as const, fallback.order),
  };
}

export function viewFromParams(params: URLSearchParams): RegistryView {
  return params.get('view') === 'analytics' ? 'analytics' : 'list';
}

export function analyticsFromParams(params: URLSearchParams): AnalyticsSettings {
  const since = params.get('since') ?? '';
  return {
    period: oneOf(params.get('period'), ['month', 'year'] as const, DEFAULT_ANALYTICS.period),
    by: oneOf(params.get('by'), BREAKDOWNS, DEFAULT_ANALYTICS.by),
    since: DATE.test(since) ? since : DEFAULT_ANALYTICS.since,
  };
}

export interface RegistryState {
  filters: RegistryFilters;
  sort: RegistrySort;
  view: RegistryView;
  analytics: AnalyticsSettings;
}

/** The URL for a state; defaults are left out so links stay short. */
export function stateToParams(state: RegistryState): URLSearchParams {
  const params = new URLSearchParams();
  const { filters, sort, view, analytics } = state;
  const put = (key: string, value: string | string[]) => {
    const text = Array.isArray(value) ? value.join(',') : value.trim();
    if (text) params.set(key, text);
  };
  put('q', filters.q);
  put('industry', filters.industry);
  put('town', filters.town);
  put('zone', filters.zone);
  put('park', filters.park);
  put('establishedFrom', filters.establishedFrom);
  put('establishedTo', filters.establishedTo);
  put('capitalMinWan', filters.capitalMinWan);
  put('capitalMaxWan', filters.capitalMaxWan);
  put('enterpriseType', filters.enterpriseType);
  put('status', filters.status);
  put('hqType', filters.hqType);
  const fallback = defaultSort(filters.q);
  if (sort.sort !== fallback.sort) params.set('sort', sort.sort);
  if (sort.order !== fallback.order) params.set('order', sort.order);
  if (view !== 'list') params.set('view', view);
  if (analytics.period !== DEFAULT_ANALYTICS.period) params.set('period', analytics.period);
  if (analytics.by !== DEFAULT_ANALYTICS.by) params.set('by', analytics.by);
  if (analytics.since !== DEFAULT_ANALYTICS.since) params.set('since', analytics.since);
  return params;
}

export function stateFromParams(params: URLSearchParams): RegistryState {
  return {
    filters: filtersFromParams(params),
    sort: sortFromParams(params),
    view: viewFromParams(params),
    analytics: analyticsFromParams(params),
  };
}

/**
 * The search text is typed but the server would refuse it as too short. Asked of the server's own rule, which
 * counts letters and digits only: "%_" or "、 " is two characters but no search.
 */
export function queryTooShort(q: string): boolean {
  return q.trim() !== '' && planSearch(q).kind === 'tooShort';
}

export interface FilterProblems {
  capitalMinWan?: boolean;
  capitalMaxWan?: boolean;
  capitalRange?: boolean;
  dateRange?: boolean;
}

/** Inputs the API would refuse; they are left out of the request and marked on the form. */
export function filterProblems(filters: RegistryFilters): FilterProblems {
  const problems: FilterProblems = {};
  const min = filters.capitalMinWan.trim() ? wanToYuan(filters.capitalMinWan) : undefined;
  const max = filters.capitalMaxWan.trim() ? wanToYuan(filters.capitalMaxWan) : undefined;
  if (min === null) problems.capitalMinWan = true;
  if (max === null) problems.capitalMaxWan = true;
  if (min && max && BigInt(min) > BigInt(max)) problems.capitalRange = true;
  if (filters.establishedFrom && filters.establishedTo && filters.establishedFrom > filters.establishedTo)
    problems.dateRange = true;
  return problems;
}

/** The filters as API query parameters: capital in yuan, lists comma-separated, unusable inputs left out. */
export function apiFilters(filters: RegistryFilters): CompanyApiFilters {
  const query: CompanyApiFilters = {};
  const q = filters.q.trim();
  if (q && !queryTooShort(q)) query.q = q;
  if (filters.industry) query.industry = filters.industry;
  if (filters.town.length) query.town = filters.town.join(',');
  if (filters.zone) query.zone = filters.zone;
  const park = filters.park.trim();
  if (park) query.park = park;
  // A range upside down matches nothing and the API refuses it: neither end is sent until it is put right.
  const problems = filterProblems(filters);
  if (!problems.dateRange) {
    if (filters.establishedFrom) query.establishedFrom = filters.establishedFrom;
    if (filters.establishedTo) query.establishedTo = filters.establishedTo;
  }
  const min = filters.capitalMinWan.trim() ? wanToYuan(filters.capitalMinWan) : null;
  const max = filters.capitalMaxWan.trim() ? wanToYuan(filters.capitalMaxWan) : null;
  if (min && !problems.capitalRange) query.capitalMin = min;
  if (max && !problems.capitalRange) query.capitalMax = max;
  if (filters.enterpriseType.length) query.enterpriseType = filters.enterpriseType.join(',');
  if (filters.status.length) query.status = filters.status.join(',');
  if (filters.hqType.length) query.hqType = filters.hqType.join(',');
  return query;
}

/** How many filters (besides the search text) are set: shown on the collapsed filter panel. */
export function activeFilterCount(filters: RegistryFilters): number {
  const { q: _q, ...rest } = filters;
  return Object.values(rest).filter((value) => (Array.isArray(value) ? value.length > 0 : value !== ''))
    .length;
}
