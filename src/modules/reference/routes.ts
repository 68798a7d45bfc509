import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { notFound } from '../../domain/problem.ts';
import { Limit, problemResponses } from '../../server/schemas.ts';
import { getDivision, listDivisions, listIndustries } from './service.ts';

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);

const Division = Type.Object({
  code: Type.String(),
  name: Type.String(),
  parentCode: Nullable(Type.String()),
  level: Type.Union([
    Type.Literal('province'),
    Type.Literal('city'),
    Type.Literal('county'),
    Type.Literal('town'),
  ]),
});

const Industry = Type.Object({
  code: Type.String(),
  parentCode: Nullable(Type.String()),
  level: Type.Union([
    Type.Literal('section'),
    Type.Literal('division'),
    Type.Literal('group'),
    Type.Literal('class'),
  ]),
  nameZh: Type.String(),
  nameEn: Nullable(Type.String()),
});

const ListQuery = Type.Object({
  parent: Type.Optional(Type.String({ maxLength: 12, description: 'children of this code' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'substring of the name' })),
  limit: Limit(500, 50),
});

// Reference data is global, so these routes read it with the unscoped handle; no tenant row is reachable.
export const referenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const access = 'reference:read' as const;

  app.get(
    '/reference/divisions',
    {
      config: { access },
      schema: {
        tags: ['reference'],
        summary:
          'Administrative divisions of China (GB/T 2260 with NBS town codes); provinces when unfiltered',
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(Division) }), ...problemResponses },
      },
    },
    async (req) => ({ items: (await listDivisions(db, req.query)) as Static<typeof Division>[] }),
  );

  app.get(
    '/reference/divisions/:code',
    {
      config: { access },
      schema: {
        tags: ['reference'],
        summary: 'One division by code',
        params: Type.Object({ code: Type.String({ pattern: '^[0-9]{2,9}$' }) }),
        response: { 200: Division, ...problemResponses },
      },
    },
    async (req) => {
      const row = await getDivision(db, req.params.code);
      if (!row) throw notFound(`division ${req.params.code}`);
      return row as Static<typeof Division>;
    },
  );

  app.get(
    '/reference/industries',
    {
      config: { access },
      schema: {
        tags: ['reference'],
        summary: 'GB/T 4754-2017 industry classification; the 20 sections when unfiltered',
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(Industry) }), ...problemResponses },
      },
    },
    async (req) => ({ items: (await listIndustries(db, req.query)) as Static<typeof Industry>[] }),
  );
};
