import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { auditActor, scoped } from '../../server/auth.ts';
import { keysetPage, problemResponses, Uuid } from '../../server/schemas.ts';
import { scorecards } from '../projects/scorecard.ts';
import {
  ContactCreate,
  ContactPatch,
  ContactSchema,
  PartnerCreate,
  PartnerListQuery,
  PartnerPatch,
  PartnerSchema,
  ScorecardSchema,
} from './schemas.ts';
import {
  addContact,
  createPartner,
  deleteContact,
  deletePartner,
  getPartner,
  listContacts,
  listPartners,
  presentContact,
  presentPartner,
  updateContact,
  updatePartner,
} from './service.ts';

// A partner user reads its own record and scorecard through the same routes; the service hides the others.
export const partnerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(PartnerSchema);
  const read = { access: 'pipeline:read' as const };
  const write = { access: 'pipeline:write' as const };
  const tags = ['partners'];
  const params = Type.Object({ id: Uuid });
  const contactParams = Type.Object({ id: Uuid, contactId: Uuid });

  app.get(
    '/partners',
    {
      config: read,
      schema: {
        tags,
        summary: 'Partners by name, each with its scorecard; keyset paging with nextCursor',
        querystring: PartnerListQuery,
        response: {
          200: keysetPage(
            Type.Object({ ...PartnerSchema.properties, scorecard: ScorecardSchema }),
            Type.String(),
            {},
          ),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const page = await listPartners(tx, actor, {
          q: req.query.q,
          kind: req.query.kind?.split(',').filter(Boolean),
          limit: req.query.limit ?? 50,
          cursor: req.query.cursor,
        });
        const cards = await scorecards(
          tx,
          actor,
          page.items.map((p) => p.id),
        );
        return {
          nextCursor: page.nextCursor,
          items: page.items.map((p, i) => ({
            ...presentPartner(p),
            scorecard: cards[i] as (typeof cards)[number],
          })),
        };
      }),
  );

  app.post(
    '/partners',
    {
      config: write,
      schema: {
        tags,
        summary: 'Register a partner (before the projects it introduces are signed)',
        body: PartnerCreate,
        response: { 201: Type.Ref('Partner'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const row = await scoped(req, (tx, actor) => createPartner(tx, auditActor(actor), req.body));
      return reply.code(201).send(presentPartner(row));
    },
  );

  app.get(
    '/partners/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A partner with its contacts and scorecard',
        params,
        response: {
          200: Type.Object({
            partner: Type.Ref('Partner'),
            contacts: Type.Array(ContactSchema),
            scorecard: ScorecardSchema,
          }),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const row = await getPartner(tx, actor, req.params.id);
        const [card] = await scorecards(tx, actor, [row.id]);
        return {
          partner: presentPartner(row),
          contacts: (await listContacts(tx, row.id)).map(presentContact),
          scorecard: card as NonNullable<typeof card>,
        };
      }),
  );

  app.patch(
    '/partners/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a partner',
        params,
        body: PartnerPatch,
        response: { 200: Type.Ref('Partner'), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) =>
        presentPartner(await updatePartner(tx, auditActor(actor), actor, req.params.id, req.body)),
      ),
  );

  app.delete(
    '/partners/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a partner that has referred no project (409 otherwise: its credit stays traceable)',
        params,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, (tx, actor) => deletePartner(tx, auditActor(actor), actor, req.params.id));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/partners/:id/contacts',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a contact; a new primary contact replaces the old one',
        params,
        body: ContactCreate,
        response: { 201: ContactSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const contact = await scoped(req, async (tx, actor) => {
        await getPartner(tx, actor, req.params.id);
        return presentContact(await addContact(tx, auditActor(actor), req.params.id, req.body));
      });
      return reply.code(201).send(contact);
    },
  );

  app.patch(
    '/partners/:id/contacts/:contactId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a contact',
        params: contactParams,
        body: ContactPatch,
        response: { 200: ContactSchema, ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        await getPartner(tx, actor, req.params.id);
        const row = await updateContact(tx, auditActor(actor), req.params.id, req.params.contactId, req.body);
        return presentContact(row);
      }),
  );

  app.delete(
    '/partners/:id/contacts/:contactId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a contact',
        params: contactParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, async (tx, actor) => {
        await getPartner(tx, actor, req.params.id);
        await deleteContact(tx, auditActor(actor), req.params.id, req.params.contactId);
      });
      return reply.code(204).send(null);
    },
  );
};
