import type { Role } from '../../api/types.ts';
import { useCurrentSession } from '../../auth/session.ts';

/** Who reads events (records:read): not a partner, whose portal shows only what it referred. */
export const EVENT_READ_ROLES: readonly Role[] = ['admin', 'officer', 'analyst', 'viewer'];
/** Who keeps events, lists, itineraries and sites, checks people in and records leads (records:write). */
export const EVENT_WRITE_ROLES: readonly Role[] = ['admin', 'officer'];

export function useCanEditEvents(): boolean {
  return EVENT_WRITE_ROLES.includes(useCurrentSession().role);
}
