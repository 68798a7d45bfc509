import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalid, Problem } from '../../../domain/problem.ts';
import { auditActor, requireActor, scoped } from '../../../server/auth.ts';
import { problemResponses, Uuid } from '../../../server/schemas.ts';
import { MessageProperties } from '../schemas.ts';
import {
  getJob,
  listJobs,
  listRejects,
  registerUpload,
  rejectsCsv,
  runningJob,
  startImport,
} from './jobs.ts';

export const maxUploadBytes = 100 * 1024 * 1024;

const Progress = Type.Object({
  phase: Type.String(),
  rows: Type.Integer(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  bytesRead: Type.Integer(),
  totalBytes: Type.Union([Type.Integer(), Type.Null()]),
});

const Job = Type.Object(
  {
    id: Uuid,
    fileName: Type.String(),
    status: Type.Union(['uploaded', 'running', 'done', 'failed'].map((s) => Type.Literal(s))),
    format: Type.Union([Type.String(), Type.Null()]),
    encoding: Type.Union([Type.String(), Type.Null()]),
    progress: Type.Union([Progress, Type.Null()]),
    totalRows: Type.Integer(),
    inserted: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    rejected: Type.Integer(),
    error: Type.Union([Type.String(), Type.Null()], {
      description: 'why a failed import failed, in English',
    }),
    errorCode: Type.Union([MessageProperties.code, Type.Null()]),
    errorParams: Type.Union([MessageProperties.params, Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'ImportJob' },
);

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(Job);
  const tags = ['companies', 'imports'];
  const write = { access: 'records:write' as const };
  const database = app.database;

  // An import upserts by credit code across the whole registry, and its jobs and error reports hold rows of
  // every town: a membership narrowed to towns may neither run one nor read one.
  app.addHook('preHandler', async (req) => {
    if (requireActor(req).townCodes.length) {
      throw new Problem(
        403,
        'forbidden',
        'registry imports cover every town; your membership is limited to some towns, so ask an officer of the whole district',
      );
    }
  });

  app.post(
    '/companies/imports',
    {
      config: write,
      // The multipart stream is read by the handler; the schema documents it, the handler checks it.
      validatorCompiler: () => () => true,
      schema: {
        tags,
        summary:
          'Upload a registry spreadsheet (CSV or XLSX, ≤ 100 MB); returns its headers and their matched fields',
        consumes: ['multipart/form-data'],
        body: Type.Object({
          file: Type.String({ format: 'binary', description: '.csv (UTF-8 or GB18030) or .xlsx' }),
        }),
        response: {
          201: Type.Object({
            id: Uuid,
            fileName: Type.String(),
            format: Type.String(),
            encoding: Type.Union([Type.String(), Type.Null()]),
            headers: Type.Array(Type.String()),
            mapping: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])),
            missing: Type.Array(Type.String()),
            fields: Type.Array(Type.String()),
            status: Type.Literal('uploaded'),
          }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw invalid('send the file as multipart/form-data in a field named "file"');
      const file = await req.file({ limits: { fileSize: maxUploadBytes, files: 1 } });
      if (!file) throw invalid('no file in the upload');
      const actor = requireActor(req);
      const result = await registerUpload(
        database,
        auditActor(actor),
        file.filename || 'upload',
        file.file,
        maxUploadBytes,
      );
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/companies/imports/:id/start',
    {
      config: write,
      schema: {
        tags,
        summary: 'Start an uploaded import, with the mapping of headers the aliases did not know',
        params: Type.Object({ id: Uuid }),
        body: Type.Object({
          mapping: Type.Optional(
            Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 40 }), {
              description: 'header → field name, or "" to ignore the column',
            }),
          ),
        }),
        response: { 202: Type.Object({ id: Uuid, status: Type.Literal('running') }), ...problemResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const started = await startImport(database, auditActor(actor), req.params.id, req.body.mapping, (err) =>
        req.log.error({ err }, 'import failed'),
      );
      return reply.code(202).send(started);
    },
  );

  app.get(
    '/companies/imports',
    {
      config: write,
      schema: {
        tags,
        summary: 'Recent imports, newest first',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('ImportJob')) }), ...problemResponses },
      },
    },
    async (req) => ({ items: await scoped(req, (tx) => listJobs(tx)) }),
  );

  app.get(
    '/companies/imports/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'An import: status, live progress while running, and its result',
        params: Type.Object({ id: Uuid }),
        response: { 200: Type.Ref('ImportJob'), ...problemResponses },
      },
    },
    async (req) =>
      runningJob(requireActor(req).tenantId, req.params.id) ?? scoped(req, (tx) => getJob(tx, req.params.id)),
  );

  app.get(
    '/companies/imports/:id/rejects',
    {
      config: write,
      schema: {
        tags,
        summary: 'Rejected rows of an import, by line',
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
          after: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                line: Type.Integer(),
                reason: Type.String({ description: 'why, in English' }),
                raw: Type.Union([Type.String(), Type.Null()]),
                field: Type.Union([Type.String(), Type.Null()], {
                  description: 'the company field at fault',
                }),
                code: Type.Union([MessageProperties.code, Type.Null()], {
                  description: 'the message code (src/domain/messages.ts); null for rows stored before codes',
                }),
                params: Type.Union([MessageProperties.params, Type.Null()]),
              }),
            ),
            nextAfter: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...problemResponses,
        },
      },
    },
    async (req) => scoped(req, (tx) => listRejects(tx, req.params.id, req.query.limit, req.query.after)),
  );

  app.get(
    '/companies/imports/:id/rejects.csv',
    {
      config: write,
      schema: {
        tags,
        summary: 'The error report: every rejected row with its line and reason (CSV)',
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object({
          lang: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], {
            default: 'zh-CN',
            description: 'the language of the reasons',
          }),
        }),
        produces: ['text/csv'],
        response: { 200: Type.String(), ...problemResponses },
      },
    },
    async (req, reply) => {
      const csv = await scoped(req, (tx) => rejectsCsv(tx, req.params.id, req.query.lang));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${req.params.id}-rejects.csv"`)
        .send(csv);
    },
  );
};
