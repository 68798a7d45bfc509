import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { TenantTx } from '../../db/scope.ts';
import { SnapshotCache } from '../../db/snapshot-cache.ts';
import { canSeeTown } from '../../domain/access.ts';
import { notFound, Problem } from '../../domain/problem.ts';
import { auditActor, scoped } from '../../server/auth.ts';
import { cachedJson } from '../../server/cached-reply.ts';
import { AuditHistoryPage, keysetPage, Limit, problemResponses, Uuid } from '../../server/schemas.ts';
import { sendSpreadsheet } from '../../server/spreadsheet-download.ts';
import { listAudit } from '../audit/service.ts';
import type { Actor } from '../identity/types.ts';
import { breakdowns, countSince, registrations, rollupTotal } from './analytics.ts';
import { writeExport } from './export.ts';
import { checkFilters } from './filter-checks.ts';
import {
  CompanyCreate,
  CompanyFilterQuery,
  CompanyListQuery,
  CompanyOrderQuery,
  CompanyPatch,
  CompanySchema,
  InvalidCompanyProblem,
} from './schemas.ts';
import type { CompanyFilters } from './search.ts';
import { bestMatchesOf, listCompanies } from './search.ts';
import {
  createCompany,
  deleteCompany,
  getCompany,
  likelyDuplicates,
  presentCompany,
  updateCompany,
} from './service.ts';
import { similarNames } from './similar-names.ts';

const split = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

type FilterQuery = { [K in keyof typeof CompanyFilterQuery]?: string };

/**
 * Query strings to filters, checked (checkFilters) and narrowed to the towns a town officer's membership allows.
 */
export async function filtersFrom(tx: TenantTx, query: FilterQuery, actor: Actor): Promise<CompanyFilters> {
  const f: CompanyFilters = {
    q: query.q,
    industry: query.industry,
    town: split(query.town),
    zone: query.zone,
    park: query.park,
    establishedFrom: query.establishedFrom,
    establishedTo: query.establishedTo,
    capitalMin: query.capitalMin,
    capitalMax: query.capitalMax,
    enterpriseType: split(query.enterpriseType),
    status: split(query.status),
    hqType: split(query.hqType),
  };
  await checkFilters(tx, f);
  if (actor.townCodes.length) {
    const allowed = f.town?.length ? f.town.filter((t) => actor.townCodes.includes(t)) : actor.townCodes;
    f.town = allowed.length ? allowed : ['-'];
  }
  return f;
}

const NotVisible = () => notFound('company');

/** The town a deleted company was in: its newest history entry, the deletion, holds the row as it was. */
async function townWhenDeleted(tx: TenantTx, id: string): Promise<string | null> {
  const [last] = (await listAudit(tx, { entity: 'companies', entityId: id, limit: 1 })).items;
  return (last?.before as { townCode?: string | null } | null)?.townCode ?? null;
}

export const companyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(CompanySchema);
  app.addSchema(InvalidCompanyProblem);
  const read = { access: 'records:read' as const };
  const write = { access: 'records:write' as const };
  const tags = ['companies'];
  // Registry pages as last read, while nothing has changed (src/db/snapshot-cache.ts). About 30 MB at most.
  const pages = new SnapshotCache(1_000, 30 * 1024 * 1024);

  app.get(
    '/companies',
    {
      config: read,
      schema: {
        tags,
        summary: 'Search and filter the registry; keyset paging with nextCursor',
        querystring: CompanyListQuery,
        response: {
          200: keysetPage(Type.Ref('Company'), Type.String(), {
            total: Type.Integer({
              description:
                'matches: exact when totalIsExact, else a lower bound (counted up to 1,000; a name search with more than about 1,000 matches, sorted by name, counts only the page it found). Without a search, filtered at most by town, zone, industry section and enterprise type, the count is always exact',
            }),
            totalIsExact: Type.Boolean(),
          }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) =>
      cachedJson(req, reply, pages, async (tx, actor) => {
        const filters = await filtersFrom(tx, req.query, actor);
        const page = await listCompanies(tx, {
          ...filters,
          // A search without a sort comes back in name order, the order its fast path walks.
          sort: req.query.sort ?? (req.query.q ? 'name' : 'updated'),
          order: req.query.order ?? (req.query.q && !req.query.sort ? 'asc' : 'desc'),
          limit: req.query.limit ?? 50,
          cursor: req.query.cursor,
        });
        const { duplicateKeys, similarKeys, ...rest } = page;
        const counted = rest.totalIsExact ? null : await rollupTotal(tx, filters);
        return {
          ...rest,
          ...(counted === null ? {} : { total: counted, totalIsExact: true }),
          items: page.items.map((c) => ({
            ...presentCompany(c),
            likelyDuplicate: duplicateKeys.has(c.nameKey),
            similarName: similarKeys.has(c.nameKey),
          })),
        };
      }),
  );

  app.get(
    '/companies/best-matches',
    {
      config: read,
      schema: {
        tags,
        summary:
          "Up to 5 companies whose name begins with a Chinese search word, at once or after the district's place names (上汽…, 上海上汽…, 上海市嘉定区上汽…), the exact name first, then in name order; with the list filters",
        querystring: Type.Object(CompanyFilterQuery),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Company')) }), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => ({
        items: (await bestMatchesOf(tx, await filtersFrom(tx, req.query, actor))).map(presentCompany),
      })),
  );

  app.post(
    '/companies',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a company to the registry',
        body: CompanyCreate,
        response: {
          201: Type.Ref('Company'),
          400: Type.Ref('InvalidCompanyProblem'),
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const created = await scoped(req, async (tx, actor) => {
        if (!canSeeTown(actor.townCodes, req.body.townCode ?? null)) {
          throw new Problem(403, 'forbidden', 'your membership is limited to other towns');
        }
        return createCompany(tx, auditActor(actor), req.body);
      });
      return reply.code(201).send(presentCompany(created));
    },
  );

  app.get(
    '/companies/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A company with its likely duplicates (same normalised name) and very similar names',
        params: Type.Object({ id: Uuid }),
        response: {
          200: Type.Object({
            company: Type.Ref('Company'),
            likelyDuplicates: Type.Array(
              Type.Object({ id: Uuid, nameZh: Type.String(), creditCode: Type.String() }),
            ),
            similarNames: Type.Array(
              Type.Object({
                id: Uuid,
                nameZh: Type.String(),
                creditCode: Type.String(),
                similarity: Type.Number({ description: 'trigram similarity of the normalised names, 0–1' }),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const row = await getCompany(tx, req.params.id);
        if (!canSeeTown(actor.townCodes, row.townCode)) throw NotVisible();
        return {
          company: presentCompany(row),
          likelyDuplicates: await likelyDuplicates(tx, row),
          similarNames: await similarNames(tx, row.nameKey),
        };
      }),
  );

  app.patch(
    '/companies/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a company; the whole record is validated again',
        params: Type.Object({ id: Uuid }),
        body: CompanyPatch,
        response: {
          200: Type.Ref('Company'),
          400: Type.Ref('InvalidCompanyProblem'),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        const row = await getCompany(tx, req.params.id);
        const target = req.body.townCode === undefined ? row.townCode : req.body.townCode;
        if (!canSeeTown(actor.townCodes, row.townCode)) throw NotVisible();
        if (!canSeeTown(actor.townCodes, target))
          throw new Problem(403, 'forbidden', 'your membership is limited to other towns');
        return presentCompany(await updateCompany(tx, auditActor(actor), req.params.id, req.body));
      }),
  );

  app.delete(
    '/companies/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a company from the registry (kept in the audit trail)',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await scoped(req, async (tx, actor) => {
        const row = await getCompany(tx, req.params.id);
        if (!canSeeTown(actor.townCodes, row.townCode)) throw NotVisible();
        await deleteCompany(tx, auditActor(actor), req.params.id);
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/companies/:id/history',
    {
      config: read,
      schema: {
        tags,
        summary: 'The audit history of one company, newest first',
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object({ limit: Limit(200, 50), cursor: Type.Optional(Uuid) }),
        response: {
          200: AuditHistoryPage,
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) => {
        // A deleted company keeps its history; a visible one must be in the caller's towns.
        const row = await getCompany(tx, req.params.id).catch(() => null);
        if (row && !canSeeTown(actor.townCodes, row.townCode)) throw NotVisible();
        if (
          !row &&
          actor.townCodes.length &&
          !canSeeTown(actor.townCodes, await townWhenDeleted(tx, req.params.id))
        )
          throw NotVisible();
        const page = await listAudit(tx, { entity: 'companies', entityId: req.params.id, ...req.query });
        // A company created by a bulk import has no create entry of its own; the import's entry, the oldest
        // event of its history, closes the last page.
        if (row?.importJobId && !page.nextCursor) {
          const origin = await listAudit(tx, { entity: 'import_jobs', entityId: row.importJobId, limit: 1 });
          page.items.push(...origin.items);
        }
        if (!row && !page.items.length) throw NotVisible();
        return page;
      }),
  );

  app.get(
    '/companies/analytics/registrations',
    {
      config: read,
      schema: {
        tags,
        summary:
          'New registrations per month or year, split by town, zone, industry section or enterprise type',
        querystring: Type.Object({
          ...CompanyFilterQuery,
          period: Type.Optional(Type.Union([Type.Literal('month'), Type.Literal('year')])),
          by: Type.Optional(Type.Union(breakdowns.map((b) => Type.Literal(b)))),
        }),
        response: {
          200: Type.Object({
            period: Type.String(),
            by: Type.String(),
            series: Type.Array(
              Type.Object({
                key: Type.String(),
                total: Type.Integer(),
                points: Type.Array(Type.Object({ period: Type.String(), count: Type.Integer() })),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) =>
        registrations(tx, {
          ...(await filtersFrom(tx, req.query, actor)),
          period: req.query.period ?? 'month',
          by: req.query.by ?? 'none',
        }),
      ),
  );

  app.get(
    '/companies/export',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Download the filtered list as CSV or XLSX: every field, dates YYYY-MM-DD, money in yuan; in the list order given by sort and order, else by credit code',
        querystring: Type.Object({
          ...CompanyFilterQuery,
          format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
          ...CompanyOrderQuery,
        }),
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: Type.String({ format: 'binary' }), ...problemResponses },
      },
    },
    async (req, reply) => {
      return sendSpreadsheet(reply, 'companies', req.query.format, (file) =>
        scoped(req, async (tx, actor) =>
          writeExport(
            tx,
            await filtersFrom(tx, req.query, actor),
            req.query.format,
            file,
            req.query.sort && { sort: req.query.sort, order: req.query.order ?? 'desc' },
          ),
        ),
      );
    },
  );

  app.get(
    '/companies/analytics/count-since',
    {
      config: read,
      schema: {
        tags,
        summary: 'Companies established on or after a date, with the list filters',
        querystring: Type.Object({ ...CompanyFilterQuery, since: Type.String({ format: 'date' }) }),
        response: { 200: Type.Object({ since: Type.String(), count: Type.Integer() }), ...problemResponses },
      },
    },
    async (req) =>
      scoped(req, async (tx, actor) =>
        countSince(tx, req.query.since, await filtersFrom(tx, req.query, actor)),
      ),
  );
};
