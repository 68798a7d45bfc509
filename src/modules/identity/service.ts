import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { TenantTx } from '../../db/scope.ts';
import { isRole, type Role } from '../../domain/access.ts';
import { isValidEmail, normaliseEmail, passwordProblem } from '../../domain/identity.ts';
import { conflict, invalid, notFound, Problem } from '../../domain/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { tenants } from '../tenants/schema.ts';
import { forgetActor, forgetAllActors } from './actor-cache.ts';
import { decoyHash, hashPassword, verifyPassword } from './password.ts';
import { apiTokens, memberships, sessions, users } from './schema.ts';
import { hashSecret, newSecret } from './tokens.ts';
import type { Actor } from './types.ts';

// Sign-in, sessions and tokens are resolved before a tenant is known, so this service works on the unscoped
// handle and always filters by the user or token it was given.

export const sessionLifetimeMs = 7 * 24 * 3600 * 1000;

const actorColumns = {
  userId: users.id,
  email: users.email,
  displayName: users.displayName,
  tenantId: tenants.id,
  tenantSlug: tenants.slug,
  role: memberships.role,
  townCodes: memberships.townCodes,
  partnerId: memberships.partnerId,
};

function toActor(row: Omit<Actor, 'role'> & { role: string }): Actor {
  if (!isRole(row.role)) throw new Error(`membership has unknown role ${row.role}`);
  return { ...row, role: row.role };
}

export interface NewUser {
  tenantSlug: string;
  email: string;
  password: string;
  role: string;
  displayName?: string | undefined;
  townCodes?: string[] | undefined;
  partnerId?: string | null | undefined;
}

/** Creates the user if the email is new, then their membership of the tenant. */
export async function createUser(db: Db, input: NewUser, by: { email: string; userId: string | null }) {
  const email = normaliseEmail(input.email);
  if (!isValidEmail(email)) throw invalid(`"${input.email}" is not a valid email address`);
  if (!isRole(input.role))
    throw invalid(`unknown role "${input.role}": use admin, officer, analyst, viewer or partner`);
  const weak = passwordProblem(input.password);
  if (weak) throw invalid(weak);
  const role: Role = input.role;
  const passwordHash = await hashPassword(input.password);

  return db.transaction(async (tx) => {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.slug, input.tenantSlug));
    if (!tenant) throw notFound(`tenant "${input.tenantSlug}"`);
    let [user] = await tx.select().from(users).where(eq(users.email, email));
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email, displayName: input.displayName ?? email.split('@')[0] ?? email, passwordHash })
        .returning();
    }
    if (!user) throw new Error('user insert returned nothing');
    const existing = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user.id)));
    if (existing.length) throw conflict(`${email} is already a member of ${tenant.slug}`);
    const [membership] = await tx
      .insert(memberships)
      .values({
        tenantId: tenant.id,
        userId: user.id,
        role,
        townCodes: input.townCodes ?? [],
        partnerId: input.partnerId ?? null,
      })
      .returning();
    if (!membership) throw new Error('membership insert returned nothing');
    await recordAudit(
      tx,
      { tenantId: tenant.id, userId: by.userId, email: by.email },
      {
        entity: 'memberships',
        entityId: membership.id,
        action: 'create',
        before: null,
        after: { ...membership, email },
      },
    );
    return { userId: user.id, membershipId: membership.id, email, role, tenant: tenant.slug };
  });
}

/**
 * Checks a password and returns the membership to sign in to: the named tenant, or the user's first one.
 * Every failure is the same 401 so the answer reveals neither which emails exist nor which part was wrong.
 */
export async function authenticate(
  db: Db,
  rawEmail: string,
  password: string,
  tenantSlug?: string,
): Promise<Actor> {
  const email = normaliseEmail(rawEmail);
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const ok = await verifyPassword(password, user?.passwordHash ?? decoyHash);
  const refused = new Problem(401, 'invalid-credentials', 'email or password is incorrect');
  if (!user || !ok || user.disabledAt) throw refused;
  const rows = await db
    .select(actorColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, user.id), tenantSlug ? eq(tenants.slug, tenantSlug) : undefined))
    .orderBy(memberships.createdAt)
    .limit(1);
  if (!rows[0]) throw refused;
  return toActor(rows[0]);
}

export async function startSession(db: Db, actor: Actor): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret('ls');
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  await db
    .insert(sessions)
    .values({ tokenHash: hashSecret(token), userId: actor.userId, tenantId: actor.tenantId, expiresAt });
  return { token, expiresAt };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashSecret(token)));
  forgetActor(`session:${token}`);
}

export async function actorForSession(db: Db, token: string): Promise<Actor | null> {
  const rows = await db
    .select(actorColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.tenantId, tenants.id)))
    .where(
      and(
        eq(sessions.tokenHash, hashSecret(token)),
        gt(sessions.expiresAt, sql`now()`),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return rows[0] ? toActor(rows[0]) : null;
}

export async function actorForApiToken(db: Db, token: string): Promise<Actor | null> {
  const rows = await db
    .select({ ...actorColumns, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.tenantId, tenants.id)))
    .where(
      and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt), isNull(users.disabledAt)),
    )
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  const { tokenId: _tokenId, ...actor } = row;
  return toActor(actor);
}

/** The secret is shown once; only its hash is kept. */
export async function createApiToken(db: Db, actor: Actor, name: string) {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('a token needs a name');
  const token = newSecret('lst');
  const [row] = await db
    .insert(apiTokens)
    .values({ tokenHash: hashSecret(token), userId: actor.userId, tenantId: actor.tenantId, name: trimmed })
    .returning();
  if (!row) throw new Error('token insert returned nothing');
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), token };
}

export async function listApiTokens(db: Db, actor: Actor) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, actor.userId),
        eq(apiTokens.tenantId, actor.tenantId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .orderBy(apiTokens.createdAt);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(db: Db, actor: Actor, id: string): Promise<void> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, id),
        eq(apiTokens.userId, actor.userId),
        eq(apiTokens.tenantId, actor.tenantId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning({ id: apiTokens.id });
  if (!rows.length) throw notFound('API token');
  // The cache is keyed by secrets we do not keep, so a revocation forgets every cached caller.
  forgetAllActors();
}

/** The roles these users hold in the tenant in scope; a user who is not a member is absent. */
export async function memberRoles(tx: TenantTx, userIds: string[]): Promise<Map<string, Role>> {
  if (!userIds.length) return new Map();
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(inArray(memberships.userId, userIds));
  return new Map(rows.flatMap((r) => (isRole(r.role) ? [[r.userId, r.role] as const] : [])));
}

/** The user id of a tenant member, by email (null if not a member). */
export async function memberUserId(db: Db, tenantId: string, email: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(users.email, normaliseEmail(email))));
  return row?.userId ?? null;
}

/** Ties a partner-role membership to the partner it speaks for: the portal then shows that partner's referrals. */
export async function linkMembershipToPartner(
  tx: TenantTx,
  actor: { tenantId: string; userId: string | null; email: string },
  userId: string,
  partnerId: string,
) {
  const [before] = await tx.select().from(memberships).where(eq(memberships.userId, userId));
  if (!before) throw notFound('member');
  if (before.role !== 'partner') throw invalid('only a partner-role membership speaks for a partner');
  const [after] = await tx
    .update(memberships)
    .set({ partnerId })
    .where(eq(memberships.userId, userId))
    .returning();
  forgetAllActors();
  await recordAudit(tx, actor, {
    entity: 'memberships',
    entityId: before.id,
    action: 'update',
    before,
    after,
  });
}

/**
 * The district's members with these roles (names and emails), for pickers such as an agreement milestone's owner.
 * Read through lodestone_tenant_members(): the request role may not read the users table itself.
 */
export async function membersWithRoles(tx: TenantTx, roles: Role[]) {
  const { rows } = (await tx.execute(sql`
    select user_id as "userId", display_name as "displayName", email, role from lodestone_tenant_members()
    where role in (${sql.join(
      roles.map((r) => sql`${r}`),
      sql`, `,
    )}) order by display_name, email`)) as unknown as {
    rows: { userId: string; displayName: string; email: string; role: Role }[];
  };
  return rows;
}

export interface Member {
  id: string;
  displayName: string;
  role: Role;
}

/**
 * The tenant's active members by name and role, for the officer and assignee names the pipeline shows. Users
 * are global, so this reads them through a database function that returns only the tenant in scope.
 */
export async function listMembers(tx: TenantTx, onlyRoles?: readonly Role[]): Promise<Member[]> {
  const result = (await tx.execute(
    sql`select user_id, display_name, role from lodestone_tenant_members() order by display_name, user_id`,
  )) as unknown as { rows: { user_id: string; display_name: string; role: string }[] };
  return result.rows.flatMap((r) =>
    isRole(r.role) && (!onlyRoles?.length || onlyRoles.includes(r.role))
      ? [{ id: r.user_id, displayName: r.display_name, role: r.role }]
      : [],
  );
}
