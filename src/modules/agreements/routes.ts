import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { agreementStatuses } from '../../domain/agreements.ts';
import { addDays } from '../../domain/calendar.ts';
import { maxAttachmentBytes } from '../../domain/document-type.ts';
import { invalid } from '../../domain/problem.ts';
import { auditActor, scoped } from '../../server/auth.ts';
import { AuditHistoryPage, keysetPage, Limit, problemResponses, Uuid } from '../../server/schemas.ts';
import { membersWithRoles } from '../identity/service.ts';
import { getProject, namesFor } from '../projects/service.ts';
import {
  addAttachment,
  deleteAttachment,
  getAttachment,
  listAttachments,
  presentAttachment,
  tooLarge,
} from './attachments.ts';
import { agreementHistory } from './history.ts';
import {
  deleteRegistration,
  linkRegistration,
  listRegistrations,
  registerIntroducer,
} from './introducers.ts';
import {
  addMilestone,
  deleteMilestone,
  dueMilestones,
  listMilestones,
  ownerNames,
  presentMilestone,
  updateMilestone,
} from './milestones.ts';
import {
  AgreementCreate,
  AgreementListQuery,
  AgreementPatch,
  AgreementSchema,
  AttachmentSchema,
  MilestoneCreate,
  MilestonePatch,
  MilestoneSchema,
  RegistrationCreate,
  RegistrationSchema,
} from './schemas.ts';
import {
  createAgreement,
  deleteAgreement,
  getAgreement,
  listAgreements,
  moveAgreement,
  presentAgreement,
  presentAgreements,
  renewAgreement,
  today,
  updateAgreement,
} from './service.ts';

const split = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

// A partner user reads the agreements its partner is party to through the same routes (the service hides the
// others); the bureau's working notes (the audit trail, reminders) are not for its eyes.
export const agreementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(AgreementSchema);
  const read = { access: 'pipeline:read' as const };
  const write = { access: 'pipeline:write' as const };
  const internal = { access: 'records:read' as const };
  const tags = ['agreements'];
  const params = Type.Object({ id: Uuid });

  app.get(
    '/agreements',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Filter and sort agreements; keyset paging with nextCursor. A partner sees those it is party to',
        querystring: AgreementListQuery,
        response: {
          200: keysetPage(Type.Ref('Agreement'), Type.String(), { total: Type.Integer() }),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const status = split(req.query.status);
        const unknown = status?.filter((s) => !(agreementStatuses as readonly string[]).includes(s));
        if (unknown?.length) throw invalid(`status must be among ${agreementStatuses.join(', ')}`);
        const page = await listAgreements(tx, actor, {
          q: req.query.q,
          kind: split(req.query.kind),
          status,
          partner: req.query.partner,
          expiringBefore: req.query.expiringBefore,
          eventId: req.query.eventId,
          sort: req.query.sort ?? 'updated',
          order: req.query.order ?? 'desc',
          limit: req.query.limit ?? 50,
          cursor: req.query.cursor,
        });
        return { ...page, items: await presentAgreements(tx, actor, page.items) };
      }),
  );

  app.post(
    '/agreements',
    {
      config: write,
      schema: {
        tags,
        summary: 'Record an agreement as a draft, with its parties and linked projects',
        body: AgreementCreate,
        response: { 201: Type.Ref('Agreement'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const created = await scoped(req, async (tx, actor) =>
        presentAgreement(tx, actor, await createAgreement(tx, auditActor(actor), actor, req.body)),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/agreements/due',
    {
      config: internal,
      schema: {
        tags,
        summary:
          'Open milestones and obligations overdue or due within `days` (default 14): the signed-in user’s, or everyone’s with owner=all',
        querystring: Type.Object({
          days: Type.Optional(Type.Integer({ minimum: 0, maximum: 366, default: 14 })),
          owner: Type.Optional(Type.Enum(['me', 'all'])),
        }),
        response: {
          200: Type.Object({
            today: Type.String({ format: 'date' }),
            items: Type.Array(
              Type.Object({
                ...MilestoneSchema.properties,
                agreementTitleZh: Type.String(),
                agreementTitleEn: Type.Union([Type.String(), Type.Null()]),
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
        const owner = (req.query.owner ?? 'me') === 'me' ? actor.userId : null;
        const rows = await dueMilestones(tx, addDays(day, req.query.days ?? 14), owner);
        const owners = await ownerNames(tx);
        return {
          today: day,
          items: rows.map((r) => ({
            ...presentMilestone(r.milestone, day, owners),
            agreementTitleZh: r.agreementTitle,
            agreementTitleEn: r.agreementTitleEn,
          })),
        };
      }),
  );

  app.get(
    '/agreements/owners',
    {
      config: write,
      schema: {
        tags,
        summary: 'Members who may own a milestone or obligation',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                userId: Uuid,
                displayName: Type.String(),
                email: Type.String(),
                role: Type.String(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx) => ({
        items: await membersWithRoles(tx, ['admin', 'officer', 'analyst', 'viewer']),
      })),
  );

  app.get(
    '/agreements/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'An agreement with its parties, linked projects and renewals',
        params,
        response: { 200: Type.Ref('Agreement'), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) =>
        presentAgreement(tx, actor, await getAgreement(tx, actor, req.params.id)),
      ),
  );

  app.patch(
    '/agreements/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change an agreement; the whole record is validated again. Status moves by /status',
        params,
        body: AgreementPatch,
        response: { 200: Type.Ref('Agreement'), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const current = await getAgreement(tx, actor, req.params.id);
        return presentAgreement(
          tx,
          actor,
          await updateAgreement(tx, auditActor(actor), actor, current, req.body),
        );
      }),
  );

  app.delete(
    '/agreements/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a draft (409 for a signed agreement: terminate it instead)',
        params,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, async (tx, actor) =>
        deleteAgreement(tx, auditActor(actor), await getAgreement(tx, actor, req.params.id)),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/agreements/:id/status',
    {
      config: write,
      schema: {
        tags,
        summary: 'Move an agreement to another status; an illegal move is refused (409) and changes nothing',
        params,
        body: Type.Object({ to: Type.Enum(agreementStatuses) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Agreement'), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const current = await getAgreement(tx, actor, req.params.id);
        return presentAgreement(tx, actor, await moveAgreement(tx, auditActor(actor), current, req.body.to));
      }),
  );

  app.post(
    '/agreements/:id/renew',
    {
      config: write,
      schema: {
        tags,
        summary: 'Start a renewal: a new draft with the same parties and projects and the following term',
        params,
        response: { 201: Type.Ref('Agreement'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const created = await scoped(req, async (tx, actor) => {
        const current = await getAgreement(tx, actor, req.params.id);
        return presentAgreement(tx, actor, await renewAgreement(tx, auditActor(actor), actor, current));
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/agreements/:id/audit',
    {
      config: internal,
      schema: {
        tags,
        summary:
          'The audit trail of an agreement and its milestones, attachments and registrations, newest first',
        params,
        querystring: Type.Object({ limit: Limit(200, 50), cursor: Type.Optional(Uuid) }),
        response: { 200: AuditHistoryPage, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getAgreement(tx, actor, req.params.id);
        return agreementHistory(tx, req.params.id, req.query.limit ?? 50, req.query.cursor);
      }),
  );

  // Milestones and obligations.
  const milestoneParams = Type.Object({ id: Uuid, milestoneId: Uuid });

  app.get(
    '/agreements/:id/milestones',
    {
      config: read,
      schema: {
        tags,
        summary: 'Obligations and milestones, open ones first by due date',
        params,
        response: { 200: Type.Object({ items: Type.Array(MilestoneSchema) }), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getAgreement(tx, actor, req.params.id);
        const owners = await ownerNames(tx);
        const day = today();
        return {
          items: (await listMilestones(tx, req.params.id)).map((m) => presentMilestone(m, day, owners)),
        };
      }),
  );

  app.post(
    '/agreements/:id/milestones',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add an obligation or milestone; one due before the signing date is refused',
        params,
        body: MilestoneCreate,
        response: { 201: MilestoneSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const created = await scoped(req, async (tx, actor) => {
        const agreement = await getAgreement(tx, actor, req.params.id);
        const row = await addMilestone(tx, auditActor(actor), agreement, req.body);
        return presentMilestone(row, today(), await ownerNames(tx));
      });
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/agreements/:id/milestones/:milestoneId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a milestone, or record it done with doneOn',
        params: milestoneParams,
        body: MilestonePatch,
        response: { 200: MilestoneSchema, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const agreement = await getAgreement(tx, actor, req.params.id);
        const row = await updateMilestone(tx, auditActor(actor), agreement, req.params.milestoneId, req.body);
        return presentMilestone(row, today(), await ownerNames(tx));
      }),
  );

  app.delete(
    '/agreements/:id/milestones/:milestoneId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a milestone',
        params: milestoneParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, async (tx, actor) => {
        await getAgreement(tx, actor, req.params.id);
        await deleteMilestone(tx, auditActor(actor), req.params.id, req.params.milestoneId);
      });
      return reply.code(204).send(null);
    },
  );

  // Attachments.
  const attachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid });

  app.get(
    '/agreements/:id/attachments',
    {
      config: read,
      schema: {
        tags,
        summary: 'The documents of an agreement (name, type, size, SHA-256)',
        params,
        response: { 200: Type.Object({ items: Type.Array(AttachmentSchema) }), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getAgreement(tx, actor, req.params.id);
        return { items: (await listAttachments(tx, req.params.id)).map(presentAttachment) };
      }),
  );

  app.post(
    '/agreements/:id/attachments',
    {
      config: write,
      schema: {
        tags,
        summary: `Upload a document (multipart field "file", at most ${maxAttachmentBytes / 1024 / 1024} MB): PDF, Word, Excel, PowerPoint, JPEG or PNG, checked by its bytes`,
        params,
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw invalid('send the file as multipart/form-data in a field named "file"');
      const file = await req.file({ limits: { fileSize: maxAttachmentBytes, files: 1 } });
      if (!file) throw invalid('no file in the upload');
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw err;
      }
      const created = await scoped(req, async (tx, actor) => {
        await getAgreement(tx, actor, req.params.id);
        const row = await addAttachment(tx, auditActor(actor), req.params.id, {
          fileName: file.filename || 'document',
          bytes,
        });
        return presentAttachment(row);
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/agreements/:id/attachments/:attachmentId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Download a document, with its content type and its SHA-256 in the X-Checksum-SHA256 header',
        params: attachmentParams,
      },
    },
    async (req, reply) => {
      const row = await scoped(req, async (tx, actor) => {
        await getAgreement(tx, actor, req.params.id);
        return getAttachment(tx, req.params.id, req.params.attachmentId);
      });
      return reply
        .header('content-type', row.contentType)
        .header('content-length', row.sizeBytes)
        .header('x-checksum-sha256', row.sha256)
        .header(
          'content-disposition',
          `attachment; filename="${row.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
        )
        .send(row.content);
    },
  );

  app.delete(
    '/agreements/:id/attachments/:attachmentId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a document',
        params: attachmentParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, async (tx, actor) => {
        await getAgreement(tx, actor, req.params.id);
        await deleteAttachment(tx, auditActor(actor), req.params.id, req.params.attachmentId);
      });
      return reply.code(204).send(null);
    },
  );

  // Introducer registrations (commissioned-promotion agreements).
  const registrationParams = Type.Object({ id: Uuid, registrationId: Uuid });

  app.get(
    '/agreements/:id/introducers',
    {
      config: read,
      schema: {
        tags,
        summary: 'Introducers registered under the agreement, oldest first',
        params,
        response: { 200: Type.Object({ items: Type.Array(RegistrationSchema) }), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getAgreement(tx, actor, req.params.id);
        return { items: await listRegistrations(tx, actor, { agreementId: req.params.id }) };
      }),
  );

  app.post(
    '/agreements/:id/introducers',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Register the commissioned partner as introducer of a project or prospective investor (信息引荐人 information, 推动引荐人 driving)',
        params,
        body: RegistrationCreate,
        response: { 201: RegistrationSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const created = await scoped(req, async (tx, actor) => {
        const agreement = await getAgreement(tx, actor, req.params.id);
        const row = await registerIntroducer(tx, auditActor(actor), actor, agreement, req.body);
        const all = await listRegistrations(tx, actor, { agreementId: agreement.id });
        return all.find((r) => r.id === row.id) as (typeof all)[number];
      });
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/agreements/:id/introducers/:registrationId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Link a prospect’s registration to the project it became (keeps its date)',
        params: registrationParams,
        body: Type.Object({ projectId: Uuid }, { additionalProperties: false }),
        response: { 200: RegistrationSchema, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getAgreement(tx, actor, req.params.id);
        await linkRegistration(
          tx,
          auditActor(actor),
          actor,
          req.params.id,
          req.params.registrationId,
          req.body.projectId,
        );
        const all = await listRegistrations(tx, actor, { agreementId: req.params.id });
        return all.find((r) => r.id === req.params.registrationId) as (typeof all)[number];
      }),
  );

  app.delete(
    '/agreements/:id/introducers/:registrationId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a registration (409 once it counts toward a signed project’s credit)',
        params: registrationParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, async (tx, actor) => {
        await getAgreement(tx, actor, req.params.id);
        await deleteRegistration(tx, auditActor(actor), actor, req.params.id, req.params.registrationId);
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/projects/:id/credit',
    {
      config: read,
      schema: {
        tags,
        summary: 'Who is credited with a project, and its introducer registrations',
        params,
        response: {
          200: Type.Object({
            credit: Type.Unknown(),
            registrations: Type.Array(RegistrationSchema),
          }),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const project = await getProject(tx, actor, req.params.id);
        const names = await namesFor(tx, [project]);
        const credit = names.credits.get(project.id);
        return {
          credit: {
            ...credit,
            partner: credit?.partnerId ? (names.partners.get(credit.partnerId) ?? null) : null,
          },
          registrations: await listRegistrations(tx, actor, { projectId: project.id }),
        };
      }),
  );
};
