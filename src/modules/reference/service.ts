import { and, asc, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { referenceDivisions, referenceIndustries } from './schema.ts';

/** Reference tables are global: the unscoped handle and a tenant transaction may both read them. */
type Reader = Pick<Db, 'select'>;

export interface ReferenceQuery {
  parent?: string | undefined;
  q?: string | undefined;
  limit: number;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listDivisions(tx: Reader, query: ReferenceQuery) {
  const filters: SQL[] = [];
  if (query.parent) filters.push(eq(referenceDivisions.parentCode, query.parent));
  if (query.q) filters.push(ilike(referenceDivisions.name, likePattern(query.q)));
  if (!query.parent && !query.q) filters.push(isNull(referenceDivisions.parentCode));
  return tx
    .select()
    .from(referenceDivisions)
    .where(and(...filters))
    .orderBy(asc(referenceDivisions.code))
    .limit(query.limit);
}

export async function getDivision(tx: Reader, code: string) {
  const [row] = await tx.select().from(referenceDivisions).where(eq(referenceDivisions.code, code));
  return row ?? null;
}

export async function listIndustries(tx: Reader, query: ReferenceQuery) {
  const filters: SQL[] = [];
  if (query.parent) filters.push(eq(referenceIndustries.parentCode, query.parent));
  if (query.q) {
    const pattern = likePattern(query.q);
    const byName = or(ilike(referenceIndustries.nameZh, pattern), ilike(referenceIndustries.nameEn, pattern));
    filters.push(
      /^\d{2,4}$/.test(query.q)
        ? (or(byName, eq(referenceIndustries.code, query.q)) as SQL)
        : (byName as SQL),
    );
  }
  if (!query.parent && !query.q) filters.push(isNull(referenceIndustries.parentCode));
  return tx
    .select()
    .from(referenceIndustries)
    .where(and(...filters))
    .orderBy(asc(referenceIndustries.code))
    .limit(query.limit);
}

export async function getIndustry(tx: Reader, code: string) {
  const [row] = await tx.select().from(referenceIndustries).where(eq(referenceIndustries.code, code));
  return row ?? null;
}
