import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { freshDatabase, testEngines } from '../test/databases.ts';

type Rows<T> = { rows: T[] };

describe.runIf(testEngines().includes('postgres'))('PostgreSQL connections', () => {
  it('survive the server ending an idle connection: a warning, and the next query reconnects', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const database = await freshDatabase('postgres');
    try {
      const { rows } = (await database.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as Rows<{
        pid: number;
      }>;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL_TEST });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
      await admin.end();
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringMatching(/connection lost/)));
      const again = (await database.db.execute(sql`select 1 as one`)) as unknown as Rows<{ one: number }>;
      expect(again.rows[0]?.one).toBe(1);
    } finally {
      await database.close();
      warn.mockRestore();
    }
  });
});
