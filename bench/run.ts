/**
 * `npm run bench`: the registry benchmark (with the cockpit beside DuckDB), then the pipeline's, each in its own
 * process with the options that are its own; `--engines` goes to both, `--only registry|pipeline` runs one.
 *   npm run bench -- --rows 1000000 --projects 100000 --engines pglite,postgres
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const own = {
  registry: ['--rows', '--projects', '--import-rows'],
  pipeline: ['--projects', '--companies', '--seconds', '--connections'],
};
const shared = ['--engines'];
const argv = process.argv.slice(2);
const pairs: [string, string][] = [];
for (let i = 0; i < argv.length; i += 2) pairs.push([argv[i] as string, argv[i + 1] ?? '']);
const only = pairs.find(([flag]) => flag === '--only')?.[1];
const here = path.dirname(fileURLToPath(import.meta.url));

for (const [name, script] of [
  ['registry', 'companies.ts'],
  ['pipeline', 'pipeline.ts'],
] as const) {
  if (only && only !== name) continue;
  const args = pairs.filter(([flag]) => own[name].includes(flag) || shared.includes(flag)).flat();
  const run = spawnSync(process.execPath, [...process.execArgv, path.join(here, script), ...args], {
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
