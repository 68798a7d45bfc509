import { eq, sql } from 'drizzle-orm';
import { type BulkSession, inTenantBulk } from '../../../db/bulk.ts';
import type { Database } from '../../../db/client.ts';
import { newId } from '../../../db/columns.ts';
import { inTenant } from '../../../db/scope.ts';
import { isCompanyHeader, mapHeaders } from '../../../domain/company-fields.ts';
import { isMessageCode, type Message } from '../../../domain/messages.ts';
import { invalidMessage, Problem } from '../../../domain/problem.ts';
import type { AuditActor } from '../../audit/service.ts';
import { rowContext } from '../context.ts';
import { countImportedRegistrations } from '../rollup.ts';
import { importJobs } from '../schema.ts';
import { type Reject, validatedBatches } from './batches.ts';
import { interrupted, interruptedError, orphanedJob, takeJobLease } from './lease.ts';
import { offThreadBatches } from './off-thread.ts';
import { type Encoding, openTable, SpreadsheetError } from './reader.ts';
import {
  createStage,
  insertColumns,
  insertCsv,
  stageColumns,
  stageCsv,
  stageTable,
  updateFromStage,
} from './staging.ts';

export interface ImportProgress {
  phase: 'reading' | 'done';
  rows: number;
  accepted: number;
  rejected: number;
  bytesRead: number;
  totalBytes: number | null;
}

export type { Reject } from './batches.ts';

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
  /**
   * Columns not imported: headers no field answers to, then second columns for a field (Mapping.ignored), which are
   * read only where the first leaves a cell empty.
   */
  unknownHeaders: string[];
  seconds: number;
  /** Seconds spent in each step (waiting for the reader, COPY, each index build, the commit …), for benchmarks. */
  phases: Record<string, number>;
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
/** Below this size a worker thread costs more to start than reading on the main thread does. */
const offThreadFrom = 1_000_000;
/** Registry exports run near 200 bytes a row; the estimate only decides how indexes are maintained. */
const approxBytesPerRow = 200;
const deferIndexesFrom = 50_000;
// Uniqueness is checked while loading, so the primary and credit-code keys stay.
const keptIndexes = ['companies_tenant_id_id_pk', 'companies_tenant_credit_code'];
const rejectsShown = 1000;

/** Why an import failed as a message, when the failure has one: a file it could not read, or a refusal with a code. */
function refusalOf(err: unknown): Message | null {
  if (err instanceof SpreadsheetError) return err.refusal;
  const errors = err instanceof Problem ? err.extra.errors : undefined;
  const first = Array.isArray(errors) ? (errors[0] as Partial<Message> | undefined) : undefined;
  return first && isMessageCode(first.code) ? { code: first.code, params: first.params ?? {} } : null;
}

/**
 * Which credit codes the registry already holds. A load that is large beside the registry reads them all
 * once; a small one asks per batch, so a thousand rows into a million-company registry reads a thousand keys.
 */
function existingCodes(session: BulkSession, readAllNow: boolean) {
  let all: Promise<Set<string>> | null = null;
  const lookup = async (codes: string[]) =>
    new Set(
      (
        await session.query<{ credit_code: string }>(
          'select credit_code from companies where credit_code = any($1::text[])',
          [codes],
        )
      ).map((r) => r.credit_code),
    );
  return (codes: string[]): Promise<Set<string>> => {
    if (!readAllNow) return lookup(codes);
    all ??= session
      .query<{ credit_code: string }>('select credit_code from companies')
      .then((rows) => new Set(rows.map((r) => r.credit_code)));
    return all;
  };
}

/**
 * Imports a registry spreadsheet, all or nothing: every row is validated, valid rows are upserted by credit
 * code, rejected rows are recorded with their line and reason, and the job's result is written in the same
 * transaction.
 *
 * Audit: each update carries its row before and after. New companies are audited once per import (who, when,
 * the file, the counts) and point to it through import_job_id: the row as imported is what the company's next
 * audited change records as "before", so no state is lost, and a million-row first load does not write a
 * million audit snapshots beside the rows themselves. A process killed halfway leaves the registry as it was; running the file again
 * is safe.
 */
export async function importCompanies(
  database: Database,
  input: { path: string } | { buffer: Buffer },
  options: ImportOptions,
): Promise<ImportResult> {
  const jobId = options.jobId ?? newId();
  // Held from before the job is marked running until its result is written (see lease.ts).
  const releaseLease = await takeJobLease(database, jobId);
  try {
    return await importAsJob(database, input, options, jobId);
  } finally {
    await releaseLease();
  }
}

async function importAsJob(
  database: Database,
  input: { path: string } | { buffer: Buffer },
  options: ImportOptions,
  jobId: string,
): Promise<ImportResult> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  const add = (label: string, since: number) => {
    phases[label] = (phases[label] ?? 0) + (performance.now() - since) / 1000;
  };
  const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const since = performance.now();
    try {
      return await work();
    } finally {
      add(label, since);
    }
  };
  const { actor } = options;
  let table: Awaited<ReturnType<typeof openTable>>;
  try {
    table = await openTable(input, { encoding: options.encoding ?? 'auto', isKnownHeader: isCompanyHeader });
  } catch (err) {
    if (err instanceof SpreadsheetError) throw invalidMessage(err.refusal);
    throw err;
  }
  const mapping = mapHeaders(table.headers, options.mapping, table.preamble);
  if (mapping.missing.length) {
    const code = !mapping.missing.includes('nameZh')
      ? 'file.noCreditCodeColumn'
      : mapping.missing.includes('creditCode')
        ? 'file.noRequiredColumns'
        : 'file.noNameColumn';
    throw invalidMessage({ code, params: { headers: table.headers.join(', ') } }, undefined, {
      headers: table.headers,
      unknownHeaders: mapping.unknown,
    });
  }
  if (mapping.duplicates.length) {
    throw invalidMessage({
      code: 'file.duplicateColumns',
      params: { fields: mapping.duplicates.join(', ') },
    });
  }

  const startedAt = new Date();
  const stamped = database.engine === 'postgres';
  // The job's row changes no list a reply is kept for (see Database.uncountedDb).
  const { ctx } = await inTenant(database.uncountedDb ?? database.db, actor.tenantId, async (tx) => {
    const ctx = await rowContext(tx);
    const values = {
      startedAt,
      entity: 'companies',
      fileName: options.fileName,
      format: table.format,
      encoding: table.encoding,
      status: 'running',
      mapping: JSON.stringify(options.mapping ?? {}),
      createdBy: actor.userId,
    };
    if (options.jobId) await tx.update(importJobs).set(values).where(eq(importJobs.id, jobId));
    else await tx.insert(importJobs).values({ ...values, id: jobId, tenantId: actor.tenantId });
    return { ctx };
  });

  const progress: ImportProgress = {
    phase: 'reading',
    rows: 0,
    accepted: 0,
    rejected: 0,
    bytesRead: 0,
    totalBytes: table.totalBytes,
  };
  const report = () => options.onProgress?.({ ...progress });
  const rejects: Reject[] = [];
  let inserted = 0;
  let updated = 0;
  const validated =
    (table.totalBytes ?? 0) >= offThreadFrom
      ? offThreadBatches(input, {
          encoding: options.encoding ?? 'auto',
          overrides: options.mapping ?? {},
          ctx,
          batchSize,
        })
      : validatedBatches(table, mapping, ctx, batchSize);
  // The time the loader waits for the next validated batch: reading that did not overlap loading.
  async function* batches() {
    for (;;) {
      const since = performance.now();
      const next = await validated.next();
      add('read and validate (waiting)', since);
      if (next.done) return;
      yield next.value;
    }
  }
  let committing = 0;

  try {
    await inTenantBulk(database, actor.tenantId, async (session) => {
      await session.query(createStage);
      const registrySize = await session.query<{ n: number }>(
        `select greatest(reltuples, 0)::bigint::int as n from pg_class where relname = 'companies'`,
      );
      const expectedRows = table.totalBytes ? table.totalBytes / approxBytesPerRow : 0;
      const largeLoad = expectedRows >= (registrySize[0]?.n ?? 0);
      const known = existingCodes(session, largeLoad);
      // New companies per registration roll-up cell, for a load that counts them once at the end.
      const created = new Map<string, number>();
      const load = async () => {
        for await (const batch of batches()) {
          const existing = await timed('existing codes', () => known(batch.codes));
          const fresh: number[] = [];
          const update: number[] = [];
          for (let i = 0; i < batch.codes.length; i++) {
            (existing.has(batch.codes[i] as string) ? update : fresh).push(i);
          }
          if (fresh.length) {
            for (const i of fresh) {
              const cell = batch.cells[i] as string;
              created.set(cell, (created.get(cell) ?? 0) + 1);
            }
            const csv = insertCsv(batch, fresh, session.tenantId, { id: jobId, startedAt }, stamped);
            await timed('copy into the registry', () =>
              session.copyCsvBypassingPolicy('companies', insertColumns(stamped), csv),
            );
            inserted += fresh.length;
          }
          if (update.length) {
            const since = performance.now();
            await session.copyCsv(stageTable, stageColumns, stageCsv(batch, update));
            const [counts] = await session.query<{ updated: number }>(updateFromStage, [
              actor.userId,
              actor.email,
              startedAt.toISOString(),
            ]);
            updated += counts?.updated ?? 0;
            await session.query(`truncate ${stageTable}`);
            add('update existing', since);
          }
          rejects.push(...batch.rejects);
          progress.rows = batch.rowsRead;
          progress.bytesRead = batch.bytesRead;
          progress.accepted += batch.codes.length;
          progress.rejected += batch.rejects.length;
          report();
        }
      };
      // A load that at least doubles the registry is cheaper with its indexes built once at the end.
      if (largeLoad && expectedRows >= deferIndexesFrom) {
        await session.withUpkeepDeferred(
          'companies',
          {
            keepIndexes: keptIndexes,
            // Counting a large load's new rows into the roll-up once costs a fraction of a trigger per batch.
            triggers: ['rollup_company_months_insert'],
            catchUp: () => timed('roll-up', () => countImportedRegistrations(session, created)),
            onIndexBuilt: (name, seconds) => {
              phases[`index ${name}`] = seconds;
            },
          },
          load,
        );
      } else {
        await load();
      }
      // Headers alone are a file exported from an empty query or cut short: say so rather than report success.
      if (progress.rows === 0) throw invalidMessage({ code: 'file.headerOnly' });
      const finishing = performance.now();
      for (let i = 0; i < rejects.length; i += batchSize) {
        await session.query(
          `insert into import_rejects (tenant_id, job_id, line, reason, message, raw)
           select current_setting('app.tenant_id')::uuid, $1, r.line, r.reason, r.message, r.raw
           from json_to_recordset($2::json) as r(line int, reason text, message jsonb, raw text)`,
          [jobId, JSON.stringify(rejects.slice(i, i + batchSize))],
        );
      }
      await session.query(
        `update import_jobs set status = 'done', total_rows = $2, inserted = $3, updated = $4, rejected = $5,
         finished_at = now() where id = $1`,
        [jobId, progress.rows, inserted, updated, rejects.length],
      );
      await session.query(
        `insert into audit_log (tenant_id, id, actor_id, actor_email, entity, entity_id, action, before, after)
         values ($1, lodestone_uuidv7(), $2, $3, 'import_jobs', $4, 'import', null, $5::jsonb)`,
        [
          session.tenantId,
          actor.userId,
          actor.email,
          jobId,
          JSON.stringify({
            fileName: options.fileName,
            format: table.format,
            encoding: table.encoding,
            totalRows: progress.rows,
            inserted,
            updated,
            rejected: rejects.length,
          }),
        ],
      );
      add('rejects and job', finishing);
      committing = performance.now();
    });
    add('commit', committing);
  } catch (err) {
    const message =
      err instanceof SpreadsheetError ? err.message : err instanceof Error ? err.message : String(err);
    await inTenant(database.db, actor.tenantId, (tx) =>
      tx
        .update(importJobs)
        .set({ status: 'failed', error: message, errorMessage: refusalOf(err), finishedAt: new Date() })
        .where(eq(importJobs.id, jobId)),
    ).catch(() => {});
    if (err instanceof SpreadsheetError) throw invalidMessage(err.refusal);
    throw err;
  }
  // Without fresh statistics the planner keeps costing the registry at its old size and picks scans that no
  // longer fit. The vacuum marks the new rows' pages all-visible, so a name search checks names on the name
  // index alone (an index-only scan) instead of visiting each row; PostgreSQL's autovacuum would get there
  // only a minute or more later, and the embedded engine has none. There every batch also rewrote the same few
  // roll-up rows, whose dead versions the cockpit would read past until a vacuum.
  if (inserted + updated > 1000) {
    await timed('analyze', async () => {
      await database.db.execute(
        database.engine === 'pglite' || inserted > 1000
          ? sql`vacuum analyze companies`
          : sql`analyze companies`,
      );
      if (database.engine === 'pglite')
        await database.db.execute(sql`vacuum analyze rollup_company_months, rollup_company_town_months`);
    });
  }
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
    unknownHeaders: [...mapping.unknown, ...mapping.ignored],
    seconds: (performance.now() - started) / 1000,
    phases,
  };
}

/** Jobs left 'running' by a process that died: their transaction never committed, so nothing was written. */
export async function markInterruptedImports(database: Database): Promise<void> {
  await database.db.execute(
    sql`update import_jobs set status = 'failed', error = ${interruptedError},
        error_message = ${JSON.stringify(interrupted)}::jsonb, finished_at = now()
        where ${orphanedJob(sql`import_jobs`)}`,
  );
}
