import { newId } from '../../db/columns.ts';
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

// Rows per INSERT: under PostgreSQL's 65,535 bind parameters at ~35 columns a project.
const chunk = 1_000;

/**
 * Projects with their whole stage history, loaded many rows per statement: the demo's full-scale pipeline, dated
 * in the past. The roll-ups follow through their statement triggers like any write; the audit trail records the
 * load once, as it does an import, rather than thousands of identical creations.
 */
export async function insertProjectsBulk(
  tx: TenantTx,
  actor: AuditActor,
  items: { project: BulkProject; moves: BulkMove[] }[],
  label: string,
) {
  for (let i = 0; i < items.length; i += chunk) {
    const part = items.slice(i, i + chunk);
    // Ids made here, so each history joins its project without relying on the order RETURNING gives.
    const ids = part.map(() => newId());
    await tx
      .insert(projects)
      .values(part.map((item, k) => ({ ...item.project, id: ids[k], tenantId: actor.tenantId })));
    const moves = part.flatMap((item, k) => {
      const projectId = ids[k] as string;
      return item.moves.map((m, j) => {
        const previous = item.moves[j - 1];
        return {
          tenantId: actor.tenantId,
          projectId,
          fromStage: m.from,
          toStage: m.to,
          reason: m.reason ?? null,
          at: m.at,
          secondsInFrom: previous ? Math.floor((m.at.getTime() - previous.at.getTime()) / 1000) : null,
          byUserId: item.project.officerId ?? actor.userId,
          byEmail: actor.email,
        };
      });
    });
    for (let j = 0; j < moves.length; j += chunk * 3)
      await tx.insert(projectStageMoves).values(moves.slice(j, j + chunk * 3));
  }
  await recordAudit(tx, actor, {
    entity: 'projects',
    entityId: actor.tenantId,
    action: 'import',
    before: null,
    after: { source: label, projects: items.length },
  });
  return items.length;
}
