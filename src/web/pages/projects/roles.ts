import type { Role } from '../../api/types.ts';
import { useCurrentSession } from '../../auth/session.ts';

/** Who opens the pipeline (pipeline:read); a partner sees only the projects it referred. */
export const PIPELINE_READ_ROLES: readonly Role[] = ['admin', 'officer', 'analyst', 'viewer', 'partner'];
/** Who records leads (pipeline:submit). */
export const PIPELINE_SUBMIT_ROLES: readonly Role[] = ['admin', 'officer', 'partner'];
/** Who moves projects and keeps their follow-ups (pipeline:write). */
export const PIPELINE_WRITE_ROLES: readonly Role[] = ['admin', 'officer'];
/** Who reads the bureau's working notes: tasks, activities and the audit trail (records:read). */
export const PIPELINE_NOTES_ROLES: readonly Role[] = ['admin', 'officer', 'analyst', 'viewer'];

export function usePipelineRights() {
  const { role } = useCurrentSession();
  return {
    submit: PIPELINE_SUBMIT_ROLES.includes(role),
    write: PIPELINE_WRITE_ROLES.includes(role),
    notes: PIPELINE_NOTES_ROLES.includes(role),
  };
}
