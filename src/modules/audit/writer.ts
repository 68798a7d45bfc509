import { eq, getTableName, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { TenantTx } from '../../db/scope.ts';
import { notFound } from '../../domain/problem.ts';
import { type AuditActor, recordAudit } from './service.ts';

type AuditedTable = PgTable & { id: PgColumn; tenantId: PgColumn };

/**
 * The one way business rows are written: each write records who, when, the entity, and the row before and
 * after, in the same transaction as the change. The tenant comes from the actor, never from the input.
 */
export function auditedWriter(tx: TenantTx, actor: AuditActor) {
  return {
    async insert<T extends AuditedTable>(table: T, values: Omit<InferInsertModel<T>, 'tenantId'>) {
      const rows = (await tx
        .insert(table)
        // biome-ignore lint/suspicious/noExplicitAny: Drizzle cannot narrow a generic table's insert shape
        .values({ ...values, tenantId: actor.tenantId } as any)
        .returning()) as InferSelectModel<T>[];
      const row = rows[0] as InferSelectModel<T> & { id: string };
      await recordAudit(tx, actor, {
        entity: getTableName(table),
        entityId: row.id,
        action: 'create',
        before: null,
        after: row,
      });
      return row;
    },

    async update<T extends AuditedTable>(table: T, id: string, patch: Partial<InferInsertModel<T>>) {
      // biome-ignore lint/suspicious/noExplicitAny: as above
      const t = table as any;
      const [before] = (await tx
        .select()
        .from(t)
        .where(eq(table.id, id))
        .for('update')) as InferSelectModel<T>[];
      if (!before) throw notFound(getTableName(table));
      const { tenantId: _ignored, id: _id, ...changes } = patch as Record<string, unknown>;
      const [after] = (await tx
        .update(t)
        .set(changes)
        .where(eq(table.id, id))
        .returning()) as InferSelectModel<T>[];
      await recordAudit(tx, actor, {
        entity: getTableName(table),
        entityId: id,
        action: 'update',
        before,
        after,
      });
      return after as InferSelectModel<T>;
    },

    async remove<T extends AuditedTable>(table: T, id: string) {
      // biome-ignore lint/suspicious/noExplicitAny: as above
      const t = table as any;
      const [before] = (await tx.delete(t).where(eq(table.id, id)).returning()) as InferSelectModel<T>[];
      if (!before) throw notFound(getTableName(table));
      await recordAudit(tx, actor, {
        entity: getTableName(table),
        entityId: id,
        action: 'delete',
        before,
        after: null,
      });
      return before;
    },
  };
}
