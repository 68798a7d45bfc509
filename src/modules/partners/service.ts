import { and, asc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../../db/keyset.ts';
import type { TenantTx } from '../../db/scope.ts';
import { type PartnerKind, partnerKinds } from '../../domain/pipeline-enums.ts';
import { invalid, notFound } from '../../domain/problem.ts';
import type { AuditActor } from '../audit/service.ts';
import { auditedWriter } from '../audit/writer.ts';
import { companySummaries } from '../companies/service.ts';
import { partnerContacts, partners } from './schema.ts';

export type PartnerRow = typeof partners.$inferSelect;
export type ContactRow = typeof partnerContacts.$inferSelect;

/** Who is looking: a partner user sees only its own partner record, everyone else the tenant's. */
export interface PartnerViewer {
  role: string;
  partnerId: string | null;
}

const ownOnly = (viewer: PartnerViewer) => viewer.role === 'partner';

export function presentPartner(row: PartnerRow) {
  return {
    id: row.id,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    kind: row.kind as PartnerKind,
    companyId: row.companyId,
    region: row.region,
    agreementRef: row.agreementRef,
    agreementSignedOn: row.agreementSignedOn,
    website: row.website,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentContact(row: ContactRow) {
  return {
    id: row.id,
    partnerId: row.partnerId,
    name: row.name,
    title: row.title,
    phone: row.phone,
    email: row.email,
    isPrimary: row.isPrimary,
  };
}

export interface PartnerInput {
  nameZh: string;
  nameEn?: string | null;
  kind: string;
  companyId?: string | null;
  region?: string | null;
  agreementRef?: string | null;
  agreementSignedOn?: string | null;
  website?: string | null;
  notes?: string | null;
}

async function validate(tx: TenantTx, input: PartnerInput) {
  if (!(partnerKinds as readonly string[]).includes(input.kind))
    throw invalid(`kind must be one of ${partnerKinds.join(', ')}`);
  const nameZh = input.nameZh.trim();
  if (!nameZh) throw invalid('a partner needs a name');
  if (input.companyId && !(await companySummaries(tx, [input.companyId])).has(input.companyId))
    throw invalid('companyId is not a company in the registry');
  return {
    nameZh,
    nameEn: input.nameEn?.trim() || null,
    kind: input.kind,
    companyId: input.companyId ?? null,
    region: input.region?.trim() || null,
    agreementRef: input.agreementRef?.trim() || null,
    agreementSignedOn: input.agreementSignedOn ?? null,
    website: input.website?.trim() || null,
    notes: input.notes?.trim() || null,
  };
}

/** The partner if the viewer may see it; another partner's record is as absent as another tenant's. */
export async function getPartner(tx: TenantTx, viewer: PartnerViewer, id: string): Promise<PartnerRow> {
  if (ownOnly(viewer) && viewer.partnerId !== id) throw notFound('partner');
  const [row] = await tx.select().from(partners).where(eq(partners.id, id));
  if (!row) throw notFound('partner');
  return row;
}

/** Whether these partners exist in the tenant: projects check the partner they name. */
export async function existingPartnerIds(tx: TenantTx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx.select({ id: partners.id }).from(partners).where(inArray(partners.id, ids));
  return new Set(rows.map((r) => r.id));
}

/**
 * Every partner's id by its Chinese and (lower-cased) English name, for a spreadsheet that names partners (a
 * project import, an attendee list): a district has dozens of partners, not thousands.
 */
export async function partnerIdsByName(tx: TenantTx): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: partners.id, nameZh: partners.nameZh, nameEn: partners.nameEn })
    .from(partners);
  const byName = new Map<string, string>();
  for (const r of rows) {
    byName.set(r.nameZh, r.id);
    if (r.nameEn) byName.set(r.nameEn.toLowerCase(), r.id);
  }
  return byName;
}

export type PartnerName = { id: string; nameZh: string; nameEn: string | null };

/** The names of these partners, and of those `alsoIds` selects, as one JSON array: a scalar subquery. */
export function partnerNamesJson(ids: string[], alsoIds: SQL): SQL<PartnerName[] | null> {
  const unique = [...new Set(ids)];
  const listed = unique.length ? inArray(partners.id, unique) : sql`false`;
  return sql`(select json_agg(json_build_object('id', ${partners.id}, 'nameZh', ${partners.nameZh}, 'nameEn', ${partners.nameEn})) from ${partners} where ${listed} or ${partners.id} in ${alsoIds})`;
}

/** The name of the partner whose id `id` yields in the row, as JSON: a correlated scalar subquery. */
export function partnerNameJson(id: SQL): SQL<PartnerName | null> {
  return sql`(select json_build_object('id', ${partners.id}, 'nameZh', ${partners.nameZh}, 'nameEn', ${partners.nameEn}) from ${partners} where ${partners.id} = ${id})`;
}

export async function partnerNames(tx: TenantTx, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, { id: string; nameZh: string; nameEn: string | null }>();
  const rows = await tx
    .select({ id: partners.id, nameZh: partners.nameZh, nameEn: partners.nameEn })
    .from(partners)
    .where(inArray(partners.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function createPartner(tx: TenantTx, actor: AuditActor, input: PartnerInput) {
  return auditedWriter(tx, actor).insert(partners, await validate(tx, input));
}

export async function updatePartner(
  tx: TenantTx,
  actor: AuditActor,
  viewer: PartnerViewer,
  id: string,
  patch: Partial<PartnerInput>,
) {
  const current = presentPartner(await getPartner(tx, viewer, id));
  const values = await validate(tx, { ...current, ...patch });
  return auditedWriter(tx, actor).update(partners, id, { ...values, updatedAt: new Date() });
}

/** A partner that referred projects keeps its record (the database refuses): its credit must stay traceable. */
export async function deletePartner(tx: TenantTx, actor: AuditActor, viewer: PartnerViewer, id: string) {
  await getPartner(tx, viewer, id);
  await auditedWriter(tx, actor).remove(partners, id);
}

export interface PartnerListOptions {
  q?: string | undefined;
  kind?: string[] | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Partners by name, keyset-paged. */
export async function listPartners(tx: TenantTx, viewer: PartnerViewer, options: PartnerListOptions) {
  const where: SQL[] = [];
  if (ownOnly(viewer)) where.push(viewer.partnerId ? eq(partners.id, viewer.partnerId) : sql`false`);
  if (options.q) {
    const pattern = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(partners.nameZh, pattern), ilike(partners.nameEn, pattern)) as SQL);
  }
  if (options.kind?.length) where.push(inArray(partners.kind, options.kind));
  const filter = where.length ? and(...where) : undefined;
  let page = filter;
  if (options.cursor) {
    const [name, id] = decodeCursor(options.cursor);
    const after = sql`(${partners.nameZh}, ${partners.id}) > (${name}, ${id}::uuid)`;
    page = filter ? and(filter, after) : after;
  }
  const rows = await tx
    .select()
    .from(partners)
    .where(page)
    .orderBy(asc(partners.nameZh), asc(partners.id))
    .limit(options.limit + 1);
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > options.limit && last ? encodeCursor(last.nameZh, last.id) : null,
  };
}

export async function listContacts(tx: TenantTx, partnerId: string) {
  return tx
    .select()
    .from(partnerContacts)
    .where(eq(partnerContacts.partnerId, partnerId))
    .orderBy(sql`${partnerContacts.isPrimary} desc`, asc(partnerContacts.name));
}

export interface ContactInput {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  isPrimary?: boolean;
}

function contactValues(input: ContactInput) {
  const name = input.name.trim();
  if (!name) throw invalid('a contact needs a name');
  return {
    name,
    title: input.title?.trim() || null,
    phone: input.phone?.trim() || null,
    email: input.email?.trim() || null,
    isPrimary: input.isPrimary ?? false,
  };
}

/** Making a contact primary demotes the previous one, so a partner has at most one. */
async function demotePrimary(tx: TenantTx, actor: AuditActor, partnerId: string, except: string | null) {
  const [primary] = await tx
    .select({ id: partnerContacts.id })
    .from(partnerContacts)
    .where(and(eq(partnerContacts.partnerId, partnerId), eq(partnerContacts.isPrimary, true)));
  if (primary && primary.id !== except)
    await auditedWriter(tx, actor).update(partnerContacts, primary.id, { isPrimary: false });
}

export async function addContact(tx: TenantTx, actor: AuditActor, partnerId: string, input: ContactInput) {
  const values = contactValues(input);
  if (values.isPrimary) await demotePrimary(tx, actor, partnerId, null);
  return auditedWriter(tx, actor).insert(partnerContacts, { ...values, partnerId });
}

async function getContact(tx: TenantTx, partnerId: string, contactId: string) {
  const [row] = await tx
    .select()
    .from(partnerContacts)
    .where(and(eq(partnerContacts.id, contactId), eq(partnerContacts.partnerId, partnerId)));
  if (!row) throw notFound('contact');
  return row;
}

export async function updateContact(
  tx: TenantTx,
  actor: AuditActor,
  partnerId: string,
  contactId: string,
  patch: Partial<ContactInput>,
) {
  const current = await getContact(tx, partnerId, contactId);
  const values = contactValues({ ...current, ...patch });
  if (values.isPrimary) await demotePrimary(tx, actor, partnerId, contactId);
  return auditedWriter(tx, actor).update(partnerContacts, contactId, values);
}

export async function deleteContact(tx: TenantTx, actor: AuditActor, partnerId: string, contactId: string) {
  await getContact(tx, partnerId, contactId);
  await auditedWriter(tx, actor).remove(partnerContacts, contactId);
}
