import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { demoApp, signIn, signInTownOfficer } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { listProjects, type ProjectFilters } from './list.ts';
import type { Viewer } from './visibility.ts';

/** A list's total must equal the rows it stands for, whichever way it was counted (roll-up or rows). */
describe.each(testEngines())('project list totals on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;
  let tenantId: string;
  let zone: { id: string; townCodes: string[] };
  let towns: string[];

  const rowsOf = async (where: string) =>
    (
      (await database.db.execute(
        sql.raw(`select count(*)::int as n from projects where tenant_id = '${tenantId}' and ${where}`),
      )) as unknown as { rows: { n: number }[] }
    ).rows[0]?.n;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
    const tenant = (await database.db.execute(
      sql`select id from tenants where slug = 'jiading'`,
    )) as unknown as {
      rows: { id: string }[];
    };
    tenantId = tenant.rows[0]?.id ?? '';
    const zones = (await database.db.execute(
      sql`select id, town_codes from zones where tenant_id = ${tenantId} order by name_zh limit 1`,
    )) as unknown as { rows: { id: string; town_codes: string[] }[] };
    zone = { id: zones.rows[0]?.id ?? '', townCodes: zones.rows[0]?.town_codes ?? [] };
    // The busiest town of the zone first, so that each case below has several matches.
    const used = (await database.db.execute(
      sql`select town_code from projects where tenant_id = ${tenantId} and town_code is not null group by town_code
        order by (town_code in ${zone.townCodes}) desc, count(*) desc limit 2`,
    )) as unknown as { rows: { town_code: string }[] };
    towns = used.rows.map((r) => r.town_code);
    // Moves change the stage roll-up the counts may come from: the totals must follow them.
    const page = (
      await app.inject({ url: '/api/v1/projects?stage=lead&limit=5', headers: { cookie: officer } })
    ).json();
    for (const p of page.items) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/projects/${p.id}/stage`,
        headers: { cookie: officer },
        payload: { to: 'contacted' },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const quote = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');
  const cases: [string, () => ProjectFilters, () => string][] = [
    ['no filter', () => ({}), () => 'true'],
    ['a stage', () => ({ stage: ['contacted'] }), () => `stage = 'contacted'`],
    [
      'two stages and a town',
      () => ({ stage: ['lead', 'contacted', 'negotiating'], town: [towns[0] ?? ''] }),
      () => `stage in ('lead', 'contacted', 'negotiating') and town_code = '${towns[0]}'`,
    ],
    [
      'a zone',
      () => ({ zone: zone.id }),
      () => `(zone_id = '${zone.id}' or town_code in (${quote(zone.townCodes)}))`,
    ],
    [
      'a stage and a filter the roll-up lacks',
      () => ({ stage: ['lead', 'contacted'], major: false }),
      () => `stage in ('lead', 'contacted') and (amount_yuan < 100000000 or amount_yuan is null)`,
    ],
  ];

  for (const [name, filters, where] of cases) {
    it(`counts ${name} exactly, for the whole district and for a town-limited officer`, async () => {
      const district: Viewer = { userId: 'x', role: 'officer', townCodes: [], partnerId: null };
      const limited: Viewer = { ...district, townCodes: towns.slice(0, 1) };
      for (const [viewer, extra] of [
        [district, 'true'],
        [limited, `town_code = '${towns[0]}'`],
      ] as const) {
        const page = await inTenant(database.db, tenantId, (tx) =>
          listProjects(tx, viewer, { ...filters(), sort: 'updated', order: 'desc', limit: 1 }),
        );
        const expected = await rowsOf(`${where()} and ${extra}`);
        // More matches than the page holds, so the total is counted rather than read off the page.
        expect(expected).toBeGreaterThan(1);
        expect(page.total).toBe(expected);
        expect(page.totalIsExact).toBe(true);
        expect(page.items).toHaveLength(1);
      }
    });
  }

  it('shows each project of a page as its own page does: names, partner and credit read in the same statement', async () => {
    const seen = new Set<string>();
    let cursor = '';
    do {
      const page = (
        await app.inject({ url: `/api/v1/projects?limit=100${cursor}`, headers: { cookie: officer } })
      ).json();
      for (const item of page.items) {
        const own = (
          await app.inject({ url: `/api/v1/projects/${item.id}`, headers: { cookie: officer } })
        ).json();
        expect(item).toEqual(own);
        seen.add(item.credit.basis);
        if (item.investorCompany) seen.add('investor');
        if (item.registeredCompany) seen.add('registered');
      }
      cursor = page.nextCursor ? `&cursor=${page.nextCursor}` : '';
    } while (cursor);
    // The demo holds every kind of credit and both company links, so each path above was compared.
    expect([...seen].sort()).toEqual(['introducer', 'investor', 'none', 'referral', 'registered']);
  });

  it('answers a repeated page with what the data holds now: a write of any kind, by any path, shows at once', async () => {
    const url = '/api/v1/projects?limit=5&sort=title&order=asc';
    const read = async (cookie = officer) => {
      const res = await app.inject({ url, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      return res.json();
    };
    const first = await read();
    expect(await read()).toEqual(first);
    const [head] = first.items;
    // Through the API: a new title, still first in order.
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/projects/${head.id}`,
      headers: { cookie: officer },
      payload: { title: `! ${head.title}` },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await read()).items[0]).toMatchObject({ id: head.id, title: `! ${head.title}` });
    // Beside the API, in another table the page only names: a partner renamed in the database itself.
    const referrals = '/api/v1/projects?limit=5&source=partner_referral';
    const [referred] = (await app.inject({ url: referrals, headers: { cookie: officer } })).json().items;
    await database.db.execute(
      sql`update partners set name_zh = name_zh || '（更名）' where id = ${referred.partnerId}`,
    );
    const renamed = (await app.inject({ url: referrals, headers: { cookie: officer } })).json().items[0];
    expect(renamed.partner.nameZh).toBe(`${referred.partner.nameZh}（更名）`);
    // The same address for an officer limited to one town: their own page, not the district's.
    const townOfficer = await signInTownOfficer(app, 'list-town@jiading.test', [towns[0] ?? '']);
    const theirs = await read(townOfficer);
    expect(theirs.total).toBe(await rowsOf(`town_code = '${towns[0]}'`));
    expect(theirs.items.every((p: { townCode: string }) => p.townCode === towns[0])).toBe(true);
    expect((await read()).total).toBe(await rowsOf('true'));
  });

  it('counts a partner only what it referred, and a second page the same as the first', async () => {
    const partner = await signIn(app, 'partner@jiading.demo');
    const first = (
      await app.inject({ url: '/api/v1/projects?limit=1', headers: { cookie: partner } })
    ).json();
    const referred = await rowsOf(
      `partner_id = (select partner_id from memberships m join users u on u.id = m.user_id where u.email = 'partner@jiading.demo')`,
    );
    expect(first.total).toBe(referred);
    const second = (
      await app.inject({
        url: `/api/v1/projects?limit=1&cursor=${first.nextCursor}`,
        headers: { cookie: partner },
      })
    ).json();
    expect(second.total).toBe(referred);
    const all = (await app.inject({ url: '/api/v1/projects?limit=2', headers: { cookie: officer } })).json();
    const next = (
      await app.inject({
        url: `/api/v1/projects?limit=2&cursor=${all.nextCursor}`,
        headers: { cookie: officer },
      })
    ).json();
    expect(next.total).toBe(all.total);
    expect(all.total).toBe(await rowsOf('true'));
  });
});
