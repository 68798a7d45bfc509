import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { runCli } from '../../../test/process.ts';
import { referenceIsValid } from '../../../test/uscc.ts';
import { createTenant } from '../../tenants/service.ts';
import { importCompanies } from './pipeline.ts';

/** A messy-export fixture: the file, and what the import must store and refuse, as its generator decided. */
export interface DecidedFile<Company extends { creditCode: string } = { creditCode: string }> {
  buffer: Buffer;
  /** Data rows the importer reads (not a title, notes, the header or blank rows). */
  rows: number;
  /** The stored companies, with the values of the columns the test selects. */
  accepted: Company[];
  rejected: { line: number; reason: RegExp }[];
}

/** A fixture that also knows the headers the importer does not import, in column order. */
export type DecidedFileWithHeaders<Company extends { creditCode: string }> = DecidedFile<Company> & {
  unknownHeaders: string[];
};

/** A second import of the same fixture changed nothing: every accepted row unchanged, every refused line refused again. */
export function expectRerunChangedNothing(result: unknown, file: DecidedFile) {
  expect(result).toMatchObject({
    inserted: 0,
    updated: 0,
    unchanged: file.accepted.length,
    rejected: file.rejected.length,
  });
}

/** An import's report refused exactly the fixture's lines, each for its reason. */
export function expectRefusedAsDecided(
  rejects: readonly { line: number; reason: string }[],
  rejected: DecidedFile['rejected'],
) {
  expect(rejects.map((r) => r.line)).toEqual(rejected.map((r) => r.line));
  for (const [i, expected] of rejected.entries()) {
    expect(rejects[i]?.reason, `line ${expected.line}`).toMatch(expected.reason);
  }
}

/**
 * Imports a fixture into a tenant of its own and checks the outcome against the fixture: the counts, the columns
 * not imported, every refused line with its reason, and the stored companies' `columns` (selected as their keys in
 * `accepted`, credit_code as "creditCode" among them).
 */
export async function expectImportedAsDecided(
  database: Database,
  file: DecidedFile,
  options: {
    slug: string;
    format: 'csv' | 'xlsx';
    fileName: string;
    unknownHeaders: string[];
    columns: SQL;
    /** The encoding the import reports; by default GB18030 for CSV. */
    encoding?: 'utf8' | 'gb18030';
  },
) {
  const { id: tenantId } = await createTenant(
    database.db,
    { slug: options.slug, nameZh: '嘉定区', divisionCode: '310114' },
    { email: 'admin@test', userId: null },
  );
  // Every company expected in the registry has a code the independent check calls valid.
  for (const company of file.accepted) expect(referenceIsValid(company.creditCode)).toBe(true);

  const result = await importCompanies(
    database,
    { buffer: file.buffer },
    { fileName: options.fileName, actor: { tenantId, userId: null, email: 'officer@test' } },
  );
  expect(result).toMatchObject({
    format: options.format,
    encoding: options.format === 'csv' ? (options.encoding ?? 'gb18030') : null,
    totalRows: file.rows,
    inserted: file.accepted.length,
    rejected: file.rejected.length,
  });
  expect(result.unknownHeaders).toEqual(options.unknownHeaders);
  expectRefusedAsDecided(result.rejects, file.rejected);

  const { rows } = (await database.db.execute(
    sql`select ${options.columns} from companies where tenant_id = ${tenantId} order by credit_code`,
  )) as unknown as { rows: { creditCode: string }[] };
  const byCode = (a: { creditCode: string }, b: { creditCode: string }) =>
    a.creditCode < b.creditCode ? -1 : 1;
  expect(rows).toEqual([...file.accepted].sort(byCode));
}

/**
 * Runs `work` with a throwaway data folder holding the jiading tenant, as a CLI user would start: `dir` for its
 * files, `env` for runCli. The folder is removed afterwards.
 */
export async function withCliTenant(work: (dir: string, env: { DATA_DIR: string }) => Promise<void>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-messy-'));
  try {
    const env = { DATA_DIR: path.join(dir, 'data') };
    const tenant = ['tenant', 'create', '--slug', 'jiading', '--name', '嘉定区', '--division', '310114'];
    expect((await runCli(tenant, env)).code).toBe(0);
    await work(dir, env);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
