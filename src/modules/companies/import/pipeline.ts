import { eq, sql } from 'drizzle-orm';
import { inTenantBulk } from '../../../db/bulk.ts';
import type { Database } from '../../../db/client.ts';
import { newId } from '../../../db/columns.ts';
import { inTenant } from '../../../db/scope.ts';
import { type CompanyField, mapHeaders } from '../../../domain/company-fields.ts';
import { type CompanyValues, validateCompanyRow } from '../../../domain/company-row.ts';
import { invalid } from '../../../domain/problem.ts';
import type { AuditActor } from '../../audit/service.ts';
import { rowContext } from '../context.ts';
import { importJobs } from '../schema.ts';
import { type Encoding, openTable, SpreadsheetError } from './reader.ts';
import { createStage, stageColumns, stageCsv, stageTable, upsertFromStage } from './staging.ts';

export interface ImportProgress {
  phase: 'reading' | 'done';
  rows: number;
  accepted: number;
  rejected: number;
  bytesRead: number;
  totalBytes: number | null;
}

export interface Reject {
  line: number;
  reason: string;
  raw: string;
}

export interface ImportResult {
  jobId: string;
  format: string;
  encoding: string | null;
  totalRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first rejected rows; all of them are stored with the job for download. */
  rejects: Reject[];
  unknownHeaders: string[];
  seconds: number;
}

export interface ImportOptions {
  fileName: string;
  actor: AuditActor;
  encoding?: 'auto' | Encoding;
  /** Header → field (or '' to ignore) for headers the aliases do not know. */
  mapping?: Record<string, string>;
  onProgress?: (progress: ImportProgress) => void;
  /** An existing job (created when the file was uploaded); otherwise one is created. */
  jobId?: string;
}

const batchSize = 10_000;
/** Registry exports run near 200 bytes a row; the estimate only decides how indexes are maintained. */
const approxBytesPerRow = 200;
const deferIndexesFrom = 50_000;
// Uniqueness is checked while loading, so the primary and credit-code keys stay.
const keptIndexes = ['companies_tenant_id_id_pk', 'companies_tenant_credit_code'];
const rejectsShown = 1000;

const fieldLabels: Partial<Record<CompanyField, string>> = {
  creditCode: '统一社会信用代码 (credit code)',
  nameZh: '企业名称 (company name)',
};

/**
 * Imports a registry spreadsheet, all or nothing: every row is validated, valid rows are upserted by credit
 * code and audited, rejected rows are recorded with their line and reason, and the job's result is written in
 * the same transaction. A process killed halfway leaves the registry as it was; running the file again is safe.
 */
export async function importCompanies(
  database: Database,
  input: { path: string } | { buffer: Buffer },
  options: ImportOptions,
): Promise<ImportResult> {
  const started = performance.now();
  const { actor } = options;
  let table: Awaited<ReturnType<typeof openTable>>;
  try {
    table = await openTable(input, { encoding: options.encoding ?? 'auto' });
  } catch (err) {
    if (err instanceof SpreadsheetError) throw invalid(err.message);
    throw err;
  }
  const mapping = mapHeaders(table.headers, options.mapping);
  if (mapping.missing.length) {
    throw invalid(
      `the file has no column for ${mapping.missing.map((f) => fieldLabels[f] ?? f).join(' or ')}; ` +
        `headers found: ${table.headers.join(', ')}`,
      { headers: table.headers, unknownHeaders: mapping.unknown },
    );
  }
  if (mapping.duplicates.length) {
    throw invalid(`more than one column maps to ${mapping.duplicates.join(', ')}`);
  }

  const { jobId, ctx } = await inTenant(database.db, actor.tenantId, async (tx) => {
    const ctx = await rowContext(tx);
    const values = {
      entity: 'companies',
      fileName: options.fileName,
      format: table.format,
      encoding: table.encoding,
      status: 'running',
      mapping: JSON.stringify(options.mapping ?? {}),
      createdBy: actor.userId,
    };
    if (options.jobId) {
      await tx.update(importJobs).set(values).where(eq(importJobs.id, options.jobId));
      return { jobId: options.jobId, ctx };
    }
    const [job] = await tx
      .insert(importJobs)
      .values({ ...values, tenantId: actor.tenantId })
      .returning({ id: importJobs.id });
    return { jobId: job?.id as string, ctx };
  });

  const progress: ImportProgress = {
    phase: 'reading',
    rows: 0,
    accepted: 0,
    rejected: 0,
    bytesRead: 0,
    totalBytes: table.totalBytes,
  };
  const report = () => options.onProgress?.({ ...progress, bytesRead: table.bytesRead() });
  const rejects: Reject[] = [];
  let inserted = 0;
  let updated = 0;

  try {
    await inTenantBulk(database, actor.tenantId, async (session) => {
      await session.query(createStage);
      const seen = new Map<string, number>();
      let batch: { id: string; line: number; values: CompanyValues }[] = [];
      const flush = async () => {
        if (!batch.length) return;
        await session.copyCsv(stageTable, stageColumns, stageCsv(batch));
        const [counts] = await session.query<{ inserted: number; updated: number }>(upsertFromStage, [
          actor.userId,
          actor.email,
        ]);
        inserted += counts?.inserted ?? 0;
        updated += counts?.updated ?? 0;
        await session.query(`truncate ${stageTable}`);
        batch = [];
        report();
      };
      const readAndLoad = async () => {
        for await (const { line, cells } of table.rows) {
          progress.rows++;
          const result = validateCompanyRow(cells, mapping, ctx);
          if (!result.ok) {
            rejects.push({ line, reason: result.reason, raw: cells.join(',') });
            progress.rejected++;
            continue;
          }
          const earlier = seen.get(result.value.creditCode);
          if (earlier !== undefined) {
            rejects.push({
              line,
              reason: `统一社会信用代码 credit code: repeats line ${earlier}`,
              raw: cells.join(','),
            });
            progress.rejected++;
            continue;
          }
          seen.set(result.value.creditCode, line);
          batch.push({ id: newId(), line, values: result.value });
          progress.accepted++;
          if (progress.rows % 2000 === 0) report();
          if (batch.length >= batchSize) await flush();
        }
        await flush();
      };
      // A load that at least doubles the registry is cheaper with its indexes built once at the end.
      const existing = await session.query<{ n: number }>(
        `select greatest(reltuples, 0)::bigint::int as n from pg_class where relname = 'companies'`,
      );
      const expectedRows = table.totalBytes ? table.totalBytes / approxBytesPerRow : 0;
      if (expectedRows >= deferIndexesFrom && expectedRows >= (existing[0]?.n ?? 0)) {
        await session.withIndexesDeferred('companies', keptIndexes, readAndLoad);
      } else {
        await readAndLoad();
      }
      for (let i = 0; i < rejects.length; i += batchSize) {
        await session.query(
          `insert into import_rejects (tenant_id, job_id, line, reason, raw)
           select current_setting('app.tenant_id')::uuid, $1, r.line, r.reason, r.raw
           from json_to_recordset($2::json) as r(line int, reason text, raw text)`,
          [jobId, JSON.stringify(rejects.slice(i, i + batchSize))],
        );
      }
      await session.query(
        `update import_jobs set status = 'done', total_rows = $2, inserted = $3, updated = $4, rejected = $5,
         finished_at = now() where id = $1`,
        [jobId, progress.rows, inserted, updated, rejects.length],
      );
    });
  } catch (err) {
    const message =
      err instanceof SpreadsheetError ? err.message : err instanceof Error ? err.message : String(err);
    await inTenant(database.db, actor.tenantId, (tx) =>
      tx
        .update(importJobs)
        .set({ status: 'failed', error: message, finishedAt: new Date() })
        .where(eq(importJobs.id, jobId)),
    ).catch(() => {});
    if (err instanceof SpreadsheetError) throw invalid(err.message);
    throw err;
  }
  // The embedded engine has no autovacuum: without fresh statistics the planner keeps costing the registry
  // at its old size and picks scans that no longer fit.
  if (inserted + updated > 1000) await database.db.execute(sql`analyze companies`);
  progress.phase = 'done';
  report();
  return {
    jobId,
    format: table.format,
    encoding: table.encoding,
    totalRows: progress.rows,
    inserted,
    updated,
    unchanged: progress.accepted - inserted - updated,
    rejected: rejects.length,
    rejects: rejects.slice(0, rejectsShown),
    unknownHeaders: mapping.unknown,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Jobs left 'running' by a process that died: their transaction never committed, so nothing was written. */
export async function markInterruptedImports(database: Database): Promise<void> {
  await database.db.execute(
    sql`update import_jobs set status = 'failed', error = 'interrupted: the server stopped during the import; nothing was written', finished_at = now() where status = 'running'`,
  );
}
