import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { auditLog } from '../audit/schema.ts';

const children = ['agreement_milestones', 'agreement_attachments', 'introducer_registrations'];

/**
 * The audit trail of an agreement: its own entries and those of its milestones, attachments and introducer
 * registrations (which carry the agreement's id in their before or after row), newest first.
 */
export async function agreementHistory(tx: TenantTx, agreementId: string, limit: number, cursor?: string) {
  const own = and(eq(auditLog.entity, 'agreements'), eq(auditLog.entityId, agreementId)) as SQL;
  const ofChildren = and(
    inArray(auditLog.entity, children),
    sql`coalesce(${auditLog.after}->>'agreementId', ${auditLog.before}->>'agreementId') = ${agreementId}`,
  ) as SQL;
  const where = [or(own, ofChildren) as SQL];
  if (cursor) where.push(lt(auditLog.id, cursor));
  const rows = await tx
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
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
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
