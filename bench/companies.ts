/**
 * Registry benchmark: import, search and analytics at scale, each figure beside an anchor measured in the same
 * run on the same engine, then the cockpit beside DuckDB (bench/cockpit.ts) on a full-scale demo of as many
 * companies and `--projects` projects. Run: npm run bench -- [--rows 1000000] [--engines pglite,postgres]
 * [--projects 100000] (--projects 0 leaves the cockpit out) [--import-rows 50000] (the web import timed against the API)
 * PostgreSQL runs where DATABASE_URL_BENCH (or DATABASE_URL_TEST) points at a server the user may create databases on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/db/client.ts';
import { inTenant } from '../src/db/scope.ts';
import { countSince, registrations } from '../src/modules/companies/analytics.ts';
import { importCompanies } from '../src/modules/companies/import/pipeline.ts';
import { type ListOptions, listCompanies } from '../src/modules/companies/search.ts';
import { similarNames } from '../src/modules/companies/similar-names.ts';
import { seedDemo } from '../src/modules/demo/seed.ts';
import { findTenant } from '../src/modules/tenants/service.ts';
import { signInOver, startServe } from '../src/test/process.ts';
import { benchCockpit } from './cockpit.ts';
import { latencyDuringImport } from './import-latency.ts';
import { copyAnchor, enginesArg, generateRegistryFile, openFresh } from './registry-file.ts';
import { median, pct } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    engines: { type: 'string', default: 'pglite,postgres' },
    projects: { type: 'string', default: '100000' },
    'import-rows': { type: 'string', default: '50000' },
  },
});
const rows = Number(args.rows);
const engines = enginesArg(args.engines);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-bench-'));
const file = path.join(work, `companies-${rows}.csv`);

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const rate = (n: number, seconds: number) => `${Math.round(n / seconds).toLocaleString('en')} rows/s`;

async function timeIt(times: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  await fn();
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const nameSearches = ['氢能', '芯片', '汽车零部件', '瑞德', 'hydrogen', 'software co'];
/** The anchor: a credit-code prefix, a range scan of the unique key. */
const codeSearch = '91310114MA1';
const searches = [...nameSearches, codeSearch];
/** A common word narrowed by a status, an enterprise type or a headquarters type (the kinds index). */
const narrowedSearches: [string, Omit<ListOptions, 'sort' | 'order' | 'limit'>][] = [
  ['汽车 + R&D centre', { q: '汽车', hqType: ['rnd_center'] }],
  ['汽车 + Hong Kong/Macao/Taiwan', { q: '汽车', enterpriseType: ['hmt'] }],
  ['汽车 + revoked', { q: '汽车', status: ['revoked'] }],
  ['氢能 + foreign', { q: '氢能', enterpriseType: ['foreign'] }],
];

async function run(engine: Engine) {
  console.log(
    `\n## ${engine}, ${rows.toLocaleString('en')} companies (file ${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`,
  );
  const { database, serveEnv, drop } = await openFresh(engine, work);
  try {
    await seedDemo(database);
    const tenant = await findTenant(database.db, 'jiading');
    const tenantId = tenant?.id as string;
    const copySeconds = await copyAnchor(database, file);
    const rssBefore = process.memoryUsage().rss;
    const result = await importCompanies(
      database,
      { path: file },
      {
        fileName: path.basename(file),
        actor: { tenantId, userId: null, email: 'bench@lodestone' },
      },
    );
    const rss = process.memoryUsage().rss;
    console.log(
      `import with validation  ${rate(result.totalRows, result.seconds)} (${result.seconds.toFixed(1)} s; ${result.inserted} new, ${result.rejected} rejected)`,
    );
    console.log(
      `  anchor: raw COPY      ${rate(rows, copySeconds)} (${copySeconds.toFixed(1)} s)  → import takes ${(result.seconds / copySeconds).toFixed(1)}× the COPY`,
    );
    console.log(
      `  steps: ${Object.entries(result.phases)
        .filter(([, seconds]) => seconds >= 0.05)
        .map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`)
        .join(', ')}`,
    );
    console.log(
      `process memory (RSS)    ${(rss / 1e6).toFixed(0)} MB after import (${(rssBefore / 1e6).toFixed(0)} MB before)`,
    );

    const names: number[] = [];
    let anchor: number[] = [];
    for (const q of searches) {
      const t = await inTenant(database.db, tenantId, async (tx) =>
        timeIt(15, () => listCompanies(tx, { q, sort: 'name', order: 'asc', limit: 50 })),
      );
      if (q === codeSearch) anchor = t;
      else names.push(...t);
      console.log(`search "${q}"`.padEnd(24), `p50 ${ms(median(t))}  p95 ${ms(pct(t, 0.95))}`);
    }
    console.log(`name search, all queries p50 ${ms(median(names))}  p95 ${ms(pct(names, 0.95))}`);
    console.log(`  anchor: credit-code prefix p50 ${ms(median(anchor))}  p95 ${ms(pct(anchor, 0.95))}`);
    const narrowed: number[] = [];
    for (const [label, filters] of narrowedSearches) {
      for (const sort of ['name', 'updated'] as const) {
        const t = await inTenant(database.db, tenantId, async (tx) =>
          timeIt(7, () => listCompanies(tx, { ...filters, sort, order: 'desc', limit: 50 })),
        );
        narrowed.push(...t);
        console.log(`  ${label}, by ${sort}`.padEnd(40), `p50 ${ms(median(t))}  p95 ${ms(pct(t, 0.95))}`);
      }
    }
    console.log(`word + kind, all p50 ${ms(median(narrowed))}  p95 ${ms(pct(narrowed, 0.95))}`);
    const lastPage = await inTenant(database.db, tenantId, async (tx) => {
      const first = await listCompanies(tx, { sort: 'established', order: 'desc', limit: 50 });
      return timeIt(10, () =>
        listCompanies(tx, {
          sort: 'established',
          order: 'desc',
          limit: 50,
          cursor: first.nextCursor ?? undefined,
        }),
      );
    });
    console.log(`list page (keyset)       p50 ${ms(median(lastPage))}`);
    const similar = await inTenant(database.db, tenantId, async (tx) => {
      const page = await listCompanies(tx, { sort: 'established', order: 'desc', limit: 10 });
      const out: number[] = [];
      for (const company of page.items)
        out.push(...(await timeIt(3, () => similarNames(tx, company.nameKey))));
      return out;
    });
    console.log(`profile: similar names   p50 ${ms(median(similar))}  p95 ${ms(pct(similar, 0.95))}`);
    for (const [label, fn] of [
      [
        'registrations/month by town',
        (tx: Parameters<typeof registrations>[0]) => registrations(tx, { period: 'month', by: 'town' }),
      ],
      [
        'registrations/year by industry',
        (tx: Parameters<typeof registrations>[0]) => registrations(tx, { period: 'year', by: 'industry' }),
      ],
      [
        'count since 2021-01-01',
        (tx: Parameters<typeof registrations>[0]) => countSince(tx, '2021-01-01', {}),
      ],
    ] as const) {
      const t = await inTenant(database.db, tenantId, (tx) => timeIt(5, () => fn(tx)));
      console.log(`${label}`.padEnd(32), `median ${ms(median(t))}`);
    }
    await database.close();
    await serverMemory(serveEnv);
  } finally {
    await database.close().catch(() => {});
    await drop();
  }
}

/** The server's own memory at this scale: a real `lodestone serve` answering searches and lists. */
async function serverMemory(env: Record<string, string>) {
  const server = await startServe(env, []);
  try {
    const cookie = await signInOver(server.baseUrl, 'analyst@jiading.demo');
    for (const q of [...searches, ...searches]) {
      await fetch(`${server.baseUrl}/api/v1/companies?q=${encodeURIComponent(q)}`, { headers: { cookie } });
    }
    await fetch(`${server.baseUrl}/api/v1/companies/analytics/registrations?by=town`, {
      headers: { cookie },
    });
    await latencyDuringImport(server.baseUrl, Number(args['import-rows']), env);
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
    console.log(
      `server memory            ${(kb('VmRSS') / 1024).toFixed(0)} MB RSS, peak ${(kb('VmHWM') / 1024).toFixed(0)} MB (after searches, lists and analytics)`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

console.log(
  `# Lodestone registry benchmark (${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores)`,
);
await generateRegistryFile(file, rows);
for (const engine of engines) await run(engine);
fs.rmSync(work, { recursive: true, force: true });
if (Number(args.projects) > 0) {
  console.log('# Cockpit beside DuckDB (embedded engine)');
  await benchCockpit({ companies: rows, projects: Number(args.projects) });
}
