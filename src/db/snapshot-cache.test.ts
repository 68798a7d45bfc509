import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testEngines } from '../test/databases.ts';
import type { Database } from './client.ts';
import { currentSnapshot, SnapshotCache } from './snapshot-cache.ts';

describe.each(testEngines())('snapshot cache on %s', (engine) => {
  let database: Database;
  let tx: Database['db'];

  beforeAll(async () => {
    database = await freshDatabase(engine);
    tx = database.db;
    await database.db.execute(sql`create table scratch_counter (n int)`);
  });
  afterAll(() => database?.close());

  it('gives a reply back until anything commits, then never again', async () => {
    const cache = new SnapshotCache(10, 1_000);
    cache.keep('page', await currentSnapshot(tx), 'one');
    expect(await cache.fresh(tx, 'page')).toBe('one');
    expect(await cache.fresh(tx, 'page')).toBe('one');
    await database.db.execute(sql`insert into scratch_counter values (1)`);
    expect(await cache.fresh(tx, 'page')).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('keeps the replies used last, within its count and size', async () => {
    const cache = new SnapshotCache(2, 10);
    const now = await currentSnapshot(tx);
    cache.keep('a', now, 'aaaa');
    cache.keep('b', now, 'bbbb');
    expect(await cache.fresh(tx, 'a')).toBe('aaaa');
    cache.keep('c', now, 'cccc');
    // b was used least recently: it goes, a stays.
    expect(await cache.fresh(tx, 'b')).toBeNull();
    expect(await cache.fresh(tx, 'a')).toBe('aaaa');
    // Too large to keep at all, and over the size together: the oldest goes.
    cache.keep('big', now, 'x'.repeat(11));
    expect(await cache.fresh(tx, 'big')).toBeNull();
    cache.keep('d', now, 'dddddddd');
    expect(cache.size).toBe(1);
    expect(await cache.fresh(tx, 'd')).toBe('dddddddd');
  });
});
