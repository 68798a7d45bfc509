import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { inTenant, type TenantTx } from '../../../db/scope.ts';
import { companyFields, isCompanyHeader, mapHeaders } from '../../../domain/company-fields.ts';
import { csvCell, spreadsheetText } from '../../../domain/csv.ts';
import {
  isMessageCode,
  type Message,
  type MessageLanguage,
  messageJson,
  reasonOf,
  renderMessage,
} from '../../../domain/messages.ts';
import { invalidMessage, notFound, Problem } from '../../../domain/problem.ts';
import type { AuditActor } from '../../audit/service.ts';
import { importJobs, importRejects } from '../schema.ts';
import { interrupted, interruptedError, orphanedJob, takeJobLease } from './lease.ts';
import { type ImportProgress, importCompanies } from './pipeline.ts';
import { openTable, SpreadsheetError } from './reader.ts';

// Web imports run in two steps: the upload is checked and its headers matched (the user confirms or completes
// the mapping), then the import runs in the background while the page polls its progress.

export const uploadDir = path.join(os.tmpdir(), 'lodestone-uploads');
interface RunningJob {
  tenantId: string;
  row: typeof importJobs.$inferSelect;
  progress: ImportProgress;
}
// Jobs in flight, answered from memory: on the embedded engine the import's transaction holds the only
// connection, and the progress bar must still move.
const running = new Map<string, RunningJob>();

const uploadPath = (jobId: string) => path.join(uploadDir, jobId);

export async function registerUpload(
  database: Database,
  actor: AuditActor,
  fileName: string,
  stream: NodeJS.ReadableStream & { truncated?: boolean },
  maxBytes: number,
) {
  fs.mkdirSync(uploadDir, { recursive: true });
  const staging = path.join(
    uploadDir,
    `upload-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(staging);
      stream.on('error', reject);
      out.on('error', reject);
      out.on('finish', () => resolve());
      stream.pipe(out);
    });
    if (stream.truncated) {
      const tooLarge: Message = { code: 'file.tooLarge', params: { mb: maxBytes / 1024 / 1024 } };
      throw new Problem(413, 'too-large', reasonOf(tooLarge), { errors: [messageJson(tooLarge)] });
    }
    let table: Awaited<ReturnType<typeof openTable>>;
    try {
      table = await openTable({ path: staging }, { isKnownHeader: isCompanyHeader });
    } catch (err) {
      if (err instanceof SpreadsheetError) throw invalidMessage(err.refusal, `${fileName}: ${err.message}`);
      throw err;
    }
    const mapping = mapHeaders(table.headers);
    const byHeader: Record<string, string | null> = {};
    for (const h of table.headers) byHeader[h] = null;
    for (const [field, index] of Object.entries(mapping.columns)) {
      const header = table.headers[index as number];
      if (header !== undefined) byHeader[header] = field;
    }
    // A new job changes no list a reply is kept for (see Database.uncountedDb).
    const job = await inTenant(database.uncountedDb ?? database.db, actor.tenantId, async (tx) => {
      const [row] = await tx
        .insert(importJobs)
        .values({
          tenantId: actor.tenantId,
          entity: 'companies',
          fileName,
          format: table.format,
          encoding: table.encoding,
          status: 'uploaded',
          createdBy: actor.userId,
        })
        .returning();
      return row;
    });
    if (!job) throw new Error('job insert returned nothing');
    fs.renameSync(staging, uploadPath(job.id));
    return {
      id: job.id,
      fileName,
      format: table.format,
      encoding: table.encoding,
      headers: table.headers,
      mapping: byHeader,
      missing: mapping.missing as string[],
      fields: [...companyFields] as string[],
      status: 'uploaded' as const,
    };
  } finally {
    fs.rmSync(staging, { force: true });
  }
}

export async function startImport(
  database: Database,
  actor: AuditActor,
  jobId: string,
  mapping: Record<string, string> | undefined,
  log: (err: unknown) => void,
) {
  const job = await inTenant(database.db, actor.tenantId, (tx) => getJobRow(tx, jobId));
  if (job.status !== 'uploaded') throw new Problem(409, 'conflict', `this import is already ${job.status}`);
  const file = uploadPath(jobId);
  if (!fs.existsSync(file))
    throw new Problem(410, 'gone', 'the uploaded file is no longer there; upload it again');
  const overrides = mapping ?? {};
  for (const [header, field] of Object.entries(overrides)) {
    if (field !== '' && !(companyFields as readonly string[]).includes(field)) {
      throw invalidMessage({ code: 'file.notAField', params: { field, header } });
    }
  }
  const table = await openTable({ path: file }, { isKnownHeader: isCompanyHeader });
  const check = mapHeaders(table.headers, overrides);
  if (check.missing.length) {
    const fields = check.missing.join(' and ');
    throw invalidMessage({ code: 'file.mapFirst', params: { fields } }, undefined, {
      missing: check.missing,
    });
  }
  if (check.duplicates.length)
    throw invalidMessage({ code: 'file.duplicateColumns', params: { fields: check.duplicates.join(', ') } });

  // Held from before the job is marked running until the run ends (see lease.ts).
  const releaseLease = await takeJobLease(database, jobId);
  const claimed = await inTenant(database.uncountedDb ?? database.db, actor.tenantId, (tx) =>
    tx
      .update(importJobs)
      .set({ status: 'running' })
      .where(and(eq(importJobs.id, jobId), eq(importJobs.status, 'uploaded')))
      .returning({ id: importJobs.id }),
  ).catch(async (err) => {
    await releaseLease();
    throw err;
  });
  if (!claimed.length) {
    await releaseLease();
    throw new Problem(409, 'conflict', 'this import has already started');
  }
  const entry: RunningJob = {
    tenantId: actor.tenantId,
    row: { ...job, status: 'running' },
    progress: {
      phase: 'reading',
      rows: 0,
      accepted: 0,
      rejected: 0,
      bytesRead: 0,
      totalBytes: fs.statSync(file).size,
    },
  };
  running.set(jobId, entry);
  void importCompanies(
    database,
    { path: file },
    {
      fileName: job.fileName,
      actor,
      mapping: overrides,
      jobId,
      onProgress: (p) => {
        entry.progress = p;
      },
    },
  )
    .catch(log)
    .finally(() => {
      running.delete(jobId);
      fs.rmSync(file, { force: true });
      return releaseLease().catch(log);
    });
  return { id: jobId, status: 'running' as const };
}

// A job marked running that no process runs any more is shown as what it is, interrupted; the next server start
// records it so.
const withOrphaned = {
  ...getTableColumns(importJobs),
  orphaned: orphanedJob(sql`${importJobs}`).mapWith(Boolean),
};
type JobRow = typeof importJobs.$inferSelect & { orphaned?: boolean };

async function getJobRow(tx: TenantTx, id: string) {
  const [job] = await tx.select(withOrphaned).from(importJobs).where(eq(importJobs.id, id));
  if (!job) throw notFound('import');
  return job;
}

function present(row: JobRow) {
  const job = row.orphaned
    ? { ...row, status: 'failed', error: interruptedError, errorMessage: interrupted }
    : row;
  return {
    id: job.id,
    fileName: job.fileName,
    status: job.status,
    format: job.format,
    encoding: job.encoding,
    progress: running.get(job.id)?.progress ?? null,
    totalRows: job.totalRows,
    inserted: job.inserted,
    updated: job.updated,
    unchanged: Math.max(0, job.totalRows - job.rejected - job.inserted - job.updated),
    rejected: job.rejected,
    error: job.error,
    errorCode: job.errorMessage?.code ?? null,
    errorParams: job.errorMessage ? (job.errorMessage.params ?? {}) : null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** A running job of the caller's tenant, without touching the database. */
export function runningJob(tenantId: string, id: string) {
  const entry = running.get(id);
  return entry && entry.tenantId === tenantId ? present(entry.row) : null;
}

export async function getJob(tx: TenantTx, id: string) {
  return present(await getJobRow(tx, id));
}

export async function listJobs(tx: TenantTx) {
  const rows = await tx.select(withOrphaned).from(importJobs).orderBy(desc(importJobs.id)).limit(50);
  return rows.map(present);
}

/** A stored reject as the API gives it: the English reason, and its message code, parameters and field if known. */
function presentReject(r: { line: number; reason: string; message: Message | null; raw: string | null }) {
  return {
    line: r.line,
    reason: r.reason,
    raw: r.raw,
    field: r.message?.field ?? null,
    code: r.message?.code ?? null,
    params: r.message ? (r.message.params ?? {}) : null,
  };
}

/** A reject's reason in `language`; a row stored before messages had codes keeps its stored (English) reason. */
function rejectReason(r: { reason: string; message: Message | null }, language: MessageLanguage): string {
  return r.message && isMessageCode(r.message.code) ? renderMessage(r.message, language) : r.reason;
}

export async function listRejects(tx: TenantTx, jobId: string, limit: number, after: number | undefined) {
  await getJobRow(tx, jobId);
  const rows = await tx
    .select({
      line: importRejects.line,
      reason: importRejects.reason,
      message: importRejects.message,
      raw: importRejects.raw,
    })
    .from(importRejects)
    .where(
      and(eq(importRejects.jobId, jobId), after === undefined ? undefined : gt(importRejects.line, after)),
    )
    .orderBy(importRejects.line)
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(presentReject);
  return { items, nextAfter: rows.length > limit ? (items.at(-1)?.line ?? null) : null };
}

/**
 * The error report: every rejected row with its line and its reason in `language`, as CSV with a BOM so Excel
 * reads the Chinese.
 */
export async function rejectsCsv(tx: TenantTx, jobId: string, language: MessageLanguage): Promise<string> {
  await getJobRow(tx, jobId);
  const { rows } = (await tx.execute(
    sql`select line, reason, message, raw from import_rejects where job_id = ${jobId} order by line`,
  )) as unknown as { rows: { line: number; reason: string; message: Message | null; raw: string | null }[] };
  let out = '\uFEFF行号 line,原因 reason,原始内容 row\n';
  // The rows come from an uploaded file: whatever they hold is shown, never run, by the spreadsheet that opens this.
  for (const r of rows)
    out += `${r.line},${csvCell(spreadsheetText(rejectReason(r, language)))},${csvCell(spreadsheetText(r.raw ?? ''))}\n`;
  return out;
}
