import { and, asc, eq } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { checkTargetScope, type TargetMetric, targetMetrics } from '../../domain/cockpit.ts';
import { invalid, notFound, Problem } from '../../domain/problem.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { listClusters, listSites } from '../territory/service.ts';
import { cockpitTargets } from './schema.ts';

export type TargetRow = typeof cockpitTargets.$inferSelect;

export interface TargetInput {
  year: number;
  metric: string;
  clusterId?: string | null | undefined;
  siteId?: string | null | undefined;
  /** A count, or yuan: a decimal string, since yuan amounts can exceed 2^53. */
  value: string;
}

export function presentTarget(row: TargetRow) {
  return {
    id: row.id,
    year: row.year,
    metric: row.metric as TargetMetric,
    clusterId: row.clusterId,
    siteId: row.siteId,
    value: row.value.toString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function validate(tx: TenantTx, input: TargetInput) {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw invalid('year is a calendar year such as 2026');
  if (!(targetMetrics as readonly string[]).includes(input.metric))
    throw invalid(`metric must be one of ${targetMetrics.join(', ')}`);
  const metric = input.metric as TargetMetric;
  const clusterId = input.clusterId ?? null;
  const siteId = input.siteId ?? null;
  const scope = checkTargetScope(metric, clusterId, siteId);
  if (scope) throw invalid(scope);
  if (clusterId && !(await listClusters(tx)).some((c) => c.id === clusterId))
    throw invalid('clusterId is not a cluster of this district');
  if (siteId && !(await listSites(tx)).some((s) => s.id === siteId))
    throw invalid('siteId is not a park of this district');
  if (!/^\d{1,18}$/.test(input.value)) throw invalid('value is a whole number, a count or yuan');
  return { year: input.year, metric, clusterId, siteId, value: BigInt(input.value) };
}

const duplicate = () =>
  new Problem(409, 'duplicate-target', 'this year already has a target for that metric and scope');

async function sameScope(tx: TenantTx, v: Awaited<ReturnType<typeof validate>>) {
  const rows = await tx
    .select()
    .from(cockpitTargets)
    .where(and(eq(cockpitTargets.year, v.year), eq(cockpitTargets.metric, v.metric)));
  return rows.find((r) => r.clusterId === v.clusterId && r.siteId === v.siteId);
}

export async function listTargets(tx: TenantTx, year?: number) {
  return tx
    .select()
    .from(cockpitTargets)
    .where(year === undefined ? undefined : eq(cockpitTargets.year, year))
    .orderBy(asc(cockpitTargets.year), asc(cockpitTargets.metric), asc(cockpitTargets.id));
}

export async function getTarget(tx: TenantTx, id: string) {
  const [row] = await tx.select().from(cockpitTargets).where(eq(cockpitTargets.id, id));
  if (!row) throw notFound('target');
  return row;
}

export async function createTarget(tx: TenantTx, actor: AuditActor, input: TargetInput) {
  const values = await validate(tx, input);
  if (await sameScope(tx, values)) throw duplicate();
  const [row] = await tx
    .insert(cockpitTargets)
    .values({ tenantId: actor.tenantId, ...values })
    .returning();
  if (!row) throw new Error('target not stored');
  await recordAudit(tx, actor, {
    entity: 'cockpit_targets',
    entityId: row.id,
    action: 'create',
    before: null,
    after: row,
  });
  return row;
}

export async function updateTarget(tx: TenantTx, actor: AuditActor, id: string, patch: Partial<TargetInput>) {
  const before = await getTarget(tx, id);
  const values = await validate(tx, { ...presentTarget(before), ...patch });
  const other = await sameScope(tx, values);
  if (other && other.id !== id) throw duplicate();
  const [row] = await tx
    .update(cockpitTargets)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(cockpitTargets.id, id))
    .returning();
  await recordAudit(tx, actor, {
    entity: 'cockpit_targets',
    entityId: id,
    action: 'update',
    before,
    after: row,
  });
  return row as TargetRow;
}

export async function deleteTarget(tx: TenantTx, actor: AuditActor, id: string) {
  const before = await getTarget(tx, id);
  await tx.delete(cockpitTargets).where(eq(cockpitTargets.id, id));
  await recordAudit(tx, actor, {
    entity: 'cockpit_targets',
    entityId: id,
    action: 'delete',
    before,
    after: null,
  });
}
