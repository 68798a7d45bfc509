import { and, asc, eq } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import { pipelineStages } from '../../domain/project-stages.ts';
import { projects } from './schema.ts';
import { type Viewer, visibleProjects } from './visibility.ts';

const signedOrBeyond = new Set<string>(pipelineStages.slice(pipelineStages.indexOf('signed')));

/** The projects that came out of an event, oldest lead first, as far as the caller may see them. */
export async function eventLeads(tx: TenantTx, viewer: Viewer, eventId: string) {
  const visible = visibleProjects(viewer);
  const byEvent = eq(projects.eventId, eventId);
  return tx
    .select()
    .from(projects)
    .where(visible ? and(byEvent, visible) : byEvent)
    .orderBy(asc(projects.createdAt), asc(projects.id));
}

/**
 * What an event produced, counted from its projects: leads, projects that reached signing (a project signed and
 * later paused or lost still counts: the signature happened), their amount in yuan, and both by month in the
 * bureau's time zone.
 */
export async function eventProjectFigures(tx: TenantTx, viewer: Viewer, eventId: string) {
  const rows = await eventLeads(tx, viewer, eventId);
  const months = new Map<
    string,
    { month: string; leads: number; signed: number; amountSignedYuan: bigint }
  >();
  const month = (at: Date) => {
    const key = civilDate(at, bureauTimeZone).slice(0, 7);
    const m = months.get(key) ?? { month: key, leads: 0, signed: 0, amountSignedYuan: 0n };
    months.set(key, m);
    return m;
  };
  let signed = 0;
  let amount = 0n;
  for (const row of rows) {
    month(row.createdAt).leads++;
    if (!signedOrBeyond.has(row.reachedStage)) continue;
    signed++;
    amount += row.amountYuan ?? 0n;
    if (row.signedAt) {
      const m = month(row.signedAt);
      m.signed++;
      m.amountSignedYuan += row.amountYuan ?? 0n;
    }
  }
  return {
    leads: rows.length,
    signed,
    amountSignedYuan: amount.toString(),
    byMonth: [...months.values()]
      .sort((a, b) => a.month.localeCompare(b.month))
      .map((m) => ({ ...m, amountSignedYuan: m.amountSignedYuan.toString() })),
  };
}
