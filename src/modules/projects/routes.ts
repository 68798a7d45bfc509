import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SnapshotCache } from '../../db/snapshot-cache.ts';
import { addDays, bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import { invalid, Problem } from '../../domain/problem.ts';
import { auditActor, requireActor, scoped } from '../../server/auth.ts';
import { cachedJson } from '../../server/cached-reply.ts';
import { AuditHistoryPage, keysetPage, Limit, problemResponses, Uuid } from '../../server/schemas.ts';
import { sendSpreadsheet } from '../../server/spreadsheet-download.ts';
import { listAudit } from '../audit/service.ts';
import type { Actor } from '../identity/types.ts';
import { writeProjectExport } from './export.ts';
import {
  createTask,
  deleteActivity,
  deleteTask,
  dueTasks,
  listActivities,
  listTasks,
  logActivity,
  presentActivity,
  presentTask,
  updateTask,
} from './followups.ts';
import { funnel } from './funnel.ts';
import { importProjects } from './import.ts';
import { listProjects, type ProjectFilters } from './list.ts';
import {
  ActivityCreate,
  ActivitySchema,
  FunnelQuery,
  FunnelSchema,
  HistorySchema,
  ProjectCreate,
  ProjectFilterQuery,
  ProjectListQuery,
  ProjectPatch,
  ProjectSchema,
  StageMoveBody,
  TaskCreate,
  TaskPatch,
  TaskSchema,
} from './schemas.ts';
import {
  createProject,
  deleteProject,
  getProject,
  type ProjectInput,
  presentOne,
  presentProject,
  updateProject,
} from './service.ts';
import { deleteRate, listRates, majorThreshold, setMajorThreshold, setRate } from './settings.ts';
import { moveStage, stageHistory } from './stages.ts';
import { canSeeProject } from './visibility.ts';

const split = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

type FilterQuery = { [K in keyof typeof ProjectFilterQuery]?: string | boolean };

export function filtersFrom(query: FilterQuery, actor: Actor): ProjectFilters {
  const s = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
  const b = (v: string | boolean | undefined) => (typeof v === 'boolean' ? v : undefined);
  return {
    q: s(query.q),
    stage: split(s(query.stage)),
    source: split(s(query.source)),
    kind: split(s(query.kind)),
    priority: split(s(query.priority)),
    partner: s(query.partner),
    company: s(query.company),
    credited: s(query.credited),
    cluster: s(query.cluster),
    officer: query.officer === 'me' ? actor.userId : s(query.officer),
    town: split(s(query.town)),
    zone: s(query.zone),
    site: s(query.site),
    industry: s(query.industry),
    foreignFunded: b(query.foreignFunded),
    major: b(query.major),
    createdFrom: s(query.createdFrom),
    createdTo: s(query.createdTo),
    signedFrom: s(query.signedFrom),
    signedTo: s(query.signedTo),
    reached: s(query.reached),
    amountMin: s(query.amountMin),
    amountMax: s(query.amountMax),
  };
}

const today = () => civilDate(new Date(), bureauTimeZone);

/** Fields the bureau sets on a lead; a partner submitting one names only what it knows of the investment. */
const bureauFields = ['officerId', 'priority', 'source', 'partnerId', 'eventId'] as const;

/** A project sheet is a few megabytes at most; it is read in memory. */
const maxImportBytes = 20 * 1024 * 1024;

const outsideTowns = () => new Problem(403, 'forbidden', 'your membership is limited to other towns');

export const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(ProjectSchema);
  const read = { access: 'pipeline:read' as const };
  const write = { access: 'pipeline:write' as const };
  // Follow-ups and the audit trail are the bureau's working notes: not for a partner's eyes.
  const internal = { access: 'records:read' as const };
  const tags = ['projects'];
  const params = Type.Object({ id: Uuid });
  // Board columns and table pages, as last read: officers open the same few views far more often than anyone
  // writes. About 30 MB at most.
  const pages = new SnapshotCache(1_000, 30 * 1024 * 1024);

  app.get(
    '/projects',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Filter and sort the pipeline; keyset paging with nextCursor. A partner sees what it referred',
        querystring: ProjectListQuery,
        response: {
          200: keysetPage(Type.Ref('Project'), Type.String(), {
            total: Type.Integer({
              description:
                'matches: exact when filtered by stage, town or zone only (from the stage roll-up), else counted up to 10,000 (see totalIsExact)',
            }),
            totalIsExact: Type.Boolean(),
          }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) =>
      cachedJson(req, reply, pages, async (tx, actor) => {
        const page = await listProjects(tx, actor, {
          ...filtersFrom(req.query, actor),
          sort: req.query.sort ?? 'updated',
          order: req.query.order ?? 'desc',
          limit: req.query.limit ?? 50,
          cursor: req.query.cursor,
        });
        const { threshold, names, ...rest } = page;
        return { ...rest, items: page.items.map((p) => presentProject(p, threshold, names)) };
      }),
  );

  app.post(
    '/projects',
    {
      config: { access: 'pipeline:submit' },
      schema: {
        tags,
        summary: 'Record a lead (a title is enough). A partner’s lead lands as a partner referral for triage',
        body: ProjectCreate,
        response: { 201: Type.Ref('Project'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const created = await scoped(req, async (tx, actor) => {
        let input: ProjectInput = req.body;
        if (actor.role === 'partner') {
          if (!actor.partnerId)
            throw new Problem(403, 'forbidden', 'your membership is not linked to a partner');
          const set = bureauFields.filter((f) => req.body[f] !== undefined);
          if (set.length) throw invalid(`the bureau sets ${set.join(', ')} on a partner’s lead`);
          input = { ...req.body, source: 'partner_referral', partnerId: actor.partnerId };
        }
        const row = await createProject(tx, auditActor(actor), input);
        // A town officer records projects for their towns only; otherwise the lead would vanish from their view.
        if (!canSeeProject(actor, row)) throw outsideTowns();
        return presentOne(tx, row);
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/projects/funnel',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Counts and amounts per stage, conversion between stages, median days per stage; by source, partner, cluster, officer or period',
        querystring: FunnelQuery,
        response: { 200: FunnelSchema, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, (tx, actor) =>
        funnel(
          tx,
          actor,
          filtersFrom(req.query, actor),
          req.query.by ?? 'none',
          req.query.period ?? 'month',
          req.query.measures ?? 'all',
        ),
      ),
  );

  app.get(
    '/projects/export',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Download the filtered pipeline as CSV or XLSX, with the headers the import reads back (a partner: its referrals)',
        querystring: Type.Object({
          ...ProjectFilterQuery,
          format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
        }),
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: Type.String({ format: 'binary' }), ...problemResponses },
      },
    },
    async (req, reply) => {
      return sendSpreadsheet(reply, 'projects', req.query.format, (file) =>
        scoped(req, (tx, actor) =>
          writeProjectExport(tx, actor, filtersFrom(req.query, actor), req.query.format, file),
        ),
      );
    },
  );

  app.post(
    '/projects/import',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Import a project sheet (CSV or XLSX, multipart field "file"), all or nothing: rows are matched by project code; any row error refuses the whole file (422, errors by line)',
        consumes: ['multipart/form-data'],
        response: {
          200: Type.Object({
            format: Type.String(),
            rows: Type.Integer(),
            created: Type.Integer(),
            updated: Type.Integer(),
            unchanged: Type.Integer(),
            unknownHeaders: Type.Array(Type.String()),
          }),
          ...problemResponses,
        },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw invalid('send the file as multipart/form-data in a field named "file"');
      const file = await req.file({ limits: { fileSize: maxImportBytes, files: 1 } });
      if (!file) throw invalid('no file in the upload');
      const buffer = await file.toBuffer();
      const actor = requireActor(req);
      return importProjects(req.server.database.db, auditActor(actor), actor, { buffer });
    },
  );

  app.get(
    '/projects/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A project and its current stage',
        params,
        response: { 200: Type.Ref('Project'), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => presentOne(tx, await getProject(tx, actor, req.params.id))),
  );

  app.patch(
    '/projects/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Fill in or change a project; the whole record is validated again. Stages move by /stage',
        params,
        body: ProjectPatch,
        response: { 200: Type.Ref('Project'), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const current = await getProject(tx, actor, req.params.id);
        const row = await updateProject(tx, auditActor(actor), current, req.body);
        if (!canSeeProject(actor, row)) throw outsideTowns();
        return presentOne(tx, row);
      }),
  );

  app.delete(
    '/projects/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a project with its history and follow-ups (kept in the audit trail)',
        params,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, async (tx, actor) => {
        await getProject(tx, actor, req.params.id);
        await deleteProject(tx, auditActor(actor), req.params.id);
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/projects/:id/stage',
    {
      config: write,
      schema: {
        tags,
        summary: 'Move a project to another stage; an illegal move is refused (409) and changes nothing',
        params,
        body: StageMoveBody,
        response: { 200: Type.Ref('Project'), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const project = await getProject(tx, actor, req.params.id);
        return presentOne(tx, await moveStage(tx, auditActor(actor), project, req.body));
      }),
  );

  app.get(
    '/projects/:id/history',
    {
      config: read,
      schema: {
        tags,
        summary:
          'The stage moves, oldest first (who, when, note, time in the stage left), and time per stage',
        params,
        response: { 200: HistorySchema, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => stageHistory(tx, await getProject(tx, actor, req.params.id))),
  );

  app.get(
    '/projects/:id/audit',
    {
      config: internal,
      schema: {
        tags,
        summary: 'The audit trail of one project (every change, before and after), newest first',
        params,
        querystring: Type.Object({ limit: Limit(200, 50), cursor: Type.Optional(Uuid) }),
        response: {
          200: AuditHistoryPage,
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getProject(tx, actor, req.params.id);
        return listAudit(tx, { entity: 'projects', entityId: req.params.id, ...req.query });
      }),
  );

  app.get(
    '/projects/:id/tasks',
    {
      config: internal,
      schema: {
        tags,
        summary: 'A project’s tasks, open ones first',
        params,
        response: { 200: Type.Object({ items: Type.Array(TaskSchema) }), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getProject(tx, actor, req.params.id);
        const day = today();
        return { items: (await listTasks(tx, req.params.id)).map((t) => presentTask(t, day)) };
      }),
  );

  app.post(
    '/projects/:id/tasks',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a task; unassigned, it goes to the project’s officer or its author',
        params,
        body: TaskCreate,
        response: { 201: TaskSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const task = await scoped(req, async (tx, actor) => {
        const project = await getProject(tx, actor, req.params.id);
        return presentTask(await createTask(tx, auditActor(actor), project, req.body), today());
      });
      return reply.code(201).send(task);
    },
  );

  const taskParams = Type.Object({ id: Uuid, taskId: Uuid });

  app.patch(
    '/projects/:id/tasks/:taskId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a task or mark it done',
        params: taskParams,
        body: TaskPatch,
        response: { 200: TaskSchema, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getProject(tx, actor, req.params.id);
        const row = await updateTask(tx, auditActor(actor), req.params.id, req.params.taskId, req.body);
        return presentTask(row, today());
      }),
  );

  app.delete(
    '/projects/:id/tasks/:taskId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a task',
        params: taskParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, async (tx, actor) => {
        await getProject(tx, actor, req.params.id);
        await deleteTask(tx, auditActor(actor), req.params.id, req.params.taskId);
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/projects/:id/activities',
    {
      config: internal,
      schema: {
        tags,
        summary: 'The activity log (calls, visits, meetings, notes), newest first',
        params,
        response: { 200: Type.Object({ items: Type.Array(ActivitySchema) }), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getProject(tx, actor, req.params.id);
        return { items: (await listActivities(tx, req.params.id)).map(presentActivity) };
      }),
  );

  app.post(
    '/projects/:id/activities',
    {
      config: write,
      schema: {
        tags,
        summary: 'Log a call, visit, meeting or note',
        params,
        body: ActivityCreate,
        response: { 201: ActivitySchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const activity = await scoped(req, async (tx, actor) => {
        await getProject(tx, actor, req.params.id);
        return presentActivity(await logActivity(tx, auditActor(actor), req.params.id, req.body));
      });
      return reply.code(201).send(activity);
    },
  );

  app.delete(
    '/projects/:id/activities/:activityId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove an activity logged by mistake',
        params: Type.Object({ id: Uuid, activityId: Uuid }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, async (tx, actor) => {
        await getProject(tx, actor, req.params.id);
        await deleteActivity(tx, auditActor(actor), req.params.id, req.params.activityId);
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/tasks/due',
    {
      config: write,
      schema: {
        tags,
        summary:
          'The signed-in user’s open tasks that are overdue or due within `days` (default 7), soonest first',
        querystring: Type.Object({
          days: Type.Optional(Type.Integer({ minimum: 0, maximum: 366, default: 7 })),
        }),
        response: {
          200: Type.Object({
            today: Type.String({ format: 'date' }),
            items: Type.Array(
              Type.Object({
                ...TaskSchema.properties,
                projectTitle: Type.String(),
                projectStage: Type.String(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const day = today();
        const rows = await dueTasks(tx, actor.userId, addDays(day, req.query.days ?? 7));
        return {
          today: day,
          items: rows.map((r) => ({
            ...presentTask(r.task, day),
            projectTitle: r.projectTitle,
            projectStage: r.projectStage,
          })),
        };
      }),
  );

  const Settings = Type.Object({
    majorThresholdYuan: Type.String({
      pattern: '^\\d{1,18}$',
      description: 'yuan; a project at or above is major',
    }),
  });

  app.get(
    '/pipeline-settings',
    {
      config: read,
      schema: {
        tags,
        summary: 'The major-project threshold',
        response: { 200: Settings, ...problemResponses },
      },
    },
    async (req) => scoped(req, async (tx) => ({ majorThresholdYuan: (await majorThreshold(tx)).toString() })),
  );

  app.put(
    '/pipeline-settings',
    {
      config: { access: 'settings:write' },
      schema: {
        tags,
        summary: 'Set the major-project threshold (admins)',
        body: Settings,
        response: { 200: Settings, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await setMajorThreshold(tx, auditActor(actor), BigInt(req.body.majorThresholdYuan));
        return { majorThresholdYuan: (await majorThreshold(tx)).toString() };
      }),
  );

  const Rate = Type.Object({
    currency: Type.String(),
    yuanPerUnit: Type.String({ description: 'yuan per unit, up to six decimals' }),
    updatedAt: Type.String({ format: 'date-time' }),
  });
  const currencyParams = Type.Object({ currency: Type.String({ pattern: '^[A-Z]{3}$' }) });

  app.get(
    '/currency-rates',
    {
      config: read,
      schema: {
        tags,
        summary: 'The tenant’s rates to yuan for investment amounts',
        response: { 200: Type.Object({ items: Type.Array(Rate) }), ...problemResponses },
      },
    },
    async (req) => scoped(req, async (tx) => ({ items: await listRates(tx) })),
  );

  app.put(
    '/currency-rates/:currency',
    {
      config: { access: 'settings:write' },
      schema: {
        tags,
        summary: 'Set a rate for amounts entered from now on (admins); amounts already entered keep theirs',
        params: currencyParams,
        body: Type.Object({ yuanPerUnit: Type.String({ maxLength: 20 }) }, { additionalProperties: false }),
        response: { 200: Rate, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, (tx, actor) => setRate(tx, auditActor(actor), req.params.currency, req.body.yuanPerUnit)),
  );

  app.delete(
    '/currency-rates/:currency',
    {
      config: { access: 'settings:write' },
      schema: {
        tags,
        summary: 'Remove a rate (admins)',
        params: currencyParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, (tx, actor) => deleteRate(tx, auditActor(actor), req.params.currency));
      return reply.code(204).send(null);
    },
  );
};
