import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isRole, type Role, roles } from '../../domain/access.ts';
import { invalid } from '../../domain/problem.ts';
import { requireActor, scoped, sessionCookie, setSessionCookie } from '../../server/auth.ts';
import { problemResponses, Uuid } from '../../server/schemas.ts';
import { getTenant } from '../tenants/service.ts';
import {
  authenticate,
  createApiToken,
  endSession,
  listApiTokens,
  listMembers,
  revokeApiToken,
  startSession,
} from './service.ts';
import type { Actor } from './types.ts';

const SessionSchema = Type.Object(
  {
    user: Type.Object({ id: Uuid, email: Type.String(), displayName: Type.String() }),
    tenant: Type.Object({
      id: Uuid,
      slug: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.Union([Type.String(), Type.Null()]),
      divisionCode: Type.String(),
      defaultLocale: Type.String(),
    }),
    role: Type.String(),
    towns: Type.Array(Type.String(), { description: 'towns the membership is narrowed to; empty = all' }),
    partnerId: Type.Union([Uuid, Type.Null()]),
  },
  { $id: 'Session' },
);

const TokenSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export interface IdentityRouteOptions {
  cookieSecure: boolean;
  loginRateLimit: { max: number; timeWindow: number };
}

async function sessionBody(db: Parameters<typeof getTenant>[0], actor: Actor) {
  const tenant = await getTenant(db, actor.tenantId);
  return {
    user: { id: actor.userId, email: actor.email, displayName: actor.displayName },
    tenant: {
      id: tenant.id,
      slug: tenant.slug,
      nameZh: tenant.nameZh,
      nameEn: tenant.nameEn,
      divisionCode: tenant.divisionCode,
      defaultLocale: tenant.defaultLocale,
    },
    role: actor.role,
    towns: actor.townCodes,
    partnerId: actor.partnerId,
  };
}

export const identityRoutes: FastifyPluginAsyncTypebox<IdentityRouteOptions> = async (app, options) => {
  app.addSchema(SessionSchema);
  const db = app.database.db;

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: {
          ...options.loginRateLimit,
          hook: 'preHandler',
          // Per address and account: one guesser cannot lock out everyone behind the same NAT.
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { email?: unknown })?.email ?? '').toLowerCase()}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: Type.Object({
          email: Type.String({ minLength: 3, maxLength: 254 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
          tenant: Type.Optional(Type.String({ description: 'slug of the tenant to sign in to, if several' })),
        }),
        response: { 200: Type.Ref('Session'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const actor = await authenticate(db, req.body.email, req.body.password, req.body.tenant);
      const session = await startSession(db, actor);
      setSessionCookie(reply, session.token, session.expiresAt, options.cookieSecure);
      return sessionBody(db, actor);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session and clears the cookie',
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const token = req.cookies[sessionCookie];
      if (token) await endSession(db, token);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, tenant and role',
        response: { 200: Type.Ref('Session'), ...problemResponses },
      },
    },
    async (req) => sessionBody(db, requireActor(req)),
  );

  app.get(
    '/auth/tokens',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: "The caller's API tokens (secrets are never shown again)",
        response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), ...problemResponses },
      },
    },
    async (req) => ({ items: await listApiTokens(db, requireActor(req)) }),
  );

  app.post(
    '/auth/tokens',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for Authorization: Bearer; the secret is returned once',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: {
          201: Type.Object({ id: Uuid, name: Type.String(), createdAt: Type.String(), token: Type.String() }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) => reply.code(201).send(await createApiToken(db, requireActor(req), req.body.name)),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your API tokens',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await revokeApiToken(db, requireActor(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/members',
    {
      // The bureau's own staff see who is who; a partner sees projects, not the people behind them.
      config: { access: 'records:read' },
      schema: {
        tags: ['auth'],
        summary: "The tenant's active members: user id, display name and role (no emails)",
        querystring: Type.Object({
          role: Type.Optional(Type.String({ maxLength: 100, description: `any of ${roles.join(', ')}` })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Uuid, displayName: Type.String(), role: Type.String() })),
          }),
          ...problemResponses,
        },
      },
    },
    async (req) => {
      const wanted =
        req.query.role
          ?.split(',')
          .map((r) => r.trim())
          .filter(Boolean) ?? [];
      const unknown = wanted.filter((r) => !isRole(r));
      if (unknown.length) throw invalid(`unknown role ${unknown.join(', ')}: use ${roles.join(', ')}`);
      return scoped(req, async (tx) => ({ items: await listMembers(tx, wanted as Role[]) }));
    },
  );
};
