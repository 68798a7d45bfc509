import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import type { AuditActor } from '../audit/service.ts';
import { createTenant } from '../tenants/service.ts';
import { funnel } from './funnel.ts';
import { listProjects } from './list.ts';
import { createProject, updateProject } from './service.ts';
import type { Viewer } from './visibility.ts';

interface Made {
  id: string;
  title: string;
  prospectName: string | null;
  code: string | null;
}

const viewer: Viewer = {
  userId: '00000000-0000-7000-8000-000000000000',
  role: 'admin',
  townCodes: [],
  partnerId: null,
};

// Titles and prospects with the words searched below, in both scripts, beside near misses.
const rows: { title: string; prospectName?: string; code?: string }[] = [
  { title: '氢能重卡整车项目', code: 'JD-2026-001' },
  { title: '氢燃料电池系统研发中心', prospectName: 'Example Fuel Cells' },
  { title: '燃料电池电堆生产基地', prospectName: 'HYDROGENICS GmbH' },
  { title: '加氢站建设', prospectName: '上海氢能科技' },
  { title: '能源管理平台', prospectName: 'Energy Hub' },
  { title: '100%绿电园区', code: 'GREEN_1' },
  { title: '1000亩绿电基地' },
  { title: 'PLAN_1 园区' },
  { title: 'PLANX1 园区' },
  { title: 'Fuel-cell test line', prospectName: '某测试认证机构' },
  { title: '车规级芯片封测线', prospectName: 'Cellular Semi' },
  ...Array.from({ length: 60 }, (_, i) => ({ title: `氢能项目 ${i}` })),
];

/** What an exact search returns: the title or prospect contains the words, ignoring case, or the code is them. */
const expected = (made: Made[], q: string) =>
  made
    .filter(
      (p) =>
        p.title.toLowerCase().includes(q.toLowerCase()) ||
        (p.prospectName ?? '').toLowerCase().includes(q.toLowerCase()) ||
        p.code === q,
    )
    .map((p) => p.id)
    .sort();

describe.each(testEngines())('project search on %s', (engine) => {
  let database: Database;
  let actor: AuditActor;
  let other: AuditActor;
  let made: Made[];
  let theirs: Made[];

  beforeAll(async () => {
    database = await freshDatabase(engine);
    const by = { email: 'test@lodestone', userId: null };
    actor = {
      ...by,
      tenantId: (
        await createTenant(database.db, { slug: 'search-a', nameZh: '甲', divisionCode: '310114' }, by)
      ).id,
    };
    other = {
      ...by,
      tenantId: (
        await createTenant(database.db, { slug: 'search-b', nameZh: '乙', divisionCode: '310114' }, by)
      ).id,
    };
    made = await inTenant(database.db, actor.tenantId, async (tx) => {
      const out: Made[] = [];
      for (const r of rows) out.push(await createProject(tx, actor, r));
      return out;
    });
    // The other tenant holds the same words: none of its projects may show.
    theirs = await inTenant(database.db, other.tenantId, async (tx) => [
      await createProject(tx, other, { title: '氢能重卡整车项目（乙）', prospectName: 'Example Fuel Cells' }),
      await createProject(tx, other, { title: '乙方项目', code: 'JD-2026-001' }),
    ]);
  });
  afterAll(async () => {
    await database?.close();
  });

  /** Every match, page by page through the list's keyset cursor. */
  async function search(tenant: AuditActor, q: string) {
    const ids: string[] = [];
    let cursor: string | undefined;
    let total = 0;
    do {
      const page = await inTenant(database.db, tenant.tenantId, (tx) =>
        listProjects(tx, viewer, { q, sort: 'title', order: 'asc', limit: 25, cursor }),
      );
      if (!cursor) total = page.total;
      ids.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { ids: ids.sort(), total };
  }

  it.each([
    ['氢能', 'a two-character Chinese word, more matches than a page'],
    ['燃料电池', 'a longer Chinese word'],
    ['氢', 'one character (no pair to look up)'],
    ['fuel', 'a Latin word in another case'],
    ['ELL', 'part of a word, in capitals'],
    ['ydrogen', 'the inside of a word'],
    ['fuel-cell', 'words with a hyphen'],
    ['0%绿', 'a LIKE wildcard, taken literally'],
    ['N_1', 'an underscore, taken literally'],
    ['JD-2026-001', 'a whole project code'],
    ['JD-2026', 'part of a code, which is not a title'],
    ['不存在', 'no match'],
  ])('finds exactly the projects that contain %s (%s), and only the tenant’s own', async (q) => {
    const found = await search(actor, q);
    expect(found.ids).toEqual(expected(made, q));
    expect(found.total).toBe(found.ids.length);
    for (const p of theirs) expect(found.ids).not.toContain(p.id);
  });

  it('keeps to the caller’s tenant, which the search function reads from the transaction as the policy does', async () => {
    expect(expected(made, '氢能').length).toBeGreaterThan(50);
    expect((await search(other, '氢能')).ids).toEqual([theirs[0]?.id]);
    expect((await search(other, 'JD-2026-001')).ids).toEqual([theirs[1]?.id]);
    // Called outside a tenant's transaction it refuses rather than search every tenant.
    await expect(
      database.db.execute(sql`select * from lodestone_project_search('氢能', '%氢能%')`),
    ).rejects.toThrow();
  });

  it('can answer from the pair index (the function runs the containment test where no policy blocks it)', async () => {
    const plan = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const { rows } = (await tx.execute(sql`explain select id from projects
        where search_grams @> lodestone_project_search_grams('氢能', null)`)) as unknown as {
        rows: Record<string, string>[];
      };
      return rows.map((r) => Object.values(r).join('')).join('\n');
    });
    expect(plan).toContain('projects_search_grams');
  });

  it('follows edits of the title and prospect, and the funnel counts the same matches', async () => {
    const target = made[4] as Made;
    await inTenant(database.db, actor.tenantId, async (tx) => {
      const [row] = (await listProjects(tx, viewer, { q: '能源管理', sort: 'title', order: 'asc', limit: 5 }))
        .items;
      if (!row) throw new Error('project not found');
      await updateProject(tx, actor, row, { title: '储能电站', prospectName: 'Storage Partners' });
    });
    expect((await search(actor, '能源管理')).ids).toEqual([]);
    expect((await search(actor, '储能')).ids).toEqual([target.id]);
    expect((await search(actor, 'storage')).ids).toEqual([target.id]);
    const figures = await inTenant(database.db, actor.tenantId, (tx) =>
      funnel(tx, viewer, { q: '氢能' }, 'none', 'month'),
    );
    expect(figures.groups[0]?.count).toBe(expected(made, '氢能').length);
  });
});
