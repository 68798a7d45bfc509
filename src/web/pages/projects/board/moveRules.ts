import { allowedMoves, type Stage } from '../../../../domain/project-stages.ts';
import type { Project } from '../../../api/projects.ts';

/** The stages a card may be dropped on: the same state machine the server applies to the move. */
export function dropTargets(project: Pick<Project, 'stage' | 'heldFrom'>): Stage[] {
  return allowedMoves(project.stage, project.heldFrom);
}

/** What a move to `to` must ask for before it is sent: a reason to pause or lose, a credit code to register. */
export function moveNeeds(
  project: Pick<Project, 'investorCompany'>,
  to: Stage,
): 'reason' | 'creditCode' | null {
  if (to === 'on_hold' || to === 'lost') return 'reason';
  // Without a registry investor the server cannot default the registered company: ask for its credit code.
  if (to === 'registered' && !project.investorCompany) return 'creditCode';
  return null;
}
