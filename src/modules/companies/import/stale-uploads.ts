import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { type Message, reasonOf } from '../../../domain/messages.ts';
import { uploadDir } from './jobs.ts';

/** How long an uploaded file waits for its import to be started before it is thrown away. */
export const uploadLifetimeMs = 24 * 60 * 60 * 1000;

const expired: Message = { code: 'job.expired' };
const expiredError = reasonOf(expired);

/**
 * Uploads kept for an import that was never started (the officer left at the mapping step) are up to 200 MB
 * each and would fill the disk: after a day their jobs are closed and their files, with any an interrupted
 * upload left behind, are deleted.
 */
export async function sweepStaleUploads(database: Database, now = Date.now()): Promise<{ expired: number }> {
  const before = new Date(now - uploadLifetimeMs);
  // Job rows change no list a reply is kept for (see Database.uncountedDb).
  const { rows } = (await (database.uncountedDb ?? database.db).execute(
    sql`update import_jobs set status = 'failed', error = ${expiredError},
        error_message = ${JSON.stringify(expired)}::jsonb, finished_at = now()
        where status = 'uploaded' and created_at < ${before.toISOString()}::timestamptz returning id`,
  )) as unknown as { rows: { id: string }[] };
  for (const { id } of rows) fs.rmSync(path.join(uploadDir, id), { force: true });
  let names: string[] = [];
  try {
    names = fs.readdirSync(uploadDir);
  } catch {
    return { expired: rows.length };
  }
  for (const name of names) {
    const file = path.join(uploadDir, name);
    try {
      if (fs.statSync(file).mtimeMs < before.getTime()) fs.rmSync(file, { force: true });
    } catch {
      // Gone already: another process swept it, or its import finished and removed it.
    }
  }
  return { expired: rows.length };
}
