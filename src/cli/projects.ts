import fs from 'node:fs';
import type { Database } from '../db/client.ts';
import { inTenant } from '../db/scope.ts';
import { notFound, Problem } from '../domain/problem.ts';
import { exportFormatOf } from '../modules/companies/export.ts';
import { writeProjectExport } from '../modules/projects/export.ts';
import { ImportRefused, importProjects } from '../modules/projects/import.ts';
import { findTenant } from '../modules/tenants/service.ts';

/** The command line acts for the bureau as a whole: every project, no town or partner narrowing. */
const operator = { email: 'cli@lodestone', userId: null };
const everything = { userId: '', role: 'admin' as const, townCodes: [], partnerId: null };

async function tenantId(database: Database, slug: string) {
  const tenant = await findTenant(database.db, slug);
  if (!tenant) throw notFound(`tenant "${slug}"`);
  return tenant.id;
}

export interface CliOutcome {
  json: Record<string, unknown>;
  human: string;
}

/**
 * `import projects`: all or nothing. A refused file prints its errors by line (as JSON on stdout with --json)
 * and fails with one line saying how many rows were wrong.
 */
export async function importProjectsFromCli(
  database: Database,
  file: string,
  opts: { tenant: string; encoding: string; json?: boolean },
): Promise<CliOutcome> {
  if (!['auto', 'utf8', 'gb18030'].includes(opts.encoding))
    throw new Problem(400, 'invalid-input', `unknown encoding "${opts.encoding}": use auto, utf8 or gb18030`);
  if (!fs.existsSync(file)) throw new Problem(400, 'invalid-input', `no such file: ${file}`);
  const id = await tenantId(database, opts.tenant);
  try {
    const r = await importProjects(
      database.db,
      { ...operator, tenantId: id },
      everything,
      { path: file },
      { encoding: opts.encoding as 'auto' | 'utf8' | 'gb18030' },
    );
    const lines = [
      `imported ${file}: ${r.rows} rows (${r.format}): ${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged`,
    ];
    if (r.unknownHeaders.length) lines.push(`  ignored columns: ${r.unknownHeaders.join(', ')}`);
    return { json: { imported: true, ...r }, human: lines.join('\n') };
  } catch (err) {
    if (!(err instanceof ImportRefused)) throw err;
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ imported: false, errors: err.errors })}\n`);
      throw new Problem(422, 'import-refused', err.message);
    }
    const shown = err.errors.slice(0, 50).map((e) => `  line ${e.line}: ${e.message}`);
    if (err.errors.length > 50) shown.push(`  … ${err.errors.length - 50} more`);
    throw new Problem(422, 'import-refused', [err.message, ...shown].join('\n'));
  }
}

export async function exportProjectsFromCli(
  database: Database,
  file: string,
  opts: { tenant: string },
): Promise<CliOutcome> {
  const format = exportFormatOf(file);
  if (!format) throw new Problem(400, 'invalid-input', `${file}: the file name must end in .csv or .xlsx`);
  const id = await tenantId(database, opts.tenant);
  const r = await inTenant(database.db, id, (tx) => writeProjectExport(tx, everything, {}, format, file));
  return { json: { file, format, rows: r.rows }, human: `exported ${r.rows} projects to ${file}` };
}
