/** The company form's values (text as typed, money in 万元) and their conversion to the API's body. */

import type { CompanyField } from '../../../domain/company-fields.ts';
import {
  isMessageCode,
  type Message,
  type MessageParams,
  messageText,
  renderMessage,
} from '../../../domain/messages.ts';
import type { Company, CompanyInput, CompanyStatus, EnterpriseType, HqType } from '../../api/companies.ts';
import { DEFAULT_LANGUAGE, toLanguage } from '../../i18n/language.ts';
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

/** The API's body properties (as a refusal names them) → the form's field and the registry field it shows. */
const API_FIELDS: Record<string, [FormField, CompanyField]> = {
  creditCode: ['creditCode', 'creditCode'],
  nameZh: ['nameZh', 'nameZh'],
  nameEn: ['nameEn', 'nameEn'],
  legalRepresentative: ['legalRepresentative', 'legalRepresentative'],
  industryCode: ['industryCode', 'industryCode'],
  registeredCapitalYuan: ['registeredCapitalWan', 'registeredCapital'],
  capitalCurrency: ['capitalCurrency', 'capitalCurrency'],
  establishedOn: ['establishedOn', 'establishedOn'],
  townCode: ['townCode', 'town'],
  park: ['park', 'park'],
  address: ['address', 'address'],
  status: ['status', 'status'],
  enterpriseType: ['enterpriseType', 'enterpriseType'],
  sourceCountry: ['sourceCountry', 'sourceCountry'],
  hqType: ['hqType', 'hqType'],
  employees: ['employees', 'employees'],
  annualOutputYuan: ['annualOutputWan', 'annualOutput'],
  annualTaxYuan: ['annualTaxWan', 'annualTax'],
};

export interface ServerRefusal {
  /** The form field the refusal is about, if any: its text goes under that field. */
  field: FormField | null;
  /** The refusal with the field's name, for the alert above the form. */
  text: string;
  /** Without the field's name, for under the field. */
  fieldText: string;
}

/**
 * A refused save in the reader's language, from the problem's `errors` member (a message code and its
 * parameters, see src/domain/messages.ts); null when the problem carries none, and its English detail is shown.
 */
export function serverRefusal(problem: unknown, language: string): ServerRefusal | null {
  const errors = (problem as { errors?: unknown } | null | undefined)?.errors;
  const first = Array.isArray(errors) ? (errors[0] as Record<string, unknown> | undefined) : undefined;
  if (!first || !isMessageCode(first.code)) return null;
  const params = (first.params && typeof first.params === 'object' ? first.params : {}) as MessageParams;
  const lang = toLanguage(language) ?? DEFAULT_LANGUAGE;
  const mapped = typeof first.field === 'string' ? API_FIELDS[first.field] : undefined;
  const message: Message = mapped
    ? { code: first.code, params, field: mapped[1] }
    : { code: first.code, params };
  return {
    field: mapped ? mapped[0] : null,
    text: renderMessage(message, lang),
    fieldText: messageText(message, lang),
  };
}
