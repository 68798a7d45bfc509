import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { TenantTx } from '../../db/scope.ts';
import { auditLog } from './schema.ts';

type Writer = Pick<Db, 'insert'> | TenantTx;

/** Who changed something: a signed-in user, or an operator at the command line (actorId null). */
export interface AuditActor {
  tenantId: string;
  userId: string | null;
  email: string;
}

/** `import`: one entry per bulk import, which stands for the creates it made (see the import pipeline). */
export const auditActions = ['create', 'update', 'delete', 'import'] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditChange {
  entity: string;
  entityId: string;
  action: AuditAction;
  before: unknown;
  after: unknown;
}

// Search keys derived from a record's names: they repeat what the trail already shows.
const derived = new Set(['nameGrams', 'nameKey', 'nameSort', 'searchGrams']);

/** JSON-safe copy: dates as ISO strings and bigints as strings, so the trail reads the same on both engines. */
function snapshot(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (k, v) => (derived.has(k) ? undefined : typeof v === 'bigint' ? v.toString() : v)),
  );
}

export async function recordAudit(tx: Writer, actor: AuditActor, change: AuditChange): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: actor.tenantId,
    actorId: actor.userId,
    actorEmail: actor.email,
    entity: change.entity,
    entityId: change.entityId,
    action: change.action,
    before: snapshot(change.before),
    after: snapshot(change.after),
  });
}

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  limit: number;
  /** The id of the last entry of the previous page; ids are time-ordered (UUIDv7). */
  cursor?: string | undefined;
}

export async function listAudit(tx: TenantTx, query: AuditQuery) {
  const filters: SQL[] = [];
  if (query.entity) filters.push(eq(auditLog.entity, query.entity));
  if (query.entityId) filters.push(eq(auditLog.entityId, query.entityId));
  if (query.cursor) filters.push(lt(auditLog.id, query.cursor));
  const rows = await tx
    .select()
    .from(auditLog)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorId: row.actorId,
      actorEmail: row.actorEmail,
      entity: row.entity,
      entityId: row.entityId,
      action: row.action,
      before: row.before,
      after: row.after,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
