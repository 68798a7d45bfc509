import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, gt } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { projectHeader } from '../../domain/project-fields.ts';
import { csvLines, type ExportFormat } from '../companies/export.ts';
import { companySummaries } from '../companies/service.ts';
import { writeXlsx } from '../companies/xlsx.ts';
import { listMembers } from '../identity/service.ts';
import { partnerNames } from '../partners/service.ts';
import { listClusters, listSites, listZones } from '../territory/service.ts';
import { type ProjectFilters, projectFilter } from './list.ts';
import { projectColumns, projects } from './schema.ts';
import type { ProjectRow } from './service.ts';
import type { Viewer } from './visibility.ts';

type Cell = string | number | null;
type Names = {
  zones: Map<string, string>;
  sites: Map<string, string>;
  clusters: Map<string, string>;
  officers: Map<string, string>;
  companies: Map<string, { nameZh: string; creditCode: string }>;
  partners: Map<string, { nameZh: string }>;
};

const money = (v: bigint | null) => v?.toString() ?? null;
const named = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? null) : null);

/**
 * Export columns, headed with names the importer reads back, so an exported file imports unchanged (its rows
 * find their projects by the system id, coded or not): places,
 * clusters, partners and officers by name, the investor by credit code (registry) or name and country (prospect),
 * coded values by code. The stage and the yuan amount are there to read; an import leaves them alone.
 */
const columns: [string, (p: ProjectRow, n: Names) => Cell][] = [
  [projectHeader('id'), (p) => p.id],
  [projectHeader('code'), (p) => p.code],
  [projectHeader('title'), (p) => p.title],
  ['阶段', (p) => p.stage],
  [
    projectHeader('investorCreditCode'),
    (p, n) => (p.investorCompanyId ? (n.companies.get(p.investorCompanyId)?.creditCode ?? null) : null),
  ],
  [
    projectHeader('investorName'),
    (p, n) => (p.investorCompanyId ? (n.companies.get(p.investorCompanyId)?.nameZh ?? null) : p.prospectName),
  ],
  [projectHeader('investorCountry'), (p) => p.prospectCountry],
  [projectHeader('industryCode'), (p) => p.industryCode],
  [projectHeader('cluster'), (p, n) => named(n.clusters, p.clusterId)],
  [projectHeader('town'), (p) => p.townCode],
  [projectHeader('zone'), (p, n) => named(n.zones, p.zoneId)],
  [projectHeader('site'), (p, n) => named(n.sites, p.siteId)],
  [projectHeader('amount'), (p) => money(p.amount)],
  [projectHeader('currency'), (p) => p.currency],
  ['折合人民币(元)', (p) => money(p.amountYuan)],
  [projectHeader('kind'), (p) => p.kind],
  [projectHeader('foreignFunded'), (p) => (p.foreignFunded ? '是' : '否')],
  [projectHeader('expectedOutput'), (p) => money(p.expectedOutputYuan)],
  [projectHeader('expectedTax'), (p) => money(p.expectedTaxYuan)],
  [projectHeader('expectedJobs'), (p) => p.expectedJobs],
  [projectHeader('officer'), (p, n) => named(n.officers, p.officerId)],
  [projectHeader('priority'), (p) => p.priority],
  [projectHeader('source'), (p) => p.source],
  [projectHeader('partner'), (p, n) => (p.partnerId ? (n.partners.get(p.partnerId)?.nameZh ?? null) : null)],
  [projectHeader('description'), (p) => p.description],
];
export const projectExportHeaders = columns.map(([h]) => h);

const pageSize = 2000;

/** Every project matching the filters that the caller may see, in id order, a page at a time. */
async function* exportRows(tx: TenantTx, viewer: Viewer, filters: ProjectFilters): AsyncGenerator<Cell[]> {
  const filter = await projectFilter(tx, viewer, filters);
  const byName = (rows: { id: string; nameZh: string }[]) => new Map(rows.map((r) => [r.id, r.nameZh]));
  const fixed = {
    zones: byName(await listZones(tx)),
    sites: byName(await listSites(tx)),
    clusters: byName(await listClusters(tx)),
    officers: new Map((await listMembers(tx)).map((m) => [m.id, m.displayName])),
  };
  let after: string | null = null;
  for (;;) {
    const rows: ProjectRow[] = await tx
      .select(projectColumns)
      .from(projects)
      .where(and(filter, after === null ? undefined : gt(projects.id, after)))
      .orderBy(asc(projects.id))
      .limit(pageSize);
    const names: Names = {
      ...fixed,
      companies: await companySummaries(
        tx,
        rows.flatMap((r) => (r.investorCompanyId ? [r.investorCompanyId] : [])),
      ),
      partners: await partnerNames(
        tx,
        rows.flatMap((r) => (r.partnerId ? [r.partnerId] : [])),
      ),
    };
    for (const row of rows) yield columns.map(([, get]) => get(row, names));
    if (rows.length < pageSize) return;
    after = rows.at(-1)?.id ?? null;
  }
}

/** Writes the export to a file (a temporary one for downloads): the transaction stays short of the network. */
export async function writeProjectExport(
  tx: TenantTx,
  viewer: Viewer,
  filters: ProjectFilters,
  format: ExportFormat,
  file: string,
) {
  let count = 0;
  const counted = async function* () {
    for await (const row of exportRows(tx, viewer, filters)) {
      count++;
      yield row;
    }
  };
  if (format === 'csv')
    await pipeline(Readable.from(csvLines(counted(), projectExportHeaders)), fs.createWriteStream(file));
  else await writeXlsx(file, projectExportHeaders, counted(), 'projects');
  return { rows: count };
}
