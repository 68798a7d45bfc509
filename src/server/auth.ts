import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, readInTenant, type TenantTx } from '../db/scope.ts';
import { can } from '../domain/access.ts';
import { Problem } from '../domain/problem.ts';
import { cachedActor, rememberActor } from '../modules/identity/actor-cache.ts';
import { actorForApiToken, actorForSession } from '../modules/identity/service.ts';
import type { Actor } from '../modules/identity/types.ts';

export const sessionCookie = 'lodestone_session';

function bearer(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Resolves the caller on every API request and enforces the access each route declares. A route without a
 * declaration is a programming error caught at start-up, so no route can be left open by forgetting.
 */
export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    if (!route.config?.access)
      throw new Error(`route ${route.method} ${route.url} does not declare its access`);
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1')) return;
    const token = bearer(req);
    if (token) {
      const key = `token:${token}`;
      req.actor = cachedActor(key) ?? (await actorForApiToken(app.database.db, token));
      if (!req.actor) throw new Problem(401, 'invalid-token', 'the API token is unknown or revoked');
      rememberActor(key, req.actor);
      return;
    }
    const cookie = req.cookies[sessionCookie];
    if (!cookie) return;
    const key = `session:${cookie}`;
    req.actor = cachedActor(key) ?? (await actorForSession(app.database.db, cookie));
    if (req.actor) rememberActor(key, req.actor);
  });

  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;
    if (!req.actor) throw new Problem(401, 'unauthenticated', 'sign in first');
    if (!can(req.actor.role, access)) {
      throw new Problem(403, 'forbidden', `the ${req.actor.role} role may not do this`);
    }
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new Problem(401, 'unauthenticated', 'sign in first');
  return req.actor;
}

/**
 * Runs a request's data work inside its tenant's scope: row-level security sees to the rest. A GET only reads, so
 * it runs on the tenant's read-only connections where the engine has them.
 */
export function scoped<T>(req: FastifyRequest, work: (tx: TenantTx, actor: Actor) => Promise<T>): Promise<T> {
  const actor = requireActor(req);
  if (req.method === 'GET' || req.method === 'HEAD')
    return readInTenant(req.server.database, actor.tenantId, (tx) => work(tx, actor));
  return inTenant(req.server.database.db, actor.tenantId, (tx) => work(tx, actor));
}

export function auditActor(actor: Actor) {
  return { tenantId: actor.tenantId, userId: actor.userId, email: actor.email };
}

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date, secure: boolean): void {
  reply.setCookie(sessionCookie, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires });
}
