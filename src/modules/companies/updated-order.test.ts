import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { companiesCsv } from '../demo/company-generator.ts';
import { seedDemo } from '../demo/seed.ts';
import { findTenant } from '../tenants/service.ts';
import { importCompanies } from './import/pipeline.ts';
import { importJobs } from './schema.ts';
import { listCompanies } from './search.ts';

/**
 * The last-updated list while an import runs in another session (PostgreSQL only: on the embedded engine the import
 * holds the only session). The import's rows all carry its start as their update time, and until its commit none of
 * them is visible: the list must show the registry as it was, and must not read through the import's row versions.
 */
describe.runIf(testEngines().includes('postgres'))(
  'the last-updated list during an import on postgres',
  () => {
    let database: Database;
    let tenantId: string;

    beforeAll(async () => {
      database = await freshDatabase('postgres');
      await seedDemo(database);
      tenantId = (await findTenant(database.db, 'jiading'))?.id as string;
      // Large enough that the planner walks the last-updated index for a page, as it does for a real registry.
      await importCompanies(
        database,
        { buffer: Buffer.from(companiesCsv(5_000, 77)) },
        { fileName: 'registry.csv', actor: { tenantId, userId: null, email: 'importer@test' } },
      );
    });
    afterAll(() => database?.close());

    /** The first page, last updated first, and how many entries of the last-updated index the reading took. */
    const lastUpdated = () =>
      inTenant(database.db, tenantId, async (tx) => {
        // A registry this small would be read whole and sorted; the index walk is what a large one gets.
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        // PostgreSQL 15 sends a connection's counts to the statistics at most once a second, and until then its
        // "this transaction" figure still holds what earlier transactions on the connection read: count the change.
        const entries = async () =>
          (
            (await tx.execute(
              sql`select pg_stat_get_xact_tuples_returned('companies_sort_updated'::regclass)::int as n`,
            )) as unknown as { rows: { n: number }[] }
          ).rows[0]?.n ?? 0;
        const from = await entries();
        const page = await listCompanies(tx, { sort: 'updated', order: 'desc', limit: 20 });
        return {
          ids: page.items.map((c) => c.id),
          updatedAt: page.items.map((c) => c.updatedAt.toISOString()),
          entriesRead: (await entries()) - from,
        };
      });

    it('shows the registry as it was with edits saved meanwhile on top, and reads none of the rows it is writing', async () => {
      const startedAt = new Date();
      const jobId = await inTenant(database.db, tenantId, async (tx) => {
        const [job] = await tx
          .insert(importJobs)
          .values({ tenantId, entity: 'companies', fileName: 'running.csv', status: 'running', startedAt })
          .returning({ id: importJobs.id });
        return job?.id as string;
      });
      const before = await lastUpdated();
      if (database.raw.engine !== 'postgres') throw new Error('postgres only');
      const importer = await database.raw.pool.connect();
      let editedId = '';
      try {
        await importer.query('begin');
        // Every company but the first five (by id), which stay free for an officer to edit meanwhile.
        const written = await importer.query(
          `update companies set employees = coalesce(employees, 0) + 1, updated_at = $1
         where tenant_id = $2 and id > (select id from companies where tenant_id = $2 order by id offset 4 limit 1)`,
          [startedAt.toISOString(), tenantId],
        );
        expect(written.rowCount).toBeGreaterThan(4_900);

        editedId = await inTenant(database.db, tenantId, async (tx) => {
          const { rows } = (await tx.execute(
            sql`update companies set park = '嘉定工业区', updated_at = now()
              where id = (select id from companies order by id limit 1) returning id`,
          )) as unknown as { rows: { id: string }[] };
          return rows[0]?.id as string;
        });

        const during = await lastUpdated();
        expect(during.ids).toEqual([editedId, ...before.ids.filter((id) => id !== editedId)].slice(0, 20));
        // Without skipping the import's moment the walk would read each of its nearly 5,000 row versions first.
        expect(during.entriesRead).toBeLessThan(100);

        await importer.query(`update import_jobs set status = 'done' where id = $1`, [jobId]);
        await importer.query('commit');
      } finally {
        importer.release();
      }
      const after = await lastUpdated();
      expect(after.ids[0]).toBe(editedId);
      expect(new Set(after.updatedAt.slice(1))).toEqual(new Set([startedAt.toISOString()]));
    });
  },
);
