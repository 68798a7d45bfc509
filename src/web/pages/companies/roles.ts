import type { Role } from '../../api/types.ts';
import { useCurrentSession } from '../../auth/session.ts';

/** Who may open the registry (the server grants records:read to these; a partner works through its portal). */
export const REGISTRY_READ_ROLES: readonly Role[] = ['admin', 'officer', 'analyst', 'viewer'];
/** Who may add, change, delete and import companies (records:write). */
export const REGISTRY_WRITE_ROLES: readonly Role[] = ['admin', 'officer'];

export function useCanEditRegistry(): boolean {
  return REGISTRY_WRITE_ROLES.includes(useCurrentSession().role);
}
