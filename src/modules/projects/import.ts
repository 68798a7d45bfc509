import type { Db } from '../../db/client.ts';
import { inTenant, type TenantTx } from '../../db/scope.ts';
import { parseMoneyToYuan } from '../../domain/normalise.ts';
import { invalid, Problem } from '../../domain/problem.ts';
import {
  isProjectHeader,
  mapProjectHeaders,
  type ProjectField,
  type ProjectMapping,
  readKind,
  readPriority,
  readSource,
  readYesNo,
} from '../../domain/project-fields.ts';
import type { AuditActor } from '../audit/service.ts';
import { type OpenOptions, openTable, SpreadsheetError } from '../companies/import/reader.ts';
import { findCompanyByCreditCode } from '../companies/service.ts';
import { listMembers } from '../identity/service.ts';
import { partnerIdsByName } from '../partners/service.ts';
import { listClusters, listSites, listTowns, listZones } from '../territory/service.ts';
import {
  createProject,
  type ProjectInput,
  type ProjectRow,
  projectByCode,
  projectById,
  updateProject,
} from './service.ts';
import { canSeeProject, type Viewer } from './visibility.ts';

export interface RowError {
  /** The line a user sees in the sheet; the header is line 1. */
  line: number;
  message: string;
}

export interface ProjectImportResult {
  format: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Headers the import did not read. */
  unknownHeaders: string[];
}

/** A project sheet is the bureau's pipeline, not the registry: tens of thousands of rows at most. */
const maxRows = 100_000;
/** The problem lists this many row errors; the count says how many there were. */
const maxReported = 1000;

class RowProblem extends Error {}

interface Lookups {
  towns: Map<string, string>;
  zones: Map<string, string>;
  sites: Map<string, string>;
  clusters: Map<string, string>;
  partners: Map<string, string>;
  officers: Map<string, string>;
}

async function lookups(tx: TenantTx): Promise<Lookups> {
  const names = (
    rows: { id: string; nameZh: string; nameEn: string | null }[],
    extra = (_: string) => {},
  ) => {
    const map = new Map<string, string>();
    for (const r of rows) {
      map.set(r.nameZh, r.id);
      if (r.nameEn) map.set(r.nameEn.toLowerCase(), r.id);
      extra(r.id);
    }
    return map;
  };
  const towns = new Map<string, string>();
  for (const t of await listTowns(tx)) {
    towns.set(t.code, t.code);
    towns.set(t.nameZh, t.code);
    if (t.nameEn) towns.set(t.nameEn.toLowerCase(), t.code);
  }
  const clusterRows = await listClusters(tx);
  const clusters = names(clusterRows);
  for (const c of clusterRows) clusters.set(c.code.toLowerCase(), c.id);
  const officers = new Map(
    (await listMembers(tx, ['officer', 'admin'])).map((m) => [m.displayName, m.id] as const),
  );
  return {
    towns,
    zones: names(await listZones(tx)),
    sites: names(await listSites(tx)),
    clusters,
    partners: await partnerIdsByName(tx),
    officers,
  };
}

function find(map: Map<string, string>, cell: string, what: string): string {
  const id = map.get(cell) ?? map.get(cell.toLowerCase());
  if (!id) throw new RowProblem(`${what} "${cell}" is not known in this district`);
  return id;
}

/**
 * A row as a project input: only the columns the sheet has (an absent column leaves the field as it is, an
 * empty cell clears it), names resolved to ids.
 */
async function readRow(
  tx: TenantTx,
  cells: string[],
  mapping: ProjectMapping,
  known: Lookups,
): Promise<{ key: { id: string } | { code: string }; input: Partial<ProjectInput> & { title: string } }> {
  const cell = (f: ProjectField): string | undefined => {
    const index = mapping.columns[f];
    return index === undefined ? undefined : (cells[index] ?? '').trim();
  };
  const id = cell('id') || null;
  if (id && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    throw new RowProblem(`system id "${id}" is not a project id`);
  const code = cell('code');
  if (!id && !code)
    throw new RowProblem('the project code is empty: it is the key a re-run finds the project by');
  const title = cell('title') ?? '';
  if (!title) throw new RowProblem('the project name is empty');
  const input: Partial<ProjectInput> & { title: string } = { title };
  if (code !== undefined) input.code = code || null;
  const set = <K extends keyof ProjectInput>(
    f: ProjectField,
    key: K,
    read: (v: string) => ProjectInput[K],
  ) => {
    const v = cell(f);
    if (v !== undefined) input[key] = v === '' ? (null as ProjectInput[K]) : read(v);
  };

  const creditCode = cell('investorCreditCode');
  if (creditCode) {
    const company = await findCompanyByCreditCode(tx, creditCode);
    if (!company) throw new RowProblem(`no company with credit code ${creditCode} is in the registry`);
    Object.assign(input, { investorCompanyId: company.id, prospectName: null, prospectCountry: null });
  } else {
    if (creditCode !== undefined) input.investorCompanyId = null;
    set('investorName', 'prospectName', (v) => v);
    set('investorCountry', 'prospectCountry', (v) => v.toUpperCase());
  }
  set('industryCode', 'industryCode', (v) => v);
  set('cluster', 'clusterId', (v) => find(known.clusters, v, 'cluster'));
  set('town', 'townCode', (v) => find(known.towns, v, 'town'));
  set('zone', 'zoneId', (v) => find(known.zones, v, 'zone'));
  set('site', 'siteId', (v) => find(known.sites, v, 'park or site'));
  set('amount', 'amount', (v) => v);
  set('currency', 'currency', (v) => v.toUpperCase());
  set('kind', 'kind', (v) => {
    const kind = readKind(v);
    if (!kind) throw new RowProblem(`project kind "${v}" is not one of the kinds`);
    return kind;
  });
  const foreign = cell('foreignFunded');
  if (foreign) {
    const yes = readYesNo(foreign);
    if (yes === null) throw new RowProblem(`foreign-funded is 是 or 否, not "${foreign}"`);
    input.foreignFunded = yes;
  }
  set('expectedOutput', 'expectedOutputYuan', (v) => v);
  set('expectedTax', 'expectedTaxYuan', (v) => v);
  set('expectedJobs', 'expectedJobs', (v) => {
    if (!/^\d{1,8}$/.test(v)) throw new RowProblem(`expected jobs is a whole number, not "${v}"`);
    return Number(v);
  });
  set('officer', 'officerId', (v) => find(known.officers, v, 'officer'));
  const priority = cell('priority');
  if (priority) {
    const p = readPriority(priority);
    if (!p) throw new RowProblem(`priority is high, medium or low (高, 中, 低), not "${priority}"`);
    input.priority = p;
  }
  const source = cell('source');
  if (source) {
    const s = readSource(source);
    if (!s) throw new RowProblem(`source "${source}" is not one of the sources`);
    input.source = s;
  }
  set('partner', 'partnerId', (v) => find(known.partners, v, 'partner'));
  set('description', 'description', (v) => v);
  return { key: id ? { id } : { code: code as string }, input };
}

const yuanOf = (raw: string | number | null | undefined) => {
  if (raw === null || raw === undefined || raw === '') return null;
  const parsed = parseMoneyToYuan(raw, 'yuan');
  return parsed.ok ? { amount: parsed.yuan, currency: parsed.currency } : undefined;
};

/**
 * What of the row differs from the project: an unchanged row writes nothing (a re-run leaves no audit noise),
 * and an unchanged amount is not sent (it would be converted again at today's rate).
 */
function differences(current: ProjectRow, input: Partial<ProjectInput>): Partial<ProjectInput> {
  const patch: Partial<ProjectInput> = {};
  for (const [key, value] of Object.entries(input) as [keyof ProjectInput, unknown][]) {
    if (key === 'amount' || key === 'currency') continue;
    if (key === 'expectedOutputYuan' || key === 'expectedTaxYuan') {
      const was = current[key];
      const now = yuanOf(value as string | null);
      if (now === null ? was !== null : now?.amount !== was) Object.assign(patch, { [key]: value });
      continue;
    }
    if ((value ?? null) !== ((current as Record<string, unknown>)[key] ?? null))
      Object.assign(patch, { [key]: value });
  }
  if (input.amount !== undefined || input.currency !== undefined) {
    const raw = input.amount !== undefined ? input.amount : (current.amount?.toString() ?? null);
    const parsed = yuanOf(raw);
    const currency = input.currency ?? parsed?.currency ?? current.currency;
    const same =
      parsed !== undefined && (parsed?.amount ?? null) === current.amount && currency === current.currency;
    if (!same) {
      patch.amount = raw;
      if (input.currency) patch.currency = input.currency;
    }
  }
  return patch;
}

export class ImportRefused extends Problem {
  constructor(readonly errors: RowError[]) {
    super(
      422,
      'import-refused',
      `nothing imported: ${errors.length} ${errors.length === 1 ? 'row has an error' : 'rows have errors'}`,
      { errors: errors.slice(0, maxReported), errorCount: errors.length },
    );
  }
}

/**
 * Imports a project sheet all or nothing: every row is checked and written inside one transaction, each in its
 * own savepoint so one bad row does not hide the next one's error; any error rolls everything back and is
 * reported by line. A row finds its project by system id (rows of an export) or project code, so a re-run of
 * the same sheet changes nothing.
 */
export async function importProjects(
  db: Db,
  actor: AuditActor & { tenantId: string },
  viewer: Viewer,
  source: { path: string } | { buffer: Buffer },
  options: Omit<OpenOptions, 'isKnownHeader'> = {},
): Promise<ProjectImportResult> {
  let table: Awaited<ReturnType<typeof openTable>>;
  try {
    table = await openTable(source, { ...options, isKnownHeader: isProjectHeader });
  } catch (err) {
    if (err instanceof SpreadsheetError) throw invalid(err.message);
    throw err;
  }
  const mapping = mapProjectHeaders(table.headers);
  if (mapping.missing.length)
    throw invalid(
      `the sheet needs a project name (项目名称) column and a project code (项目编号) or system id (系统编号) column; headers found: ${table.headers.join(', ')}`,
    );
  if (mapping.duplicates.length) throw invalid(`more than one column for ${mapping.duplicates.join(', ')}`);
  const rows: { line: number; cells: string[] }[] = [];
  for await (const row of table.rows) {
    rows.push(row);
    if (rows.length > maxRows) throw invalid(`a project sheet holds at most ${maxRows} rows`);
  }

  const counts = { created: 0, updated: 0, unchanged: 0 };
  await inTenant(db, actor.tenantId, async (tx) => {
    const known = await lookups(tx);
    const errors: RowError[] = [];
    const lineOfKey = new Map<string, number>();
    for (const { line, cells } of rows) {
      try {
        const { key, input } = await readRow(tx, cells, mapping, known);
        const name = 'id' in key ? `system id ${key.id}` : `project code ${key.code}`;
        const first = lineOfKey.get(name);
        if (first !== undefined) throw new RowProblem(`${name} is also on line ${first}`);
        lineOfKey.set(name, line);
        await tx.transaction(async (savepoint) => {
          const sp = savepoint as unknown as TenantTx;
          const current = 'id' in key ? await projectById(sp, key.id) : await projectByCode(sp, key.code);
          // A system id names a project that exists; one the caller may not see is as absent as any other.
          if ('id' in key && (!current || !canSeeProject(viewer, current)))
            throw new RowProblem(`no project has system id ${key.id}`);
          if (current && !canSeeProject(viewer, current))
            throw new RowProblem(`${name} belongs to a project outside your towns`);
          let row: ProjectRow;
          if (!current) {
            row = await createProject(sp, actor, input);
            counts.created++;
          } else {
            const patch = differences(current, input);
            if (!Object.keys(patch).length) {
              counts.unchanged++;
              return;
            }
            row = await updateProject(sp, actor, current, patch);
            counts.updated++;
          }
          if (!canSeeProject(viewer, row)) throw new RowProblem('the project is outside your towns');
        });
      } catch (err) {
        if (err instanceof RowProblem || err instanceof Problem) errors.push({ line, message: err.message });
        else throw err;
      }
    }
    if (errors.length) throw new ImportRefused(errors);
  });
  return { format: table.format, rows: rows.length, ...counts, unknownHeaders: mapping.unknown };
}
