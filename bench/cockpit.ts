// The cockpit's full set of figures, timed on a seeded database (`seed demo --scale full` into DATA_DIR):
//   DATA_DIR=./data node --import tsx bench/cockpit.ts
// Each run is one call of the service, as the API makes it, inside the tenant's transaction.
import { performance } from 'node:perf_hooks';
import { openReadyDatabase } from '../src/db/bootstrap.ts';
import { inTenant } from '../src/db/scope.ts';
import { bureauTimeZone, civilDate } from '../src/domain/calendar.ts';
import { cockpit } from '../src/modules/dashboard/service.ts';
import { findTenant } from '../src/modules/tenants/service.ts';
import { listZones } from '../src/modules/territory/service.ts';

const database = await openReadyDatabase({ dataDir: process.env.DATA_DIR ?? './data' });
const tenant = await findTenant(database.db, 'jiading');
if (!tenant) throw new Error('seed the demo first: lodestone seed demo --scale full');
const today = civilDate(new Date(), bureauTimeZone);
const zone = (await inTenant(database.db, tenant.id, listZones)).find((z) => z.nameEn === 'Jiading New City');
const counts = (await database.db.execute(
  'select (select count(*) from companies)::int as companies, (select count(*) from projects)::int as projects',
)) as unknown as { rows: { companies: number; projects: number }[] };

const cases = {
  'district, year so far': {},
  'new city since 2021-01-01': { zone: zone?.id, since: '2021-01-01' },
  'new city, 2023-03-15 to 2025-08-20 (edge days from rows)': {
    zone: zone?.id,
    since: '2023-03-15',
    until: '2025-08-20',
  },
};
console.log(`${counts.rows[0]?.companies} companies, ${counts.rows[0]?.projects} projects`);
for (const [name, query] of Object.entries(cases)) {
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const start = performance.now();
    await inTenant(database.db, tenant.id, (tx) => cockpit(tx, { townCodes: [] }, query, today));
    times.push(performance.now() - start);
  }
  times.splice(0, 5); // warm-up
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.floor(q * (times.length - 1))] as number).toFixed(1);
  console.log(`${name}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`);
}
await database.close();
