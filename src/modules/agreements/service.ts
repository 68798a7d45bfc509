import { and, asc, desc, eq, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../../db/keyset.ts';
import type { TenantTx } from '../../db/scope.ts';
import {
  type AgreementKind,
  type AgreementStatus,
  agreementKinds,
  allowedAgreementMoves,
  checkAgreementMove,
  effectiveStatus,
  type PartyKind,
  partyKinds,
  renewalTerm,
  termProblem,
} from '../../domain/agreements.ts';
import { bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import { invalid, notFound, Problem } from '../../domain/problem.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { companySummaries } from '../companies/service.ts';
import { existingPartnerIds, partnerNames } from '../partners/service.ts';
import { projectSummaries } from '../projects/summaries.ts';
import type { Viewer } from '../projects/visibility.ts';
import {
  agreementMilestones,
  agreementParties,
  agreementProjects,
  agreements,
  introducerRegistrations,
} from './schema.ts';

export type AgreementRow = typeof agreements.$inferSelect;
type PartyRow = typeof agreementParties.$inferSelect;

export const today = () => civilDate(new Date(), bureauTimeZone);

/**
 * Which agreements a caller sees: a partner user only those its partner is party to (its own commissioned-
 * promotion agreement, say); every other member the whole tenant. Row-level security has limited the tenant.
 */
function visibleAgreements(viewer: Viewer): SQL | undefined {
  if (viewer.role !== 'partner') return undefined;
  if (!viewer.partnerId) return sql`false`;
  return sql`exists (select 1 from ${agreementParties} p where p.agreement_id = ${agreements.id}
    and p.partner_id = ${viewer.partnerId}::uuid)`;
}

/** An agreement the caller may see; anything else, in this tenant or another, is simply not found. */
export async function getAgreement(tx: TenantTx, viewer: Viewer, id: string): Promise<AgreementRow> {
  const visible = visibleAgreements(viewer);
  const [row] = await tx
    .select()
    .from(agreements)
    .where(visible ? and(eq(agreements.id, id), visible) : eq(agreements.id, id));
  if (!row) throw notFound('agreement');
  return row;
}

export interface PartyInput {
  kind: string;
  partnerId?: string | null | undefined;
  companyId?: string | null | undefined;
  name?: string | null | undefined;
  role?: string | null | undefined;
}

export interface AgreementInput {
  kind: string;
  titleZh: string;
  titleEn?: string | null | undefined;
  referenceNo?: string | null | undefined;
  summary?: string | null | undefined;
  signedOn?: string | null | undefined;
  eventId?: string | null | undefined;
  termStart?: string | null | undefined;
  termEnd?: string | null | undefined;
  parties?: PartyInput[] | undefined;
  projectIds?: string[] | undefined;
}

const text = (v: string | null | undefined) => v?.trim() || null;

async function validateParties(tx: TenantTx, parties: PartyInput[], kind: AgreementKind) {
  const seen = new Set<string>();
  const out = parties.map((p, position) => {
    if (!(partyKinds as readonly string[]).includes(p.kind))
      throw invalid(`a party's kind is one of ${partyKinds.join(', ')}`);
    const kindOf = p.kind as PartyKind;
    const partnerId = kindOf === 'partner' ? (p.partnerId ?? null) : null;
    const companyId = kindOf === 'company' ? (p.companyId ?? null) : null;
    const name = kindOf === 'organisation' ? text(p.name) : null;
    if (kindOf === 'partner' && !partnerId) throw invalid('a partner party names its partnerId');
    if (kindOf === 'company' && !companyId) throw invalid('a company party names its companyId');
    if (kindOf === 'organisation' && !name) throw invalid('an outside organisation party needs its name');
    const key = `${kindOf}:${partnerId ?? companyId ?? name ?? ''}`;
    if (seen.has(key)) throw invalid('the same party is named twice');
    seen.add(key);
    return { partyKind: kindOf, partnerId, companyId, name, role: text(p.role), position };
  });
  const partnerIds = out.flatMap((p) => (p.partnerId ? [p.partnerId] : []));
  const found = await existingPartnerIds(tx, partnerIds);
  if (partnerIds.some((id) => !found.has(id)))
    throw invalid('a partner party is not a partner of this district');
  const companyIds = out.flatMap((p) => (p.companyId ? [p.companyId] : []));
  const companies = await companySummaries(tx, companyIds);
  if (companyIds.some((id) => !companies.has(id)))
    throw invalid('a company party is not a company in the registry');
  if (kind === 'commissioned_promotion' && !partnerIds.length)
    throw invalid('a commissioned-promotion agreement names the partner it commissions');
  return out;
}

async function validateProjects(tx: TenantTx, viewer: Viewer, ids: string[]) {
  const unique = [...new Set(ids)];
  const visible = await projectSummaries(tx, viewer, unique);
  if (unique.some((id) => !visible.has(id))) throw invalid('a linked project is not a project you can see');
  return unique;
}

function validateFields(input: AgreementInput, status: AgreementStatus, day: string) {
  if (!(agreementKinds as readonly string[]).includes(input.kind))
    throw invalid(`kind must be one of ${agreementKinds.join(', ')}`);
  const titleZh = input.titleZh.trim();
  if (!titleZh) throw invalid('an agreement needs a Chinese title');
  const values = {
    kind: input.kind as AgreementKind,
    titleZh,
    titleEn: text(input.titleEn),
    referenceNo: text(input.referenceNo),
    summary: text(input.summary),
    signedOn: input.signedOn ?? null,
    eventId: input.eventId ?? null,
    termStart: input.termStart ?? null,
    termEnd: input.termEnd ?? null,
  };
  const problem = termProblem(values);
  if (problem) throw invalid(problem);
  if (status !== 'draft' && !values.signedOn) throw invalid('a signed agreement keeps its signing date');
  if (status !== 'draft' && values.signedOn && values.signedOn > day)
    throw invalid('the signing date of a signed agreement cannot be in the future');
  return values;
}

/** Parties and linked projects of these agreements, as stored. */
async function partsOf(tx: TenantTx, ids: string[]) {
  if (!ids.length)
    return { parties: [] as PartyRow[], links: [] as { agreementId: string; projectId: string }[] };
  const parties = await tx
    .select()
    .from(agreementParties)
    .where(inArray(agreementParties.agreementId, ids))
    .orderBy(asc(agreementParties.position));
  const links = await tx
    .select({ agreementId: agreementProjects.agreementId, projectId: agreementProjects.projectId })
    .from(agreementProjects)
    .where(inArray(agreementProjects.agreementId, ids))
    .orderBy(asc(agreementProjects.createdAt));
  return { parties, links };
}

/** What the audit trail keeps of an agreement: the row with its parties and linked projects. */
async function snapshot(tx: TenantTx, row: AgreementRow) {
  const { parties, links } = await partsOf(tx, [row.id]);
  return {
    ...row,
    parties: parties.map((p) => ({
      kind: p.partyKind,
      partnerId: p.partnerId,
      companyId: p.companyId,
      name: p.name,
      role: p.role,
    })),
    projectIds: links.map((l) => l.projectId),
  };
}

/** The agreements as the API shows them, with party names, the linked projects the viewer sees, and renewals. */
export async function presentAgreements(tx: TenantTx, viewer: Viewer, rows: AgreementRow[]) {
  const ids = rows.map((r) => r.id);
  const { parties, links } = await partsOf(tx, ids);
  const partners = await partnerNames(
    tx,
    parties.flatMap((p) => (p.partnerId ? [p.partnerId] : [])),
  );
  const companies = await companySummaries(
    tx,
    parties.flatMap((p) => (p.companyId ? [p.companyId] : [])),
  );
  const projects = await projectSummaries(
    tx,
    viewer,
    links.map((l) => l.projectId),
  );
  const renewals = ids.length
    ? await tx
        .select({ id: agreements.id, renewsId: agreements.renewsId, titleZh: agreements.titleZh })
        .from(agreements)
        .where(inArray(agreements.renewsId, ids))
    : [];
  const day = today();
  return rows.map((row) => {
    const status = effectiveStatus(row.status as AgreementStatus, row.termEnd, day);
    return {
      id: row.id,
      kind: row.kind as AgreementKind,
      titleZh: row.titleZh,
      titleEn: row.titleEn,
      referenceNo: row.referenceNo,
      summary: row.summary,
      status,
      storedStatus: row.status as AgreementStatus,
      allowedMoves: allowedAgreementMoves(status),
      signedOn: row.signedOn,
      eventId: row.eventId,
      termStart: row.termStart,
      termEnd: row.termEnd,
      renewsId: row.renewsId,
      renewedBy: renewals.filter((r) => r.renewsId === row.id).map((r) => ({ id: r.id, titleZh: r.titleZh })),
      parties: parties
        .filter((p) => p.agreementId === row.id)
        .map((p) => {
          const partner = p.partnerId ? partners.get(p.partnerId) : undefined;
          const company = p.companyId ? companies.get(p.companyId) : undefined;
          return {
            id: p.id,
            kind: p.partyKind as PartyKind,
            partnerId: p.partnerId,
            companyId: p.companyId,
            nameZh: partner?.nameZh ?? company?.nameZh ?? p.name,
            nameEn: partner?.nameEn ?? null,
            role: p.role,
          };
        }),
      projects: links
        .filter((l) => l.agreementId === row.id && projects.has(l.projectId))
        .map((l) => {
          const p = projects.get(l.projectId) as NonNullable<ReturnType<typeof projects.get>>;
          return { id: p.id, title: p.title, stage: p.stage };
        }),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}
export type Agreement = Awaited<ReturnType<typeof presentAgreements>>[number];

export async function presentAgreement(tx: TenantTx, viewer: Viewer, row: AgreementRow): Promise<Agreement> {
  return (await presentAgreements(tx, viewer, [row]))[0] as Agreement;
}

async function writeParts(
  tx: TenantTx,
  tenantId: string,
  agreementId: string,
  parties: Awaited<ReturnType<typeof validateParties>> | null,
  projectIds: string[] | null,
) {
  if (parties) {
    await tx.delete(agreementParties).where(eq(agreementParties.agreementId, agreementId));
    if (parties.length)
      await tx.insert(agreementParties).values(parties.map((p) => ({ ...p, tenantId, agreementId })));
  }
  if (projectIds) {
    await tx.delete(agreementProjects).where(eq(agreementProjects.agreementId, agreementId));
    if (projectIds.length)
      await tx
        .insert(agreementProjects)
        .values(projectIds.map((projectId) => ({ tenantId, agreementId, projectId })));
  }
}

/** Demo data dates an agreement's creation; the API always uses the present. */
export interface When {
  at?: Date | undefined;
}

export async function createAgreement(
  tx: TenantTx,
  actor: AuditActor,
  viewer: Viewer,
  input: AgreementInput,
  when: When = {},
): Promise<AgreementRow> {
  const values = validateFields(input, 'draft', today());
  const parties = await validateParties(tx, input.parties ?? [{ kind: 'tenant' }], values.kind);
  const projectIds = await validateProjects(tx, viewer, input.projectIds ?? []);
  const at = when.at ?? new Date();
  const [row] = await tx
    .insert(agreements)
    .values({
      ...values,
      tenantId: actor.tenantId,
      status: 'draft',
      createdBy: actor.userId,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  const created = row as AgreementRow;
  await writeParts(tx, actor.tenantId, created.id, parties, projectIds);
  await recordAudit(tx, actor, {
    entity: 'agreements',
    entityId: created.id,
    action: 'create',
    before: null,
    after: await snapshot(tx, created),
  });
  return created;
}

/** Dates of milestones and registrations that a new signing date would put before the signing. */
async function checkSigningDate(tx: TenantTx, agreementId: string, signedOn: string | null) {
  if (!signedOn) return;
  const [early] = await tx
    .select({ dueOn: agreementMilestones.dueOn })
    .from(agreementMilestones)
    .where(
      and(eq(agreementMilestones.agreementId, agreementId), sql`${agreementMilestones.dueOn} < ${signedOn}`),
    )
    .limit(1);
  if (early)
    throw invalid(`a milestone is due on ${early.dueOn}, before the signing date ${signedOn}`, {
      code: 'milestone-before-signing',
    });
  const [registered] = await tx
    .select({ registeredOn: introducerRegistrations.registeredOn })
    .from(introducerRegistrations)
    .where(
      and(
        eq(introducerRegistrations.agreementId, agreementId),
        sql`${introducerRegistrations.registeredOn} < ${signedOn}`,
      ),
    )
    .limit(1);
  if (registered)
    throw invalid(
      `an introducer was registered on ${registered.registeredOn}, before the signing date ${signedOn}`,
    );
}

async function updateRow(tx: TenantTx, actor: AuditActor, current: AgreementRow, work: () => Promise<void>) {
  const before = await snapshot(tx, current);
  await work();
  const [after] = await tx.select().from(agreements).where(eq(agreements.id, current.id));
  const row = after as AgreementRow;
  await recordAudit(tx, actor, {
    entity: 'agreements',
    entityId: current.id,
    action: 'update',
    before,
    after: await snapshot(tx, row),
  });
  return row;
}

/** The current fields as input, so a patch is validated as the whole record it produces. */
function asInput(row: AgreementRow): AgreementInput {
  return { ...row };
}

export async function updateAgreement(
  tx: TenantTx,
  actor: AuditActor,
  viewer: Viewer,
  current: AgreementRow,
  patch: Partial<AgreementInput>,
): Promise<AgreementRow> {
  const merged = { ...asInput(current), ...patch };
  const values = validateFields(merged, current.status as AgreementStatus, today());
  if (values.signedOn !== current.signedOn) await checkSigningDate(tx, current.id, values.signedOn);
  const kindChanged = values.kind !== current.kind;
  const parties =
    patch.parties || kindChanged
      ? await validateParties(tx, patch.parties ?? (await snapshot(tx, current)).parties, values.kind)
      : null;
  if (kindChanged && current.kind === 'commissioned_promotion') {
    const [registered] = await tx
      .select({ id: introducerRegistrations.id })
      .from(introducerRegistrations)
      .where(eq(introducerRegistrations.agreementId, current.id))
      .limit(1);
    if (registered)
      throw new Problem(409, 'conflict', 'introducers are registered under this agreement: its kind stays');
  }
  const projectIds = patch.projectIds ? await validateProjects(tx, viewer, patch.projectIds) : null;
  return updateRow(tx, actor, current, async () => {
    await tx
      .update(agreements)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(agreements.id, current.id));
    await writeParts(tx, actor.tenantId, current.id, parties, projectIds);
  });
}

/** Moves an agreement to another status if the rules allow it; a refused move changes nothing. */
export async function moveAgreement(
  tx: TenantTx,
  actor: AuditActor,
  current: AgreementRow,
  to: AgreementStatus,
  when: When = {},
): Promise<AgreementRow> {
  const day = when.at ? civilDate(when.at, bureauTimeZone) : today();
  const from = effectiveStatus(current.status as AgreementStatus, current.termEnd, day);
  const check = checkAgreementMove(from, to, current, day);
  if (!check.ok)
    throw new Problem(check.code === 'illegal-move' ? 409 : 400, check.code, check.message, { from, to });
  return updateRow(tx, actor, current, async () => {
    await tx
      .update(agreements)
      .set({ status: to, updatedAt: when.at ?? new Date() })
      .where(eq(agreements.id, current.id));
  });
}

/**
 * A renewal is a new draft agreement that points at the one it renews: same kind, titles, parties and linked
 * projects, a term that follows the old one. The old agreement stays as it was signed. (To extend a term without
 * a new signature, change its end date: the audit trail keeps the old one.)
 */
export async function renewAgreement(
  tx: TenantTx,
  actor: AuditActor,
  viewer: Viewer,
  current: AgreementRow,
): Promise<AgreementRow> {
  const day = today();
  const status = effectiveStatus(current.status as AgreementStatus, current.termEnd, day);
  if (status === 'draft' || status === 'terminated')
    throw new Problem(409, 'conflict', `a ${status} agreement cannot be renewed`);
  const [already] = await tx
    .select({ id: agreements.id })
    .from(agreements)
    .where(eq(agreements.renewsId, current.id))
    .limit(1);
  if (already) throw new Problem(409, 'conflict', 'this agreement already has a renewal');
  const old = await snapshot(tx, current);
  const created = await createAgreement(tx, actor, viewer, {
    kind: current.kind,
    titleZh: current.titleZh,
    titleEn: current.titleEn,
    summary: current.summary,
    ...renewalTerm(current, day),
    parties: old.parties,
    projectIds: (await projectSummaries(tx, viewer, old.projectIds)).size ? old.projectIds : [],
  });
  return updateRow(tx, actor, created, async () => {
    await tx.update(agreements).set({ renewsId: current.id }).where(eq(agreements.id, created.id));
  });
}

/** Only a draft may be deleted: a signed agreement is a record, and ends by termination or expiry. */
export async function deleteAgreement(tx: TenantTx, actor: AuditActor, current: AgreementRow) {
  if (current.status !== 'draft')
    throw new Problem(409, 'agreement-signed', 'a signed agreement is kept: terminate it instead');
  const before = await snapshot(tx, current);
  await tx.delete(agreements).where(eq(agreements.id, current.id));
  await recordAudit(tx, actor, {
    entity: 'agreements',
    entityId: current.id,
    action: 'delete',
    before,
    after: null,
  });
}

export const agreementSortKeys = ['updated', 'signed', 'title', 'termEnd'] as const;
export type AgreementSortKey = (typeof agreementSortKeys)[number];

export interface AgreementListOptions {
  q?: string | undefined;
  kind?: string[] | undefined;
  status?: string[] | undefined;
  partner?: string | undefined;
  /** Agreements signed or in force whose term ends on or before this day (and not before today). */
  expiringBefore?: string | undefined;
  eventId?: string | undefined;
  sort: AgreementSortKey;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string | undefined;
}

const sortExpr: Record<AgreementSortKey, SQL> = {
  updated: sql`${agreements.updatedAt}`,
  signed: sql`coalesce(${agreements.signedOn}, '0001-01-01')`,
  title: sql`${agreements.titleZh}`,
  termEnd: sql`coalesce(${agreements.termEnd}, '9999-12-31')`,
};
const castFor: Record<AgreementSortKey, string> = {
  updated: 'timestamptz',
  signed: 'date',
  title: 'text',
  termEnd: 'date',
};
function sortValue(row: AgreementRow, key: AgreementSortKey): string {
  switch (key) {
    case 'updated':
      return row.updatedAt.toISOString();
    case 'signed':
      return row.signedOn ?? '0001-01-01';
    case 'title':
      return row.titleZh;
    case 'termEnd':
      return row.termEnd ?? '9999-12-31';
  }
}

export async function listAgreements(tx: TenantTx, viewer: Viewer, options: AgreementListOptions) {
  const day = today();
  const effective = sql`(case when ${agreements.status} in ('signed', 'in_force') and ${agreements.termEnd} < ${day}::date
    then 'expired' else ${agreements.status} end)`;
  const where: SQL[] = [];
  const visible = visibleAgreements(viewer);
  if (visible) where.push(visible);
  if (options.q) {
    const pattern = `%${options.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        ilike(agreements.titleZh, pattern),
        ilike(agreements.titleEn, pattern),
        ilike(agreements.referenceNo, pattern),
      ) as SQL,
    );
  }
  if (options.kind?.length) where.push(inArray(agreements.kind, options.kind));
  if (options.status?.length)
    where.push(
      sql`${effective} in (${sql.join(
        options.status.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (options.partner)
    where.push(sql`exists (select 1 from ${agreementParties} p where p.agreement_id = ${agreements.id}
      and p.partner_id = ${options.partner}::uuid)`);
  if (options.expiringBefore)
    where.push(
      and(
        sql`${effective} in ('signed', 'in_force')`,
        lte(agreements.termEnd, options.expiringBefore),
      ) as SQL,
    );
  if (options.eventId) where.push(eq(agreements.eventId, options.eventId));
  const filter = where.length ? and(...where) : undefined;
  const expr = sortExpr[options.sort];
  let page = filter;
  if (options.cursor) {
    const [value, id] = decodeCursor(options.cursor);
    const cast = sql.raw(castFor[options.sort]);
    const after =
      options.order === 'asc'
        ? sql`(${expr}, ${agreements.id}) > (${value}::${cast}, ${id}::uuid)`
        : sql`(${expr}, ${agreements.id}) < (${value}::${cast}, ${id}::uuid)`;
    page = filter ? and(filter, after) : after;
  }
  const direction = options.order === 'asc' ? asc : desc;
  const rows = await tx
    .select()
    .from(agreements)
    .where(page)
    .orderBy(direction(expr), direction(agreements.id))
    .limit(options.limit + 1);
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  const [count] = (
    (await tx.execute(
      sql`select count(*)::int as n from ${agreements} where ${filter ?? sql`true`}`,
    )) as unknown as {
      rows: { n: number }[];
    }
  ).rows;
  return {
    items,
    total: count?.n ?? 0,
    nextCursor:
      rows.length > options.limit && last ? encodeCursor(sortValue(last, options.sort), last.id) : null,
  };
}
