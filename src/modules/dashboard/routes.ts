import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import type { TenantTx } from '../../db/scope.ts';
import { bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import { targetMetrics } from '../../domain/cockpit.ts';
import { pipelineStages, stages } from '../../domain/project-stages.ts';
import { auditActor, scoped } from '../../server/auth.ts';
import { problemResponses, Uuid } from '../../server/schemas.ts';
import { type CockpitViewer, cockpit } from './service.ts';
import {
  createTarget,
  deleteTarget,
  getTarget,
  listTargets,
  presentTarget,
  updateTarget,
} from './targets.ts';
import { cockpitWorkbook, workbookRowLimit } from './workbook.ts';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD, on the bureau clock' });
const Yuan = Type.String({ pattern: '^-?\\d+$', description: 'yuan, a decimal string' });
const Name = Type.Union([Type.String(), Type.Null()]);
const ListFilter = Type.Object(
  {
    path: Type.Union([Type.Literal('/companies'), Type.Literal('/projects')]),
    query: Type.Record(Type.String(), Type.String()),
  },
  { description: 'the list, and its query parameters, that opens the rows behind the figure' },
);
const Count = Type.Object({ projects: Type.Integer(), amountYuan: Yuan, list: ListFilter });
const Ranked = (idName: string) =>
  Type.Object({
    [idName]: Type.String(),
    nameZh: Name,
    nameEn: Name,
    projects: Type.Integer(),
    amountYuan: Yuan,
    majorProjects: Type.Integer(),
    list: ListFilter,
  });

const TargetSchema = Type.Object({
  id: Uuid,
  year: Type.Integer(),
  metric: Type.Enum(targetMetrics),
  clusterId: Type.Union([Uuid, Type.Null()]),
  siteId: Type.Union([Uuid, Type.Null()]),
  value: Type.String({ description: 'a count, or yuan (decimal string)' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const CockpitSchema = Type.Object({
  period: Type.Object({ since: Day, until: Day }),
  area: Type.Object({
    zone: Type.Union([Type.Object({ id: Uuid, nameZh: Type.String(), nameEn: Name }), Type.Null()]),
    towns: Type.Union([Type.Array(Type.String()), Type.Null()]),
  }),
  newCompanies: Type.Object({
    companies: Type.Integer(),
    previousYear: Type.Integer({ description: 'the same days a year earlier' }),
    change: Type.Union([Type.Number(), Type.Null()], { description: 'ratio, 0.25 is +25%' }),
    list: ListFilter,
  }),
  majorProjects: Count,
  foreignFunded: Count,
  headquarters: Count,
  signed: Count,
  pipeline: Type.Array(
    Type.Object({ stage: Type.Enum(stages), projects: Type.Integer(), amountYuan: Yuan, list: ListFilter }),
  ),
  funnel: Type.Array(
    Type.Object({
      stage: Type.Enum(pipelineStages),
      reached: Type.Integer(),
      amountYuan: Yuan,
      list: ListFilter,
    }),
  ),
  targets: Type.Array(
    Type.Object({
      ...TargetSchema.properties,
      actual: Type.String(),
      progress: Type.Union([Type.Number(), Type.Null()]),
      list: ListFilter,
    }),
  ),
  topClusters: Type.Array(Ranked('clusterId')),
  partnerLeaderboard: Type.Array(Ranked('partnerId')),
  registrationsByTown: Type.Array(
    Type.Object({
      town: Type.String(),
      nameZh: Name,
      nameEn: Name,
      companies: Type.Integer(),
      points: Type.Array(Type.Object({ month: Type.String(), companies: Type.Integer() })),
      list: ListFilter,
    }),
  ),
});

const CockpitQuery = Type.Object({
  zone: Type.Optional(Uuid),
  town: Type.Optional(Type.String({ description: 'town codes, comma-separated' })),
  since: Type.Optional(Day),
  until: Type.Optional(Day),
});

/** The cockpit for the query as the API takes it, today on the bureau's clock. */
function cockpitFor(tx: TenantTx, viewer: CockpitViewer, query: Static<typeof CockpitQuery>) {
  return cockpit(
    tx,
    viewer,
    {
      ...query,
      town: query.town
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    },
    civilDate(new Date(), bureauTimeZone),
  );
}

const TargetBody = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  metric: Type.Enum(targetMetrics),
  clusterId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  siteId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'a park (site)' })),
  value: Type.String({ pattern: '^\\d{1,18}$', description: 'a count, or yuan' }),
});

export const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['dashboard'];
  // The cockpit and the targets are the bureau's: not for a partner's eyes.
  const read = { access: 'records:read' as const };
  const admin = { access: 'settings:write' as const };
  const params = Type.Object({ id: Uuid });

  app.get(
    '/dashboard/cockpit',
    {
      config: read,
      schema: {
        tags,
        summary:
          'The leadership cockpit: the figures for a period (default: the year so far) and an area; a town officer sees their towns',
        querystring: CockpitQuery,
        response: { 200: CockpitSchema, ...problemResponses },
      },
    },
    async (req) => scoped(req, (tx, actor) => cockpitFor(tx, actor, req.query)),
  );

  app.get(
    '/dashboard/cockpit.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: `The cockpit as an XLSX workbook: a summary, one sheet per figure; the headline figures' sheets list the rows they count (the newest ${workbookRowLimit} at most, saying how many there are)`,
        querystring: Type.Object({
          ...CockpitQuery.properties,
          lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
        }),
        response: { 200: Type.String({ format: 'binary' }), ...problemResponses },
      },
    },
    async (req, reply) => {
      const workbook = await scoped(req, async (tx, actor) =>
        cockpitWorkbook(tx, actor, await cockpitFor(tx, actor, req.query), req.query.lang),
      );
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="cockpit.xlsx"')
        .send(workbook);
    },
  );

  app.get(
    '/dashboard/targets',
    {
      config: read,
      schema: {
        tags,
        summary: 'Yearly targets: district, cluster or park',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
        response: { 200: Type.Object({ items: Type.Array(TargetSchema) }), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx) => ({ items: (await listTargets(tx, req.query.year)).map(presentTarget) })),
  );

  app.get(
    '/dashboard/targets/:id',
    {
      config: read,
      schema: { tags, summary: 'One target', params, response: { 200: TargetSchema, ...problemResponses } },
    },
    async (req) => scoped(req, async (tx) => presentTarget(await getTarget(tx, req.params.id))),
  );

  app.post(
    '/dashboard/targets',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Set a yearly target (admins); one per year, metric and scope',
        body: TargetBody,
        response: { 201: TargetSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const row = await scoped(req, (tx, actor) => createTarget(tx, auditActor(actor), req.body));
      return reply.code(201).send(presentTarget(row));
    },
  );

  app.patch(
    '/dashboard/targets/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a target (admins)',
        params,
        body: Type.Partial(TargetBody),
        response: { 200: TargetSchema, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) =>
        presentTarget(await updateTarget(tx, auditActor(actor), req.params.id, req.body)),
      ),
  );

  app.delete(
    '/dashboard/targets/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Remove a target (admins)',
        params,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, (tx, actor) => deleteTarget(tx, auditActor(actor), req.params.id));
      return reply.code(204).send(null);
    },
  );
};
