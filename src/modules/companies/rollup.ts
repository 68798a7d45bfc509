import type { BulkSession } from '../../db/bulk.ts';
import type { CompanyValues } from '../../domain/company-row.ts';

/**
 * The registration roll-up cell a new company counts in (month, town, industry section, enterprise type), or ''
 * for a company without an establishment date, which the roll-ups leave out. Worked out where the row is
 * validated, so that a large load can be counted without reading its rows back.
 */
export function registrationCell(
  values: Pick<CompanyValues, 'establishedOn' | 'townCode' | 'industrySection' | 'enterpriseType'>,
): string {
  if (!values.establishedOn) return '';
  return `${values.establishedOn.slice(0, 7)}-01\t${values.townCode ?? ''}\t${values.industrySection ?? ''}\t${values.enterpriseType}`;
}

/**
 * Adds the companies an import created, counted per cell (see registrationCell), to the registration roll-ups
 * with the statements the insert trigger runs (see migration 0011), fed the counts instead of the rows. For a
 * large load on the embedded engine, which switches that trigger off for the load: one small grouped upsert in
 * the same transaction instead of two scans of a million rows.
 */
export async function countImportedRegistrations(
  session: BulkSession,
  cells: ReadonlyMap<string, number>,
): Promise<void> {
  const groups = [...cells]
    .filter(([cell]) => cell !== '')
    .map(([cell, n]) => {
      const [month, town, section, type] = cell.split('\t');
      return { month, town, section, type, n };
    });
  if (!groups.length) return;
  const statements = await session.query<{ statement: string }>(
    `select unnest(lodestone_rollup_company_statements($1)) as statement`,
    [
      `SELECT current_setting('app.tenant_id')::uuid AS tenant_id, g.month AS established_on, g.town AS town_code,
         g.section AS industry_section, g.type AS enterprise_type, g.n AS delta
       FROM json_to_recordset($1::json) AS g(month date, town text, section text, type text, n int)`,
    ],
  );
  const counts = JSON.stringify(groups);
  for (const { statement } of statements) await session.query(statement, [counts]);
}
