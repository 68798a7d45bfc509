import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { type Message, reasonOf } from '../../../domain/messages.ts';

// A process running an import holds an advisory lock named for its job, on a connection of its own. The
// database ends that connection when the process dies, however it dies, and the lock goes with it: a job still
// marked running whose lock nobody holds was left by a process that is gone, and (the import being one
// transaction) wrote nothing. On PostgreSQL this is how a server tells a dead CLI import from one another
// process is still running; the embedded engine is opened by one process at a time, so there every running
// job's lock is this process's own.

/** 'LODE': the lock's first key, so that our locks are told apart from any other advisory lock. */
const lockSpace = 0x4c4f4445;

const leases = new Map<string, { holders: number; acquired: Promise<() => Promise<void>> }>();

async function acquire(database: Database, jobId: string): Promise<() => Promise<void>> {
  const raw = database.raw;
  const lock = `select pg_advisory_lock(${lockSpace}, hashtext($1))`;
  const unlock = `select pg_advisory_unlock(${lockSpace}, hashtext($1))`;
  if (raw.engine === 'pglite') {
    await raw.client.query(lock, [jobId]);
    return async () => {
      await raw.client.query(unlock, [jobId]);
    };
  }
  const client = await raw.pool.connect();
  try {
    await client.query(lock, [jobId]);
  } catch (err) {
    client.release(true);
    throw err;
  }
  return async () => {
    // A connection that cannot unlock is closed instead, which releases the lock all the same.
    const failed = await client.query(unlock, [jobId]).then(
      () => false,
      () => true,
    );
    client.release(failed);
  };
}

/**
 * Takes the job's lock until the returned function is called. Leases of one job in one process (the web start,
 * then the run it begins) share the lock, so the second does not wait for the first.
 */
export async function takeJobLease(database: Database, jobId: string): Promise<() => Promise<void>> {
  let lease = leases.get(jobId);
  if (lease) lease.holders++;
  else {
    lease = { holders: 1, acquired: acquire(database, jobId) };
    leases.set(jobId, lease);
  }
  const held = lease;
  let returned = false;
  const release = async () => {
    if (returned) return;
    returned = true;
    held.holders--;
    if (held.holders === 0) {
      leases.delete(jobId);
      await (await held.acquired)();
    }
  };
  try {
    await held.acquired;
  } catch (err) {
    held.holders--;
    if (held.holders === 0) leases.delete(jobId);
    throw err;
  }
  return release;
}

/** True where a job marked running has no process behind it. `job` is an SQL reference to import_jobs. */
export function orphanedJob(job: SQL): SQL {
  return sql`(${job}.status = 'running' and not exists (
    select 1 from pg_locks l
    where l.locktype = 'advisory' and l.objsubid = 2
      and l.database = (select oid from pg_database where datname = current_database())
      and l.classid = ${sql.raw(String(lockSpace))} and l.objid = hashtext(${job}.id::text)::oid))`;
}

export const interrupted: Message = { code: 'job.interrupted' };
export const interruptedError = reasonOf(interrupted);
