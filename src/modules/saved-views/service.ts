import { and, asc, eq, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { can, type Role } from '../../domain/access.ts';
import { conflict, invalid, notFound, Problem } from '../../domain/problem.ts';
import { CompanyListQuery } from '../companies/schemas.ts';
import { ProjectListQuery } from '../projects/schemas.ts';
import { savedViews } from './schema.ts';

/**
 * The lists a view can be saved for, each with the query parameters its list route takes (paging excluded: a
 * view is what to show, not where the user had scrolled) and who may read that list.
 */
const lists = {
  projects: { params: Object.keys(ProjectListQuery.properties), permission: 'pipeline:read' },
  companies: { params: Object.keys(CompanyListQuery.properties), permission: 'records:read' },
} as const;
export const viewEntities = Object.keys(lists) as (keyof typeof lists)[];
export type ViewEntity = keyof typeof lists;

const paging = new Set(['limit', 'cursor']);
const maxViews = 100;

export interface Owner {
  userId: string;
  role: Role;
}

export type ViewQuery = Record<string, string | boolean>;

function checkEntity(owner: Owner, entity: ViewEntity) {
  if (!can(owner.role, lists[entity].permission))
    throw new Problem(403, 'forbidden', `your role may not read the ${entity} list`);
}

function checkQuery(entity: ViewEntity, query: ViewQuery): ViewQuery {
  const allowed = lists[entity].params.filter((p) => !paging.has(p));
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k));
  if (unknown.length)
    throw invalid(`the ${entity} list has no parameter ${unknown.join(', ')}: use ${allowed.join(', ')}`);
  return query;
}

const present = (row: typeof savedViews.$inferSelect) => ({
  id: row.id,
  entity: row.entity as ViewEntity,
  name: row.name,
  query: row.query,
  createdAt: row.createdAt.toISOString(),
});

/** The caller's own views of a list, by name. */
export async function listViews(tx: TenantTx, owner: Owner, entity: ViewEntity) {
  checkEntity(owner, entity);
  const rows = await tx
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.userId, owner.userId), eq(savedViews.entity, entity)))
    .orderBy(asc(savedViews.name), asc(savedViews.id));
  return rows.map(present);
}

export async function saveView(
  tx: TenantTx,
  owner: Owner & { tenantId: string },
  input: { entity: ViewEntity; name: string; query: ViewQuery },
) {
  checkEntity(owner, input.entity);
  const name = input.name.trim();
  if (!name) throw invalid('a view needs a name');
  const query = checkQuery(input.entity, input.query);
  const mine = and(eq(savedViews.userId, owner.userId), eq(savedViews.entity, input.entity));
  const [taken] = await tx
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(and(mine, eq(savedViews.name, name)));
  if (taken) throw conflict(`you already have a view named ${name}`);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(savedViews).where(mine);
  if ((count?.n ?? 0) >= maxViews) throw invalid(`at most ${maxViews} views per list: delete one first`);
  const [row] = await tx
    .insert(savedViews)
    .values({ tenantId: owner.tenantId, userId: owner.userId, entity: input.entity, name, query })
    .returning();
  if (!row) throw new Error('saved view insert returned nothing');
  return present(row);
}

/** Another user's view, like another tenant's, is not found. */
export async function deleteView(tx: TenantTx, owner: Owner, id: string) {
  const rows = await tx
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, owner.userId)))
    .returning({ id: savedViews.id });
  if (!rows.length) throw notFound('saved view');
}
