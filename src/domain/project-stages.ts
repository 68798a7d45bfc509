/**
 * The investment project's stages and the moves allowed between them: the one place that decides whether a
 * move is legal. Shared by the server and the web app (the board greys out a drop this refuses).
 *
 * The pipeline runs lead → contacted → negotiating → signed → registered → construction → operating. Beside it,
 * on_hold (暂缓) pauses a project and remembers where it stood; lost (流失) ends it. Both need a reason.
 */
export const pipelineStages = [
  'lead',
  'contacted',
  'negotiating',
  'signed',
  'registered',
  'construction',
  'operating',
] as const;
export const stages = [...pipelineStages, 'on_hold', 'lost'] as const;
export type PipelineStage = (typeof pipelineStages)[number];
export type Stage = (typeof stages)[number];

export function isPipelineStage(value: string): value is PipelineStage {
  return (pipelineStages as readonly string[]).includes(value);
}

/** Why a project was paused: the blockers county systems record per stage. */
export const holdReasons = [
  'investor_decision_pending',
  'policy_review',
  'land_or_space',
  'financing',
  'approvals',
  'other',
] as const;
/** Why a project was lost; competitor locations are what abroad IPAs track first. */
export const lossReasons = [
  'competitor_location',
  'investor_withdrew',
  'policy_mismatch',
  'land_or_space',
  'financing',
  'duplicate',
  'other',
] as const;
export type HoldReason = (typeof holdReasons)[number];
export type LossReason = (typeof lossReasons)[number];

const rank = (s: PipelineStage) => pipelineStages.indexOf(s);

/**
 * Moves from an active pipeline stage. Forward one step at a time, so the history shows every stage a project
 * passed and the funnel's "reached" counts need no guessing. Talks may fall back from negotiating to contacted;
 * nothing falls back past signing, because a signature, a registration and a building site are facts.
 * Operating is where a project ends well; lost is where it ends otherwise.
 */
function pipelineTargets(from: PipelineStage): Stage[] {
  if (from === 'operating') return [];
  const targets: Stage[] = [pipelineStages[rank(from) + 1] as PipelineStage];
  if (from === 'negotiating') targets.push('contacted');
  targets.push('on_hold', 'lost');
  return targets;
}

/**
 * Every stage a project may move to from where it is. A paused project resumes where it was paused, or
 * anywhere a move from there allows, or is given up.
 */
export function allowedMoves(from: Stage, heldFrom: PipelineStage | null = null): Stage[] {
  if (from === 'lost') return [];
  if (from === 'on_hold') {
    const resume = heldFrom ?? 'lead';
    return [resume, ...pipelineTargets(resume).filter((s) => s !== 'on_hold')];
  }
  return pipelineTargets(from);
}

export interface MoveRequest {
  to: Stage;
  reason?: string | null | undefined;
}

export type MoveCheck =
  | { ok: true; reason: HoldReason | LossReason | null; heldFrom: PipelineStage | null }
  | {
      ok: false;
      code: 'illegal-move' | 'reason-required' | 'reason-not-allowed' | 'unknown-reason';
      message: string;
    };

/**
 * Whether a project at `from` may move to `to`. On success, `reason` is what to record and `heldFrom` the
 * pipeline stage to remember while on hold (null otherwise).
 */
export function checkMove(from: Stage, heldFrom: PipelineStage | null, move: MoveRequest): MoveCheck {
  const allowed = allowedMoves(from, heldFrom);
  if (!allowed.includes(move.to)) {
    const options = allowed.length ? `allowed: ${allowed.join(', ')}` : `${from} is final`;
    return {
      ok: false,
      code: 'illegal-move',
      message: `cannot move from ${from} to ${move.to} (${options})`,
    };
  }
  const reasons: readonly string[] | null =
    move.to === 'on_hold' ? holdReasons : move.to === 'lost' ? lossReasons : null;
  const reason = move.reason ?? null;
  if (!reasons) {
    if (reason !== null)
      return { ok: false, code: 'reason-not-allowed', message: `a move to ${move.to} takes no reason` };
    return { ok: true, reason: null, heldFrom: null };
  }
  if (reason === null)
    return {
      ok: false,
      code: 'reason-required',
      message: `a move to ${move.to} needs a reason: one of ${reasons.join(', ')}`,
    };
  if (!reasons.includes(reason))
    return {
      ok: false,
      code: 'unknown-reason',
      message: `"${reason}" is not a reason for ${move.to}: use one of ${reasons.join(', ')}`,
    };
  const pausedAt = move.to === 'on_hold' && isPipelineStage(from) ? from : null;
  return { ok: true, reason: reason as HoldReason | LossReason, heldFrom: pausedAt };
}
