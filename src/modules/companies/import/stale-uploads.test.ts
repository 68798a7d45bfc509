import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { makeCreditCode } from '../../../domain/credit-code.ts';
import { demoApp, signIn, uploadCompanies } from '../../../test/app.ts';
import { freshDatabase, testEngines } from '../../../test/databases.ts';
import { uploadDir } from './jobs.ts';
import { sweepStaleUploads, uploadLifetimeMs } from './stale-uploads.ts';

describe.each(testEngines())('uploads never started (%s)', (engine) => {
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

  const upload = () =>
    uploadCompanies(
      app,
      officer,
      'registry.csv',
      Buffer.from(
        `统一社会信用代码,企业名称\n${makeCreditCode('91310114', 'MA7PAGE1')},上海嘉定过期上传有限公司\n`,
      ),
    );
  const job = async (id: string) =>
    (
      await app.inject({
        method: 'GET',
        url: `/api/v1/companies/imports/${id}`,
        headers: { cookie: officer },
      })
    ).json();

  it('closes a job left at the mapping step for a day and deletes its file, and leaves a fresh one', async () => {
    const old = await upload();
    const fresh = await upload();
    const dayAgo = new Date(Date.now() - uploadLifetimeMs - 60_000);
    await database.db.execute(
      sql`update import_jobs set created_at = ${dayAgo.toISOString()} where id = ${old}`,
    );
    fs.utimesSync(path.join(uploadDir, old), dayAgo, dayAgo);
    const leftover = path.join(uploadDir, `upload-0-${old}`);
    fs.writeFileSync(leftover, 'an upload cut off by a crash');
    fs.utimesSync(leftover, dayAgo, dayAgo);

    expect(await sweepStaleUploads(database)).toEqual({ expired: 1 });

    expect(await job(old)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^expired/),
      errorCode: 'job.expired',
    });
    expect(fs.existsSync(path.join(uploadDir, old))).toBe(false);
    expect(fs.existsSync(leftover)).toBe(false);
    const start = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/imports/${old}/start`,
      headers: { cookie: officer },
      payload: {},
    });
    expect(start.statusCode).toBe(409);

    expect((await job(fresh)).status).toBe('uploaded');
    expect(fs.existsSync(path.join(uploadDir, fresh))).toBe(true);
    const started = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/imports/${fresh}/start`,
      headers: { cookie: officer },
      payload: {},
    });
    expect(started.statusCode, started.body).toBe(202);
  });
});
