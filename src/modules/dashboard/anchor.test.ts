import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { benchCockpit } from '../../../bench/cockpit.ts';
import { openReadyDatabase } from '../../db/bootstrap.ts';
import { seedDemo } from '../demo/seed.ts';

// The benchmark's anchor must count what the cockpit counts: DuckDB scanning the exported rows gives the same
// figures, or the benchmark throws. Checked here on the full-scale generators at a hundredth of the size.
describe('cockpit benchmark anchor (DuckDB)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestone-anchor-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('computes the same figures as the cockpit from the same rows', async () => {
    const database = await openReadyDatabase({ dataDir: dir });
    await seedDemo(database, {
      scale: 'full',
      registry: { newCitySince2021: 1_172, elsewhereSince2021: 480, olderStock: 2_320 },
      pipeline: { majorNewCitySince2021: 31, otherProjects: 400 },
    });
    await database.close();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await benchCockpit({ companies: 0, projects: 0, dataDir: dir, runs: 1 });
      const lines = log.mock.calls.map((call) => String(call[0]));
      expect(lines.filter((line) => line.includes('figures equal'))).toHaveLength(3);
      expect(lines.some((line) => line.includes('1,172 new companies, 31 major projects'))).toBe(true);
    } finally {
      log.mockRestore();
    }
  }, 300_000);
});
