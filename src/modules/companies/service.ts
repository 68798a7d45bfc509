import { and, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { type CompanyField, companyFields, type Mapping } from '../../domain/company-fields.ts';
import { type CompanyValues, validateCompanyRow } from '../../domain/company-row.ts';
import { type Message, messageJson } from '../../domain/messages.ts';
import { invalid, notFound, Problem } from '../../domain/problem.ts';
import type { AuditActor } from '../audit/service.ts';
import { auditedWriter } from '../audit/writer.ts';
import { rowContext } from './context.ts';
import { companies, companyColumns } from './schema.ts';

export type CompanyRow = Omit<typeof companies.$inferSelect, 'nameGrams'>;

/** The company as the API shows it: money as decimal strings, since yuan amounts can exceed 2^53. */
export function presentCompany(row: CompanyRow) {
  return {
    id: row.id,
    creditCode: row.creditCode,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    formerNames: row.formerNames,
    legalRepresentative: row.legalRepresentative,
    industryCode: row.industryCode,
    industryDivision: row.industryDivision,
    industrySection: row.industrySection,
    registeredCapitalYuan: row.registeredCapitalYuan?.toString() ?? null,
    capitalCurrency: row.capitalCurrency,
    establishedOn: row.establishedOn,
    townCode: row.townCode,
    park: row.park,
    address: row.address,
    status: row.status,
    enterpriseType: row.enterpriseType,
    sourceCountry: row.sourceCountry,
    hqType: row.hqType,
    employees: row.employees,
    annualOutputYuan: row.annualOutputYuan?.toString() ?? null,
    annualTaxYuan: row.annualTaxYuan?.toString() ?? null,
    tags: row.tags,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type Company = ReturnType<typeof presentCompany>;

/** The writable fields, as the API takes them. */
export interface CompanyInput {
  creditCode: string;
  nameZh: string;
  nameEn?: string | null;
  formerNames?: string[];
  legalRepresentative?: string | null;
  industryCode?: string | null;
  registeredCapitalYuan?: string | number | null;
  capitalCurrency?: string | null;
  establishedOn?: string | null;
  townCode?: string | null;
  park?: string | null;
  address?: string | null;
  status?: string;
  enterpriseType?: string;
  sourceCountry?: string | null;
  hqType?: string;
  employees?: number | null;
  annualOutputYuan?: string | number | null;
  annualTaxYuan?: string | number | null;
  tags?: string[];
}

// The API and the importer share one validator: the input becomes a row of cells in field order.
const apiMapping: Mapping = {
  columns: Object.fromEntries(companyFields.map((f, i) => [f, i])),
  units: { registeredCapital: 'yuan', annualOutput: 'yuan', annualTax: 'yuan' },
  currencies: {},
  unknown: [],
  ignored: [],
  missing: [],
  duplicates: [],
};

function toCells(input: CompanyInput): string[] {
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const byField: Record<(typeof companyFields)[number], string> = {
    creditCode: s(input.creditCode),
    nameZh: s(input.nameZh),
    nameEn: s(input.nameEn),
    formerNames: (input.formerNames ?? []).join(';'),
    legalRepresentative: s(input.legalRepresentative),
    industryCode: s(input.industryCode),
    registeredCapital: s(input.registeredCapitalYuan),
    capitalCurrency: s(input.capitalCurrency),
    establishedOn: s(input.establishedOn),
    town: s(input.townCode),
    park: s(input.park),
    address: s(input.address),
    status: s(input.status),
    enterpriseType: s(input.enterpriseType),
    sourceCountry: s(input.sourceCountry),
    hqType: s(input.hqType),
    employees: s(input.employees),
    annualOutput: s(input.annualOutputYuan),
    annualTax: s(input.annualTaxYuan),
    tags: (input.tags ?? []).join(';'),
  };
  return companyFields.map((f) => byField[f]);
}

/** The API's name for each company field a row message may be about, where it differs from the importer's. */
const apiFieldNames: Partial<Record<CompanyField, keyof CompanyInput>> = {
  registeredCapital: 'registeredCapitalYuan',
  town: 'townCode',
  annualOutput: 'annualOutputYuan',
  annualTax: 'annualTaxYuan',
};

/**
 * The problem's `errors` member: the refusal as a code and parameters, on the field of the request body it is
 * about, so that a client can show it in its reader's language beside that field; `detail` keeps the English.
 */
export function companyErrors(message: Message) {
  const { field, ...rest } = messageJson(message);
  const name = field ? (apiFieldNames[field as CompanyField] ?? field) : undefined;
  return [name ? { field: name, ...rest } : rest];
}

async function validate(tx: TenantTx, input: CompanyInput): Promise<CompanyValues> {
  const result = validateCompanyRow(toCells(input), apiMapping, await rowContext(tx));
  if (!result.ok) throw invalid(result.reason, { errors: companyErrors(result.message) });
  return result.value;
}

export async function getCompany(tx: TenantTx, id: string): Promise<CompanyRow> {
  const [row] = await tx.select(companyColumns).from(companies).where(eq(companies.id, id));
  if (!row) throw notFound('company');
  return row;
}

export async function createCompany(tx: TenantTx, actor: AuditActor, input: CompanyInput) {
  const values = await validate(tx, input);
  const [taken] = await tx
    .select({ id: companies.id })
    .from(companies)
    .where(eq(companies.creditCode, values.creditCode));
  if (taken)
    throw new Problem(409, 'conflict', `a company with credit code ${values.creditCode} already exists`, {
      existingId: taken.id,
    });
  return auditedWriter(tx, actor).insert(companies, values);
}

export async function updateCompany(
  tx: TenantTx,
  actor: AuditActor,
  id: string,
  patch: Partial<CompanyInput>,
) {
  const current = presentCompany(await getCompany(tx, id));
  const values = await validate(tx, { ...current, ...patch } as CompanyInput);
  if (values.creditCode !== current.creditCode) {
    const [taken] = await tx
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.creditCode, values.creditCode), ne(companies.id, id)));
    if (taken)
      throw new Problem(409, 'conflict', `a company with credit code ${values.creditCode} already exists`, {
        existingId: taken.id,
      });
  }
  return auditedWriter(tx, actor).update(companies, id, { ...values, updatedAt: new Date() });
}

export async function deleteCompany(tx: TenantTx, actor: AuditActor, id: string) {
  await auditedWriter(tx, actor).remove(companies, id);
}

/** Other companies whose normalised name is the same: likely duplicates to merge or check. */
export async function likelyDuplicates(tx: TenantTx, row: CompanyRow) {
  const rows = await tx
    .select({ id: companies.id, nameZh: companies.nameZh, creditCode: companies.creditCode })
    .from(companies)
    .where(and(eq(companies.nameKey, row.nameKey), ne(companies.id, row.id)))
    .limit(20);
  return rows;
}

/** The registry company with this credit code, for modules that link to the registry (null if none). */
export async function findCompanyByCreditCode(tx: TenantTx, creditCode: string) {
  const [row] = await tx
    .select({ id: companies.id, nameZh: companies.nameZh, creditCode: companies.creditCode })
    .from(companies)
    .where(eq(companies.creditCode, creditCode.trim().toUpperCase()));
  return row ?? null;
}

/** Names and credit codes of these companies, for lists in other modules that show whom they refer to. */
export type CompanySummary = { id: string; nameZh: string; creditCode: string };

/** The summaries of these companies as one JSON array, a scalar subquery for a caller's own statement. */
export function companySummariesJson(ids: string[]): SQL<CompanySummary[] | null> {
  const unique = [...new Set(ids)];
  if (!unique.length) return sql`null::json`;
  return sql`(select json_agg(json_build_object('id', ${companies.id}, 'nameZh', ${companies.nameZh}, 'creditCode', ${companies.creditCode})) from ${companies} where ${inArray(companies.id, unique)})`;
}

/** The summary of the company whose id `id` yields in the row, as JSON: a correlated scalar subquery. */
export function companySummaryJson(id: SQL): SQL<CompanySummary | null> {
  return sql`(select json_build_object('id', ${companies.id}, 'nameZh', ${companies.nameZh}, 'creditCode', ${companies.creditCode}) from ${companies} where ${companies.id} = ${id})`;
}

export async function companySummaries(tx: TenantTx, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, { id: string; nameZh: string; creditCode: string }>();
  const rows = await tx
    .select({ id: companies.id, nameZh: companies.nameZh, creditCode: companies.creditCode })
    .from(companies)
    .where(inArray(companies.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}
