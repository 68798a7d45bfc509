import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../domain/access.ts';
import { canSeeTown } from '../../domain/access.ts';
import { projects } from './schema.ts';

/** The parts of a caller that decide which projects it sees. */
export interface Viewer {
  userId: string;
  role: Role;
  townCodes: string[];
  partnerId: string | null;
}

/**
 * Which projects a caller sees, as one condition every project query adds: a partner only what it referred,
 * a membership narrowed to towns only projects intended for those towns, everyone else the whole tenant.
 * Row-level security has already limited the rows to the tenant.
 */
export function visibleProjects(viewer: Viewer): SQL | undefined {
  const where: SQL[] = [];
  if (viewer.role === 'partner')
    where.push(viewer.partnerId ? eq(projects.partnerId, viewer.partnerId) : sql`false`);
  if (viewer.townCodes.length) where.push(inArray(projects.townCode, viewer.townCodes));
  return where.length ? and(...where) : undefined;
}

/** The same rule for one row already read. */
export function canSeeProject(
  viewer: Viewer,
  row: { partnerId: string | null; townCode: string | null },
): boolean {
  if (viewer.role === 'partner' && (!viewer.partnerId || row.partnerId !== viewer.partnerId)) return false;
  return canSeeTown(viewer.townCodes, row.townCode);
}
