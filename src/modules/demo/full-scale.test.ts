import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import { freshDatabase } from '../../test/databases.ts';
import { countSince } from '../companies/analytics.ts';
import { cockpit } from '../dashboard/service.ts';
import { findTenant } from '../tenants/service.ts';
import { listZones } from '../territory/service.ts';
import { sinceDate } from './full-scale.ts';
import { newCity } from './jiading.ts';
import { demoProjects } from './pipeline.ts';
import { seedDemo } from './seed.ts';

// The same generators, import and bulk load as `seed demo --scale full`, at a hundredth of the size or so.
const registry = { newCitySince2021: 1_172, elsewhereSince2021: 480, olderStock: 2_320 };
const pipeline = { majorNewCitySince2021: 31, otherProjects: 160 };

describe('full-scale demo registry', () => {
  let database: Database;
  let tenantId: string;

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    await seedDemo(database, { scale: 'full', registry, pipeline });
    tenantId = (await findTenant(database.db, 'jiading'))?.id as string;
  });
  afterAll(() => database?.close());

  it('registers exactly the planned companies in the new city since 2021, as the rows count them', async () => {
    const { rows } = (await database.db.execute(sql`
      select count(*) filter (where town_code = any(${`{${newCity.townCodes.join(',')}}`}::text[])
                                and established_on >= ${sinceDate}::date)::int as new_city,
             count(*) filter (where established_on >= ${sinceDate}::date)::int as since,
             count(*)::int as total
      from companies`)) as unknown as { rows: { new_city: number; since: number; total: number }[] };
    expect(rows[0]).toEqual({
      new_city: registry.newCitySince2021,
      since: registry.newCitySince2021 + registry.elsewhereSince2021,
      total: registry.newCitySince2021 + registry.elsewhereSince2021 + registry.olderStock,
    });
    const figure = await inTenant(database.db, tenantId, async (tx) => {
      const [zone] = (await listZones(tx)).filter((z) => z.nameEn === newCity.nameEn);
      return countSince(tx, sinceDate, { zone: zone?.id });
    });
    expect(figure.count).toBe(registry.newCitySince2021);
  });

  it('introduces exactly the planned major projects in the new city since 2021, as the cockpit and the rows count them', async () => {
    const { figures, counted } = await inTenant(database.db, tenantId, async (tx) => {
      const [zone] = (await listZones(tx)).filter((z) => z.nameEn === newCity.nameEn);
      const figures = await cockpit(
        tx,
        { townCodes: [] },
        { zone: zone?.id, since: sinceDate },
        civilDate(new Date(), bureauTimeZone),
      );
      const { rows } = (await tx.execute(sql`
        select count(*)::int as n from projects
        where (zone_id = ${zone?.id} or town_code = any(${`{${newCity.townCodes.join(',')}}`}::text[]))
          and signed_at >= '2021-01-01T00:00:00+08:00' and stage <> 'lost' and amount_yuan >= 100000000`)) as unknown as {
        rows: { n: number }[];
      };
      return { figures, counted: rows[0]?.n };
    });
    expect(figures.majorProjects.projects).toBe(pipeline.majorNewCitySince2021);
    expect(counted).toBe(pipeline.majorNewCitySince2021);
    expect(figures.newCompanies.companies).toBe(registry.newCitySince2021);
    const { rows } = (await database.db.execute(sql`select count(*)::int as n from projects`)) as unknown as {
      rows: { n: number }[];
    };
    expect(rows[0]?.n).toBeGreaterThan(demoProjects.length + pipeline.otherProjects);
  });

  it('does not seed twice', async () => {
    const again = await seedDemo(database, { scale: 'full', registry, pipeline });
    expect(again).toMatchObject({ created: false, companies: 3_972 });
  });
});
