import { getTableColumns } from 'drizzle-orm';
import type { CompanyValues } from '../../../domain/company-row.ts';
import { companies } from '../schema.ts';

// The staging table, the COPY rows and the upsert are all derived from the Drizzle table, so a new company
// field needs no change here beyond its place in CompanyValues.

type Key = keyof CompanyValues;
const all = getTableColumns(companies);
export const fields = (Object.keys(all) as (keyof typeof all)[]).filter(
  (k): k is Key & keyof typeof all => !['tenantId', 'id', 'createdAt', 'updatedAt'].includes(k),
);
const column = (k: (typeof fields)[number]) => all[k].name;
const sqlType = (k: (typeof fields)[number]) => all[k].getSQLType();

export const stageTable = 'company_stage';
export const stageColumns = ['id', 'line', ...fields.map(column)];

export const createStage = `create temp table if not exists ${stageTable} (id uuid not null, line int not null, ${fields
  .map((k) => `${column(k)} ${sqlType(k)}`)
  .join(', ')}) on commit drop`;

const needsEscape = /["\\]/;

function arrayElement(v: string): string {
  return needsEscape.test(v) ? `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"` : `"${v}"`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.includes('"') ? `"${value.replace(/"/g, '""')}"` : `"${value}"`;
  if (Array.isArray(value)) {
    let literal = '{';
    for (let i = 0; i < value.length; i++) literal += (i ? ',' : '') + arrayElement(String(value[i]));
    literal += '}';
    return `"${literal.replace(/"/g, '""')}"`;
  }
  return String(value);
}

export function stageCsv(rows: readonly { id: string; line: number; values: CompanyValues }[]): string {
  let out = '';
  for (const r of rows) {
    out += `${r.id},${r.line}`;
    for (const k of fields) out += `,${csvField(r.values[k])}`;
    out += '\n';
  }
  return out;
}

/** JSON of a company row for the audit trail, keyed like the API; money as strings as in API writes. */
function auditJson(alias: string): string {
  const pairs = Object.entries(all)
    .filter(([k]) => !['tenantId', 'nameKey', 'nameGrams'].includes(k))
    .map(([k, c]) => {
      const ref = `${alias}.${c.name}`;
      return `'${k}', ${c.getSQLType() === 'bigint' ? `${ref}::text` : ref}`;
    });
  return `jsonb_build_object(${pairs.join(', ')})`;
}

const names = fields.map(column);
const changed = `(${names.map((n) => `companies.${n}`).join(', ')}) is distinct from (${names
  .map((n) => `excluded.${n}`)
  .join(', ')})`;

/**
 * Moves the staged rows into the registry: new credit codes are inserted, known ones updated when something
 * differs (an unchanged row is left alone, so re-running a file writes nothing), and every change is audited
 * with the row before and after. $1 actor id, $2 actor email.
 */
export const upsertFromStage = `
with old as (
  select c.* from companies c join ${stageTable} s on s.credit_code = c.credit_code
), up as (
  insert into companies (tenant_id, id, ${names.join(', ')}, updated_at)
  select current_setting('app.tenant_id')::uuid, s.id, ${names.map((n) => `s.${n}`).join(', ')}, now()
  from ${stageTable} s
  on conflict (tenant_id, credit_code) do update
    set ${names.map((n) => `${n} = excluded.${n}`).join(', ')}, updated_at = now()
    where ${changed}
  returning companies.*, (xmax = 0) as inserted
), audit as (
  insert into audit_log (tenant_id, id, actor_id, actor_email, entity, entity_id, action, before, after)
  select up.tenant_id, lodestone_uuidv7(), $1::uuid, $2, 'companies', up.id::text,
    case when up.inserted then 'create' else 'update' end,
    case when up.inserted then null else ${auditJson('old')} end,
    ${auditJson('up')}
  from up left join old on old.id = up.id
)
select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from up`;
