import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { addDays, bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import { maxAttachmentBytes } from '../../domain/document-type.ts';
import { demoApp, signIn, signInOtherTenant, signInTownOfficer } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { multipart, tinyPdf } from '../../test/multipart.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface Agreement {
  id: string;
  status: string;
  allowedMoves: string[];
  parties: { kind: string; partnerId: string | null; nameZh: string | null; role: string | null }[];
  projects: { id: string }[];
  [k: string]: unknown;
}

const today = () => civilDate(new Date(), bureauTimeZone);

describe.each(testEngines())('agreements API on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;
  let admin: string;
  let viewer: string;
  let partner: string;
  let officerId: string;
  let portalPartnerId: string;
  let otherPartnerId: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
    admin = await signIn(app, 'admin@jiading.demo');
    viewer = await signIn(app, 'viewer@jiading.demo');
    partner = await signIn(app, 'partner@jiading.demo');
    officerId = (await call('GET', '/api/v1/auth/me', officer)).json().user.id;
    portalPartnerId = (await call('GET', '/api/v1/auth/me', partner)).json().partnerId;
    const partners = (await call('GET', '/api/v1/partners?limit=200', officer)).json().items;
    otherPartnerId = partners.find((p: { id: string }) => p.id !== portalPartnerId).id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (method: Method, url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const upload = (id: string, cookie: string, fileName: string, bytes: Buffer) => {
    const body = multipart(fileName, bytes);
    return app.inject({
      method: 'POST',
      url: `/api/v1/agreements/${id}/attachments`,
      headers: { cookie, ...body.headers },
      payload: body.payload,
    });
  };
  const create = async (payload: object, cookie = officer): Promise<Agreement> => {
    const res = await call('POST', '/api/v1/agreements', cookie, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const history = async (id: string) =>
    (await call('GET', `/api/v1/agreements/${id}/audit`, admin)).json().items;
  const signed = async (payload: object) => {
    const a = await create({ signedOn: addDays(today(), -30), ...payload });
    const res = await call('POST', `/api/v1/agreements/${a.id}/status`, officer, { to: 'signed' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Agreement;
  };

  it('records an agreement with its parties and an audit row for every change', async () => {
    const a = await create({
      kind: 'strategic_cooperation',
      titleZh: '战略合作协议（测试）',
      titleEn: 'Strategic cooperation (test)',
      referenceNo: 'TEST-001',
      parties: [
        { kind: 'tenant', role: '甲方' },
        { kind: 'partner', partnerId: otherPartnerId, role: '乙方' },
        { kind: 'organisation', name: '上海市某协会', role: '见证方' },
      ],
    });
    expect(a).toMatchObject({ status: 'draft', allowedMoves: ['signed'], eventId: null });
    expect(a.parties.map((p) => [p.kind, p.role])).toEqual([
      ['tenant', '甲方'],
      ['partner', '乙方'],
      ['organisation', '见证方'],
    ]);
    expect(a.parties[2]?.nameZh).toBe('上海市某协会');
    const unknownEvent = await call('PATCH', `/api/v1/agreements/${a.id}`, officer, {
      eventId: '0190e4b5-0000-7000-8000-000000000001',
    });
    expect(unknownEvent.statusCode).toBe(409);
    const eventId = (await call('GET', '/api/v1/events', officer)).json().items[0].id as string;
    const patched = await call('PATCH', `/api/v1/agreements/${a.id}`, officer, {
      termStart: '2026-01-01',
      termEnd: '2028-12-31',
      eventId,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ termEnd: '2028-12-31', eventId });
    const trail = await history(a.id);
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(trail[0].before.termEnd).toBeNull();
    expect(trail[0].after.termEnd).toBe('2028-12-31');
    expect(trail[0].after.parties).toHaveLength(3);
    expect(trail[0].actorEmail).toBe('officer@jiading.demo');
  });

  it('refuses bad input with a problem and changes nothing', async () => {
    const before = (await call('GET', '/api/v1/agreements?limit=200', admin)).json().total;
    for (const [body, type] of [
      [{ kind: 'loan', titleZh: 'x' }, 'validation'],
      [{ kind: 'framework', titleZh: 'x', termStart: '2026-05-01', termEnd: '2026-04-01' }, 'invalid-input'],
      [{ kind: 'framework', titleZh: 'x', signedOn: '2026-13-01' }, 'validation'],
      [{ kind: 'commissioned_promotion', titleZh: 'x', parties: [{ kind: 'tenant' }] }, 'invalid-input'],
      [{ kind: 'framework', titleZh: 'x', parties: [{ kind: 'partner' }] }, 'invalid-input'],
      [
        {
          kind: 'framework',
          titleZh: 'x',
          parties: [{ kind: 'partner', partnerId: '0190e4b5-0000-7000-8000-00000000000f' }],
        },
        'invalid-input',
      ],
      [
        { kind: 'framework', titleZh: 'x', projectIds: ['0190e4b5-0000-7000-8000-00000000000f'] },
        'invalid-input',
      ],
      [{ kind: 'framework', titleZh: 'x', referenceNo: 'TEST-001' }, 'conflict'],
    ] as [object, string][]) {
      const res = await call('POST', '/api/v1/agreements', officer, body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().type).toBe(`urn:lodestone:problem:${type}`);
    }
    expect((await call('GET', '/api/v1/agreements?limit=200', admin)).json().total).toBe(before);
  });

  it('moves status by the rules, derives expiry from the term, and deletes only drafts', async () => {
    const a = await create({ kind: 'framework', titleZh: '框架协议（状态）' });
    const early = await call('POST', `/api/v1/agreements/${a.id}/status`, officer, { to: 'signed' });
    expect(early.statusCode).toBe(400);
    const illegal = await call('POST', `/api/v1/agreements/${a.id}/status`, officer, { to: 'in_force' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().type).toBe('urn:lodestone:problem:illegal-move');
    await call('PATCH', `/api/v1/agreements/${a.id}`, officer, {
      signedOn: addDays(today(), -400),
      termStart: addDays(today(), -400),
      termEnd: addDays(today(), -1),
    });
    const s = await call('POST', `/api/v1/agreements/${a.id}/status`, officer, { to: 'signed' });
    expect(s.json()).toMatchObject({ status: 'expired', storedStatus: 'signed', allowedMoves: [] });
    const expired = (await call('GET', `/api/v1/agreements?status=expired&limit=200`, officer)).json().items;
    expect(expired.map((x: Agreement) => x.id)).toContain(a.id);
    const del = await call('DELETE', `/api/v1/agreements/${a.id}`, officer);
    expect(del.statusCode).toBe(409);

    // Extending the term brings it back in force; a renewal is a new draft pointing at the old one.
    await call('PATCH', `/api/v1/agreements/${a.id}`, officer, { termEnd: addDays(today(), 30) });
    const inForce = await call('POST', `/api/v1/agreements/${a.id}/status`, officer, { to: 'in_force' });
    expect(inForce.json().status).toBe('in_force');
    const renewal = await call('POST', `/api/v1/agreements/${a.id}/renew`, officer);
    expect(renewal.statusCode, renewal.body).toBe(201);
    expect(renewal.json()).toMatchObject({
      status: 'draft',
      renewsId: a.id,
      termStart: addDays(today(), 31),
    });
    expect((await call('GET', `/api/v1/agreements/${a.id}`, officer)).json().renewedBy).toEqual([
      { id: renewal.json().id, titleZh: '框架协议（状态）' },
    ]);
    expect((await call('POST', `/api/v1/agreements/${a.id}/renew`, officer)).statusCode).toBe(409);
    expect((await call('DELETE', `/api/v1/agreements/${renewal.json().id}`, officer)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/agreements/${renewal.json().id}`, officer)).statusCode).toBe(404);
    const terminated = await call('POST', `/api/v1/agreements/${a.id}/status`, officer, { to: 'terminated' });
    expect(terminated.json()).toMatchObject({ status: 'terminated', allowedMoves: [] });
    expect((await history(a.id)).some((e: { action: string }) => e.action === 'update')).toBe(true);
  });

  it('filters, sorts and pages the list with a cursor', async () => {
    for (const [i, kind] of (['investment', 'investment', 'framework'] as const).entries())
      await create({ kind, titleZh: `排序测试协议${i}`, termEnd: addDays(today(), 10 + i) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/agreements?sort=title&order=asc&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: Agreement[]; nextCursor: string | null } = (
        await call('GET', url, officer)
      ).json();
      seen.push(...page.items.map((a) => a.titleZh as string));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    const total = (await call('GET', '/api/v1/agreements', officer)).json().total;
    expect(seen.length).toBe(total);
    const invest = (await call('GET', '/api/v1/agreements?kind=investment&q=排序测试', officer)).json();
    expect(invest.items.map((a: Agreement) => a.kind)).toEqual(['investment', 'investment']);
    const byRef = (await call('GET', '/api/v1/agreements?q=TEST-001', officer)).json();
    expect(byRef.items).toHaveLength(1);
    const byPartner = (await call('GET', `/api/v1/agreements?partner=${otherPartnerId}`, officer)).json();
    for (const a of byPartner.items)
      expect(a.parties.some((p: { partnerId: string }) => p.partnerId === otherPartnerId)).toBe(true);
    expect((await call('GET', '/api/v1/agreements?status=bogus', officer)).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/agreements?cursor=junk', officer)).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/agreements?sort=bogus', officer)).statusCode).toBe(400);
  });

  it('lists an agreement signed and expiring soon under expiringBefore', async () => {
    const a = await signed({ kind: 'investment', titleZh: '即将到期协议', termEnd: addDays(today(), 20) });
    const soon = (
      await call('GET', `/api/v1/agreements?expiringBefore=${addDays(today(), 30)}`, officer)
    ).json();
    expect(soon.items.map((x: Agreement) => x.id)).toContain(a.id);
    const later = (
      await call('GET', `/api/v1/agreements?expiringBefore=${addDays(today(), 10)}`, officer)
    ).json();
    expect(later.items.map((x: Agreement) => x.id)).not.toContain(a.id);
  });

  it('keeps milestones on or after the signing date and lists what is due', async () => {
    const a = await signed({ kind: 'investment', titleZh: '投资协议（里程碑）' });
    const signedOn = addDays(today(), -30);
    const before = await call('POST', `/api/v1/agreements/${a.id}/milestones`, officer, {
      title: '签约前的里程碑',
      dueOn: addDays(signedOn, -1),
    });
    expect(before.statusCode).toBe(400);
    expect(before.json().detail).toMatch(/before the agreement was signed/);
    expect((await call('GET', `/api/v1/agreements/${a.id}/milestones`, officer)).json().items).toEqual([]);

    const overdue = await call('POST', `/api/v1/agreements/${a.id}/milestones`, officer, {
      title: '完成项目公司注册',
      kind: 'obligation',
      ownerUserId: officerId,
      dueOn: addDays(today(), -2),
    });
    expect(overdue.statusCode, overdue.body).toBe(201);
    expect(overdue.json(), overdue.body).toMatchObject({ overdue: true, ownerName: expect.any(String) });
    const soon = await call('POST', `/api/v1/agreements/${a.id}/milestones`, officer, {
      title: '首期资金到位',
      ownerName: '投资方财务部',
      dueOn: addDays(today(), 5),
    });
    expect(soon.json()).toMatchObject({ overdue: false, ownerName: '投资方财务部', ownerUserId: null });
    const far = await call('POST', `/api/v1/agreements/${a.id}/milestones`, officer, {
      title: '竣工投产',
      ownerUserId: officerId,
      dueOn: addDays(today(), 200),
    });
    expect(far.statusCode).toBe(201);

    const mine = (await call('GET', '/api/v1/agreements/due?days=14', officer)).json();
    const mineTitles = mine.items.map((m: { title: string }) => m.title);
    expect(mineTitles).toContain('完成项目公司注册');
    expect(mineTitles).not.toContain('首期资金到位');
    expect(mineTitles).not.toContain('竣工投产');
    const all = (await call('GET', '/api/v1/agreements/due?days=14&owner=all', admin)).json();
    expect(all.items.map((m: { title: string }) => m.title)).toEqual(
      expect.arrayContaining(['完成项目公司注册', '首期资金到位']),
    );
    expect((await call('GET', '/api/v1/agreements/due', admin)).json().items).not.toContainEqual(
      expect.objectContaining({ title: '完成项目公司注册' }),
    );

    // Moving the signing date past a milestone is refused, and done milestones leave the reminders.
    const move = await call('PATCH', `/api/v1/agreements/${a.id}`, officer, {
      signedOn: addDays(today(), -1),
    });
    expect(move.statusCode).toBe(400);
    expect((await call('GET', `/api/v1/agreements/${a.id}`, officer)).json().signedOn).toBe(signedOn);
    const done = await call('PATCH', `/api/v1/agreements/${a.id}/milestones/${overdue.json().id}`, officer, {
      doneOn: today(),
    });
    expect(done.json()).toMatchObject({ overdue: false, doneOn: today() });
    expect(
      (await call('GET', '/api/v1/agreements/due', officer)).json().items.map((m: { id: string }) => m.id),
    ).not.toContain(overdue.json().id);
    const trail = await history(a.id);
    expect(trail.filter((e: { entity: string }) => e.entity === 'agreement_milestones')).toHaveLength(4);
  });

  it('stores documents with their checksum and refuses what is not a document or too large', async () => {
    const a = await create({ kind: 'framework', titleZh: '框架协议（附件）' });
    const res = await upload(a.id, officer, '框架协议.pdf', tinyPdf);
    expect(res.statusCode, res.body).toBe(201);
    const sha = createHash('sha256').update(tinyPdf).digest('hex');
    expect(res.json()).toMatchObject({
      fileName: '框架协议.pdf',
      contentType: 'application/pdf',
      sizeBytes: tinyPdf.length,
      sha256: sha,
    });
    const got = await call('GET', `/api/v1/agreements/${a.id}/attachments/${res.json().id}`, officer);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-checksum-sha256']).toBe(sha);
    expect(got.rawPayload.equals(tinyPdf)).toBe(true);

    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    book.addWorksheet('台账').addRow(['项目', '金额']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const sheet = await upload(a.id, officer, 'ledger.xlsx', xlsx);
    expect(sheet.statusCode, sheet.body).toBe(201);
    expect(sheet.json().contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );

    const refusals: [string, Buffer, number, string][] = [
      ['notes.txt', Buffer.from('这不是文件'), 415, 'not-a-document'],
      ['fake.pdf', Buffer.from('MZ\x90\x00 not a pdf'), 415, 'not-a-document'],
      ['archive.docx', Buffer.from('504b0304140000000000', 'hex'), 415, 'not-a-document'],
      ['setup.msi', Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'), 415, 'not-a-document'],
      ['huge.pdf', Buffer.concat([tinyPdf, Buffer.alloc(maxAttachmentBytes)]), 413, 'attachment-too-large'],
    ];
    for (const [name, bytes, status, type] of refusals) {
      const r = await upload(a.id, officer, name, bytes);
      expect(r.statusCode, name).toBe(status);
      expect(r.json().type).toBe(`urn:lodestone:problem:${type}`);
    }
    const list = (await call('GET', `/api/v1/agreements/${a.id}/attachments`, officer)).json().items;
    expect(list.map((x: { fileName: string }) => x.fileName)).toEqual(['框架协议.pdf', 'ledger.xlsx']);
    const trail = await history(a.id);
    const created = trail.find((e: { entity: string }) => e.entity === 'agreement_attachments');
    expect(created.after).toMatchObject({ sha256: expect.any(String) });
    expect(created.after.content).toBeUndefined();
    expect((await upload(a.id, viewer, 'x.pdf', tinyPdf)).statusCode).toBe(403);
  });

  it('credits a project to the first partner registered before its signing', async () => {
    const project = (
      await call('POST', '/api/v1/projects', officer, {
        title: '引荐测试项目',
        amount: '2亿',
        source: 'partner_referral',
        partnerId: portalPartnerId,
      })
    ).json();
    const contract = (partnerId: string, title: string) =>
      signed({
        kind: 'commissioned_promotion',
        titleZh: title,
        parties: [
          { kind: 'tenant', role: '委托方' },
          { kind: 'partner', partnerId, role: '受托方' },
        ],
      });
    const a = await contract(otherPartnerId, '委托招商协议（甲）');
    const b = await contract(portalPartnerId, '委托招商协议（乙）');
    const register = (agreement: Agreement, body: object) =>
      call('POST', `/api/v1/agreements/${agreement.id}/introducers`, officer, body);

    // Before any registration the referring partner holds the credit.
    const credit = async () =>
      (await call('GET', `/api/v1/projects/${project.id}/credit`, officer)).json().credit;
    expect(await credit()).toMatchObject({ partnerId: portalPartnerId, basis: 'referral' });

    const first = await register(a, {
      projectId: project.id,
      role: 'driving',
      registeredOn: addDays(today(), -20),
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ partnerId: otherPartnerId, role: 'driving', beforeSigning: true });
    const second = await register(b, {
      projectId: project.id,
      role: 'information',
      registeredOn: addDays(today(), -10),
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(await credit()).toMatchObject({ partnerId: otherPartnerId, basis: 'introducer' });

    for (const to of ['contacted', 'negotiating', 'signed'])
      expect((await call('POST', `/api/v1/projects/${project.id}/stage`, officer, { to })).statusCode).toBe(
        200,
      );
    const signedProject = (await call('GET', `/api/v1/projects/${project.id}`, officer)).json();
    expect(signedProject.credit).toMatchObject({ partnerId: otherPartnerId, basis: 'introducer' });

    // Once signed, credit is settled: nothing dated before the signing may be added or removed.
    const backdated = await register(b, {
      projectId: project.id,
      role: 'driving',
      registeredOn: addDays(today(), -25),
    });
    expect([backdated.statusCode, backdated.json().type]).toEqual([
      409,
      'urn:lodestone:problem:credit-settled',
    ]);
    const removed = await call(
      'DELETE',
      `/api/v1/agreements/${a.id}/introducers/${first.json().id}`,
      officer,
    );
    expect(removed.statusCode).toBe(409);
    expect(await credit()).toMatchObject({ partnerId: otherPartnerId });

    // A registration of a prospect, later linked to its project, keeps its date.
    const prospect = await register(b, {
      prospectName: '某外资企业',
      role: 'information',
      registeredOn: today(),
    });
    expect(prospect.statusCode, prospect.body).toBe(201);
    const lead = (await call('POST', '/api/v1/projects', officer, { title: '外资企业新项目' })).json();
    const linked = await call(
      'PATCH',
      `/api/v1/agreements/${b.id}/introducers/${prospect.json().id}`,
      officer,
      {
        projectId: lead.id,
      },
    );
    expect(linked.statusCode, linked.body).toBe(200);
    expect((await call('GET', `/api/v1/projects/${lead.id}`, officer)).json().credit).toMatchObject({
      partnerId: portalPartnerId,
      basis: 'introducer',
    });

    // Bad registrations: wrong kind of agreement, future date, no target, a draft agreement.
    const framework = await signed({ kind: 'framework', titleZh: '非委托协议' });
    expect(
      (await register(framework, { projectId: lead.id, role: 'driving', registeredOn: today() })).statusCode,
    ).toBe(400);
    expect(
      (await register(b, { projectId: lead.id, role: 'driving', registeredOn: addDays(today(), 1) }))
        .statusCode,
    ).toBe(400);
    expect((await register(b, { role: 'driving', registeredOn: today() })).statusCode).toBe(400);
    expect((await register(b, { projectId: lead.id, role: 'boss', registeredOn: today() })).statusCode).toBe(
      400,
    );
    const draft = await create({
      kind: 'commissioned_promotion',
      titleZh: '草稿委托协议',
      parties: [{ kind: 'partner', partnerId: portalPartnerId }],
    });
    expect(
      (await register(draft, { projectId: lead.id, role: 'driving', registeredOn: today() })).statusCode,
    ).toBe(409);
    const trail = await history(b.id);
    expect(trail.filter((e: { entity: string }) => e.entity === 'introducer_registrations')).toHaveLength(3);
  });

  it('counts scorecards and the funnel by credit, equal to a recount of the rows', async () => {
    const projects: {
      id: string;
      signedAt: string | null;
      amountYuan: string | null;
      credit: { partnerId: string | null };
    }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: typeof projects; nextCursor: string | null } = (
        await call('GET', `/api/v1/projects?limit=200${cursor ? `&cursor=${cursor}` : ''}`, admin)
      ).json();
      projects.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const partners = (await call('GET', '/api/v1/partners?limit=200', admin)).json().items;
    for (const p of partners) {
      const mine = projects.filter((x) => x.credit.partnerId === p.id);
      const won = mine.filter((x) => x.signedAt !== null);
      expect(p.scorecard, p.nameZh).toMatchObject({
        referred: mine.length,
        signed: won.length,
        amountSignedYuan: won.reduce((n, x) => n + BigInt(x.amountYuan ?? 0), 0n).toString(),
      });
      const filtered = (await call('GET', `/api/v1/projects?limit=1&credited=${p.id}`, admin)).json().total;
      expect(filtered).toBe(mine.length);
    }
    const funnel = (await call('GET', '/api/v1/projects/funnel?by=partner', admin)).json();
    for (const g of funnel.groups)
      expect(g.count, g.key).toBe(projects.filter((x) => (x.credit.partnerId ?? 'none') === g.key).length);
    expect((await call('GET', '/api/v1/projects?limit=1&credited=none', admin)).json().total).toBe(
      projects.filter((x) => x.credit.partnerId === null).length,
    );
  });

  it('shows a partner only the agreements it is party to, read-only', async () => {
    const mine = await create({
      kind: 'commissioned_promotion',
      titleZh: '门户伙伴的委托协议',
      parties: [{ kind: 'partner', partnerId: portalPartnerId }],
    });
    const theirs = await create({
      kind: 'commissioned_promotion',
      titleZh: '其他伙伴的委托协议',
      parties: [{ kind: 'partner', partnerId: otherPartnerId }],
    });
    await upload(theirs.id, officer, 'theirs.pdf', tinyPdf);
    const list = (await call('GET', '/api/v1/agreements?limit=200', partner)).json().items;
    expect(list.length).toBeGreaterThan(0);
    for (const a of list)
      expect(a.parties.some((p: { partnerId: string }) => p.partnerId === portalPartnerId)).toBe(true);
    expect(list.map((a: Agreement) => a.id)).toContain(mine.id);
    expect((await call('GET', `/api/v1/agreements/${mine.id}`, partner)).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/agreements/${mine.id}/milestones`, partner)).statusCode).toBe(200);
    const attachment = (await call('GET', `/api/v1/agreements/${theirs.id}/attachments`, officer)).json()
      .items[0];
    for (const url of [
      `/api/v1/agreements/${theirs.id}`,
      `/api/v1/agreements/${theirs.id}/milestones`,
      `/api/v1/agreements/${theirs.id}/attachments`,
      `/api/v1/agreements/${theirs.id}/attachments/${attachment.id}`,
      `/api/v1/agreements/${theirs.id}/introducers`,
    ])
      expect((await call('GET', url, partner)).statusCode, url).toBe(404);
    for (const [method, url, body] of [
      ['POST', '/api/v1/agreements', { kind: 'framework', titleZh: 'x' }],
      ['PATCH', `/api/v1/agreements/${mine.id}`, { titleZh: '改' }],
      ['DELETE', `/api/v1/agreements/${mine.id}`],
      ['POST', `/api/v1/agreements/${mine.id}/status`, { to: 'signed' }],
      ['POST', `/api/v1/agreements/${mine.id}/milestones`, { title: 'x' }],
      [
        'POST',
        `/api/v1/agreements/${mine.id}/introducers`,
        { prospectName: 'x', role: 'driving', registeredOn: today() },
      ],
      ['GET', `/api/v1/agreements/${mine.id}/audit`],
      ['GET', '/api/v1/agreements/due'],
    ] as [Method, string, object?][])
      expect((await call(method, url, partner, body)).statusCode, `${method} ${url}`).toBe(403);
    // A viewer reads but does not write.
    expect((await call('GET', `/api/v1/agreements/${theirs.id}`, viewer)).statusCode).toBe(200);
    expect(
      (await call('PATCH', `/api/v1/agreements/${theirs.id}`, viewer, { titleZh: '改' })).statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/agreements' })).statusCode).toBe(401);
  });

  it('shows a town officer only the linked projects and registrations in their towns', async () => {
    const anting = await signInTownOfficer(app, 'anting-agreements@jiading.test', ['310114103']);
    const inside = (await call('GET', '/api/v1/projects?limit=1&town=310114103', admin)).json().items[0];
    const outside = (await call('GET', '/api/v1/projects?limit=1&town=310114501', admin)).json().items[0];
    const a = await signed({
      kind: 'commissioned_promotion',
      titleZh: '跨镇项目的委托协议',
      parties: [{ kind: 'partner', partnerId: otherPartnerId }],
      projectIds: [inside.id, outside.id],
    });
    await call('POST', `/api/v1/agreements/${a.id}/introducers`, officer, {
      prospectName: '某投资方',
      role: 'information',
      registeredOn: today(),
    });
    const seen = (await call('GET', `/api/v1/agreements/${a.id}`, anting)).json();
    expect(seen.projects.map((p: { id: string }) => p.id)).toEqual([inside.id]);
    const linked = await call('PATCH', `/api/v1/agreements/${a.id}`, anting, { projectIds: [outside.id] });
    expect(linked.statusCode).toBe(400);
    const registered = await call('POST', `/api/v1/agreements/${a.id}/introducers`, anting, {
      projectId: outside.id,
      role: 'driving',
      registeredOn: today(),
    });
    expect(registered.statusCode).toBe(404);
    expect((await call('GET', `/api/v1/projects/${outside.id}/credit`, anting)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/agreements/${a.id}`, admin)).json().projects).toHaveLength(2);
  });

  it('answers 404 to another tenant on every agreement route', async () => {
    const other = await signInOtherTenant(app, 'admin');
    const a = await signed({
      kind: 'commissioned_promotion',
      titleZh: '跨租户测试',
      parties: [{ kind: 'partner', partnerId: otherPartnerId }],
    });
    const m = (
      await call('POST', `/api/v1/agreements/${a.id}/milestones`, officer, { title: 'x', dueOn: today() })
    ).json();
    const f = (await upload(a.id, officer, 'x.pdf', tinyPdf)).json();
    const r = (
      await call('POST', `/api/v1/agreements/${a.id}/introducers`, officer, {
        prospectName: '某企业',
        role: 'information',
        registeredOn: today(),
      })
    ).json();
    const projectId = (await call('GET', '/api/v1/projects?limit=1', officer)).json().items[0].id;
    for (const [method, url, body] of [
      ['GET', `/api/v1/agreements/${a.id}`],
      ['PATCH', `/api/v1/agreements/${a.id}`, { titleZh: '改' }],
      ['DELETE', `/api/v1/agreements/${a.id}`],
      ['POST', `/api/v1/agreements/${a.id}/status`, { to: 'terminated' }],
      ['POST', `/api/v1/agreements/${a.id}/renew`],
      ['GET', `/api/v1/agreements/${a.id}/audit`],
      ['GET', `/api/v1/agreements/${a.id}/milestones`],
      ['POST', `/api/v1/agreements/${a.id}/milestones`, { title: 'x' }],
      ['PATCH', `/api/v1/agreements/${a.id}/milestones/${m.id}`, { title: 'y' }],
      ['DELETE', `/api/v1/agreements/${a.id}/milestones/${m.id}`],
      ['GET', `/api/v1/agreements/${a.id}/attachments`],
      ['GET', `/api/v1/agreements/${a.id}/attachments/${f.id}`],
      ['DELETE', `/api/v1/agreements/${a.id}/attachments/${f.id}`],
      ['GET', `/api/v1/agreements/${a.id}/introducers`],
      [
        'POST',
        `/api/v1/agreements/${a.id}/introducers`,
        { prospectName: 'x', role: 'driving', registeredOn: today() },
      ],
      ['PATCH', `/api/v1/agreements/${a.id}/introducers/${r.id}`, { projectId }],
      ['DELETE', `/api/v1/agreements/${a.id}/introducers/${r.id}`],
      ['GET', `/api/v1/projects/${projectId}/credit`],
    ] as [Method, string, object?][])
      expect((await call(method, url, other, body)).statusCode, `${method} ${url}`).toBe(404);
    expect((await upload(a.id, other, 'x.pdf', tinyPdf)).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/agreements', other)).json().total).toBe(0);
    expect((await call('GET', '/api/v1/agreements/due?owner=all&days=366', other)).json().items).toEqual([]);
    // Nor can another tenant's partner be named as a party.
    const named = await call('POST', '/api/v1/agreements', other, {
      kind: 'framework',
      titleZh: 'x',
      parties: [{ kind: 'partner', partnerId: otherPartnerId }],
    });
    expect(named.statusCode).toBe(400);
    expect((await call('GET', `/api/v1/agreements/${a.id}`, officer)).json().titleZh).toBe('跨租户测试');
  });
});
