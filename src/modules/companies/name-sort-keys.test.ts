import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { nameSortKey } from '../../domain/name-order.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { seedDemo } from '../demo/seed.ts';
import { refreshNameSortKeys } from './name-sort-keys.ts';

type Rows<T> = { rows: T[] };

describe.each(testEngines())('the name sort keys of a registry stored before them, on %s', (engine) => {
  let database: Database;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    await seedDemo(database);
    // The registry as migration 0028 leaves one that was stored before it: the column there, every key missing.
    await database.db.execute(sql`alter table companies alter column name_sort drop not null`);
    await database.db.execute(sql`update companies set name_sort = null`);
  }, 120_000);
  afterAll(() => database?.close());

  const stored = async () =>
    (
      (await database.db.execute(
        sql`select name_zh as name, name_sort as key from companies`,
      )) as unknown as Rows<{
        name: string;
        key: string | null;
      }>
    ).rows;
  const required = async () =>
    (
      (await database.db.execute(
        sql`select is_nullable from information_schema.columns where table_name = 'companies' and column_name = 'name_sort'`,
      )) as unknown as Rows<{ is_nullable: string }>
    ).rows[0]?.is_nullable === 'NO';

  it('fills every company’s key from its name and then makes the key required', async () => {
    const before = await stored();
    expect(before.length).toBeGreaterThan(100);
    expect(before.every((r) => r.key === null)).toBe(true);
    const reported: [number, number, number][] = [];
    await refreshNameSortKeys(database.db, (...report) => reported.push(report));
    expect(reported.at(-1)).toEqual([before.length, before.length, before.length]);
    const after = await stored();
    expect(after).toHaveLength(before.length);
    for (const row of after) expect(row.key, row.name).toBe(nameSortKey(row.name));
    expect(await required()).toBe(true);
  });

  it('does nothing once the key is required', async () => {
    await database.db.execute(sql`update companies set name_sort = 'kept' where name_zh like '上海%贸易%'`);
    await refreshNameSortKeys(database.db);
    const kept = (await stored()).filter((r) => r.name.startsWith('上海') && r.name.includes('贸易'));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((r) => r.key === 'kept')).toBe(true);
  });

  it('after a migration marks the keys for checking, rewrites only those that differ from their names’ keys', async () => {
    // The registry as migration 0029 leaves one whose keys were computed by an older reading: a few are wrong.
    await database.db.execute(sql`alter table companies alter column name_sort drop not null`);
    await database.db.execute(
      sql`update companies set name_sort = 'min xing ' || name_sort where name_zh like '%科技%'`,
    );
    const wrong = (await stored()).filter((r) => r.key !== nameSortKey(r.name)).length;
    expect(wrong).toBeGreaterThan(0);
    expect(wrong).toBeLessThan((await stored()).length);
    const versions = async () =>
      new Map(
        (
          (await database.db.execute(
            sql`select id::text as id, xmin::text as version from companies`,
          )) as unknown as Rows<{ id: string; version: string }>
        ).rows.map((r) => [r.id, r.version]),
      );
    const before = await versions();
    const reported: [number, number, number][] = [];
    await refreshNameSortKeys(database.db, (...report) => reported.push(report));
    expect(reported.at(-1)).toEqual([before.size, before.size, wrong]);
    for (const row of await stored()) expect(row.key, row.name).toBe(nameSortKey(row.name));
    const after = await versions();
    expect([...after].filter(([id, version]) => before.get(id) !== version)).toHaveLength(wrong);
    expect(await required()).toBe(true);
  });
});
