import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testEngines } from '../test/databases.ts';
import type { Database } from './client.ts';
import { readInTenant } from './scope.ts';
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
    expect(String(await cache.reply(database, 'page', read('one')))).toBe('one');
    expect(String(await cache.reply(database, 'page', read('two')))).toBe('one');
    expect(reads).toBe(1);
    await database.db.execute(sql`insert into scratch_counter values (1)`);
    expect(String(await cache.reply(database, 'page', read('three')))).toBe('three');
    expect(String(await cache.reply(database, 'page', read('four')))).toBe('three');
    expect(reads).toBe(2);
  });

  it('gives kept replies while a write is under way, and retires them once it has ended', async () => {
    const cache = new SnapshotCache(10, 1_000);
    reads = 0;
    await cache.reply(database, 'page', read('before'));
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A long writer (an import) holding its transaction open: on the embedded engine it holds the only session.
    const writer = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into scratch_counter values (2)`);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(String(await cache.reply(database, 'page', read('during')))).toBe('before');
    expect(reads).toBe(1);
    release();
    await writer;
    expect(String(await cache.reply(database, 'page', read('after')))).toBe('after');
  });

  it('is not retired by reads in a tenant scope, nor by a tenant read that tries to write', async () => {
    const cache = new SnapshotCache(10, 1_000);
    reads = 0;
    await cache.reply(database, 'page', read('one'));
    const tenantId = '00000000-0000-4000-8000-000000000001';
    await readInTenant(database, tenantId, (tx) => tx.execute(sql`select count(*) from tenants`));
    await expect(
      readInTenant(database, tenantId, (tx) => tx.execute(sql`insert into scratch_counter values (3)`)),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/read-only transaction/) } });
    expect(String(await cache.reply(database, 'page', read('two')))).toBe('one');
    expect(reads).toBe(1);
  });

  it('keeps the replies used last, within its count and size', async () => {
    const cache = new SnapshotCache(2, 10);
    const kept = async (key: string) => {
      const before = reads;
      await cache.reply(database, key, read(key));
      return reads === before;
    };
    await cache.reply(database, 'a', read('aaaa'));
    await cache.reply(database, 'b', read('bbbb'));
    expect(await kept('a')).toBe(true);
    await cache.reply(database, 'c', read('cccc'));
    // b was used least recently: it went, a stayed.
    expect(await kept('a')).toBe(true);
    expect(await kept('b')).toBe(false);
    // Too large to keep at all.
    await cache.reply(database, 'big', read('x'.repeat(11)));
    expect(await kept('big')).toBe(false);
    // Over the size together: the oldest go.
    await cache.reply(database, 'd', read('dddddddd'));
    expect(cache.size).toBe(1);
    expect(await kept('d')).toBe(true);
  });
});
