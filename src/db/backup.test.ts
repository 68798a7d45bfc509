import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../modules/demo/seed.ts';
import { authenticate, createApiToken } from '../modules/identity/service.ts';
import { freshDatabase, testEngines } from '../test/databases.ts';
import { backup, dataTables, restore } from './backup.ts';
import type { Database, Db } from './client.ts';

/** Every data row of every table as PostgreSQL renders it, sorted: equal dumps mean identical rows. */
async function dump(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await dataTables(db)) {
    const { rows } = (await db.execute(
      sql.raw(`select to_jsonb(t)::text as j from "${table}" t`),
    )) as unknown as {
      rows: { j: string }[];
    };
    out[table] = rows.map((r) => r.j).sort();
  }
  return out;
}

describe('backup and restore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-backup-'));
  let source: Database;
  let original: Record<string, string[]>;

  beforeAll(async () => {
    source = await freshDatabase('pglite');
    await seedDemo(source);
    await createApiToken(
      source.db,
      await authenticate(source.db, 'admin@jiading.demo', 'lodestone-demo'),
      'ci',
    );
    original = await dump(source.db);
  });
  afterAll(async () => {
    await source?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes every data table in dependency order', async () => {
    const file = path.join(dir, 'a.backup');
    const summary = await backup(source, file);
    const tables = Object.keys(summary.tables);
    expect(tables.indexOf('tenants')).toBeLessThan(tables.indexOf('memberships'));
    expect(tables.indexOf('users')).toBeLessThan(tables.indexOf('memberships'));
    expect(summary.tables.towns).toBe(12);
    expect(summary.rows).toBe(Object.values(original).reduce((n, rows) => n + rows.length, 0));
  });

  it.each(testEngines())(
    'restores an embedded backup into %s with identical rows, and back',
    async (engine) => {
      const file = path.join(dir, `to-${engine}.backup`);
      await backup(source, file);
      const target = await freshDatabase(engine);
      try {
        await restore(target, file);
        expect(await dump(target.db)).toEqual(original);
        const back = path.join(dir, `from-${engine}.backup`);
        await backup(target, back);
        const again = await freshDatabase('pglite');
        try {
          await restore(again, back);
          expect(await dump(again.db)).toEqual(original);
        } finally {
          await again.close();
        }
      } finally {
        await target.close();
      }
    },
  );

  it('changes nothing when the file is truncated or not a backup', async () => {
    const file = path.join(dir, 'whole.backup');
    await backup(source, file);
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const truncated = path.join(dir, 'truncated.backup');
    fs.writeFileSync(truncated, zlib.gzipSync(`${lines.slice(0, -3).join('\n')}\n`));
    const junk = path.join(dir, 'junk.backup');
    fs.writeFileSync(junk, 'hello');

    const target = await freshDatabase('pglite');
    try {
      await seedDemo(target);
      const before = await dump(target.db);
      await expect(restore(target, truncated)).rejects.toThrow(/truncated/);
      await expect(restore(target, junk)).rejects.toThrow(/not a readable Lodestone backup/);
      await expect(restore(target, path.join(dir, 'missing.backup'))).rejects.toThrow(/no such file/);
      expect(await dump(target.db)).toEqual(before);
    } finally {
      await target.close();
    }
  });
});
