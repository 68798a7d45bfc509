import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { divisionLevel, isLocale, isValidSlug } from '../../domain/identity.ts';
import { conflict, invalid, notFound } from '../../domain/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { referenceDivisions } from '../reference/schema.ts';
import { towns } from '../territory/schema.ts';
import { tenants } from './schema.ts';

export interface NewTenant {
  slug: string;
  nameZh: string;
  nameEn?: string | undefined;
  divisionCode: string;
  defaultLocale?: string | undefined;
}

/**
 * Creates a tenant and gives it its towns: the town-level divisions under its division code, taken from the
 * reference data, so a district starts with its real subdistricts.
 */
export async function createTenant(db: Db, input: NewTenant, by: { email: string; userId: string | null }) {
  if (!isValidSlug(input.slug)) {
    throw invalid(`slug "${input.slug}" must be lowercase letters, digits and single hyphens (at most 40)`);
  }
  if (!input.nameZh.trim()) throw invalid('a tenant needs a name');
  const locale = input.defaultLocale ?? 'zh-CN';
  if (!isLocale(locale)) throw invalid(`unknown locale "${locale}": use zh-CN or en`);
  const level = divisionLevel(input.divisionCode);
  if (level === null || level === 'town') {
    throw invalid(`division "${input.divisionCode}" must be a province, city or county code (GB/T 2260)`);
  }

  return db.transaction(async (tx) => {
    const [division] = await tx
      .select()
      .from(referenceDivisions)
      .where(eq(referenceDivisions.code, input.divisionCode));
    if (!division) throw notFound(`division ${input.divisionCode}`);
    const taken = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, input.slug));
    if (taken.length) throw conflict(`a tenant with slug "${input.slug}" already exists`);
    const [tenant] = await tx
      .insert(tenants)
      .values({
        slug: input.slug,
        nameZh: input.nameZh.trim(),
        nameEn: input.nameEn?.trim() || null,
        divisionCode: input.divisionCode,
        defaultLocale: locale,
      })
      .returning();
    if (!tenant) throw new Error('tenant insert returned nothing');
    const townRows = await tx
      .select({ code: referenceDivisions.code, name: referenceDivisions.name })
      .from(referenceDivisions)
      .where(
        and(eq(referenceDivisions.level, 'town'), like(referenceDivisions.code, `${input.divisionCode}%`)),
      );
    if (townRows.length) {
      await tx
        .insert(towns)
        .values(townRows.map((t) => ({ tenantId: tenant.id, code: t.code, nameZh: t.name })));
    }
    await recordAudit(
      tx,
      { tenantId: tenant.id, userId: by.userId, email: by.email },
      { entity: 'tenants', entityId: tenant.id, action: 'create', before: null, after: tenant },
    );
    return { ...tenant, towns: townRows.length, divisionName: division.name };
  });
}

export async function findTenant(db: Db, slug: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug));
  return tenant ?? null;
}

export async function getTenant(db: Pick<Db, 'select'>, id: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, id));
  if (!tenant) throw notFound('tenant');
  return tenant;
}
