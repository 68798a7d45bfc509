import { eq } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { invalid, Problem } from '../../domain/problem.ts';
import { checkMove, type PipelineStage, type Stage } from '../../domain/project-stages.ts';
import type { AuditActor } from '../audit/service.ts';
import { auditedWriter } from '../audit/writer.ts';
import { companySummaries, findCompanyByCreditCode } from '../companies/service.ts';
import { projectColumns, projectStageMoves, projects } from './schema.ts';
import { type ProjectRow, stageMoves, type When } from './service.ts';

export interface StageMove {
  to: Stage;
  note?: string | null | undefined;
  reason?: string | null | undefined;
  /** For a move to registered: the 统一社会信用代码 of the registry company the project became. */
  creditCode?: string | null | undefined;
}

/** The registry company a project becomes: the credit code given, else the investor's own registry record. */
async function registeredCompany(tx: TenantTx, project: ProjectRow, creditCode: string | null) {
  if (creditCode) {
    const found = await findCompanyByCreditCode(tx, creditCode);
    if (!found)
      throw new Problem(
        409,
        'company-not-registered',
        `no company with credit code ${creditCode} is in the registry: add it there first`,
      );
    return found.id;
  }
  if (project.investorCompanyId && (await companySummaries(tx, [project.investorCompanyId])).size)
    return project.investorCompanyId;
  throw invalid('a move to registered needs the creditCode of the company registered in the district');
}

/**
 * Moves a project to another stage if the state machine allows it. The move, its note and the time spent in the
 * stage left are recorded, and the project's change goes to the audit trail; a refused move changes nothing.
 */
export async function moveStage(
  tx: TenantTx,
  actor: AuditActor,
  project: ProjectRow,
  move: StageMove,
  when: When = {},
): Promise<ProjectRow> {
  // Serialise concurrent moves of one project: each must start from the stage the other left.
  const [current] = await tx
    .select(projectColumns)
    .from(projects)
    .where(eq(projects.id, project.id))
    .for('update');
  if (!current) throw new Problem(404, 'not-found', 'project not found');
  const from = current.stage as Stage;
  const check = checkMove(from, current.heldFrom as PipelineStage | null, move);
  if (!check.ok) {
    const status = check.code === 'illegal-move' ? 409 : 400;
    throw new Problem(status, check.code, check.message, { from, to: move.to });
  }
  if (move.to !== 'registered' && move.creditCode)
    throw invalid('only a move to registered takes a creditCode');
  const at = when.at ?? new Date();
  if (at < current.stageEnteredAt) throw new Error('a stage move cannot predate the stage it leaves');
  const registeredCompanyId =
    move.to === 'registered'
      ? await registeredCompany(tx, current, move.creditCode?.trim() || null)
      : current.registeredCompanyId;
  await tx.insert(projectStageMoves).values({
    tenantId: actor.tenantId,
    projectId: current.id,
    fromStage: from,
    toStage: move.to,
    reason: check.reason,
    note: move.note?.trim() || null,
    at,
    secondsInFrom: Math.floor((at.getTime() - current.stageEnteredAt.getTime()) / 1000),
    byUserId: actor.userId,
    byEmail: actor.email,
  });
  return auditedWriter(tx, actor).update(projects, current.id, {
    stage: move.to,
    heldFrom: check.heldFrom,
    stageReason: check.reason,
    stageEnteredAt: at,
    signedAt: current.signedAt ?? (move.to === 'signed' ? at : null),
    registeredCompanyId,
    updatedAt: at,
  });
}

/** The moves of a project, oldest first, and the time it has spent in each stage, the current one until now. */
export async function stageHistory(tx: TenantTx, project: ProjectRow, now = new Date()) {
  const moves = await stageMoves(tx, project.id);
  const seconds = new Map<string, number>();
  for (const m of moves)
    if (m.fromStage) seconds.set(m.fromStage, (seconds.get(m.fromStage) ?? 0) + (m.secondsInFrom ?? 0));
  const inCurrent = Math.max(0, Math.floor((now.getTime() - project.stageEnteredAt.getTime()) / 1000));
  seconds.set(project.stage, (seconds.get(project.stage) ?? 0) + inCurrent);
  return {
    stage: project.stage as Stage,
    stageEnteredAt: project.stageEnteredAt.toISOString(),
    moves: moves.map((m) => ({
      id: m.id,
      from: m.fromStage as Stage | null,
      to: m.toStage as Stage,
      reason: m.reason,
      note: m.note,
      at: m.at.toISOString(),
      secondsInFrom: m.secondsInFrom,
      byUserId: m.byUserId,
      byEmail: m.byEmail,
    })),
    timeInStage: [...seconds].map(([stage, s]) => ({ stage: stage as Stage, seconds: s })),
  };
}
