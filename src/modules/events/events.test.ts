import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { demoApp, signIn, signInOtherTenant } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { createUser } from '../identity/service.ts';

const operator = { email: 'test@lodestone', userId: null };
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Attendee {
  id: string;
  name: string;
  organisationId: string | null;
  organisation: string | null;
  checkedInAt: string | null;
  rsvp: string;
}
interface Stop {
  siteId: string;
  startsAt: string;
  endsAt: string;
}
interface Group {
  name: string;
  headCount: number;
  stops: Stop[];
}

async function xlsx(rows: (string | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名单');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function multipart(fileName: string, content: Buffer) {
  const boundary = '----lodestone-events-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(testEngines())('events API on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;
  let admin: string;
  let viewer: string;
  let partner: string;
  let other: string;
  let demoEvent: string;
  let siteIds: Record<string, string>;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
    admin = await signIn(app, 'admin@jiading.demo');
    viewer = await signIn(app, 'viewer@jiading.demo');
    partner = await signIn(app, 'partner@jiading.demo');
    other = await signInOtherTenant(app, 'admin');
    demoEvent = (await call('GET', '/api/v1/events', officer)).json().items[0].id;
    siteIds = Object.fromEntries(
      (await call('GET', '/api/v1/sites', officer))
        .json()
        .items.map((s: { nameEn: string; id: string }) => [s.nameEn, s.id]),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (method: Method, url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const upload = (eventId: string, content: Buffer, cookie = officer) => {
    const body = multipart('名单.xlsx', content);
    return app.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/attendees/import`,
      headers: { ...body.headers, cookie },
      payload: body.payload,
    });
  };
  const attendees = async (eventId: string): Promise<Attendee[]> =>
    (await call('GET', `/api/v1/events/${eventId}/attendees`, officer)).json().items;
  const newEvent = async (over: object = {}) => {
    const res = await call('POST', '/api/v1/events', officer, {
      kind: 'promotion_conference',
      titleZh: '嘉定新城投资推介会',
      titleEn: 'Jiading New City investment promotion conference',
      startsAt: '2026-06-02T09:00:00+08:00',
      endsAt: '2026-06-02T17:00:00+08:00',
      host: '嘉定区人民政府',
      organisers: ['嘉定区投资促进服务中心'],
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  it('holds the article’s visit: a Tuesday, 100 organisations attending, the four sites, leads in later months', async () => {
    const got = (await call('GET', `/api/v1/events/${demoEvent}`, officer)).json();
    expect(got.event.kind).toBe('delegation_visit');
    const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', weekday: 'long' }).format(
      new Date(got.event.startsAt),
    );
    expect(weekday).toBe('Tuesday');
    expect(got.organisations).toHaveLength(100);
    const outcomes = (await call('GET', `/api/v1/events/${demoEvent}/outcomes`, officer)).json();
    expect(outcomes.attendingParties).toBe(100);
    const itinerary = (await call('GET', `/api/v1/events/${demoEvent}/itinerary`, officer)).json();
    const visited = new Set(itinerary.groups.flatMap((g: Group) => g.stops.map((s) => s.siteId)));
    expect(visited).toEqual(
      new Set(
        [
          'Jiading New City Exhibition Hall',
          'Jiading Hydrogen Energy Harbor',
          'Shanghai Intelligent Automobile Software Park',
          'Jiading Industrial Internet Base',
        ].map((n) => siteIds[n]),
      ),
    );
    const check = await call('POST', `/api/v1/events/${demoEvent}/itinerary/check`, officer, itinerary);
    expect(check.json()).toMatchObject({ ok: true, conflicts: [], warnings: [] });
    const leads = (await call('GET', `/api/v1/events/${demoEvent}/leads`, officer)).json().items;
    expect(leads.length).toBeGreaterThan(0);
    const ended = Date.parse(got.event.endsAt);
    for (const lead of leads) {
      expect(lead.source).toBe('event');
      expect(Date.parse(lead.createdAt)).toBeGreaterThan(ended);
    }
    expect(new Set(leads.map((l: { createdAt: string }) => l.createdAt.slice(0, 7))).size).toBeGreaterThan(1);
  });

  it('counts outcomes that equal a recount from the attendee and project rows', async () => {
    const outcomes = (await call('GET', `/api/v1/events/${demoEvent}/outcomes`, officer)).json();
    const list = await attendees(demoEvent);
    const came = list.filter((a) => a.checkedInAt !== null);
    const parties = new Set(came.map((a) => a.organisationId ?? a.id));
    const leads = (await call('GET', `/api/v1/events/${demoEvent}/leads`, officer)).json().items;
    const projects = [];
    for (const lead of leads) {
      const p = (await call('GET', `/api/v1/projects/${lead.id}`, officer)).json();
      expect(p.eventId).toBe(demoEvent);
      projects.push(p);
    }
    const signed = projects.filter((p) => p.signedAt !== null);
    expect(outcomes).toMatchObject({
      attendees: list.length,
      accepted: list.filter((a) => a.rsvp === 'accepted').length,
      checkedIn: came.length,
      attendingParties: parties.size,
      leads: projects.length,
      projectsSigned: signed.length,
      amountSignedYuan: signed.reduce((n, p) => n + BigInt(p.amountYuan ?? 0), 0n).toString(),
    });
    expect(signed.length).toBeGreaterThan(0);
    expect(signed.some((p) => p.stage === 'on_hold')).toBe(true);
    expect(outcomes.conversion).toBeCloseTo(signed.length / parties.size, 4);
    const monthly = outcomes.byMonth.reduce(
      (n: { leads: number; signed: number }, m: { leads: number; signed: number }) => ({
        leads: n.leads + m.leads,
        signed: n.signed + m.signed,
      }),
      { leads: 0, signed: 0 },
    );
    expect(monthly).toEqual({ leads: projects.length, signed: signed.length });
  });

  it('creates a lead from the event through the projects service, with its audit row', async () => {
    const before = (await call('GET', `/api/v1/events/${demoEvent}/outcomes`, officer)).json();
    const res = await call('POST', `/api/v1/events/${demoEvent}/leads`, officer, {
      title: '考察后意向：氢能重卡示范运营',
      prospectName: '某氢能物流企业',
      prospectCountry: 'CN',
      amount: '3000万',
      townCode: '310114103',
    });
    expect(res.statusCode, res.body).toBe(201);
    const project = (await call('GET', `/api/v1/projects/${res.json().id}`, officer)).json();
    expect(project).toMatchObject({
      source: 'event',
      eventId: demoEvent,
      stage: 'lead',
      amountYuan: '30000000',
    });
    const audit = (await call('GET', `/api/v1/projects/${project.id}/audit`, officer)).json().items;
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entity: 'projects' })]);
    const after = (await call('GET', `/api/v1/events/${demoEvent}/outcomes`, officer)).json();
    expect(after.leads).toBe(before.leads + 1);
    const bad = await call('POST', `/api/v1/events/${demoEvent}/leads`, officer, { title: '' });
    expect(bad.statusCode).toBe(400);
    const smuggled = await call('POST', `/api/v1/events/${demoEvent}/leads`, officer, {
      title: 'x',
      source: 'direct',
    });
    expect(smuggled.statusCode).toBe(400);
    expect((await call('GET', `/api/v1/events/${demoEvent}/outcomes`, officer)).json().leads).toBe(
      after.leads,
    );
    // An event that produced leads stays: what it produced must remain traceable.
    expect((await call('DELETE', `/api/v1/events/${demoEvent}`, admin)).statusCode).toBe(409);
  });

  it('keeps events, refuses an end before the start, and audits the changes', async () => {
    const before = (await call('GET', '/api/v1/events?limit=200', officer)).json().items.length;
    const backwards = await call('POST', '/api/v1/events', officer, {
      kind: 'signing_ceremony',
      titleZh: '签约仪式',
      startsAt: '2026-06-02T17:00:00+08:00',
      endsAt: '2026-06-02T09:00:00+08:00',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().type).toBe('urn:lodestone:problem:end-before-start');
    const unknownKind = await call('POST', '/api/v1/events', officer, {
      kind: 'party',
      titleZh: 'x',
      startsAt: '2026-06-02T09:00:00+08:00',
      endsAt: '2026-06-02T10:00:00+08:00',
    });
    expect(unknownKind.statusCode).toBe(400);
    expect((await call('GET', '/api/v1/events?limit=200', officer)).json().items.length).toBe(before);

    const id = await newEvent();
    const patched = await call('PATCH', `/api/v1/events/${id}`, officer, {
      endsAt: '2026-06-01T09:00:00+08:00',
    });
    expect(patched.statusCode).toBe(400);
    const still = (await call('GET', `/api/v1/events/${id}`, officer)).json().event;
    expect(still.endsAt).toBe('2026-06-02T09:00:00.000Z');
    const renamed = await call('PATCH', `/api/v1/events/${id}`, officer, { venue: '嘉定新城规划展示馆' });
    expect(renamed.json().venue).toBe('嘉定新城规划展示馆');
    const trail = (await call('GET', `/api/v1/audit?entity=events&entityId=${id}`, admin)).json().items;
    expect(trail.map((a: { action: string }) => a.action)).toEqual(['update', 'create']);
    const listed = (await call('GET', '/api/v1/events?kind=promotion_conference', officer)).json().items;
    expect(listed.map((e: { id: string }) => e.id)).toContain(id);
    expect((await call('DELETE', `/api/v1/events/${id}`, officer)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/events/${id}`, officer)).statusCode).toBe(404);
  });

  it('keeps each person once on a list, with RSVP and an idempotent check-in', async () => {
    const id = await newEvent();
    const org = await call('POST', `/api/v1/events/${id}/organisations`, officer, {
      name: '上海市区块链技术协会',
    });
    expect(org.statusCode, org.body).toBe(201);
    expect(
      (await call('POST', `/api/v1/events/${id}/organisations`, officer, { name: '上海市区块链技术协会' }))
        .statusCode,
    ).toBe(409);
    const organisationId = org.json().id;
    const added = await call('POST', `/api/v1/events/${id}/attendees`, officer, {
      name: '施伟杰',
      organisationId,
      title: '副秘书长',
      rsvp: 'accepted',
    });
    expect(added.statusCode, added.body).toBe(201);
    const twice = await call('POST', `/api/v1/events/${id}/attendees`, officer, {
      name: ' 施伟杰 ',
      organisationId,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().type).toBe('urn:lodestone:problem:attendee-twice');
    expect(await attendees(id)).toHaveLength(1);
    const aid = added.json().id;
    const first = await call('POST', `/api/v1/events/${id}/attendees/${aid}/check-in`, officer);
    expect(first.json()).toMatchObject({ already: false, attendee: { checkedInBy: 'officer@jiading.demo' } });
    const again = await call('POST', `/api/v1/events/${id}/attendees/${aid}/check-in`, admin);
    expect(again.json()).toMatchObject({
      already: true,
      attendee: { checkedInAt: first.json().attendee.checkedInAt },
    });
    const undone = await call('DELETE', `/api/v1/events/${id}/attendees/${aid}/check-in`, officer);
    expect(undone.json().checkedInAt).toBeNull();
    expect(
      (await call('DELETE', `/api/v1/events/${id}/organisations/${organisationId}`, officer)).statusCode,
    ).toBe(409);
    expect(
      (await call('PATCH', `/api/v1/events/${id}/attendees/${aid}`, officer, { email: 'not-an-address' }))
        .statusCode,
    ).toBe(400);
    const viewerTry = await call('POST', `/api/v1/events/${id}/attendees/${aid}/check-in`, viewer);
    expect(viewerTry.statusCode).toBe(403);
  });

  it('imports a list from XLSX all or nothing, naming every bad row', async () => {
    const id = await newEvent();
    const header = ['姓名', '单位', '职务', '手机', '邮箱', '回执'];
    const good = await xlsx([
      header,
      ['王立群', '上海市汽车行业协会', '秘书长', '13900000001', 'wang@example.cn', '参加'],
      ['李敏', '嘉定区工商业联合会', '部长', '13900000002', null, '待定'],
      [
        'Anna Schmidt',
        'Yangtze Delta Investment Services Centre',
        'Director',
        null,
        'anna@example.de',
        'yes',
      ],
    ]);
    const imported = await upload(id, good);
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toEqual({ imported: 3, organisationsAdded: 3 });
    const list = await attendees(id);
    expect(list.map((a) => [a.name, a.organisation, a.rsvp])).toEqual(
      expect.arrayContaining([
        ['王立群', '上海市汽车行业协会', 'accepted'],
        ['李敏', '嘉定区工商业联合会', 'pending'],
      ]),
    );
    // The association is a partner of the district: the import links it.
    const orgs = (await call('GET', `/api/v1/events/${id}`, officer)).json().organisations;
    expect(orgs.find((o: { name: string }) => o.name === '上海市汽车行业协会').partnerId).not.toBeNull();

    const bad = await xlsx([
      header,
      ['赵强', '上海市氢能行业协会', null, null, null, null],
      ['赵强', '上海市氢能行业协会', null, null, null, null],
      ['王立群', '上海市汽车行业协会', null, null, null, null],
      ['钱程', null, null, null, 'not-mail', null],
      ['孙悦', null, null, null, null, 'maybe'],
      [null, '某单位', null, null, null, null],
    ]);
    const refused = await upload(id, bad);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toBe('urn:lodestone:problem:import-rejected');
    expect(refused.json().errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(refused.json().errors[0].message).toMatch(/twice \(rows 2 and 3\)/);
    expect(await attendees(id)).toHaveLength(3);
    expect((await call('GET', `/api/v1/events/${id}`, officer)).json().organisations).toHaveLength(3);

    const noName = await upload(id, await xlsx([['单位'], ['某单位']]));
    expect(noName.statusCode).toBe(422);
    const notXlsx = await upload(id, Buffer.from('name,organisation\n张三,某单位\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().type).toBe('urn:lodestone:problem:not-xlsx');
    expect(await attendees(id)).toHaveLength(3);
  });

  it('refuses an infeasible itinerary with every conflict named and keeps the old one', async () => {
    const id = await newEvent({ kind: 'delegation_visit', startsAt: '2026-06-02T08:00:00+08:00' });
    const hall = siteIds['Jiading New City Exhibition Hall'] as string;
    const harbor = siteIds['Jiading Hydrogen Energy Harbor'] as string;
    const t = (hhmm: string) => `2026-06-02T${hhmm}:00+08:00`;
    const good = {
      groups: [
        {
          name: '1号车',
          headCount: 40,
          stops: [
            { siteId: hall, startsAt: t('09:00'), endsAt: t('10:00') },
            { siteId: harbor, startsAt: t('10:30'), endsAt: t('11:30') },
          ],
        },
      ],
    };
    expect((await call('PUT', `/api/v1/events/${id}/itinerary`, officer, good)).statusCode).toBe(200);
    const saved = (await call('GET', `/api/v1/events/${id}/itinerary`, officer)).json();

    const bad = {
      groups: [
        {
          name: '1号车',
          headCount: 200,
          stops: [
            { siteId: hall, startsAt: t('09:00'), endsAt: t('10:00') },
            { siteId: hall, startsAt: t('09:30'), endsAt: t('10:30') },
            { siteId: harbor, startsAt: t('10:40'), endsAt: t('11:00') },
            { siteId: harbor, startsAt: t('12:00'), endsAt: t('11:30') },
            { siteId: harbor, startsAt: t('17:00'), endsAt: t('18:00') },
          ],
        },
      ],
    };
    const checked = (await call('POST', `/api/v1/events/${id}/itinerary/check`, viewer, bad)).json();
    expect(checked.ok).toBe(false);
    const codes = new Set(checked.conflicts.map((c: { code: string }) => c.code));
    expect(codes).toEqual(
      new Set([
        'over-capacity',
        'stops-overlap',
        'too-little-travel-time',
        'end-before-start',
        'outside-opening-hours',
        'outside-event',
      ]),
    );
    const refused = await call('PUT', `/api/v1/events/${id}/itinerary`, officer, bad);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json().type).toBe('urn:lodestone:problem:itinerary-infeasible');
    expect(refused.json().conflicts).toEqual(checked.conflicts);
    expect((await call('GET', `/api/v1/events/${id}/itinerary`, officer)).json()).toEqual(saved);
    // Moving the event a day away from its saved itinerary is refused the same way, and changes nothing.
    const event = (await call('GET', `/api/v1/events/${id}`, officer)).json().event;
    const dayLater = (iso: string) => new Date(Date.parse(iso) + 86_400_000).toISOString();
    const moved = await call('PATCH', `/api/v1/events/${id}`, officer, {
      startsAt: dayLater(event.startsAt),
      endsAt: dayLater(event.endsAt),
    });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().conflicts.map((c: { code: string }) => c.code)).toContain('outside-event');
    expect((await call('GET', `/api/v1/events/${id}`, officer)).json().event.startsAt).toBe(event.startsAt);
    // A site on an itinerary stays.
    expect((await call('DELETE', `/api/v1/sites/${harbor}`, admin)).statusCode).toBe(409);
    const trail = (await call('GET', `/api/v1/audit?entity=event_itinerary&entityId=${id}`, admin)).json()
      .items;
    expect(trail).toHaveLength(1);
  });

  it('shows a town officer every event (they span towns), and keeps their leads to their towns', async () => {
    await createUser(
      database.db,
      {
        tenantSlug: 'jiading',
        email: 'anting@jiading.test',
        password: 'anting-password',
        role: 'officer',
        townCodes: ['310114103'],
      },
      operator,
    );
    const anting = await signIn(app, 'anting@jiading.test', 'anting-password');
    const all = (await call('GET', '/api/v1/events', officer)).json().items;
    expect((await call('GET', '/api/v1/events', anting)).json().items).toEqual(all);
    const outside = await call('POST', `/api/v1/events/${demoEvent}/leads`, anting, {
      title: '马陆镇项目',
      townCode: '310114106',
    });
    expect(outside.statusCode).toBe(403);
    const inside = await call('POST', `/api/v1/events/${demoEvent}/leads`, anting, {
      title: '安亭镇项目',
      townCode: '310114103',
    });
    expect(inside.statusCode).toBe(201);
    // Their outcome counts the leads they may see: those in their towns.
    const theirs = (await call('GET', `/api/v1/events/${demoEvent}/leads`, anting)).json().items;
    const outcomes = (await call('GET', `/api/v1/events/${demoEvent}/outcomes`, anting)).json();
    expect(outcomes.leads).toBe(theirs.length);
    for (const lead of theirs)
      expect((await call('GET', `/api/v1/projects/${lead.id}`, anting)).json().townCode).toBe('310114103');
    const everyone = (await call('GET', `/api/v1/events/${demoEvent}/outcomes`, officer)).json();
    expect(everyone.leads).toBeGreaterThan(outcomes.leads);
  });

  it('shows a partner no event, and another tenant none of this one’s', async () => {
    const aid = (await attendees(demoEvent))[0]?.id;
    const routes: [Method, string, object?][] = [
      ['GET', `/api/v1/events/${demoEvent}`],
      ['PATCH', `/api/v1/events/${demoEvent}`, { venue: 'x' }],
      ['DELETE', `/api/v1/events/${demoEvent}`],
      ['GET', `/api/v1/events/${demoEvent}/attendees`],
      ['POST', `/api/v1/events/${demoEvent}/attendees`, { name: 'x' }],
      ['PATCH', `/api/v1/events/${demoEvent}/attendees/${aid}`, { rsvp: 'declined' }],
      ['POST', `/api/v1/events/${demoEvent}/attendees/${aid}/check-in`],
      ['POST', `/api/v1/events/${demoEvent}/organisations`, { name: 'x' }],
      ['GET', `/api/v1/events/${demoEvent}/itinerary`],
      ['PUT', `/api/v1/events/${demoEvent}/itinerary`, { groups: [] }],
      ['POST', `/api/v1/events/${demoEvent}/itinerary/check`, { groups: [] }],
      ['GET', `/api/v1/events/${demoEvent}/outcomes`],
      ['GET', `/api/v1/events/${demoEvent}/leads`],
      ['POST', `/api/v1/events/${demoEvent}/leads`, { title: 'x' }],
    ];
    for (const [method, url, body] of routes) {
      expect((await call(method, url, other, body)).statusCode, `other ${method} ${url}`).toBe(404);
      expect((await call(method, url, partner, body)).statusCode, `partner ${method} ${url}`).toBe(403);
    }
    expect((await call('GET', '/api/v1/events', other)).json().items).toEqual([]);
    expect((await call('GET', '/api/v1/events', partner)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/events/${demoEvent}`, viewer)).statusCode).toBe(200);
    expect((await call('PATCH', `/api/v1/events/${demoEvent}`, viewer, { venue: 'x' })).statusCode).toBe(403);
    // The demo event is untouched by all of the above.
    expect((await call('GET', `/api/v1/events/${demoEvent}`, officer)).json().organisations).toHaveLength(
      100,
    );
  });
});
