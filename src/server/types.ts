import type { Database } from '../db/client.ts';
import type { Permission } from '../domain/access.ts';
import type { Actor } from '../modules/identity/types.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route. Every /api/v1 route must declare it; the server refuses to start otherwise. */
    access?: Permission;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    database: Database;
  }
}
