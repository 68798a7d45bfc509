import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../modules/tenants/service.ts';
import { zones } from '../modules/territory/schema.ts';
import { freshDatabase, testEngines } from '../test/databases.ts';
import type { Database } from './client.ts';
import { inTenant, readInTenant } from './scope.ts';

const operator = { email: 'test@lodestone', userId: null };
// Tables read before a tenant is known (sign-in); their service filters by user and token instead.
const authTables = ['api_tokens', 'sessions'];

describe.each(testEngines())('tenant scoping on %s', (engine) => {
  let database: Database;
  let a: string;
  let b: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    a = (await createTenant(database.db, { slug: 'a', nameZh: '嘉定区', divisionCode: '310114' }, operator))
      .id;
    b = (await createTenant(database.db, { slug: 'b', nameZh: '浦东新区', divisionCode: '310115' }, operator))
      .id;
  });
  afterAll(() => database?.close());

  it('puts row-level security on every table that has a tenant_id', async () => {
    const { rows } = (await database.db.execute(sql`
      select c.relname as name, c.relrowsecurity as rls,
        exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation') as policy
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind = 'r' order by 1`)) as unknown as {
      rows: { name: string; rls: boolean; policy: boolean }[];
    };
    const scoped = rows.filter((r) => !authTables.includes(r.name));
    expect(scoped.length).toBeGreaterThanOrEqual(6);
    for (const r of scoped) expect(r, r.name).toMatchObject({ rls: true, policy: true });
  });

  it('reads the tenant once per statement, not once per row', async () => {
    const plan = await inTenant(database.db, a, async (tx) => {
      const { rows } = (await tx.execute(sql`explain select * from zones`)) as unknown as {
        rows: { 'QUERY PLAN': string }[];
      };
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('InitPlan');
    expect(plan).not.toMatch(/Filter: .*current_setting/);
  });

  it('limits even an unfiltered query to the tenant in scope', async () => {
    await inTenant(database.db, a, (tx) =>
      tx.insert(zones).values({ tenantId: a, nameZh: '甲', townCodes: ['310114103'] }),
    );
    await inTenant(database.db, b, (tx) =>
      tx.insert(zones).values({ tenantId: b, nameZh: '乙', townCodes: [] }),
    );
    const seenByA = await inTenant(database.db, a, (tx) => tx.select().from(zones));
    expect(seenByA.map((z) => z.nameZh)).toEqual(['甲']);
    const seenByB = await inTenant(database.db, b, (tx) => tx.select().from(zones));
    expect(seenByB.map((z) => z.nameZh)).toEqual(['乙']);
  });

  it('reads through a GET’s scope only the tenant’s rows, and refuses any write there', async () => {
    const names = (tenant: string) =>
      readInTenant(database, tenant, async (tx) => (await tx.select().from(zones)).map((z) => z.nameZh));
    // Each tenant in turn, twice: a connection kept open for one tenant must never serve the other.
    for (let round = 0; round < 2; round++) {
      expect(await names(a)).toEqual(['甲']);
      expect(await names(b)).toEqual(['乙']);
    }
    await expect(
      readInTenant(database, a, (tx) =>
        tx.insert(zones).values({ tenantId: a, nameZh: '读', townCodes: [] }),
      ),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/read-only transaction/) } });
    expect(await names(a)).toEqual(['甲']);
  });

  it('refuses to write a row into another tenant', async () => {
    await expect(
      inTenant(database.db, b, (tx) =>
        tx.insert(zones).values({ tenantId: a, nameZh: '越界', townCodes: [] }),
      ),
    ).rejects.toThrow();
    const all = await database.db.select().from(zones);
    expect(all.map((z) => z.nameZh)).not.toContain('越界');
  });

  it('cannot update or delete another tenant’s rows', async () => {
    await inTenant(database.db, b, async (tx) => {
      await tx.update(zones).set({ nameZh: '改' });
      await tx.delete(zones).where(sql`true`);
    });
    const aRows = await inTenant(database.db, a, (tx) => tx.select().from(zones));
    expect(aRows.map((z) => z.nameZh)).toEqual(['甲']);
  });

  it('fails loudly when a query runs without a tenant', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', 'lodestone_app', true)`);
        return tx.select().from(zones);
      }),
    ).rejects.toThrow();
  });
});
