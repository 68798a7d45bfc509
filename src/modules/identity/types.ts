import type { Role } from '../../domain/access.ts';

/** Who is making a request, resolved from a session cookie or an API token. */
export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  tenantId: string;
  tenantSlug: string;
  role: Role;
  townCodes: string[];
  partnerId: string | null;
}
