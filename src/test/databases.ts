import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openReadyDatabase } from '../db/bootstrap.ts';
import type { Database, Engine } from '../db/client.ts';

/**
 * The engines the integration suite runs on: always the embedded one, and PostgreSQL where
 * DATABASE_URL_TEST points at a server. Under CI a missing PostgreSQL is a failure, not a skip.
 */
export function testEngines(): Engine[] {
  if (process.env.DATABASE_URL_TEST) return ['pglite', 'postgres'];
  if (process.env.CI === 'true')
    throw new Error('CI=true but DATABASE_URL_TEST is not set: PostgreSQL tests cannot run');
  return ['pglite'];
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped on close. */
export async function freshDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') return openReadyDatabase({ dataDir: 'memory://' });
  const admin = process.env.DATABASE_URL_TEST;
  if (!admin) throw new Error('DATABASE_URL_TEST is not set');
  const name = `lodestone_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const database = await openReadyDatabase({ url: withDatabaseName(admin, name) });
  return {
    ...database,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export { withDatabaseName };
