import { describe, expect, it } from 'vitest';
import {
  allowedMoves,
  checkMove,
  holdReasons,
  isPipelineStage,
  lossReasons,
  type PipelineStage,
  pipelineStages,
  type Stage,
  stages,
} from './project-stages.ts';

// The whole table written out by hand, so a change to the rules shows up here as a deliberate edit.
const expected: Record<Exclude<Stage, 'on_hold'>, Stage[]> = {
  lead: ['contacted', 'on_hold', 'lost'],
  contacted: ['negotiating', 'on_hold', 'lost'],
  negotiating: ['signed', 'contacted', 'on_hold', 'lost'],
  signed: ['registered', 'on_hold', 'lost'],
  registered: ['construction', 'on_hold', 'lost'],
  construction: ['operating', 'on_hold', 'lost'],
  operating: [],
  lost: [],
};
const resumeFrom: Record<PipelineStage, Stage[]> = {
  lead: ['lead', 'contacted', 'lost'],
  contacted: ['contacted', 'negotiating', 'lost'],
  negotiating: ['negotiating', 'signed', 'contacted', 'lost'],
  signed: ['signed', 'registered', 'lost'],
  registered: ['registered', 'construction', 'lost'],
  construction: ['construction', 'operating', 'lost'],
  operating: ['operating'],
};

const reasonFor = (to: Stage) =>
  to === 'on_hold' ? 'financing' : to === 'lost' ? 'competitor_location' : null;

describe('project stages', () => {
  it('names the nine stage codes of the API contract', () => {
    expect(stages).toEqual([
      'lead',
      'contacted',
      'negotiating',
      'signed',
      'registered',
      'construction',
      'operating',
      'on_hold',
      'lost',
    ]);
    expect(pipelineStages.every(isPipelineStage)).toBe(true);
    expect(isPipelineStage('on_hold')).toBe(false);
  });

  it.each(Object.entries(expected))('allows exactly the listed moves from %s', (from, targets) => {
    expect(allowedMoves(from as Stage)).toEqual(targets);
  });

  it.each(Object.entries(resumeFrom))('resumes a project paused at %s where it may go', (held, targets) => {
    expect(allowedMoves('on_hold', held as PipelineStage)).toEqual(targets);
  });

  it('checks every pair of stages against the table, from every place a project can stand', () => {
    const places: [Stage, PipelineStage | null][] = [
      ...stages.filter((s) => s !== 'on_hold').map((s): [Stage, null] => [s, null]),
      ...pipelineStages.map((h): [Stage, PipelineStage] => ['on_hold', h]),
    ];
    let legal = 0;
    for (const [from, held] of places) {
      const allowed = from === 'on_hold' ? resumeFrom[held as PipelineStage] : expected[from as 'lead'];
      for (const to of stages) {
        const result = checkMove(from, held, { to, reason: reasonFor(to) });
        expect(result.ok, `${from}(${held}) → ${to}`).toBe(allowed.includes(to));
        if (!result.ok) {
          expect(result.code).toBe('illegal-move');
          expect(result.message).toContain(`from ${from} to ${to}`);
        } else legal++;
      }
    }
    expect(legal).toBe(Object.values(expected).flat().length + Object.values(resumeFrom).flat().length);
  });

  it('never moves a project to the stage it is in, except a paused one resuming', () => {
    for (const s of stages) if (s !== 'on_hold') expect(allowedMoves(s)).not.toContain(s);
  });

  it('remembers where a project was paused', () => {
    expect(checkMove('negotiating', null, { to: 'on_hold', reason: 'policy_review' })).toEqual({
      ok: true,
      reason: 'policy_review',
      heldFrom: 'negotiating',
    });
    expect(checkMove('on_hold', 'negotiating', { to: 'signed' })).toEqual({
      ok: true,
      reason: null,
      heldFrom: null,
    });
  });

  it('resumes an old paused project without a remembered stage as a lead', () => {
    expect(allowedMoves('on_hold', null)).toEqual(resumeFrom.lead);
  });

  it.each(['on_hold', 'lost'] as const)('needs a known reason to move to %s', (to) => {
    const missing = checkMove('contacted', null, { to });
    expect(missing).toMatchObject({ ok: false, code: 'reason-required' });
    const unknown = checkMove('contacted', null, { to, reason: 'bored' });
    expect(unknown).toMatchObject({ ok: false, code: 'unknown-reason' });
    const list = to === 'on_hold' ? holdReasons : lossReasons;
    for (const reason of list) expect(checkMove('contacted', null, { to, reason }).ok).toBe(true);
  });

  it('refuses a reason on an ordinary move', () => {
    expect(checkMove('lead', null, { to: 'contacted', reason: 'financing' })).toMatchObject({
      ok: false,
      code: 'reason-not-allowed',
    });
  });

  it('explains a move out of a final stage', () => {
    const result = checkMove('lost', null, { to: 'lead' });
    expect(result).toMatchObject({ ok: false, code: 'illegal-move' });
    if (!result.ok) expect(result.message).toMatch(/lost is final/);
    const skip = checkMove('lead', null, { to: 'signed' });
    if (!skip.ok) expect(skip.message).toMatch(/allowed: contacted, on_hold, lost/);
  });
});
