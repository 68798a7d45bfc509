import type { BulkSession } from '../../db/bulk.ts';

/**
 * Adds the companies an import created to the registration roll-ups, with the statements the insert trigger
 * runs (see migration 0011). For a large load on the embedded engine, which switches that trigger off for the
 * load and counts the new rows once at the end, in the same transaction.
 */
export async function countImportedRegistrations(session: BulkSession, jobId: string): Promise<void> {
  const statements = await session.query<{ statement: string }>(
    `select unnest(lodestone_rollup_company_statements(
       format('SELECT c.*, 1 AS delta FROM companies c WHERE c.import_job_id = %L', $1::uuid))) as statement`,
    [jobId],
  );
  for (const { statement } of statements) await session.query(statement);
}
