import { sql } from 'drizzle-orm';
import { newId } from '../../db/columns.ts';
import { withIndexesDeferred } from '../../db/deferred-indexes.ts';
import { insertJsonRows } from '../../db/json-rows.ts';
import type { TenantTx } from '../../db/scope.ts';
import type { Stage } from '../../domain/project-stages.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { projectStageMoves, projects } from './schema.ts';

export type BulkProject = Omit<typeof projects.$inferInsert, 'tenantId'>;
export interface BulkMove {
  from: Stage | null;
  to: Stage;
  at: Date;
  reason?: string | null;
}

// Rows per INSERT: each statement's roll-up triggers then fold thousands of rows at once.
const chunk = 5_000;

/**
 * Each move's foreign-key check looks its project up with a plan the session made once and keeps: made while the
 * table held a few projects, it scans the whole table, and loading the moves of 10,000 projects took 95 s, growing
 * with the square of the projects. Fresh statistics make the session plan the check again, by the primary key.
 */
async function freshPlans(tx: TenantTx) {
  await tx.execute(sql`set local role none`);
  await tx.execute(sql`analyze projects`);
  await tx.execute(sql`set local role lodestone_app`);
}

/**
 * Projects with their whole stage history, loaded many rows per statement: the demo's full-scale pipeline, dated
 * in the past. The roll-ups follow through their statement triggers like any write; the audit trail records the
 * load once, as it does an import, rather than thousands of identical creations. On the embedded engine
 * (`deferIndexes`) the secondary indexes are built once after the load.
 */
export async function insertProjectsBulk(
  tx: TenantTx,
  actor: AuditActor,
  items: { project: BulkProject; moves: BulkMove[] }[],
  label: string,
  deferIndexes: boolean,
) {
  // Ids made here, so each history joins its project without relying on the order RETURNING gives.
  const ids = items.map(() => newId());
  const rows = items.map((item, k) => ({ ...item.project, id: ids[k], tenantId: actor.tenantId }));
  const moves = items.flatMap((item, k) =>
    item.moves.map((m, j) => {
      const previous = item.moves[j - 1];
      return {
        tenantId: actor.tenantId,
        projectId: ids[k] as string,
        fromStage: m.from,
        toStage: m.to,
        reason: m.reason ?? null,
        at: m.at,
        secondsInFrom: previous ? Math.floor((m.at.getTime() - previous.at.getTime()) / 1000) : null,
        byUserId: item.project.officerId ?? actor.userId,
        byEmail: actor.email,
      };
    }),
  );
  await withIndexesDeferred(tx, deferIndexes, ['projects', 'project_stage_moves'], async () => {
    for (let i = 0; i < rows.length; i += chunk) await insertJsonRows(tx, projects, rows.slice(i, i + chunk));
    await freshPlans(tx);
    for (let j = 0; j < moves.length; j += chunk * 4)
      await insertJsonRows(tx, projectStageMoves, moves.slice(j, j + chunk * 4));
  });
  await recordAudit(tx, actor, {
    entity: 'projects',
    entityId: actor.tenantId,
    action: 'import',
    before: null,
    after: { source: label, projects: items.length },
  });
  return items.length;
}
