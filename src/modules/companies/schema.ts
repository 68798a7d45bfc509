import { getTableColumns, sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, updatedAt } from '../../db/columns.ts';
import type { Message } from '../../domain/messages.ts';

/**
 * The enterprise registry. Industry section and division are stored beside the class so that filters by any
 * level use an index; money is whole yuan (bigint), never a float.
 */
export const companies = pgTable(
  'companies',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    creditCode: text('credit_code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    formerNames: text('former_names').array().notNull().default(sql`'{}'::text[]`),
    legalRepresentative: text('legal_representative'),
    industryCode: text('industry_code'),
    industryDivision: text('industry_division'),
    industrySection: text('industry_section'),
    registeredCapitalYuan: bigint('registered_capital_yuan', { mode: 'bigint' }),
    capitalCurrency: text('capital_currency').notNull().default('CNY'),
    establishedOn: date('established_on', { mode: 'string' }),
    townCode: text('town_code'),
    park: text('park'),
    address: text('address'),
    status: text('status').notNull().default('active'),
    enterpriseType: text('enterprise_type').notNull().default('domestic'),
    sourceCountry: text('source_country'),
    hqType: text('hq_type').notNull().default('none'),
    employees: integer('employees'),
    annualOutputYuan: bigint('annual_output_yuan', { mode: 'bigint' }),
    annualTaxYuan: bigint('annual_tax_yuan', { mode: 'bigint' }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** Normalised name (see companyNameKey) that flags likely duplicates. */
    nameKey: text('name_key').notNull(),
    /** Character pairs and English trigrams of the names (see domain/search-grams), GIN-indexed for search. */
    nameGrams: text('name_grams').array().notNull(),
    /**
     * The key the name sorts by: pinyin order (see domain/name-order), compared byte for byte (COLLATE "C", set in
     * migration 0028, which drizzle cannot declare).
     */
    nameSort: text('name_sort').notNull(),
    /**
     * The bulk import that created the row. Creates by an import are audited once per import (see the import
     * pipeline), so the company's history links back to that entry through this column.
     */
    importJobId: uuid('import_job_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('companies_tenant_credit_code').on(t.tenantId, t.creditCode),
    index('companies_established').on(t.tenantId, t.establishedOn),
    index('companies_town').on(t.tenantId, t.townCode, t.establishedOn),
    index('companies_industry').on(t.tenantId, t.industryCode),
    index('companies_name_key').on(t.tenantId, t.nameKey),
  ],
);

const { nameGrams: _searchKeys, ...readable } = getTableColumns(companies);
/**
 * The columns a company is read with: every one but the name grams, which only the search index needs. They are
 * the widest value of the row, and a page carried them to the server for nothing.
 */
export const companyColumns = readable;

/**
 * New registrations per month, town, industry section and enterprise type: the registry analytics and the
 * cockpit read this instead of counting a million rows. Statement triggers on companies keep it exact in the
 * same transaction as every write, import and deletion (see migration 0007); it is derived, so backups leave it
 * out and a restore rebuilds it. Companies without an establishment date are not counted; '' stands for none.
 */
export const rollupCompanyMonths = pgTable(
  'rollup_company_months',
  {
    tenantId: tenantIdColumn(),
    month: date('month', { mode: 'string' }).notNull(),
    townCode: text('town_code').notNull(),
    industrySection: text('industry_section').notNull(),
    enterpriseType: text('enterprise_type').notNull(),
    companies: integer('companies').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.month, t.townCode, t.industrySection, t.enterpriseType] })],
);

/**
 * Registrations per town and month only: the cockpit's grain, a few hundred rows where the finer roll-up above
 * holds tens of thousands. Kept by the same statement triggers, in the same transaction as every write.
 */
export const rollupCompanyTownMonths = pgTable(
  'rollup_company_town_months',
  {
    tenantId: tenantIdColumn(),
    month: date('month', { mode: 'string' }).notNull(),
    townCode: text('town_code').notNull(),
    companies: integer('companies').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.month, t.townCode] })],
);

/** One run of a bulk import; its rejected rows are kept so the user can download the report. */
export const importJobs = pgTable(
  'import_jobs',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    entity: text('entity').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format'),
    encoding: text('encoding'),
    status: text('status').notNull(),
    mapping: text('mapping'),
    totalRows: integer('total_rows').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    error: text('error'),
    /** Why the import failed as a message code and parameters (src/domain/messages.ts), when it has one. */
    errorMessage: jsonb('error_message').$type<Message>(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    /** When the import began; every company it writes carries this as its update time (see runningImportSince). */
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const importRejects = pgTable(
  'import_rejects',
  {
    tenantId: tenantIdColumn(),
    jobId: uuid('job_id').notNull(),
    line: integer('line').notNull(),
    /** In English (the field named in Chinese and English), as the API has always given it. */
    reason: text('reason').notNull(),
    /**
     * The reason as a message code, its parameters and field (src/domain/messages.ts), for each reader's language;
     * null for rows rejected before messages had codes, which show their reason.
     */
    message: jsonb('message').$type<Message>(),
    raw: text('raw'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.jobId, t.line] })],
);
