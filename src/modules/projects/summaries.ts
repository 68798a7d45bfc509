import { and, inArray } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import type { Stage } from '../../domain/project-stages.ts';
import { projects } from './schema.ts';
import { type Viewer, visibleProjects } from './visibility.ts';

/** Title and stage of the projects among `ids` the viewer may see, for other modules that link to projects. */
export async function projectSummaries(tx: TenantTx, viewer: Viewer, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, ProjectSummary>();
  const rows = await tx
    .select({
      id: projects.id,
      title: projects.title,
      stage: projects.stage,
      signedAt: projects.signedAt,
      partnerId: projects.partnerId,
    })
    .from(projects)
    .where(and(inArray(projects.id, unique), visibleProjects(viewer)));
  return new Map(rows.map((r) => [r.id, { ...r, stage: r.stage as Stage }]));
}

export interface ProjectSummary {
  id: string;
  title: string;
  stage: Stage;
  signedAt: Date | null;
  partnerId: string | null;
}
