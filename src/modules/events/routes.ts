import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { canSeeTown } from '../../domain/access.ts';
import { invalid, Problem } from '../../domain/problem.ts';
import { auditActor, scoped } from '../../server/auth.ts';
import { keysetPage, problemResponses, Uuid } from '../../server/schemas.ts';
import { eventLeads } from '../projects/event-leads.ts';
import { ProjectCreate } from '../projects/schemas.ts';
import { createProject } from '../projects/service.ts';
import {
  addAttendee,
  checkIn,
  listAttendees,
  removeAttendee,
  undoCheckIn,
  updateAttendee,
} from './attendees.ts';
import { importAttendees, maxAttendeeFileBytes } from './import.ts';
import { checkPlan, loadItinerary, saveItinerary } from './itinerary.ts';
import { eventOutcomes } from './outcomes.ts';
import {
  AttendeeCreate,
  AttendeePatch,
  AttendeeSchema,
  CheckSchema,
  CountsSchema,
  EventCreate,
  EventListQuery,
  EventPatch,
  EventSchema,
  ItineraryInput,
  ItinerarySchema,
  LeadSummary,
  OrganisationCreate,
  OrganisationSchema,
  OutcomesSchema,
  WarningSchema,
} from './schemas.ts';
import {
  attendanceCounts,
  createEvent,
  deleteEvent,
  getEvent,
  inviteOrganisation,
  listEvents,
  listOrganisations,
  presentEvent,
  presentOrganisation,
  removeOrganisation,
  updateEvent,
} from './service.ts';

const LeadCreate = Type.Omit(ProjectCreate, ['source', 'partnerId', 'eventId'], {
  additionalProperties: false,
  description: 'the lead as POST /projects takes it; source is event and the event is this one',
});

/**
 * Events are the bureau's own working records: officers and admins keep them, every other member of the bureau
 * reads them. A partner reads none: an attendee list holds other organisations' people and phone numbers, and a
 * partner's portal shows only what it referred. Events are district-wide, so a town officer sees them all.
 */
export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(EventSchema);
  const read = { access: 'records:read' as const };
  const write = { access: 'records:write' as const };
  const tags = ['events'];
  const params = Type.Object({ id: Uuid });
  const attendeeParams = Type.Object({ id: Uuid, aid: Uuid });

  app.get(
    '/events',
    {
      config: read,
      schema: {
        tags,
        summary: 'Events, latest first, each with its head counts; keyset paging with nextCursor',
        querystring: EventListQuery,
        response: {
          200: keysetPage(
            Type.Object({ ...EventSchema.properties, counts: CountsSchema }),
            Type.String(),
            {},
          ),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx) => {
        const page = await listEvents(tx, {
          ...req.query,
          kind: req.query.kind?.split(',').filter(Boolean),
          limit: req.query.limit ?? 50,
        });
        const counts = await attendanceCounts(
          tx,
          page.items.map((e) => e.id),
        );
        return {
          nextCursor: page.nextCursor,
          items: page.items.map((e) => ({
            ...presentEvent(e),
            counts: counts.get(e.id) as NonNullable<ReturnType<typeof counts.get>>,
          })),
        };
      }),
  );

  app.post(
    '/events',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create an event',
        body: EventCreate,
        response: { 201: Type.Ref('Event'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const row = await scoped(req, (tx, actor) => createEvent(tx, auditActor(actor), req.body));
      return reply.code(201).send(presentEvent(row));
    },
  );

  app.get(
    '/events/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'An event with its invited organisations and head counts',
        params,
        response: {
          200: Type.Object({
            event: Type.Ref('Event'),
            organisations: Type.Array(OrganisationSchema),
            counts: CountsSchema,
          }),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx) => {
        const row = await getEvent(tx, req.params.id);
        const counts = await attendanceCounts(tx, [row.id]);
        return {
          event: presentEvent(row),
          organisations: (await listOrganisations(tx, row.id)).map(presentOrganisation),
          counts: counts.get(row.id) as NonNullable<ReturnType<typeof counts.get>>,
        };
      }),
  );

  app.patch(
    '/events/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change an event; the whole record is validated again (an end before the start is 400)',
        params,
        body: EventPatch,
        response: { 200: Type.Ref('Event'), ...problemResponses },
      },
    },
    async (req) =>
      presentEvent(
        await scoped(req, (tx, actor) => updateEvent(tx, auditActor(actor), req.params.id, req.body)),
      ),
  );

  app.delete(
    '/events/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove an event with its list and itinerary; one that produced leads stays (409)',
        params,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, (tx, actor) => deleteEvent(tx, auditActor(actor), req.params.id));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/events/:id/organisations',
    {
      config: write,
      schema: {
        tags,
        summary: 'Invite an organisation: a partner, a registry company or one by name (each once)',
        params,
        body: OrganisationCreate,
        response: { 201: OrganisationSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const row = await scoped(req, async (tx, actor) => {
        await getEvent(tx, req.params.id);
        return inviteOrganisation(tx, auditActor(actor), req.params.id, req.body);
      });
      return reply.code(201).send(presentOrganisation(row));
    },
  );

  app.delete(
    '/events/:id/organisations/:oid',
    {
      config: write,
      schema: {
        tags,
        summary: 'Withdraw an invitation; an organisation with people on the list stays (409)',
        params: Type.Object({ id: Uuid, oid: Uuid }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, async (tx, actor) => {
        await getEvent(tx, req.params.id);
        await removeOrganisation(tx, auditActor(actor), req.params.id, req.params.oid);
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/events/:id/attendees',
    {
      config: read,
      schema: {
        tags,
        summary: 'The list: people by organisation and name, with invitation, RSVP and check-in',
        params,
        querystring: Type.Object({
          q: Type.Optional(
            Type.String({ minLength: 1, maxLength: 100, description: 'name, organisation or phone' }),
          ),
        }),
        response: { 200: Type.Object({ items: Type.Array(AttendeeSchema) }), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx) => {
        await getEvent(tx, req.params.id);
        return { items: await listAttendees(tx, req.params.id, req.query.q) };
      }),
  );

  app.post(
    '/events/:id/attendees',
    {
      config: write,
      schema: {
        tags,
        summary: 'Put a person on the list; the same name from the same organisation twice is 409',
        params,
        body: AttendeeCreate,
        response: { 201: AttendeeSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const row = await scoped(req, async (tx, actor) => {
        await getEvent(tx, req.params.id);
        return addAttendee(tx, auditActor(actor), req.params.id, req.body);
      });
      return reply.code(201).send(row);
    },
  );

  app.post(
    '/events/:id/attendees/import',
    {
      config: write,
      // The multipart stream is read by the handler; the schema documents it, the handler checks it.
      validatorCompiler: () => () => true,
      schema: {
        tags,
        summary:
          'Import a list from XLSX (姓名/name, 单位/organisation, 职务/title, 电话/phone, 邮箱/email, 回执/rsvp), all or nothing: a bad row refuses the file with every bad row named (422)',
        consumes: ['multipart/form-data'],
        params,
        body: Type.Object({ file: Type.String({ format: 'binary', description: '.xlsx, at most 5 MB' }) }),
        response: {
          201: Type.Object({ imported: Type.Integer(), organisationsAdded: Type.Integer() }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw invalid('send the file as multipart/form-data in a field named "file"');
      const file = await req.file({ limits: { fileSize: maxAttendeeFileBytes, files: 1 } });
      if (!file) throw invalid('no file in the upload');
      const buffer = await file.toBuffer();
      if (file.file.truncated) throw new Problem(413, 'too-large', 'an attendee list is at most 5 MB');
      const { id } = req.params as { id: string };
      const result = await scoped(req, async (tx, actor) => {
        await getEvent(tx, id);
        return importAttendees(tx, auditActor(actor), id, buffer);
      });
      return reply.code(201).send(result);
    },
  );

  app.patch(
    '/events/:id/attendees/:aid',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a person on the list: invitation sent, RSVP, contact details',
        params: attendeeParams,
        body: AttendeePatch,
        response: { 200: AttendeeSchema, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getEvent(tx, req.params.id);
        return updateAttendee(tx, auditActor(actor), req.params.id, req.params.aid, req.body);
      }),
  );

  app.delete(
    '/events/:id/attendees/:aid',
    {
      config: write,
      schema: {
        tags,
        summary: 'Take a person off the list',
        params: attendeeParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, async (tx, actor) => {
        await getEvent(tx, req.params.id);
        await removeAttendee(tx, auditActor(actor), req.params.id, req.params.aid);
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/events/:id/attendees/:aid/check-in',
    {
      config: write,
      schema: {
        tags,
        summary: 'Check a person in; a second check-in keeps the first time and says so',
        params: attendeeParams,
        response: {
          200: Type.Object({ attendee: AttendeeSchema, already: Type.Boolean() }),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getEvent(tx, req.params.id);
        return checkIn(tx, auditActor(actor), req.params.id, req.params.aid);
      }),
  );

  app.delete(
    '/events/:id/attendees/:aid/check-in',
    {
      config: write,
      schema: {
        tags,
        summary: 'Undo a check-in made by mistake',
        params: attendeeParams,
        response: { 200: AttendeeSchema, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getEvent(tx, req.params.id);
        return undoCheckIn(tx, auditActor(actor), req.params.id, req.params.aid);
      }),
  );

  app.get(
    '/events/:id/itinerary',
    {
      config: read,
      schema: {
        tags,
        summary: 'The itinerary: groups (buses) in order, each with its stops in time order',
        params,
        response: { 200: ItinerarySchema, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx) => {
        await getEvent(tx, req.params.id);
        return loadItinerary(tx, req.params.id);
      }),
  );

  app.put(
    '/events/:id/itinerary',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Replace the itinerary; an infeasible one is refused (422 itinerary-infeasible, every conflict listed) and nothing changes',
        params,
        body: ItineraryInput,
        response: {
          200: Type.Object({ itinerary: ItinerarySchema, warnings: Type.Array(WarningSchema) }),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) =>
        saveItinerary(tx, auditActor(actor), await getEvent(tx, req.params.id), req.body),
      ),
  );

  app.post(
    '/events/:id/itinerary/check',
    {
      config: read,
      schema: {
        tags,
        summary: 'Check a plan without saving it: its conflicts and warnings, for the planner',
        params,
        body: ItineraryInput,
        response: { 200: CheckSchema, ...problemResponses },
      },
    },
    async (req) => scoped(req, async (tx) => checkPlan(tx, await getEvent(tx, req.params.id), req.body)),
  );

  app.get(
    '/events/:id/outcomes',
    {
      config: read,
      schema: {
        tags,
        summary:
          'What the event produced, counted from the rows: attendance, leads, projects signed, amount signed, conversion, by month',
        params,
        response: { 200: OutcomesSchema, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getEvent(tx, req.params.id);
        return eventOutcomes(tx, actor, req.params.id);
      }),
  );

  app.get(
    '/events/:id/leads',
    {
      config: read,
      schema: {
        tags,
        summary: 'The projects that came out of the event, oldest first',
        params,
        response: { 200: Type.Object({ items: Type.Array(LeadSummary) }), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getEvent(tx, req.params.id);
        const rows = await eventLeads(tx, actor, req.params.id);
        return {
          items: rows.map((r) => ({
            id: r.id,
            title: r.title,
            stage: r.stage,
            reachedStage: r.reachedStage,
            source: r.source,
            amountYuan: r.amountYuan?.toString() ?? null,
            signedAt: r.signedAt?.toISOString() ?? null,
            createdAt: r.createdAt.toISOString(),
          })),
        };
      }),
  );

  app.post(
    '/events/:id/leads',
    {
      config: { access: 'pipeline:write' as const },
      schema: {
        tags,
        summary:
          'Create a lead from the event: a project with source event linked to it (audited like any project)',
        params,
        body: LeadCreate,
        response: { 201: LeadSummary, ...problemResponses },
      },
    },
    async (req, reply) => {
      const row = await scoped(req, async (tx, actor) => {
        await getEvent(tx, req.params.id);
        const townCode = (req.body as { townCode?: string | null }).townCode ?? null;
        if (!canSeeTown(actor.townCodes, townCode))
          throw new Problem(403, 'forbidden', 'your membership is limited to other towns');
        return createProject(tx, auditActor(actor), { ...req.body, source: 'event', eventId: req.params.id });
      });
      return reply.code(201).send({
        id: row.id,
        title: row.title,
        stage: row.stage,
        reachedStage: row.reachedStage,
        source: row.source,
        amountYuan: row.amountYuan?.toString() ?? null,
        signedAt: null,
        createdAt: row.createdAt.toISOString(),
      });
    },
  );
};
