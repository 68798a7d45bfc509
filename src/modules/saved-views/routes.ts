import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { scoped } from '../../server/auth.ts';
import { problemResponses, Uuid } from '../../server/schemas.ts';
import { deleteView, listViews, saveView, viewEntities } from './service.ts';

const Entity = Type.Enum(viewEntities, { description: 'the list the view is for' });
const Query = Type.Record(
  Type.String({ maxLength: 40 }),
  Type.Union([Type.Boolean(), Type.String({ maxLength: 500 })]),
  { maxProperties: 40, description: 'the list route’s query parameters (filters and sort), without paging' },
);
const ViewSchema = Type.Object({
  id: Uuid,
  entity: Entity,
  name: Type.String(),
  query: Query,
  createdAt: Type.String({ format: 'date-time' }),
});

export const savedViewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['saved-views'];
  // Anyone signed in keeps views of the lists their role reads; the service checks the list.
  const config = { access: 'signedIn' as const };

  app.get(
    '/saved-views',
    {
      config,
      schema: {
        tags,
        summary: 'Your saved views of a list, by name',
        querystring: Type.Object({ entity: Entity }),
        response: { 200: Type.Object({ items: Type.Array(ViewSchema) }), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => ({ items: await listViews(tx, actor, req.query.entity) })),
  );

  app.post(
    '/saved-views',
    {
      config,
      schema: {
        tags,
        summary: 'Save the current filters and sort of a list under a name (yours only)',
        body: Type.Object(
          { entity: Entity, name: Type.String({ minLength: 1, maxLength: 80 }), query: Query },
          { additionalProperties: false },
        ),
        response: { 201: ViewSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await scoped(req, (tx, actor) => saveView(tx, actor, req.body))),
  );

  app.delete(
    '/saved-views/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Delete one of your saved views',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, (tx, actor) => deleteView(tx, actor, req.params.id));
      return reply.code(204).send(null);
    },
  );
};
