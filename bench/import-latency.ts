/**
 * API latency while a web import runs, beside the same requests while idle (part of the registry benchmark). Alone,
 * against a kept database (the import changes it: use a copy):
 *   node --import tsx bench/import-latency.ts --data-dir DIR | --url postgres://… [--rows 50000]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { companyRows, generatedHeaders } from '../src/modules/demo/company-generator.ts';
import { startServe } from '../src/test/process.ts';
import { median, pct } from './stats.ts';

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

async function signInAs(baseUrl: string, email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'lodestone-demo' }),
  });
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/**
 * List latency while idle (the anchor) and while a web import runs on the same server, for two kinds of request: a
 * page asked again (an officer's list, answered from the kept replies while nothing has been committed) and a page
 * never asked before (a new capital bound each time, so the database is read every time). The generated rows reuse
 * the registry's credit codes with other values, so the load is an update of existing companies.
 */
export async function latencyDuringImport(baseUrl: string, importRows: number) {
  const cookie = await signInAs(baseUrl, 'officer@jiading.demo');
  let fresh = 0;
  const list = async (repeated: boolean) => {
    const filter = repeated ? '' : `&capitalMin=${1_000 + fresh++}`;
    const t = performance.now();
    await (
      await fetch(`${baseUrl}/api/v1/companies?limit=20&town=310114103${filter}`, { headers: { cookie } })
    ).text();
    return performance.now() - t;
  };
  const idle = { repeated: [] as number[], fresh: [] as number[] };
  for (let i = 0; i < 100; i++) {
    idle.repeated.push(await list(true));
    idle.fresh.push(await list(false));
  }

  const csv = [generatedHeaders.join(',')];
  for (const row of companyRows(importRows, 8080)) {
    csv.push(row.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','));
  }
  const form = new FormData();
  form.append('file', new Blob([`${csv.join('\n')}\n`]), 'load.csv');
  const upload = (await (
    await fetch(`${baseUrl}/api/v1/companies/imports`, { method: 'POST', headers: { cookie }, body: form })
  ).json()) as { id: string };
  await fetch(`${baseUrl}/api/v1/companies/imports/${upload.id}/start`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: '{}',
  });
  const busy = { repeated: [] as number[], fresh: [] as number[] };
  const started = performance.now();
  for (;;) {
    busy.repeated.push(await list(true));
    busy.fresh.push(await list(false));
    const job = (await (
      await fetch(`${baseUrl}/api/v1/companies/imports/${upload.id}`, { headers: { cookie } })
    ).json()) as {
      status: string;
    };
    if (job.status !== 'running') break;
  }
  const seconds = (performance.now() - started) / 1000;
  const line = (xs: number[]) =>
    `p50 ${ms(median(xs))}  p99 ${ms(pct(xs, 0.99))}  max ${ms(Math.max(...xs))}  (${xs.length} requests)`;
  console.log(`list while idle, a page asked again       ${line(idle.repeated)}  (anchor)`);
  console.log(`list while idle, a page never asked       ${line(idle.fresh)}  (anchor)`);
  const during = `during a ${importRows.toLocaleString('en')}-row import (${seconds.toFixed(1)} s)`;
  console.log(`list ${during}, a page asked again   ${line(busy.repeated)}`);
  console.log(`list ${during}, a page never asked   ${line(busy.fresh)}`);
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
    await latencyDuringImport(server.baseUrl, Number(values.rows));
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}
