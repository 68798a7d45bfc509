import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectStageMoves, projects } from '../modules/projects/schema.ts';
import { createTenant } from '../modules/tenants/service.ts';
import { freshDatabase, testEngines } from '../test/databases.ts';
import type { Database } from './client.ts';
import { newId } from './columns.ts';
import { insertJsonRows } from './json-rows.ts';
import { inTenant } from './scope.ts';

type Rows = { rows: Record<string, unknown>[] };

// Values that a JSON round trip could bend: amounts past 2^53, milliseconds, quotes, backslashes, Chinese, nulls.
const project = (title: string, k: number) => ({
  title: `${title} "引号" \\ ${k}`,
  stage: k % 2 ? 'signed' : 'lead',
  signedAt: k % 2 ? new Date(Date.UTC(2024, 1, 29, 15, 59, 59, 987)) : null,
  amount: 9_007_199_254_740_993n + BigInt(k),
  amountYuan: k % 3 ? 123_456_789_012_345_678n : null,
  currency: 'USD',
  foreignFunded: k % 2 === 0,
  expectedJobs: k,
  prospectName: k % 4 ? null : '上汽',
  createdAt: new Date(Date.UTC(2021, 0, 1, 0, 0, 0, k)),
});

describe.each(testEngines())('insertJsonRows on %s', (engine) => {
  let database: Database;
  let tenantId: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    tenantId = (
      await createTenant(
        database.db,
        { slug: 'json', nameZh: '嘉定区', divisionCode: '310114' },
        { email: 'test@lodestone', userId: null },
      )
    ).id;
  });
  afterAll(() => database?.close());

  it('writes the same rows as a Drizzle insert of the same values, defaults and triggers included', async () => {
    const rows = await inTenant(database.db, tenantId, async (tx) => {
      await tx.insert(projects).values([0, 1, 2, 3].map((k) => ({ ...project('a', k), tenantId })));
      await insertJsonRows(
        tx,
        projects,
        [0, 1, 2, 3].map((k) => ({ ...project('b', k), id: newId(), tenantId })),
      );
      const { rows } = (await tx.execute(sql`
        select (to_jsonb(p) - 'id' - 'title' - 'search_grams' - 'updated_at' - 'stage_entered_at')::text as row, reached_stage,
          amount::text as amount, title
        from projects p order by right(title, 1), title`)) as unknown as Rows;
      return rows;
    });
    expect(rows).toHaveLength(8);
    for (let k = 0; k < 4; k++) expect(rows[2 * k + 1]?.row).toEqual(rows[2 * k]?.row);
    // The BEFORE trigger ran: a signed project has reached signing.
    expect(rows[3]).toMatchObject({ reached_stage: 'signed', amount: '9007199254740994' });
  });

  it('gives each row its $defaultFn id and its SQL defaults, and refuses a column only some rows name', async () => {
    await inTenant(database.db, tenantId, async (tx) => {
      const [p] = await tx.select({ id: projects.id }).from(projects).limit(1);
      const move = { tenantId, projectId: p?.id as string, toStage: 'lead', byEmail: 'test@lodestone' };
      await insertJsonRows(tx, projectStageMoves, [move, move]);
      const { rows } = (await tx.execute(
        sql`select count(distinct id)::int as ids, count(*) filter (where at is not null)::int as dated
            from project_stage_moves`,
      )) as unknown as Rows;
      expect(rows[0]).toEqual({ ids: 2, dated: 2 });
      await expect(insertJsonRows(tx, projectStageMoves, [move, { ...move, note: 'x' }])).rejects.toThrow(
        /note is given for some rows/,
      );
    });
  });
});
