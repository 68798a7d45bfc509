/**
 * Pipeline benchmark: the list endpoints under load on a real port, and the board's and table's filter times, at
 * 100,000 projects. Each engine gets a fresh database seeded by the demo's full-scale generators (the pipeline
 * at the asked size, a registry beside it), then `lodestone serve` in its own process and autocannon against it.
 * Run: npm run bench -- [--projects 100000] [--companies 100000] [--engines pglite,postgres] [--seconds 10]
 * PostgreSQL runs where DATABASE_URL_BENCH (or DATABASE_URL_TEST) points at a server the user may create databases on.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openReadyDatabase } from '../src/db/bootstrap.ts';
import type { Database, Engine } from '../src/db/client.ts';
import { encodeCursor } from '../src/db/keyset.ts';
import { stages } from '../src/domain/project-stages.ts';
import { seedDemo } from '../src/modules/demo/seed.ts';
import { type Running, signInOver, startServe } from '../src/test/process.ts';
import { median } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    projects: { type: 'string', default: '100000' },
    companies: { type: 'string', default: '100000' },
    engines: { type: 'string', default: 'pglite,postgres' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const projects = Number(args.projects);
const companies = Number(args.companies);
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const pgUrl = process.env.DATABASE_URL_BENCH ?? process.env.DATABASE_URL_TEST;
const engines = (args.engines ?? '')
  .split(',')
  .filter((e): e is Engine => e === 'pglite' || (e === 'postgres' && !!pgUrl));

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** The demo's full-scale generators at the asked sizes: the hand-written demo holds a few dozen projects too. */
async function seed(database: Database) {
  const started = performance.now();
  const result = await seedDemo(database, {
    scale: 'full',
    registry: {
      newCitySince2021: Math.round(companies * 0.3),
      elsewhereSince2021: Math.round(companies * 0.12),
      olderStock: companies - Math.round(companies * 0.3) - Math.round(companies * 0.12),
    },
    pipeline: { majorNewCitySince2021: 718, otherProjects: Math.max(0, projects - 718) },
  });
  await database.db.execute(sql`vacuum analyze`);
  console.log(
    `  seeded ${result.companies.toLocaleString('en')} companies and ${result.projects.toLocaleString('en')} projects in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

/**
 * What a user waits for: one request at a time, the median of 15 after 3 warm-ups. An edit before each (outside
 * the timing) makes every request read the database, as the first one after any change does: a repeated page is
 * otherwise answered from memory.
 */
async function timedRead(label: string, work: () => Promise<unknown>, edit: () => Promise<void>) {
  for (let i = 0; i < 3; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    await edit();
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  console.log(`  ${label}: p50 ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
}

async function get(baseUrl: string, cookie: string, url: string) {
  const res = await fetch(`${baseUrl}${url}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

const loadCases: [string, string][] = [
  ['projects, first page (table default)', '/api/v1/projects?limit=50'],
  ['projects, one board column', '/api/v1/projects?stage=negotiating&sort=updated&order=desc&limit=20'],
  [
    'projects, partner referrals, major, by amount',
    '/api/v1/projects?source=partner_referral&major=true&sort=amount&order=desc&limit=50',
  ],
  ['projects, search 氢能', `/api/v1/projects?q=${encodeURIComponent('氢能')}&limit=50`],
  ['companies, first page', '/api/v1/companies?limit=50'],
];

/** One officer's edit of a project: a commit, which retires every page kept in memory. */
function editor(base: string, cookie: string, id: string) {
  let edits = 0;
  const edit = async () => {
    const res = await fetch(`${base}/api/v1/projects/${id}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ priority: edits % 2 ? 'high' : 'medium' }),
    });
    if (res.status !== 200) throw new Error(`edit: ${res.status} ${await res.text()}`);
    edits++;
  };
  return { edit, edits: () => edits };
}

async function firstProject(base: string, cookie: string) {
  const page = (await get(base, cookie, '/api/v1/projects?limit=1')) as {
    total: number;
    items: { id: string }[];
  };
  if (!page.items[0]) throw new Error('the benchmark needs projects');
  return { total: page.total, id: page.items[0].id };
}

async function filterTimes(server: Running, cookie: string) {
  const base = server.baseUrl.replace(/\/$/, '');
  const { total, id } = await firstProject(base, cookie);
  const { edit } = editor(base, cookie, id);
  const timed = (label: string, work: () => Promise<unknown>) => timedRead(label, work, edit);
  console.log(
    `  filter times (${total.toLocaleString('en')}${total >= 10_000 ? '+' : ''} projects visible):`,
  );
  // The board opens with a page of cards per stage and the counts now per stage, all at once.
  await timed('board: 9 columns and the stage counts, in parallel', () =>
    Promise.all([
      ...stages.map((s) => get(base, cookie, `/api/v1/projects?stage=${s}&sort=updated&order=desc&limit=20`)),
      get(base, cookie, '/api/v1/projects/funnel?measures=current'),
    ]),
  );
  await timed('board: stage counts with a source filter', () =>
    get(base, cookie, '/api/v1/projects/funnel?measures=current&source=partner_referral'),
  );
  await timed('funnel page: every measure, from the stage paths', () =>
    get(base, cookie, '/api/v1/projects/funnel'),
  );
  await timed('funnel page by credited partner', () =>
    get(base, cookie, '/api/v1/projects/funnel?by=partner'),
  );
  for (const [label, url] of loadCases.slice(0, 4))
    await timed(`table: ${label}`, () => get(base, cookie, url));
  await timed('table: search Aptiv (a prospect, Latin letters)', () =>
    get(base, cookie, '/api/v1/projects?q=aptiv&limit=50'),
  );
  await timed('table: officer me, sorted by title', () =>
    get(base, cookie, '/api/v1/projects?officer=me&sort=title&order=asc&limit=50'),
  );
}

async function loadOne(label: string, options: autocannon.Options) {
  const result = await autocannon({ connections, duration: seconds, ...options });
  const errors = result.non2xx + result.errors + result.timeouts;
  console.log(
    `  ${label}: ${Math.round(result.requests.average).toLocaleString('en')} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${errors ? `, ${errors} failed` : ''}`,
  );
}

/** An officer at work during the load: one edit every `everyMs` (or slower, as the server answers). */
function keepEditing(base: string, cookie: string, id: string, everyMs: number) {
  let running = true;
  const { edit, edits } = editor(base, cookie, id);
  const done = (async () => {
    while (running) {
      await edit();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    running = false;
    await done;
    return edits();
  };
}

async function underLoad(server: Running, cookie: string) {
  const base = server.baseUrl.replace(/\/$/, '');
  console.log(
    `  under load (${connections} connections, ${seconds} s each; load average before: ${load()}):`,
  );
  // The anchor: the same server answering one trivial query without a session, what the machine allows at all.
  for (const [label, url] of [['anchor: health check (select 1, no session)', '/api/health'], ...loadCases])
    await loadOne(label as string, { url: `${base}${url}`, headers: { cookie } });
  // A page repeated between writes is answered from memory (src/db/snapshot-cache.ts): the figures above. What a
  // page costs when it must be read: the same page while someone edits a project ten times a second, and pages
  // never asked before (each request a different cursor, a moment in the future: the first page's rows and
  // count, read every time).
  const stop = keepEditing(base, cookie, (await firstProject(base, cookie)).id, 100);
  await loadOne('projects, first page, while an officer edits a project 10 times a second', {
    url: `${base}/api/v1/projects?limit=50`,
    headers: { cookie },
  });
  console.log(`    (${await stop()} edits during the run)`);
  const future = Date.parse('2100-01-01T00:00:00Z');
  let asked = 0;
  await loadOne('projects, a page never asked before on every request (read every time)', {
    url: `${base}/api/v1/projects?limit=50`,
    headers: { cookie },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: `/api/v1/projects?limit=50&cursor=${encodeCursor(new Date(future - asked++).toISOString(), 'ffffffff-ffff-ffff-ffff-ffffffffffff')}`,
        }),
      },
    ],
  });
  console.log(`  load average after: ${load()}`);
}

async function run(engine: Engine) {
  console.log(
    `\n${engine}: ${projects.toLocaleString('en')} projects, ${companies.toLocaleString('en')} companies`,
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-bench-pipeline-'));
  const name = `lodestone_bench_${randomBytes(4).toString('hex')}`;
  const url = pgUrl ? `${pgUrl.replace(/\/[^/]*$/, '')}/${name}` : '';
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
  }
  try {
    const database = await openReadyDatabase(engine === 'postgres' ? { url } : { dataDir });
    try {
      await seed(database);
    } finally {
      // One process owns an embedded database: the server opens it after this one has closed it.
      await database.close();
    }
    const server = await startServe(
      engine === 'postgres' ? { DATABASE_URL: url } : { DATA_DIR: dataDir },
      [],
    );
    try {
      const cookie = await signInOver(server.baseUrl.replace(/\/$/, ''), 'officer@jiading.demo');
      await filterTimes(server, cookie);
      await underLoad(server, cookie);
      const rss = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)?.[1];
      if (rss) console.log(`  server peak RSS: ${Math.round(Number(rss) / 1024)} MB`);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (engine === 'postgres') {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}

console.log(`Node ${process.version}, ${os.cpus().length} cores, load average ${load()}`);
for (const engine of engines) await run(engine);
