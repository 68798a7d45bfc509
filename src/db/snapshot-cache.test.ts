import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testEngines } from '../test/databases.ts';
import type { Database } from './client.ts';
import { SnapshotCache } from './snapshot-cache.ts';

describe.each(testEngines())('snapshot cache on %s', (engine) => {
  let database: Database;
  let reads = 0;
  const read = (body: string) => async () => {
    reads++;
    return Buffer.from(body);
  };

  beforeAll(async () => {
    database = await freshDatabase(engine);
    await database.db.execute(sql`create table scratch_counter (n int)`);
  });
  afterAll(() => database?.close());

  it('gives a reply back until anything commits, then reads it again', async () => {
    const cache = new SnapshotCache(10, 1_000);
    reads = 0;
    expect(String(await cache.reply(database.db, 'page', read('one')))).toBe('one');
    expect(String(await cache.reply(database.db, 'page', read('two')))).toBe('one');
    expect(reads).toBe(1);
    await database.db.execute(sql`insert into scratch_counter values (1)`);
    expect(String(await cache.reply(database.db, 'page', read('three')))).toBe('three');
    expect(String(await cache.reply(database.db, 'page', read('four')))).toBe('three');
    expect(reads).toBe(2);
  });

  it('keeps the replies used last, within its count and size', async () => {
    const cache = new SnapshotCache(2, 10);
    const kept = async (key: string) => {
      const before = reads;
      await cache.reply(database.db, key, read(key));
      return reads === before;
    };
    await cache.reply(database.db, 'a', read('aaaa'));
    await cache.reply(database.db, 'b', read('bbbb'));
    expect(await kept('a')).toBe(true);
    await cache.reply(database.db, 'c', read('cccc'));
    // b was used least recently: it went, a stayed.
    expect(await kept('a')).toBe(true);
    expect(await kept('b')).toBe(false);
    // Too large to keep at all.
    await cache.reply(database.db, 'big', read('x'.repeat(11)));
    expect(await kept('big')).toBe(false);
    // Over the size together: the oldest go.
    await cache.reply(database.db, 'd', read('dddddddd'));
    expect(cache.size).toBe(1);
    expect(await kept('d')).toBe(true);
  });
});
