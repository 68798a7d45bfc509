import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openReadyDatabase } from '../db/bootstrap.ts';
import { apiTokens } from '../modules/identity/schema.ts';
import { signInOver, startServe } from '../test/process.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-serve-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the server process', () => {
  it('starts on the embedded database, prints the demo logins, refuses a second process and stops cleanly', async () => {
    const dataDir = tempDir();
    const server = await startServe({ DATA_DIR: dataDir });
    expect(server.output()).toContain('admin@jiading.demo');
    expect(server.output()).toMatch(/PUBLIC/);
    const health = await (await fetch(`${server.baseUrl}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', engine: 'pglite' });

    const second = startServe({ DATA_DIR: dataDir });
    await expect(second).rejects.toThrow(/in use by process \d+/);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'lodestone.lock'))).toBe(false);
  });

  it('finishes a request in flight when asked to stop', async () => {
    const server = await startServe({ DATA_DIR: tempDir(), LOG_LEVEL: 'info' });
    const cookie = await signInOver(server.baseUrl, 'admin@jiading.demo');
    const arrivals = () => server.output().split('incoming request').length - 1;
    const before = arrivals();
    // Sign-in hashes a password (tens of ms), so it is still running when the signal lands.
    const inFlight = fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'viewer@jiading.demo', password: 'lodestone-demo' }),
    });
    // The signal goes once the server has the request: one that arrives after shutdown began is rightly
    // answered 503, and a fixed wait lost that race on a loaded machine.
    await vi.waitFor(() => expect(arrivals()).toBeGreaterThan(before), { interval: 1, timeout: 10_000 });
    server.child.kill('SIGTERM');
    const done = await inFlight;
    expect(done.status).toBe(200);
    expect(await server.exited).toBe(0);
    expect(cookie).toMatch(/^lodestone_session=/);
  });

  it('loses no acknowledged write when killed with SIGKILL in the middle of a burst', async () => {
    const dataDir = tempDir();
    const server = await startServe({ DATA_DIR: dataDir });
    const cookie = await signInOver(server.baseUrl, 'admin@jiading.demo');
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (n: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await fetch(`${server.baseUrl}/api/v1/auth/tokens`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify({ name: `burst-${n}-${i}` }),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          return;
        }
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 10));
    server.child.kill('SIGKILL');
    await server.exited;
    stop = true;
    await Promise.all(writers);

    const database = await openReadyDatabase({ dataDir });
    try {
      const stored = new Set(
        (await database.db.select({ id: apiTokens.id }).from(apiTokens)).map((r) => r.id),
      );
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(60);
      expect(lost).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
