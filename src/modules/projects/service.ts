import { asc, eq, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { isMajor, toYuan } from '../../domain/currency.ts';
import { maxAmount, parseMoneyToYuan } from '../../domain/normalise.ts';
import {
  type Priority,
  type ProjectKind,
  type ProjectSource,
  priorities,
  projectKinds,
  projectSources,
} from '../../domain/pipeline-enums.ts';
import { conflict, invalid, notFound, Problem } from '../../domain/problem.ts';
import { allowedMoves, type PipelineStage, type Stage } from '../../domain/project-stages.ts';
import { creditJsonSql, type creditsFor, creditsInStatement } from '../agreements/credit.ts';
import type { AuditActor } from '../audit/service.ts';
import { auditedWriter } from '../audit/writer.ts';
import {
  type CompanySummary,
  companySummaries,
  companySummariesJson,
  companySummaryJson,
} from '../companies/service.ts';
import { eventExists } from '../events/service.ts';
import { memberRoles } from '../identity/service.ts';
import {
  existingPartnerIds,
  type PartnerName,
  partnerNameJson,
  partnerNamesJson,
} from '../partners/service.ts';
import { getIndustry } from '../reference/service.ts';
import { listClusters, listSites, listTowns, listZones } from '../territory/service.ts';
import { projectColumns, projectStageMoves, projects } from './schema.ts';
import { majorThreshold, rateFor } from './settings.ts';
import { canSeeProject, type Viewer } from './visibility.ts';

export type ProjectRow = Omit<typeof projects.$inferSelect, 'searchGrams'>;

/** Names shown beside the ids a project refers to, looked up once per page. */
export interface ProjectNames {
  companies: Map<string, { id: string; nameZh: string; creditCode: string }>;
  partners: Map<string, { id: string; nameZh: string; nameEn: string | null }>;
  /** Introducer credit per project (domain/introducer-credit.ts). */
  credits: Awaited<ReturnType<typeof creditsFor>>;
}

/** The names and credits a page of projects shows, read in one statement. */
export async function namesFor(tx: TenantTx, rows: ProjectRow[]): Promise<ProjectNames> {
  if (!rows.length) return { companies: new Map(), partners: new Map(), credits: new Map() };
  const companyIds = rows.flatMap((r) =>
    [r.investorCompanyId, r.registeredCompanyId].filter((id) => id !== null),
  );
  const credit = creditsInStatement(rows);
  const referring = rows.map((r) => r.partnerId).filter((id) => id !== null);
  const [found] = (
    (await tx.execute(
      sql`select ${credit.json} as registrations, ${companySummariesJson(companyIds)} as companies, ${partnerNamesJson(referring, credit.partnerIds)} as partners`,
    )) as unknown as {
      rows: {
        registrations: Parameters<typeof credit.credits>[0];
        companies: CompanySummary[] | null;
        partners: PartnerName[] | null;
      }[];
    }
  ).rows;
  return {
    companies: new Map((found?.companies ?? []).map((c) => [c.id, c])),
    partners: new Map((found?.partners ?? []).map((p) => [p.id, p])),
    credits: credit.credits(found?.registrations ?? null),
  };
}

/** The names and credit of the project in the row, selected beside it: a page reads them in its own statement. */
export const namesInRow = {
  investorCompany: companySummaryJson(sql`${projects.investorCompanyId}`),
  registeredCompany: companySummaryJson(sql`${projects.registeredCompanyId}`),
  partner: partnerNameJson(sql`${projects.partnerId}`),
  credit: creditJsonSql(partnerNameJson),
};

type NamesInRow = { [K in keyof typeof namesInRow]: (typeof namesInRow)[K]['_']['type'] };

/** The names of a page whose rows carry `namesInRow`. */
export function namesOfRows(rows: (NamesInRow & { project: ProjectRow })[]): ProjectNames {
  const names: ProjectNames = { companies: new Map(), partners: new Map(), credits: new Map() };
  for (const { project, investorCompany, registeredCompany, partner, credit } of rows) {
    for (const c of [investorCompany, registeredCompany]) if (c) names.companies.set(c.id, c);
    if (partner) names.partners.set(partner.id, partner);
    if (credit) {
      const { partner: credited, ...rest } = credit;
      if (credited) names.partners.set(credited.id, credited);
      names.credits.set(project.id, rest);
    }
  }
  return names;
}

const money = (v: bigint | null) => v?.toString() ?? null;

function credited(names: ProjectNames, id: string) {
  const c = names.credits.get(id) ?? { partnerId: null, basis: 'none' as const, registrationId: null };
  return { ...c, partner: c.partnerId ? (names.partners.get(c.partnerId) ?? null) : null };
}

/** The project as the API shows it: money as decimal strings (yuan amounts can exceed 2^53). */
export function presentProject(row: ProjectRow, threshold: bigint, names: ProjectNames) {
  const stage = row.stage as Stage;
  const heldFrom = row.heldFrom as PipelineStage | null;
  return {
    id: row.id,
    title: row.title,
    code: row.code,
    description: row.description,
    stage,
    heldFrom,
    stageReason: row.stageReason,
    stageEnteredAt: row.stageEnteredAt.toISOString(),
    allowedMoves: allowedMoves(stage, heldFrom),
    signedAt: row.signedAt?.toISOString() ?? null,
    investorCompanyId: row.investorCompanyId,
    investorCompany: row.investorCompanyId ? (names.companies.get(row.investorCompanyId) ?? null) : null,
    prospectName: row.prospectName,
    prospectCountry: row.prospectCountry,
    industryCode: row.industryCode,
    clusterId: row.clusterId,
    townCode: row.townCode,
    zoneId: row.zoneId,
    siteId: row.siteId,
    amount: money(row.amount),
    currency: row.currency,
    amountYuan: money(row.amountYuan),
    major: isMajor(row.amountYuan, threshold),
    kind: row.kind as ProjectKind | null,
    foreignFunded: row.foreignFunded,
    expectedOutputYuan: money(row.expectedOutputYuan),
    expectedTaxYuan: money(row.expectedTaxYuan),
    expectedJobs: row.expectedJobs,
    officerId: row.officerId,
    priority: row.priority as Priority,
    source: row.source as ProjectSource,
    partnerId: row.partnerId,
    partner: row.partnerId ? (names.partners.get(row.partnerId) ?? null) : null,
    credit: credited(names, row.id),
    eventId: row.eventId,
    registeredCompanyId: row.registeredCompanyId,
    registeredCompany: row.registeredCompanyId
      ? (names.companies.get(row.registeredCompanyId) ?? null)
      : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type Project = ReturnType<typeof presentProject>;

export async function presentOne(tx: TenantTx, row: ProjectRow): Promise<Project> {
  return presentProject(row, await majorThreshold(tx), await namesFor(tx, [row]));
}

/** The writable fields, as the API takes them. */
export interface ProjectInput {
  title: string;
  code?: string | null | undefined;
  description?: string | null | undefined;
  investorCompanyId?: string | null | undefined;
  prospectName?: string | null | undefined;
  prospectCountry?: string | null | undefined;
  industryCode?: string | null | undefined;
  clusterId?: string | null | undefined;
  townCode?: string | null | undefined;
  zoneId?: string | null | undefined;
  siteId?: string | null | undefined;
  /** As the investor named it: 130000000, "1.3亿", "US$13,000,000", "1300万美元". */
  amount?: string | number | null | undefined;
  currency?: string | null | undefined;
  kind?: string | null | undefined;
  foreignFunded?: boolean | undefined;
  expectedOutputYuan?: string | number | null | undefined;
  expectedTaxYuan?: string | number | null | undefined;
  expectedJobs?: number | null | undefined;
  officerId?: string | null | undefined;
  priority?: string | undefined;
  source?: string | undefined;
  partnerId?: string | null | undefined;
  /** The event the lead came out of. */
  eventId?: string | null | undefined;
}

const text = (v: string | null | undefined) => v?.trim() || null;

function oneOf<T extends string>(field: string, value: string | null | undefined, allowed: readonly T[]) {
  if (value === null || value === undefined) return null;
  if (!(allowed as readonly string[]).includes(value))
    throw invalid(`${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function yuanAmount(field: string, raw: string | number | null | undefined): bigint | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const parsed = parseMoneyToYuan(raw, 'yuan');
  if (!parsed.ok) throw invalid(`${field}: ${parsed.reason}`);
  if (parsed.currency && parsed.currency !== 'CNY') throw invalid(`${field} is in yuan`);
  return parsed.yuan;
}

/**
 * The amount as entered and in yuan at the tenant's rate: kept together, converted once, here. The currency is
 * the one named, else the one the amount is written in ("1300万美元"), else `fallback`.
 */
async function amountValues(
  tx: TenantTx,
  raw: string | number | null | undefined,
  named: string | null | undefined,
  fallback: string,
) {
  if (raw === null || raw === undefined || raw === '') {
    return { amount: null, currency: named ?? fallback, amountYuan: null };
  }
  const parsed = parseMoneyToYuan(raw, 'yuan');
  if (!parsed.ok) throw invalid(`amount: ${parsed.reason}`);
  if (named && parsed.currency && named !== parsed.currency)
    throw invalid(`amount is written in ${parsed.currency} but currency says ${named}`);
  const currency = named ?? parsed.currency ?? fallback;
  const rate = await rateFor(tx, currency);
  if (rate === null)
    throw invalid(`no rate for ${currency}: set one with PUT /api/v1/currency-rates/${currency}`, {
      currency,
    });
  const amountYuan = toYuan(parsed.yuan, rate);
  if (amountYuan > maxAmount) throw invalid('amount is too large');
  return { amount: parsed.yuan, currency, amountYuan };
}

async function placeValues(tx: TenantTx, input: ProjectInput) {
  let townCode = text(input.townCode);
  const siteId = input.siteId ?? null;
  const zoneId = input.zoneId ?? null;
  if (siteId) {
    const site = (await listSites(tx)).find((s) => s.id === siteId);
    if (!site) throw invalid('siteId is not a site of this district');
    if (townCode && townCode !== site.townCode) throw invalid(`the site is in town ${site.townCode}`);
    townCode = site.townCode;
  }
  if (townCode && !(await listTowns(tx)).some((t) => t.code === townCode))
    throw invalid(`unknown town code ${townCode}`);
  if (zoneId) {
    const zone = (await listZones(tx)).find((z) => z.id === zoneId);
    if (!zone) throw invalid('zoneId is not a zone of this district');
    if (townCode && !zone.townCodes.includes(townCode)) throw invalid(`town ${townCode} is not in the zone`);
  }
  return { townCode, zoneId, siteId };
}

/** A project code names one project in the tenant: the key an import re-run finds the project by. */
async function checkCode(tx: TenantTx, code: string | null, projectId: string | undefined) {
  if (code === null) return;
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u.test(code))
    throw invalid(`project code "${code}" may hold letters, digits and . _ / - only`);
  const [taken] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.code, code));
  if (taken && taken.id !== projectId)
    throw conflict(`project code ${code} is already used by another project`);
}

async function validate(tx: TenantTx, input: ProjectInput, projectId?: string) {
  const title = input.title.trim();
  if (!title) throw invalid('a project needs a title');
  const code = text(input.code);
  if (code && code.length > 40) throw invalid('a project code has at most 40 characters');
  await checkCode(tx, code, projectId);
  const investorCompanyId = input.investorCompanyId ?? null;
  const prospectName = text(input.prospectName);
  const prospectCountry = text(input.prospectCountry);
  if (investorCompanyId) {
    if (prospectName || prospectCountry)
      throw invalid('the investor is either a registry company or a prospect (name and country), not both');
    if (!(await companySummaries(tx, [investorCompanyId])).has(investorCompanyId))
      throw invalid('investorCompanyId is not a company in the registry');
  }
  if (prospectCountry && !/^[A-Z]{2}$/.test(prospectCountry))
    throw invalid('prospectCountry is an ISO 3166 alpha-2 code, such as DE');
  const industryCode = text(input.industryCode);
  if (industryCode && (!/^\d{2,4}$/.test(industryCode) || !(await getIndustry(tx, industryCode))))
    throw invalid(`industry ${industryCode} is not a GB/T 4754-2017 division, group or class`);
  const clusterId = input.clusterId ?? null;
  if (clusterId && !(await listClusters(tx)).some((c) => c.id === clusterId))
    throw invalid('clusterId is not a cluster of this district');
  const officerId = input.officerId ?? null;
  if (officerId) {
    const role = (await memberRoles(tx, [officerId])).get(officerId);
    if (role !== 'officer' && role !== 'admin')
      throw invalid('the officer in charge must be an officer or admin of this district');
  }
  const source = oneOf('source', input.source ?? 'direct', projectSources) as ProjectSource;
  const partnerId = input.partnerId ?? null;
  if (source === 'partner_referral' && !partnerId) throw invalid('a partner referral names the partner');
  if (partnerId && source !== 'partner_referral' && source !== 'company_referral')
    throw invalid('only a partner or company referral names a referring partner');
  if (partnerId && !(await existingPartnerIds(tx, [partnerId])).has(partnerId))
    throw invalid('partnerId is not a partner of this district');
  const eventId = input.eventId ?? null;
  if (eventId && !(await eventExists(tx, eventId))) throw invalid('eventId is not an event of this district');
  const expectedJobs = input.expectedJobs ?? null;
  return {
    title,
    code,
    description: text(input.description),
    investorCompanyId,
    prospectName,
    prospectCountry,
    industryCode,
    clusterId,
    ...(await placeValues(tx, input)),
    kind: oneOf('kind', input.kind, projectKinds),
    foreignFunded: input.foreignFunded ?? false,
    expectedOutputYuan: yuanAmount('expectedOutputYuan', input.expectedOutputYuan),
    expectedTaxYuan: yuanAmount('expectedTaxYuan', input.expectedTaxYuan),
    expectedJobs,
    officerId,
    priority: oneOf('priority', input.priority ?? 'medium', priorities) as Priority,
    source,
    partnerId,
    eventId,
  };
}

/** A project the caller may see; anything else, in this tenant or another, is simply not found. */
export async function getProject(tx: TenantTx, viewer: Viewer, id: string): Promise<ProjectRow> {
  const [row] = await tx.select(projectColumns).from(projects).where(eq(projects.id, id));
  if (!row || !canSeeProject(viewer, row)) throw notFound('project');
  return row;
}

/** The project with this id, if any (visibility is the caller's to check). */
export async function projectById(tx: TenantTx, id: string): Promise<ProjectRow | null> {
  const [row] = await tx.select(projectColumns).from(projects).where(eq(projects.id, id));
  return row ?? null;
}

/** The project with this code, if any (visibility is the caller's to check). */
export async function projectByCode(tx: TenantTx, code: string): Promise<ProjectRow | null> {
  const [row] = await tx.select(projectColumns).from(projects).where(eq(projects.code, code));
  return row ?? null;
}

/** Demo data and imports date a project's creation and moves; the API always uses the present. */
export interface When {
  at?: Date | undefined;
}

export async function createProject(
  tx: TenantTx,
  actor: AuditActor,
  input: ProjectInput,
  when: When = {},
): Promise<ProjectRow> {
  const values = {
    ...(await validate(tx, input)),
    ...(await amountValues(tx, input.amount, input.currency, 'CNY')),
  };
  const at = when.at ?? new Date();
  const row = await auditedWriter(tx, actor).insert(projects, {
    ...values,
    stage: 'lead',
    stageEnteredAt: at,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  });
  // The history starts with the lead itself, so time in the lead stage is measured like every other stage.
  await tx.insert(projectStageMoves).values({
    tenantId: actor.tenantId,
    projectId: row.id,
    fromStage: null,
    toStage: 'lead',
    at,
    byUserId: actor.userId,
    byEmail: actor.email,
  });
  return row;
}

/** The current fields as input, so a patch is validated as the whole record it produces. */
function asInput(row: ProjectRow): ProjectInput {
  return {
    ...row,
    amount: row.amount?.toString() ?? null,
    expectedOutputYuan: row.expectedOutputYuan?.toString() ?? null,
    expectedTaxYuan: row.expectedTaxYuan?.toString() ?? null,
  };
}

export async function updateProject(
  tx: TenantTx,
  actor: AuditActor,
  current: ProjectRow,
  patch: Partial<ProjectInput>,
): Promise<ProjectRow> {
  const merged = { ...asInput(current), ...patch };
  const values = await validate(tx, merged, current.id);
  if (current.signedAt && (values.partnerId !== current.partnerId || values.source !== current.source))
    throw new Problem(
      409,
      'credit-settled',
      'the source and referring partner are settled once a project is signed: the first registered introducer keeps the credit',
    );
  // An amount is converted when it is entered; a later change of rate does not rewrite it.
  const amountChanged = patch.amount !== undefined || patch.currency !== undefined;
  const amounts = amountChanged
    ? await amountValues(tx, merged.amount, patch.currency, current.currency)
    : {};
  return auditedWriter(tx, actor).update(projects, current.id, {
    ...values,
    ...amounts,
    updatedAt: new Date(),
  });
}

export async function deleteProject(tx: TenantTx, actor: AuditActor, id: string) {
  await auditedWriter(tx, actor).remove(projects, id);
}

export async function stageMoves(tx: TenantTx, projectId: string) {
  return tx
    .select()
    .from(projectStageMoves)
    .where(eq(projectStageMoves.projectId, projectId))
    .orderBy(asc(projectStageMoves.at), asc(projectStageMoves.id));
}
