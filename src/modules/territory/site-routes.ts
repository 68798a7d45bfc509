import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { auditActor, scoped } from '../../server/auth.ts';
import { problemResponses, Uuid } from '../../server/schemas.ts';
import { siteKinds } from './service.ts';
import {
  createSite,
  deleteSite,
  deleteTravelTime,
  getSite,
  listSiteDetails,
  listTravelTimes,
  presentSite,
  setTravelTime,
  updateSite,
} from './sites.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const TextIn = (max: number) => Nullable(Type.String({ maxLength: max }));
const Clock = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'local time, HH:MM' });
const DayHours = Nullable(Type.Object({ open: Clock, close: Clock }, { additionalProperties: false }));
const OpeningHours = Nullable(
  Type.Array(DayHours, {
    minItems: 7,
    maxItems: 7,
    description: 'Monday to Sunday, each {open, close} or null when closed; null when unknown',
  }),
);

export const SiteSchema = Type.Object(
  {
    id: Uuid,
    nameZh: Type.String(),
    nameEn: Nullable(Type.String()),
    kind: Type.Enum(siteKinds),
    townCode: Type.String({ description: 'GB/T 2260 town code, one of the tenant’s towns' }),
    address: Nullable(Type.String()),
    capacity: Nullable(Type.Integer({ description: 'visitors at once' })),
    openingHours: OpeningHours,
    hostName: Nullable(Type.String()),
    hostPhone: Nullable(Type.String()),
    introZh: Nullable(Type.String()),
    introEn: Nullable(Type.String()),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Site' },
);

const inputFields = {
  nameZh: Type.String({ minLength: 1, maxLength: 200 }),
  nameEn: Type.Optional(TextIn(300)),
  kind: Type.Enum(siteKinds),
  townCode: Type.String({ maxLength: 12 }),
  address: Type.Optional(TextIn(300)),
  // No schema minimum: with type coercion a 0 would pass as null; the service refuses it instead.
  capacity: Type.Optional(Nullable(Type.Integer({ maximum: 100000, description: 'at least 1' }))),
  openingHours: Type.Optional(OpeningHours),
  hostName: Type.Optional(TextIn(100)),
  hostPhone: Type.Optional(TextIn(50)),
  introZh: Type.Optional(TextIn(4000)),
  introEn: Type.Optional(TextIn(8000)),
};
const SiteCreate = Type.Object(inputFields, { additionalProperties: false });
const SitePatch = Type.Partial(Type.Object(inputFields), { additionalProperties: false, minProperties: 1 });

const TravelTime = Type.Object({
  siteA: Uuid,
  siteB: Uuid,
  minutes: Type.Integer({ description: 'by road, either direction' }),
});

/**
 * Sites a delegation visits, with what the itinerary planner checks against (capacity, opening hours), and the
 * travel-time table between them. Any member but a partner reads them; officers keep them, a town officer only in
 * their towns.
 */
export const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(SiteSchema);
  const read = { access: 'territory:read' as const };
  const write = { access: 'records:write' as const };
  const tags = ['sites'];
  const params = Type.Object({ id: Uuid });

  app.get(
    '/sites',
    {
      config: read,
      schema: {
        tags,
        summary: 'Sites: halls, parks, bases and showrooms that visits and projects refer to',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Site')) }), ...problemResponses },
      },
    },
    async (req) => ({ items: (await scoped(req, (tx) => listSiteDetails(tx))).map(presentSite) }),
  );

  app.post(
    '/sites',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a site',
        body: SiteCreate,
        response: { 201: Type.Ref('Site'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const row = await scoped(req, (tx, actor) => createSite(tx, auditActor(actor), actor, req.body));
      return reply.code(201).send(presentSite(row));
    },
  );

  app.get(
    '/sites/travel-times',
    {
      config: read,
      schema: {
        tags,
        summary: 'The travel-time table: minutes between pairs of sites, the same both ways',
        response: { 200: Type.Object({ items: Type.Array(TravelTime) }), ...problemResponses },
      },
    },
    async (req) => ({ items: await scoped(req, (tx) => listTravelTimes(tx)) }),
  );

  app.put(
    '/sites/travel-times',
    {
      config: write,
      schema: {
        tags,
        summary: 'Set the minutes between two sites (both directions)',
        body: Type.Object(
          { from: Uuid, to: Uuid, minutes: Type.Integer({ minimum: 0, maximum: 1440 }) },
          { additionalProperties: false },
        ),
        response: { 200: TravelTime, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, (tx, actor) =>
        setTravelTime(tx, auditActor(actor), req.body.from, req.body.to, req.body.minutes),
      ),
  );

  app.delete(
    '/sites/travel-times',
    {
      config: write,
      schema: {
        tags,
        summary: 'Forget the travel time between two sites',
        querystring: Type.Object({ from: Uuid, to: Uuid }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, (tx, actor) => deleteTravelTime(tx, auditActor(actor), req.query.from, req.query.to));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/sites/:id',
    {
      config: read,
      schema: { tags, summary: 'One site', params, response: { 200: Type.Ref('Site'), ...problemResponses } },
    },
    async (req) => presentSite(await scoped(req, (tx) => getSite(tx, req.params.id))),
  );

  app.patch(
    '/sites/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a site; the whole record is validated again',
        params,
        body: SitePatch,
        response: { 200: Type.Ref('Site'), ...problemResponses },
      },
    },
    async (req) =>
      presentSite(
        await scoped(req, (tx, actor) => updateSite(tx, auditActor(actor), actor, req.params.id, req.body)),
      ),
  );

  app.delete(
    '/sites/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a site that no itinerary, project or cockpit target names (409 otherwise)',
        params,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, (tx, actor) => deleteSite(tx, auditActor(actor), actor, req.params.id));
      return reply.code(204).send(null);
    },
  );
};
