/** The company registry API (/api/v1/companies): shapes, query keys and fetchers. */
import { useQuery } from '@tanstack/react-query';
import type { CompanyStatus, EnterpriseType, HqType } from '../../domain/company-enums.ts';
import { api, type QueryValue } from './client.ts';
import type { AuditEntry } from './types.ts';

export {
  type CompanyStatus,
  type EnterpriseType,
  enterpriseTypes as ENTERPRISE_TYPES,
  type HqType,
  hqTypes as HQ_TYPES,
  statuses as COMPANY_STATUSES,
} from '../../domain/company-enums.ts';
export const SORT_KEYS = ['name', 'established', 'capital', 'updated'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

export interface Company {
  id: string;
  creditCode: string;
  nameZh: string;
  nameEn: string | null;
  formerNames: string[];
  legalRepresentative: string | null;
  industryCode: string | null;
  industryDivision: string | null;
  industrySection: string | null;
  /** Whole yuan as a decimal string (amounts can exceed 2^53). */
  registeredCapitalYuan: string | null;
  capitalCurrency: string;
  establishedOn: string | null;
  townCode: string | null;
  park: string | null;
  address: string | null;
  status: CompanyStatus;
  enterpriseType: EnterpriseType;
  sourceCountry: string | null;
  hqType: HqType;
  employees: number | null;
  annualOutputYuan: string | null;
  annualTaxYuan: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  /** Set in lists: another company has the same normalised name. */
  likelyDuplicate?: boolean;
  /** Set in lists: a very similar name sorts next to this one; the profile lists every similar name. */
  similarName?: boolean;
}

export interface CompanyPage {
  items: Company[];
  nextCursor: string | null;
  total: number;
  totalIsExact: boolean;
}

export interface CompanyRef {
  id: string;
  nameZh: string;
  creditCode: string;
}

export interface SimilarCompany extends CompanyRef {
  /** Trigram similarity of the normalised names, 0–1. */
  similarity: number;
}

export interface CompanyDetail {
  company: Company;
  likelyDuplicates: CompanyRef[];
  similarNames: SimilarCompany[];
}

/** POST body; PATCH takes any subset. */
export interface CompanyInput {
  creditCode: string;
  nameZh: string;
  nameEn?: string | null;
  formerNames?: string[];
  legalRepresentative?: string | null;
  industryCode?: string | null;
  registeredCapitalYuan?: string | null;
  capitalCurrency?: string | null;
  establishedOn?: string | null;
  townCode?: string | null;
  park?: string | null;
  address?: string | null;
  status?: CompanyStatus;
  enterpriseType?: EnterpriseType;
  sourceCountry?: string | null;
  hqType?: HqType;
  employees?: number | null;
  annualOutputYuan?: string | null;
  annualTaxYuan?: string | null;
  tags?: string[];
}

export interface HistoryPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

export type Period = 'month' | 'year';
export const BREAKDOWNS = ['none', 'town', 'zone', 'industry', 'enterpriseType'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface RegistrationSeries {
  /** Town code, zone name, industry section letter, enterprise type, or 'all'; '' when not recorded. */
  key: string;
  total: number;
  points: { period: string; count: number }[];
}

export interface Registrations {
  period: Period;
  by: Breakdown;
  series: RegistrationSeries[];
}

export interface CountSince {
  since: string;
  count: number;
}

/** The list filters as the API takes them (capital in yuan, lists comma-separated). */
export type CompanyApiFilters = Record<string, QueryValue>;

export const companyKeys = {
  all: ['companies'] as const,
  list: (filters: CompanyApiFilters, cursor: string | null) =>
    ['companies', 'list', filters, cursor] as const,
  detail: (id: string) => ['companies', 'detail', id] as const,
  history: (id: string) => ['companies', 'history', id] as const,
  registrations: (filters: CompanyApiFilters, period: Period, by: Breakdown) =>
    ['companies', 'registrations', filters, period, by] as const,
  countSince: (filters: CompanyApiFilters, since: string) =>
    ['companies', 'count-since', filters, since] as const,
  bestMatches: (filters: CompanyApiFilters) => ['companies', 'best-matches', filters] as const,
};

export const COMPANIES_PATH = '/api/v1/companies';

export function fetchCompanies(
  filters: CompanyApiFilters,
  options: { sort: SortKey; order: SortOrder; limit: number; cursor: string | null },
  signal?: AbortSignal,
): Promise<CompanyPage> {
  return api.get<CompanyPage>(COMPANIES_PATH, { ...filters, ...options }, signal);
}

/** Companies whose name begins with a Chinese search word (上汽大众…, 上海上汽…), with the list's filters. */
export function fetchBestMatches(
  filters: CompanyApiFilters,
  signal?: AbortSignal,
): Promise<{ items: Company[] }> {
  return api.get<{ items: Company[] }>(`${COMPANIES_PATH}/best-matches`, filters, signal);
}

export function useCompany(id: string) {
  return useQuery({
    queryKey: companyKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<CompanyDetail>(`${COMPANIES_PATH}/${encodeURIComponent(id)}`, undefined, signal),
    staleTime: 0,
  });
}

export const createCompany = (body: CompanyInput) => api.post<Company>(COMPANIES_PATH, body);
export const updateCompany = (id: string, body: Partial<CompanyInput>) =>
  api.patch<Company>(`${COMPANIES_PATH}/${encodeURIComponent(id)}`, body);
export const deleteCompany = (id: string) => api.delete(`${COMPANIES_PATH}/${encodeURIComponent(id)}`);

/** The export URL for the same filters; a plain link, so the browser downloads it with the session cookie. */
export function exportUrl(
  format: 'csv' | 'xlsx',
  filters: CompanyApiFilters,
  sort: SortKey,
  order: SortOrder,
) {
  const params = new URLSearchParams({ format });
  const query: Record<string, QueryValue> = { ...filters, sort, order };
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  return `${COMPANIES_PATH}/export?${params}`;
}

// ---- imports ----

export type ImportStatus = 'uploaded' | 'running' | 'done' | 'failed';

export interface ImportUpload {
  id: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: 'utf8' | 'gb18030' | null;
  headers: string[];
  /** Header → the field it was matched to, or null when unknown. */
  mapping: Record<string, string | null>;
  /** Required fields no header was matched to. */
  missing: string[];
  /** Every field name, for the mapping select. */
  fields: string[];
  status: 'uploaded';
}

export interface ImportProgress {
  rows: number;
  accepted: number;
  rejected: number;
  bytesRead: number;
  totalBytes: number | null;
}

export interface ImportJob {
  id: string;
  fileName: string;
  status: ImportStatus;
  format: 'csv' | 'xlsx' | null;
  encoding: string | null;
  progress: ImportProgress | null;
  totalRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
  /** The failure as a message code and parameters, for the page's language; null when it has none. */
  errorCode: string | null;
  errorParams: Record<string, string | number> | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportReject {
  line: number;
  /** In English; `code` and `params` say it in the page's language (null for rows stored before codes). */
  reason: string;
  raw: string | null;
  field: string | null;
  code: string | null;
  params: Record<string, string | number> | null;
}

export interface ImportRejects {
  items: ImportReject[];
  nextAfter: number | null;
}

export const IMPORTS_PATH = `${COMPANIES_PATH}/imports`;
export const REQUIRED_IMPORT_FIELDS = ['creditCode', 'nameZh'] as const;
/** Largest upload the server accepts. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export const importKeys = {
  all: ['company-imports'] as const,
  list: ['company-imports', 'list'] as const,
  job: (id: string) => ['company-imports', 'job', id] as const,
  rejects: (id: string) => ['company-imports', 'rejects', id] as const,
};

export const importJobPath = (id: string) => `${IMPORTS_PATH}/${encodeURIComponent(id)}`;
/** The error report, its reasons in `lang`. */
export const rejectsCsvUrl = (id: string, lang: string) =>
  `${importJobPath(id)}/rejects.csv?lang=${encodeURIComponent(lang)}`;
