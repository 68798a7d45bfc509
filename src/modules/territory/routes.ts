import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { scoped } from '../../server/auth.ts';
import { problemResponses, Uuid } from '../../server/schemas.ts';
import { getZone, listClusters, listTowns, listZones } from './service.ts';

const NameEn = Type.Union([Type.String(), Type.Null()]);
const Zone = Type.Object({
  id: Uuid,
  nameZh: Type.String(),
  nameEn: NameEn,
  townCodes: Type.Array(Type.String()),
});
const list = <T extends ReturnType<typeof Type.Object>>(item: T) => ({
  200: Type.Object({ items: Type.Array(item) }),
  ...problemResponses,
});

export const territoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const config = { access: 'territory:read' as const };

  app.get(
    '/towns',
    {
      config,
      schema: {
        tags: ['territory'],
        summary: "The tenant's towns and subdistricts",
        response: list(Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: NameEn })),
      },
    },
    async (req) => ({ items: await scoped(req, (tx) => listTowns(tx)) }),
  );

  app.get(
    '/zones',
    {
      config,
      schema: {
        tags: ['territory'],
        summary: 'Zones: named groups of towns reported as one area',
        response: list(Zone),
      },
    },
    async (req) => ({ items: await scoped(req, (tx) => listZones(tx)) }),
  );

  app.get(
    '/zones/:id',
    {
      config,
      schema: {
        tags: ['territory'],
        summary: 'One zone',
        params: Type.Object({ id: Uuid }),
        response: { 200: Zone, ...problemResponses },
      },
    },
    async (req) => scoped(req, (tx) => getZone(tx, req.params.id)),
  );

  app.get(
    '/clusters',
    {
      config,
      schema: {
        tags: ['territory'],
        summary: 'Industrial clusters with their GB/T 4754 classes',
        response: list(
          Type.Object({
            id: Uuid,
            code: Type.String(),
            nameZh: Type.String(),
            nameEn: NameEn,
            industryCodes: Type.Array(Type.String()),
          }),
        ),
      },
    },
    async (req) => ({ items: await scoped(req, (tx) => listClusters(tx)) }),
  );
};
