export const roles = ['admin', 'officer', 'analyst', 'viewer', 'partner'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/**
 * What a route may require. `public` needs no sign-in, `signedIn` any member of the tenant; the others are
 * capabilities granted to roles below. Every API route declares one of these.
 */
export const permissions = [
  'public',
  'signedIn',
  'territory:read',
  'reference:read',
  'records:read',
  'records:write',
  'pipeline:read',
  'pipeline:submit',
  'pipeline:write',
  'settings:write',
  'audit:read',
  'members:manage',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: [
    'territory:read',
    'reference:read',
    'records:read',
    'records:write',
    'pipeline:read',
    'pipeline:submit',
    'pipeline:write',
    'settings:write',
    'audit:read',
    'members:manage',
  ],
  officer: [
    'territory:read',
    'reference:read',
    'records:read',
    'records:write',
    'pipeline:read',
    'pipeline:submit',
    'pipeline:write',
  ],
  analyst: ['territory:read', 'reference:read', 'records:read', 'pipeline:read'],
  viewer: ['territory:read', 'reference:read', 'records:read', 'pipeline:read'],
  // A partner works through its own portal: it reads the shared reference lists, and reads and submits leads,
  // but the pipeline services show it only the projects it referred.
  partner: ['reference:read', 'pipeline:read', 'pipeline:submit'],
};

export function can(role: Role, permission: Permission): boolean {
  if (permission === 'public' || permission === 'signedIn') return true;
  return grants[role].includes(permission);
}

/** A membership narrowed to towns sees only those towns; an empty list means the whole tenant. */
export function canSeeTown(townScope: readonly string[], townCode: string | null): boolean {
  if (townScope.length === 0) return true;
  return townCode !== null && townScope.includes(townCode);
}
