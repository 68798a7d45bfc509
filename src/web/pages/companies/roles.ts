import type { Role } from '../../api/types.ts';
import { useCurrentSession } from '../../auth/session.ts';

/** Who may open the registry (the server grants records:read to these; a partner works through its portal). */
export const REGISTRY_READ_ROLES: readonly Role[] = ['admin', 'officer', 'analyst', 'viewer'];
/** Who may add, change, delete and import companies (records:write). */
export const REGISTRY_WRITE_ROLES: readonly Role[] = ['admin', 'officer'];

export function useCanEditRegistry(): boolean {
  return REGISTRY_WRITE_ROLES.includes(useCurrentSession().role);
}

/**
 * Who may import: an editor of the whole district. An import upserts by credit code in every town and its job
 * holds rows of every town, so the server refuses a membership narrowed to towns.
 */
export function useCanImportRegistry(): boolean {
  const session = useCurrentSession();
  return REGISTRY_WRITE_ROLES.includes(session.role) && session.towns.length === 0;
}
