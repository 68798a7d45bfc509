import { getTableColumns } from 'drizzle-orm';
import type { CompanyValues } from '../../../domain/company-row.ts';
import { companies } from '../schema.ts';

// The COPY rows, the staging table and the update are all derived from the Drizzle table, so a new company
// field needs no change here beyond its place in CompanyValues.

type Key = keyof CompanyValues;
const all = getTableColumns(companies);
const bookkeeping = ['tenantId', 'id', 'importJobId', 'createdAt', 'updatedAt'];
export const fields = (Object.keys(all) as (keyof typeof all)[]).filter(
  (k): k is Key & keyof typeof all => !bookkeeping.includes(k),
);
const column = (k: (typeof fields)[number]) => all[k].name;
const sqlType = (k: (typeof fields)[number]) => all[k].getSQLType();
const names = fields.map(column);

/**
 * Columns of a new company as COPY writes it straight into the registry. `stamped`: with the job's start as the
 * update time, which readers of PostgreSQL need while the import runs (see runningImportSince in search.ts). The
 * embedded engine has no reader then, and parsing a timestamp on every row made its COPY a fifth slower, so there
 * the column keeps its default, the start of the import's transaction.
 */
export function insertColumns(stamped: boolean): string[] {
  return ['tenant_id', 'import_job_id', ...(stamped ? ['updated_at'] : []), 'id', ...names];
}

export const stageTable = 'company_stage';
export const stageColumns = ['id', 'line', ...names];

export const createStage = `create temp table if not exists ${stageTable} (id uuid not null, line int not null, ${fields
  .map((k) => `${column(k)} ${sqlType(k)}`)
  .join(', ')}) on commit drop`;

// An array element needs quotes when it is empty, holds a delimiter, quote, backslash or space, or spells NULL.
const needsQuotes = /^$|^null$|[{}",\\\s]/i;

function arrayElement(v: string): string {
  return needsQuotes.test(v) ? `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"` : v;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    // Every string is quoted so that an empty string stays distinct from NULL (an unquoted empty field).
    return value.indexOf('"') === -1 ? `"${value}"` : `"${value.replace(/"/g, '""')}"`;
  }
  if (Array.isArray(value)) {
    const literal = `{${value.map((v) => arrayElement(String(v))).join(',')}}`;
    return literal.indexOf('"') === -1 ? `"${literal}"` : `"${literal.replace(/"/g, '""')}"`;
  }
  return String(value);
}

/**
 * A company's fields as one CSV fragment (no leading or trailing comma). Rows are encoded once, where they are
 * validated, and prefixed with their keys only when it is known whether they insert or update.
 */
export function fieldsCsv(values: CompanyValues): string {
  const cells: string[] = [];
  // Joining an array of cells is several times faster than growing one string field by field.
  for (const k of fields) cells.push(csvField(values[k]));
  return cells.join(',');
}

/** Validated rows, each with its new id, source line, credit code, encoded fields and roll-up cell. */
export interface EncodedRows {
  ids: string[];
  lines: number[];
  codes: string[];
  fields: string[];
  /** Where the row counts in the registration roll-ups if it is new (see registrationCell). */
  cells: string[];
}

/** Rows `at` of a batch for the staging table: id, source line, then every field. */
export function stageCsv(rows: EncodedRows, at: readonly number[]): string {
  let out = '';
  for (const i of at) out += `${rows.ids[i]},${rows.lines[i]},${rows.fields[i]}\n`;
  return out;
}

/**
 * Rows `at` of a batch for the registry itself (`insertColumns`): the tenant and job are the session's, and the
 * update time, when stamped, the job's start.
 */
export function insertCsv(
  rows: EncodedRows,
  at: readonly number[],
  tenantId: string,
  job: { id: string; startedAt: Date },
  stamped: boolean,
): string {
  const prefix = `${tenantId},${job.id},${stamped ? `${job.startedAt.toISOString()},` : ''}`;
  const out: string[] = [];
  for (const i of at) out.push(`${prefix}${rows.ids[i]},${rows.fields[i]}`);
  out.push('');
  return out.join('\n');
}

/** JSON of a company row for the audit trail, keyed like the API; money as strings as in API writes. */
function auditJson(alias: string): string {
  const pairs = Object.entries(all)
    .filter(([k]) => !['tenantId', 'nameKey', 'nameSort', 'nameGrams'].includes(k))
    .map(([k, c]) => {
      const ref = `${alias}.${c.name}`;
      return `'${k}', ${c.getSQLType() === 'bigint' ? `${ref}::text` : ref}`;
    });
  return `jsonb_build_object(${pairs.join(', ')})`;
}

const changed = `(${names.map((n) => `c.${n}`).join(', ')}) is distinct from (${names
  .map((n) => `s.${n}`)
  .join(', ')})`;

/**
 * Applies staged rows to the companies they match by credit code, only where something differs (an unchanged
 * row is left alone, so re-running a file writes nothing), and audits each change with the row before and
 * after. $1 actor id, $2 actor email, $3 the job's start (the rows' update time).
 */
export const updateFromStage = `
with old as (
  select c.* from companies c join ${stageTable} s on s.credit_code = c.credit_code
  where ${changed}
  for update of c
), up as (
  update companies c set ${names.map((n) => `${n} = s.${n}`).join(', ')}, updated_at = $3::timestamptz
  from ${stageTable} s join old on old.credit_code = s.credit_code
  where c.id = old.id
  returning c.*
), audit as (
  insert into audit_log (tenant_id, id, actor_id, actor_email, entity, entity_id, action, before, after)
  select up.tenant_id, lodestone_uuidv7(), $1::uuid, $2, 'companies', up.id::text, 'update',
    ${auditJson('old')}, ${auditJson('up')}
  from up join old on old.id = up.id
)
select count(*)::int as updated from up`;
