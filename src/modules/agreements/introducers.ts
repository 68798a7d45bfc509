import { and, asc, eq } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import {
  type AgreementStatus,
  effectiveStatus,
  type IntroducerRole,
  introducerRoles,
} from '../../domain/agreements.ts';
import { bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import { registrationCounts } from '../../domain/introducer-credit.ts';
import { invalid, notFound, Problem } from '../../domain/problem.ts';
import type { AuditActor } from '../audit/service.ts';
import { auditedWriter } from '../audit/writer.ts';
import { partnerNames } from '../partners/service.ts';
import { getProject } from '../projects/service.ts';
import { projectSummaries } from '../projects/summaries.ts';
import type { Viewer } from '../projects/visibility.ts';
import { agreementParties, introducerRegistrations } from './schema.ts';
import type { AgreementRow } from './service.ts';

// Introducer registrations under a commissioned-promotion agreement. Credit is settled when a project is signed
// (the projects module settles its referring partner then, too): after that, no registration that would count
// may be added, re-dated or removed, so the credit a scorecard showed at signing cannot be rewritten later.

type RegistrationRow = typeof introducerRegistrations.$inferSelect;

export interface RegistrationInput {
  partnerId?: string | null | undefined;
  projectId?: string | null | undefined;
  prospectName?: string | null | undefined;
  role: string;
  registeredOn: string;
  note?: string | null | undefined;
}

const settled = (signedOn: string) =>
  new Problem(
    409,
    'credit-settled',
    `the project was signed on ${signedOn}: its introducer credit is settled and registrations dated before then cannot change`,
  );

const signedDay = (signedAt: Date | null) => (signedAt ? civilDate(signedAt, bureauTimeZone) : null);

/** The partner parties of an agreement: the partners it commissions. */
async function commissionedPartners(tx: TenantTx, agreementId: string) {
  const rows = await tx
    .select({ partnerId: agreementParties.partnerId })
    .from(agreementParties)
    .where(and(eq(agreementParties.agreementId, agreementId), eq(agreementParties.partyKind, 'partner')));
  return rows.flatMap((r) => (r.partnerId ? [r.partnerId] : []));
}

/**
 * A project signed by the time the registration is recorded (`at`) may gain one only if it is dated on or after
 * the signing day. (Demo data records registrations at their past dates; the API records them now.)
 */
async function checkProject(tx: TenantTx, viewer: Viewer, projectId: string, registeredOn: string, at: Date) {
  const project = await getProject(tx, viewer, projectId);
  const signedOn = project.signedAt && project.signedAt <= at ? signedDay(project.signedAt) : null;
  if (signedOn && registrationCounts(registeredOn, signedOn)) throw settled(signedOn);
  return project;
}

export async function registerIntroducer(
  tx: TenantTx,
  actor: AuditActor,
  viewer: Viewer,
  agreement: AgreementRow,
  input: RegistrationInput,
  when: { at?: Date } = {},
) {
  if (agreement.kind !== 'commissioned_promotion')
    throw invalid('introducers are registered under a commissioned-promotion agreement');
  const at = when.at ?? new Date();
  const day = civilDate(at, bureauTimeZone);
  const status = effectiveStatus(agreement.status as AgreementStatus, agreement.termEnd, day);
  if (status !== 'signed' && status !== 'in_force')
    throw new Problem(
      409,
      'agreement-not-in-force',
      `the agreement is ${status}: it registers no introducers`,
    );
  if (!(introducerRoles as readonly string[]).includes(input.role))
    throw invalid(`role must be one of ${introducerRoles.join(', ')}`);
  const commissioned = await commissionedPartners(tx, agreement.id);
  const partnerId = input.partnerId ?? (commissioned.length === 1 ? commissioned[0] : null);
  if (!partnerId) throw invalid('name the partnerId: the agreement commissions several partners');
  if (!commissioned.includes(partnerId))
    throw invalid('the introducer is a partner the agreement commissions');
  const projectId = input.projectId ?? null;
  const prospectName = input.prospectName?.trim() || null;
  if (!projectId === !prospectName)
    throw invalid('a registration names either a project or a prospective investor');
  const registeredOn = input.registeredOn;
  if (registeredOn > day) throw invalid('a registration cannot be dated in the future');
  if (agreement.signedOn && registeredOn < agreement.signedOn)
    throw invalid(`the agreement was signed on ${agreement.signedOn}: registrations start then`);
  if (agreement.termEnd && registeredOn > agreement.termEnd)
    throw invalid(`the agreement's term ended on ${agreement.termEnd}`);
  if (projectId) {
    await checkProject(tx, viewer, projectId, registeredOn, at);
    const [twice] = await tx
      .select({ id: introducerRegistrations.id })
      .from(introducerRegistrations)
      .where(
        and(
          eq(introducerRegistrations.projectId, projectId),
          eq(introducerRegistrations.partnerId, partnerId),
        ),
      );
    if (twice) throw new Problem(409, 'conflict', 'this partner is registered for the project already');
  }
  return auditedWriter(tx, actor).insert(introducerRegistrations, {
    agreementId: agreement.id,
    partnerId,
    projectId,
    prospectName,
    role: input.role,
    registeredOn,
    note: input.note?.trim() || null,
    createdBy: actor.userId,
    createdAt: at,
  });
}

async function getRegistration(tx: TenantTx, agreementId: string, id: string) {
  const [row] = await tx
    .select()
    .from(introducerRegistrations)
    .where(and(eq(introducerRegistrations.id, id), eq(introducerRegistrations.agreementId, agreementId)));
  if (!row) throw notFound('registration');
  return row;
}

/** A registration that counts toward a signed project's credit is settled. */
async function checkSettled(tx: TenantTx, viewer: Viewer, row: RegistrationRow) {
  if (!row.projectId) return;
  const project = await getProject(tx, viewer, row.projectId);
  const signedOn = signedDay(project.signedAt);
  if (signedOn && registrationCounts(row.registeredOn, signedOn)) throw settled(signedOn);
}

/**
 * A prospect registered before it was a project is linked to the project it became; the registration keeps its
 * date, so credit is judged by when the partner was registered, not when the project was recorded.
 */
export async function linkRegistration(
  tx: TenantTx,
  actor: AuditActor,
  viewer: Viewer,
  agreementId: string,
  id: string,
  projectId: string,
) {
  const row = await getRegistration(tx, agreementId, id);
  if (row.projectId) throw new Problem(409, 'conflict', 'the registration names its project already');
  await checkProject(tx, viewer, projectId, row.registeredOn, new Date());
  return auditedWriter(tx, actor).update(introducerRegistrations, id, { projectId });
}

export async function deleteRegistration(
  tx: TenantTx,
  actor: AuditActor,
  viewer: Viewer,
  agreementId: string,
  id: string,
) {
  const row = await getRegistration(tx, agreementId, id);
  await checkSettled(tx, viewer, row);
  await auditedWriter(tx, actor).remove(introducerRegistrations, id);
}

/** Registrations of an agreement, or of a project, with the names of partners and the projects the viewer sees. */
export async function listRegistrations(
  tx: TenantTx,
  viewer: Viewer,
  by: { agreementId: string } | { projectId: string },
) {
  const rows = await tx
    .select()
    .from(introducerRegistrations)
    .where(
      'agreementId' in by
        ? eq(introducerRegistrations.agreementId, by.agreementId)
        : eq(introducerRegistrations.projectId, by.projectId),
    )
    .orderBy(
      asc(introducerRegistrations.registeredOn),
      asc(introducerRegistrations.createdAt),
      asc(introducerRegistrations.id),
    );
  const partners = await partnerNames(
    tx,
    rows.map((r) => r.partnerId),
  );
  const projects = await projectSummaries(
    tx,
    viewer,
    rows.flatMap((r) => (r.projectId ? [r.projectId] : [])),
  );
  // A registration for a project the viewer may not see is left out, as the project itself would be.
  return rows
    .filter((r) => !r.projectId || projects.has(r.projectId))
    .map((r) => {
      const project = r.projectId ? projects.get(r.projectId) : undefined;
      const signedOn = signedDay(project?.signedAt ?? null);
      return {
        id: r.id,
        agreementId: r.agreementId,
        partnerId: r.partnerId,
        partner: partners.get(r.partnerId) ?? null,
        projectId: r.projectId,
        project: project ? { id: project.id, title: project.title, stage: project.stage } : null,
        prospectName: r.prospectName,
        role: r.role as IntroducerRole,
        registeredOn: r.registeredOn,
        note: r.note,
        /** Whether this registration is early enough to earn credit (before the project's signing day). */
        beforeSigning: registrationCounts(r.registeredOn, signedOn),
        recordedAt: r.createdAt.toISOString(),
      };
    });
}
