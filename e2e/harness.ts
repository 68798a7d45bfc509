import { openReadyDatabase } from '../src/db/bootstrap.ts';
import type { Database } from '../src/db/client.ts';
import { type SeedOptions, seedDemo } from '../src/modules/demo/seed.ts';
import { buildApp } from '../src/server/app.ts';

/**
 * The real server on a random local port, on a fresh in-memory embedded database with the demo tenant,
 * serving the SPA built into dist/web (npm test builds it first). `seed` picks the demo's scale (default: small);
 * `prepare` adds what a suite needs beside the demo (another tenant, a user) before the server starts.
 */
export async function startServer(
  seed: SeedOptions = {},
  prepare?: (database: Database) => Promise<void>,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const database = await openReadyDatabase({ dataDir: 'memory://' });
  await seedDemo(database, seed);
  await prepare?.(database);
  const app = await buildApp({ database, loginRateLimit: { max: 50, timeWindow: 60_000 } });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: address,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
