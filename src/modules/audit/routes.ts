import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { scoped } from '../../server/auth.ts';
import { keysetPage, Limit, problemResponses, Uuid } from '../../server/schemas.ts';
import { auditActions, listAudit } from './service.ts';

const Entry = Type.Object({
  id: Uuid,
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Uuid, Type.Null()]),
  actorEmail: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  action: Type.Union(auditActions.map((a) => Type.Literal(a))),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first; filter by entity type and record id',
        querystring: Type.Object({
          entity: Type.Optional(Type.String({ maxLength: 64 })),
          entityId: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Limit(200, 50),
          cursor: Type.Optional(Uuid),
        }),
        response: {
          200: keysetPage(Entry, Uuid, {}),
          ...problemResponses,
        },
      },
    },
    async (req) => scoped(req, (tx) => listAudit(tx, req.query)) as Promise<never>,
  );
};
