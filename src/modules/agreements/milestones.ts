import { and, asc, eq, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { type MilestoneKind, milestoneDateProblem, milestoneKinds } from '../../domain/agreements.ts';
import { invalid, notFound } from '../../domain/problem.ts';
import type { AuditActor } from '../audit/service.ts';
import { auditedWriter } from '../audit/writer.ts';
import { memberRoles, membersWithRoles } from '../identity/service.ts';
import { agreementMilestones, agreements } from './schema.ts';
import type { AgreementRow } from './service.ts';

// Obligations and milestones of an agreement. Each is a change to the agreement, so each goes through the
// audited writer; a milestone due before the signing date is refused and changes nothing.

type MilestoneRow = typeof agreementMilestones.$inferSelect;

export function presentMilestone(row: MilestoneRow, today: string, owners: Map<string, string>) {
  return {
    id: row.id,
    agreementId: row.agreementId,
    kind: row.kind as MilestoneKind,
    title: row.title,
    ownerUserId: row.ownerUserId,
    ownerName: row.ownerUserId ? (owners.get(row.ownerUserId) ?? row.ownerName) : row.ownerName,
    dueOn: row.dueOn,
    doneOn: row.doneOn,
    overdue: row.doneOn === null && row.dueOn !== null && row.dueOn < today,
  };
}

/** Display names of the members who own milestones. */
export async function ownerNames(tx: TenantTx): Promise<Map<string, string>> {
  const members = await membersWithRoles(tx, ['admin', 'officer', 'analyst', 'viewer']);
  return new Map(members.map((m) => [m.userId, m.displayName]));
}

export interface MilestoneInput {
  kind?: string | undefined;
  title: string;
  ownerUserId?: string | null | undefined;
  ownerName?: string | null | undefined;
  dueOn?: string | null | undefined;
  doneOn?: string | null | undefined;
}

async function validate(tx: TenantTx, agreement: AgreementRow, input: MilestoneInput) {
  const kind = input.kind ?? 'milestone';
  if (!(milestoneKinds as readonly string[]).includes(kind))
    throw invalid(`kind must be one of ${milestoneKinds.join(', ')}`);
  const title = input.title.trim();
  if (!title) throw invalid('a milestone needs a title');
  const ownerUserId = input.ownerUserId ?? null;
  const ownerName = input.ownerName?.trim() || null;
  if (ownerUserId) {
    const role = (await memberRoles(tx, [ownerUserId])).get(ownerUserId);
    if (!role || role === 'partner')
      throw invalid('the owner is a member of the district (or name one by text)');
  }
  if (ownerUserId && ownerName) throw invalid('the owner is either a member or a name, not both');
  const dueOn = input.dueOn ?? null;
  const problem = milestoneDateProblem(dueOn, agreement.signedOn);
  if (problem) throw invalid(problem, { code: 'milestone-before-signing' });
  const doneOn = input.doneOn ?? null;
  return { kind, title, ownerUserId, ownerName, dueOn, doneOn };
}

export async function listMilestones(tx: TenantTx, agreementId: string) {
  return tx
    .select()
    .from(agreementMilestones)
    .where(eq(agreementMilestones.agreementId, agreementId))
    .orderBy(
      sql`${agreementMilestones.doneOn} is not null`,
      sql`${agreementMilestones.dueOn} asc nulls last`,
      asc(agreementMilestones.createdAt),
    );
}

export async function addMilestone(
  tx: TenantTx,
  actor: AuditActor,
  agreement: AgreementRow,
  input: MilestoneInput,
  when: { at?: Date } = {},
) {
  const values = await validate(tx, agreement, input);
  const at = when.at ?? new Date();
  return auditedWriter(tx, actor).insert(agreementMilestones, {
    ...values,
    agreementId: agreement.id,
    createdAt: at,
    updatedAt: at,
  });
}

async function getMilestone(tx: TenantTx, agreementId: string, id: string) {
  const [row] = await tx
    .select()
    .from(agreementMilestones)
    .where(and(eq(agreementMilestones.id, id), eq(agreementMilestones.agreementId, agreementId)));
  if (!row) throw notFound('milestone');
  return row;
}

export async function updateMilestone(
  tx: TenantTx,
  actor: AuditActor,
  agreement: AgreementRow,
  id: string,
  patch: Partial<MilestoneInput>,
) {
  const current = await getMilestone(tx, agreement.id, id);
  // Naming a member as owner replaces a free-text owner and the other way round.
  const owner =
    patch.ownerUserId !== undefined && patch.ownerName === undefined
      ? { ownerName: null }
      : patch.ownerName !== undefined && patch.ownerUserId === undefined
        ? { ownerUserId: null }
        : {};
  const values = await validate(tx, agreement, { ...current, ...owner, ...patch });
  return auditedWriter(tx, actor).update(agreementMilestones, id, { ...values, updatedAt: new Date() });
}

export async function deleteMilestone(tx: TenantTx, actor: AuditActor, agreementId: string, id: string) {
  await getMilestone(tx, agreementId, id);
  await auditedWriter(tx, actor).remove(agreementMilestones, id);
}

/**
 * Open milestones overdue or due by `until`, of agreements still running (not drafts, not terminated), soonest
 * first; for one owner, or for everyone.
 */
export async function dueMilestones(tx: TenantTx, until: string, ownerUserId: string | null) {
  const where: SQL[] = [
    isNull(agreementMilestones.doneOn),
    lte(agreementMilestones.dueOn, until),
    inArray(agreements.status, ['signed', 'in_force', 'expired']),
  ];
  if (ownerUserId) where.push(eq(agreementMilestones.ownerUserId, ownerUserId));
  return tx
    .select({
      milestone: agreementMilestones,
      agreementTitle: agreements.titleZh,
      agreementTitleEn: agreements.titleEn,
    })
    .from(agreementMilestones)
    .innerJoin(agreements, eq(agreements.id, agreementMilestones.agreementId))
    .where(and(...where))
    .orderBy(asc(agreementMilestones.dueOn), asc(agreementMilestones.id))
    .limit(500);
}
