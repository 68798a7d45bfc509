/**
 * The bulk import alone, step by step, beside its anchor (a raw COPY of the same file into a bare table on the
 * same engine), `--runs` times on a fresh database each. Faster to iterate on than the registry benchmark.
 * Run: node --max-old-space-size=6144 --import tsx bench/import.ts [--rows 1000000] [--engines pglite,postgres]
 * [--runs 1] [--file path] (an existing file of generated rows is reused; otherwise it is written there first)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importCompanies } from '../src/modules/companies/import/pipeline.ts';
import { seedDemo } from '../src/modules/demo/seed.ts';
import { findTenant } from '../src/modules/tenants/service.ts';
import { copyAnchor, enginesArg, generateRegistryFile, openFresh } from './registry-file.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    engines: { type: 'string', default: 'pglite,postgres' },
    runs: { type: 'string', default: '1' },
    file: { type: 'string' },
  },
});
const rows = Number(args.rows);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-import-bench-'));
const file = args.file ?? path.join(work, `companies-${rows}.csv`);
if (!fs.existsSync(file)) await generateRegistryFile(file, rows);
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

console.log(
  `# import of ${rows.toLocaleString('en')} rows (${new Date().toISOString()}, load ${loadAverage()})`,
);
for (const engine of enginesArg(args.engines)) {
  for (let run = 1; run <= Number(args.runs); run++) {
    const { database, drop } = await openFresh(engine, work);
    try {
      await seedDemo(database);
      const tenantId = (await findTenant(database.db, 'jiading'))?.id as string;
      const copy = await copyAnchor(database, file);
      const result = await importCompanies(
        database,
        { path: file },
        { fileName: path.basename(file), actor: { tenantId, userId: null, email: 'bench@lodestone' } },
      );
      const counted = Object.values(result.phases).reduce((a, b) => a + b, 0);
      console.log(
        `\n## ${engine} run ${run}: ${Math.round(result.totalRows / result.seconds).toLocaleString('en')} rows/s (${result.seconds.toFixed(1)} s, ${result.inserted} new, ${result.rejected} rejected); COPY ${Math.round(rows / copy).toLocaleString('en')} rows/s (${copy.toFixed(2)} s); ratio ${(result.seconds / copy).toFixed(1)}×; load ${loadAverage()}`,
      );
      for (const [phase, seconds] of Object.entries(result.phases))
        console.log(`  ${phase.padEnd(48)} ${seconds.toFixed(2)} s`);
      console.log(`  ${'(other)'.padEnd(48)} ${(result.seconds - counted).toFixed(2)} s`);
    } finally {
      await database.close().catch(() => {});
      await drop();
    }
  }
}
fs.rmSync(work, { recursive: true, force: true });
