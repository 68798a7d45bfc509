/**
 * API latency while a web import runs, beside the same requests while idle (part of the registry benchmark). Alone,
 * against a kept database (the import changes it: use a copy):
 *   node --import tsx bench/import-latency.ts --data-dir DIR | --url postgres://… [--rows 50000]
 */
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { csvRecord } from '../src/domain/csv.ts';
import { companyRows, generatedHeaders } from '../src/modules/demo/company-generator.ts';
import { runCli, signInOver, startServe } from '../src/test/process.ts';
import { median, pct } from './stats.ts';

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

/**
 * List latency while idle (the anchor) and while an import runs, for two kinds of request: a page asked again (an
 * officer's list, answered from the kept replies while nothing has been committed) and a page never asked before (a
 * new capital bound each time, so the database is read every time). The generated rows reuse the registry's credit
 * codes with other values, so the load is an update of existing companies. On the embedded engine the import runs in
 * the server (a web upload, at most 100 MB: about 500,000 rows); on PostgreSQL it runs as `lodestone import` in a
 * process of its own, as an analyst's import from the command line would, so it can be as large as asked.
 */
export async function latencyDuringImport(
  baseUrl: string,
  importRows: number,
  serveEnv: Record<string, string>,
) {
  const cookie = await signInOver(baseUrl, 'officer@jiading.demo');
  let fresh = 0;
  // A page never asked, in the list's default order (last updated first) and in name order: the import's new row
  // versions all carry the newest update time, so the first walks past every one the import has written so far.
  const kinds = {
    repeated: '',
    fresh: () => `&capitalMin=${1_000 + fresh++}`,
    freshByName: () => `&capitalMin=${1_000 + fresh++}&sort=name&order=asc`,
  };
  type Kind = keyof typeof kinds;
  const list = async (kind: Kind) => {
    const how = kinds[kind];
    const filter = typeof how === 'string' ? how : how();
    const t = performance.now();
    await (
      await fetch(`${baseUrl}/api/v1/companies?limit=20&town=310114103${filter}`, { headers: { cookie } })
    ).text();
    return performance.now() - t;
  };
  const kindNames = Object.keys(kinds) as Kind[];
  const timings = () => ({ repeated: [] as number[], fresh: [] as number[], freshByName: [] as number[] });
  const idle = timings();
  for (let i = 0; i < 100; i++) for (const kind of kindNames) idle[kind].push(await list(kind));

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-latency-'));
  const file = path.join(work, 'load.csv');
  await writeRows(file, importRows);
  const busy = timings();
  const started = performance.now();
  try {
    const importing = serveEnv.DATABASE_URL
      ? cliImport(file, serveEnv)
      : (await webImport(baseUrl, cookie, file)).finished;
    let finished = false;
    const done = importing.finally(() => {
      finished = true;
    });
    while (!finished) for (const kind of kindNames) busy[kind].push(await list(kind));
    await done;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const line = (xs: number[]) =>
    `p50 ${ms(median(xs))}  p99 ${ms(pct(xs, 0.99))}  max ${ms(Math.max(...xs))}  (${xs.length} requests)`;
  const labels: Record<Kind, string> = {
    repeated: 'a page asked again',
    fresh: 'a page never asked, last updated first',
    freshByName: 'a page never asked, in name order',
  };
  const how = serveEnv.DATABASE_URL ? 'CLI' : 'web';
  const during = `during a ${importRows.toLocaleString('en')}-row ${how} import (${seconds.toFixed(1)} s)`;
  for (const kind of kindNames)
    console.log(`list while idle, ${labels[kind].padEnd(40)} ${line(idle[kind])}  (anchor)`);
  for (const kind of kindNames) console.log(`list ${during}, ${labels[kind].padEnd(40)} ${line(busy[kind])}`);
}

/**
 * The registry's credit codes (they depend only on the row's place in the file) with values from a seed of its own
 * for each run, so that a run on a database an earlier run has updated still changes every company.
 */
async function writeRows(file: string, count: number) {
  const seed = Date.now() % 2 ** 31;
  const out = fs.createWriteStream(file);
  out.write(`${generatedHeaders.join(',')}\n`);
  for (const row of companyRows(count, seed)) {
    const line = `${csvRecord(row)}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** An upload and its start; `finished` settles when the job has ended, and fails unless it is done. */
async function webImport(
  baseUrl: string,
  cookie: string,
  file: string,
): Promise<{ finished: Promise<void> }> {
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)]), 'load.csv');
  const upload = await fetch(`${baseUrl}/api/v1/companies/imports`, {
    method: 'POST',
    headers: { cookie },
    body: form,
  });
  if (!upload.ok) throw new Error(`upload refused: ${await upload.text()}`);
  const { id } = (await upload.json()) as { id: string };
  const start = await fetch(`${baseUrl}/api/v1/companies/imports/${id}/start`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!start.ok) throw new Error(`start refused: ${await start.text()}`);
  const finished = (async () => {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const job = (await (
        await fetch(`${baseUrl}/api/v1/companies/imports/${id}`, { headers: { cookie } })
      ).json()) as { status: string; error: string | null };
      if (job.status === 'done') return;
      if (job.status !== 'running') throw new Error(`import ${job.status}: ${job.error}`);
    }
  })();
  return { finished };
}

async function cliImport(file: string, env: Record<string, string>): Promise<void> {
  const run = await runCli(['import', 'companies', file, '--tenant', 'jiading', '--json'], env);
  if (run.code !== 0) throw new Error(`lodestone import failed: ${run.stderr}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      url: { type: 'string' },
      rows: { type: 'string', default: '50000' },
    },
  });
  const env: Record<string, string> = values.url
    ? { DATABASE_URL: values.url }
    : { DATA_DIR: values['data-dir'] ?? './data' };
  const server = await startServe(env, []);
  try {
    await latencyDuringImport(server.baseUrl, Number(values.rows), env);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}
