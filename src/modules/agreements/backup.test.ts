import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backup, restore } from '../../db/backup.ts';
import { demoApp, signIn } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { multipart } from '../../test/multipart.ts';

// Attachments are bytes in the database (bytea), so a backup must carry them exactly, whichever engine wrote or
// reads it.
describe('agreement attachments in a backup', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-agreements-backup-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Two demo tenants and a backup: slow on a loaded machine.
  it.each(testEngines())(
    'restores every byte of an attachment into %s',
    async (engine) => {
      const source = await freshDatabase('pglite');
      const app = await demoApp(source);
      const officer = await signIn(app, 'officer@jiading.demo');
      // Every byte value, including NUL and the high half, behind a PNG signature.
      const bytes = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)),
      ]);
      const agreement = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/agreements',
          headers: { cookie: officer },
          payload: { kind: 'framework', titleZh: '备份测试协议' },
        })
      ).json();
      const body = multipart('签字页.png', bytes);
      const uploaded = await app.inject({
        method: 'POST',
        url: `/api/v1/agreements/${agreement.id}/attachments`,
        headers: { cookie: officer, ...body.headers },
        payload: body.payload,
      });
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      await app.close();
      const file = path.join(dir, `${engine}.backup`);
      await backup(source, file);
      await source.close();

      const target = await freshDatabase(engine);
      try {
        await restore(target, file);
        const restored = await demoApp(target);
        const cookie = await signIn(restored, 'officer@jiading.demo');
        const got = await restored.inject({
          method: 'GET',
          url: `/api/v1/agreements/${agreement.id}/attachments/${uploaded.json().id}`,
          headers: { cookie },
        });
        expect(got.statusCode).toBe(200);
        expect(got.headers['content-type']).toBe('image/png');
        expect(got.rawPayload.equals(bytes)).toBe(true);
        expect(got.headers['x-checksum-sha256']).toBe(createHash('sha256').update(bytes).digest('hex'));
        await restored.close();
      } finally {
        await target.close();
      }
    },
    180_000,
  );
});
