import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { Type } from 'typebox';
import { bulkLoadHoldsSession } from '../db/bulk.ts';
import type { Database } from '../db/client.ts';
import { agreementRoutes } from '../modules/agreements/routes.ts';
import { auditRoutes } from '../modules/audit/routes.ts';
import { importRoutes } from '../modules/companies/import/routes.ts';
import { companyRoutes } from '../modules/companies/routes.ts';
import { dashboardRoutes } from '../modules/dashboard/routes.ts';
import { eventRoutes } from '../modules/events/routes.ts';
import { identityRoutes } from '../modules/identity/routes.ts';
import { partnerRoutes } from '../modules/partners/routes.ts';
import { projectRoutes } from '../modules/projects/routes.ts';
import { referenceRoutes } from '../modules/reference/routes.ts';
import { savedViewRoutes } from '../modules/saved-views/routes.ts';
import { territoryRoutes } from '../modules/territory/routes.ts';
import { siteRoutes } from '../modules/territory/site-routes.ts';
import { installAuth } from './auth.ts';
import { installProblemHandler, sendProblem } from './problem-handler.ts';
import { ProblemSchema } from './schemas.ts';
import './types.ts';
import { version } from './version.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDist = path.join(root, 'dist/web');

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  cookieSecure?: boolean;
  /** Sign-in attempts allowed per address and account in the window. */
  loginRateLimit?: { max: number; timeWindow: number };
  /** Serve the built SPA from dist/web (off in API-only tests). */
  serveWeb?: boolean;
}

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    // Idle keep-alive sockets must not hold a graceful shutdown open.
    forceCloseConnections: 'idle',
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('database', options.database);
  app.addSchema(ProblemSchema);
  installProblemHandler(app);

  await app.register(cookie);
  await app.register(multipart);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lodestone API',
        version,
        description:
          'Investment-promotion platform. Sign in with POST /api/v1/auth/login (session cookie) or send ' +
          '`Authorization: Bearer <api token>`. Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lodestone_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  installAuth(app);

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and the database engine in use',
        security: [],
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            version: Type.String(),
            engine: Type.String(),
            busy: Type.Optional(
              Type.Literal('bulk-load', {
                description: 'the embedded engine is busy with an import: up, but other requests wait for it',
              }),
            ),
          }),
          503: Type.Ref('Problem'),
        },
      },
    },
    async (_req, reply) => {
      // An import holds the embedded engine's only session for up to a minute. A liveness probe that waited
      // for it would give up and restart the server, and the import with it.
      if (bulkLoadHoldsSession(options.database))
        return {
          status: 'ok' as const,
          version,
          engine: options.database.engine,
          busy: 'bulk-load' as const,
        };
      try {
        await options.database.db.execute(sql`select 1`);
      } catch {
        return sendProblem(reply, 503, 'database-unavailable', 'the database does not answer');
      }
      return { status: 'ok' as const, version, engine: options.database.engine };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(identityRoutes, {
        cookieSecure: options.cookieSecure ?? false,
        loginRateLimit: options.loginRateLimit ?? { max: 10, timeWindow: 60_000 },
      });
      await api.register(referenceRoutes);
      await api.register(territoryRoutes);
      await api.register(siteRoutes);
      await api.register(auditRoutes);
      await api.register(companyRoutes);
      await api.register(importRoutes);
      await api.register(dashboardRoutes);
      await api.register(partnerRoutes);
      await api.register(projectRoutes);
      await api.register(agreementRoutes);
      await api.register(eventRoutes);
      await api.register(savedViewRoutes);
    },
    { prefix: '/api/v1' },
  );

  const index = path.join(webDist, 'index.html');
  const serveWeb = (options.serveWeb ?? true) && fs.existsSync(index);
  if (serveWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });

  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0] ?? '';
    // Client routes get the SPA; a missing asset (a file name) must stay a 404, or a stale page would load HTML as script.
    const isClientRoute = !pathname.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(pathname);
    if (isClientRoute && serveWeb && req.method === 'GET') return reply.sendFile('index.html');
    return sendProblem(reply, 404, 'not-found', `no route ${req.method} ${req.url.split('?')[0]}`);
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
