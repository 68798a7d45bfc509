/** The company form's values (text as typed, money in 万元) and their conversion to the API's body. */
import type { Company, CompanyInput, CompanyStatus, EnterpriseType, HqType } from '../../api/companies.ts';
import { wanToYuan, yuanToWan } from '../../lib/money.ts';

export interface CompanyFormValues {
  creditCode: string;
  nameZh: string;
  nameEn: string;
  formerNames: string[];
  legalRepresentative: string;
  industryCode: string;
  registeredCapitalWan: string;
  capitalCurrency: string;
  establishedOn: string;
  townCode: string;
  park: string;
  address: string;
  status: CompanyStatus;
  enterpriseType: EnterpriseType;
  sourceCountry: string;
  hqType: HqType;
  employees: string;
  annualOutputWan: string;
  annualTaxWan: string;
  tags: string[];
}

export type FormField = keyof CompanyFormValues;

export const EMPTY_COMPANY_FORM: CompanyFormValues = {
  creditCode: '',
  nameZh: '',
  nameEn: '',
  formerNames: [],
  legalRepresentative: '',
  industryCode: '',
  registeredCapitalWan: '',
  capitalCurrency: 'CNY',
  establishedOn: '',
  townCode: '',
  park: '',
  address: '',
  status: 'active',
  enterpriseType: 'domestic',
  sourceCountry: '',
  hqType: 'none',
  employees: '',
  annualOutputWan: '',
  annualTaxWan: '',
  tags: [],
};

export function formFromCompany(company: Company): CompanyFormValues {
  const wan = (yuan: string | null) => (yuan ? yuanToWan(yuan) : '');
  return {
    creditCode: company.creditCode,
    nameZh: company.nameZh,
    nameEn: company.nameEn ?? '',
    formerNames: company.formerNames,
    legalRepresentative: company.legalRepresentative ?? '',
    industryCode: company.industryCode ?? '',
    registeredCapitalWan: wan(company.registeredCapitalYuan),
    capitalCurrency: company.capitalCurrency || 'CNY',
    establishedOn: company.establishedOn ?? '',
    townCode: company.townCode ?? '',
    park: company.park ?? '',
    address: company.address ?? '',
    status: company.status,
    enterpriseType: company.enterpriseType,
    sourceCountry: company.sourceCountry ?? '',
    hqType: company.hqType,
    employees: company.employees === null ? '' : String(company.employees),
    annualOutputWan: wan(company.annualOutputYuan),
    annualTaxWan: wan(company.annualTaxYuan),
    tags: company.tags,
  };
}

/** Problems found before asking the server: the field and an i18n key for the message. */
export type FormErrors = Partial<Record<FormField, string>>;

export type FormResult = { ok: true; body: CompanyInput } | { ok: false; errors: FormErrors };

/** The form as a full API body (empty text → null); fields the browser can check are checked here. */
export function formToInput(values: CompanyFormValues): FormResult {
  const errors: FormErrors = {};
  const text = (value: string) => {
    const trimmed = value.trim();
    return trimmed ? trimmed : null;
  };
  const money = (field: FormField, value: string, allowNegative = false) => {
    if (!value.trim()) return null;
    const yuan = wanToYuan(value, { allowNegative });
    if (yuan === null) errors[field] = 'companyForm.errors.amount';
    return yuan;
  };
  if (!values.creditCode.trim()) errors.creditCode = 'companyForm.errors.required';
  if (!values.nameZh.trim()) errors.nameZh = 'companyForm.errors.required';
  if (values.establishedOn && !/^\d{4}-\d{2}-\d{2}$/.test(values.establishedOn))
    errors.establishedOn = 'companyForm.errors.date';
  let employees: number | null = null;
  if (values.employees.trim()) {
    if (/^\d{1,9}$/.test(values.employees.trim())) employees = Number(values.employees.trim());
    else errors.employees = 'companyForm.errors.employees';
  }
  const body: CompanyInput = {
    creditCode: values.creditCode.trim().toUpperCase(),
    nameZh: values.nameZh.trim(),
    nameEn: text(values.nameEn),
    formerNames: values.formerNames.map((name) => name.trim()).filter(Boolean),
    legalRepresentative: text(values.legalRepresentative),
    industryCode: text(values.industryCode),
    registeredCapitalYuan: money('registeredCapitalWan', values.registeredCapitalWan),
    capitalCurrency: text(values.capitalCurrency) ?? 'CNY',
    establishedOn: text(values.establishedOn),
    townCode: text(values.townCode),
    park: text(values.park),
    address: text(values.address),
    status: values.status,
    enterpriseType: values.enterpriseType,
    sourceCountry: text(values.sourceCountry)?.toUpperCase() ?? null,
    hqType: values.hqType,
    employees,
    annualOutputYuan: money('annualOutputWan', values.annualOutputWan, true),
    annualTaxYuan: money('annualTaxWan', values.annualTaxWan, true),
    tags: values.tags.map((tag) => tag.trim()).filter(Boolean),
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, body };
}

/** For a new company: leave out what was not filled in, so the server applies its defaults. */
export function createBody(body: CompanyInput): CompanyInput {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as unknown as CompanyInput;
}

/** For PATCH: only the fields that differ from the company as loaded. */
export function patchBody(before: CompanyFormValues, body: CompanyInput): Partial<CompanyInput> {
  const original = formToInput(before);
  if (!original.ok) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const previous = (original.body as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(previous ?? null) !== JSON.stringify(value ?? null)) out[key] = value;
  }
  return out as Partial<CompanyInput>;
}

/**
 * The server names the field a problem is about at the start of its detail ("成立日期 establishment date: …").
 * Which form field that is, so the message can sit under it too.
 */
const DETAIL_PREFIXES: [RegExp, FormField][] = [
  [/^统一社会信用代码|^credit ?code/i, 'creditCode'],
  [/^企业名称|^name\b/i, 'nameZh'],
  [/^英文名称/, 'nameEn'],
  [/^行业代码|^industry/i, 'industryCode'],
  [/^注册资本|^registered capital/i, 'registeredCapitalWan'],
  [/^币种|^currency/i, 'capitalCurrency'],
  [/^成立日期|^establish/i, 'establishedOn'],
  [/^(所属)?街镇|^town/i, 'townCode'],
  [/^登记状态|^status/i, 'status'],
  [/^企业类型|^enterprise type/i, 'enterpriseType'],
  [/^总部类型|^HQ/i, 'hqType'],
  [/^(投资方)?国别|^source country/i, 'sourceCountry'],
  [/^从业人数|^employees/i, 'employees'],
  [/^年产值|^annual output/i, 'annualOutputWan'],
  [/^年税收|^annual tax/i, 'annualTaxWan'],
];

export function fieldOfDetail(detail: string | undefined): FormField | null {
  if (!detail) return null;
  for (const [pattern, field] of DETAIL_PREFIXES) if (pattern.test(detail.trim())) return field;
  return null;
}
