import type { Config } from '../config.ts';
import { openReadyDatabase } from '../db/bootstrap.ts';
import { markInterruptedImports } from '../modules/companies/import/pipeline.ts';
import { sweepStaleUploads } from '../modules/companies/import/stale-uploads.ts';
import { demoPassword, demoUsers } from '../modules/demo/jiading.ts';
import { seedDemo } from '../modules/demo/seed.ts';
import { buildApp } from './app.ts';

/**
 * Runs the server until SIGTERM or SIGINT, then stops taking connections, lets requests in flight finish and
 * closes the database cleanly (for PGlite that is a checkpoint and the release of the folder lock).
 */
export async function serve(config: Config, { demo }: { demo: boolean }): Promise<void> {
  const database = await openReadyDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await markInterruptedImports(database);
  let seeded = false;
  if (demo) seeded = (await seedDemo(database)).created;
  const app = await buildApp({
    database,
    cookieSecure: config.cookieSecure,
    logger: { level: config.logLevel },
  });
  await sweepStaleUploads(database);
  const sweeping = setInterval(
    () =>
      void sweepStaleUploads(database).catch((err) => app.log.warn({ err }, 'sweeping stale uploads failed')),
    60 * 60 * 1000,
  ).unref();
  app.addHook('onClose', async () => {
    clearInterval(sweeping);
    await database.close();
  });

  let stopping = false;
  // A keep-alive connection that carried a request in flight would otherwise hold the shutdown open until
  // its idle timeout; telling the client to close lets the last response end the connection.
  app.addHook('onSend', async (_req, reply) => {
    if (stopping) reply.header('connection', 'close');
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  const where = database.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  const lines = [
    ``,
    `Lodestone is running at ${address.replace('127.0.0.1', 'localhost')}  (${where})`,
    `API docs: ${address}/api/docs`,
  ];
  if (demo) {
    lines.push(
      seeded ? 'Demo tenant "jiading" created.' : 'Demo tenant "jiading" is ready.',
      `Demo logins (password "${demoPassword}") — PUBLIC, for trying Lodestone only; never use them for real data:`,
      ...demoUsers.map((u) => `  ${u.role.padEnd(8)} ${u.email}`),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
