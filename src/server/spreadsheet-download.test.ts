import fs from 'node:fs';
import os from 'node:os';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { sendSpreadsheet } from './spreadsheet-download.ts';

const folders = () => new Set(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('lodestone-widgets-')));

describe('sendSpreadsheet', () => {
  const app = Fastify();
  app.get('/ok', (_req, reply) =>
    sendSpreadsheet(reply, 'widgets', 'csv', async (file) => fs.writeFileSync(file, 'a,b\n1,2\n')),
  );
  app.get('/fails', (_req, reply) =>
    sendSpreadsheet(reply, 'widgets', 'xlsx', async (file) => {
      fs.writeFileSync(file, 'half');
      throw new Error('the database went away');
    }),
  );
  afterAll(() => app.close());

  it('sends the written file as a dated attachment and removes its folder afterwards', async () => {
    const before = folders();
    const res = await app.inject('/ok');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('a,b\n1,2\n');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="widgets-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...folders()].filter((f) => !before.has(f))).toEqual([]);
  });

  it('removes the folder of a failed export and lets the error through', async () => {
    const before = folders();
    const res = await app.inject('/fails');
    expect(res.statusCode).toBe(500);
    expect([...folders()].filter((f) => !before.has(f))).toEqual([]);
  });
});
