import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { companiesCsv } from '../modules/demo/company-generator.ts';
import { demoApp, signIn, uploadCompanies } from '../test/app.ts';
import { freshDatabase, testEngines } from '../test/databases.ts';

describe.each(testEngines())('health while an import runs (%s)', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers at once while the import runs, instead of waiting for its commit', async () => {
    const id = await uploadCompanies(app, officer, 'registry.csv', Buffer.from(companiesCsv(40_000, 31)));
    const status = async () =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/companies/imports/${id}`,
          headers: { cookie: officer },
        })
      ).json().status as string;
    const started = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/imports/${id}/start`,
      headers: { cookie: officer },
      payload: {},
    });
    expect(started.statusCode, started.body).toBe(202);

    let answeredDuringLoad = 0;
    while ((await status()) === 'running') {
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode, health.body).toBe(200);
      // Answered while the import was still running: it did not wait for the commit.
      if ((await status()) === 'running' && (engine === 'postgres' || health.json().busy === 'bulk-load'))
        answeredDuringLoad++;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await status()).toBe('done');
    expect(answeredDuringLoad).toBeGreaterThan(0);
    const after = await app.inject({ method: 'GET', url: '/api/health' });
    expect(after.json()).toEqual({ status: 'ok', version: expect.any(String), engine });
  });
});
