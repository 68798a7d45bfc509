import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { demoApp, signIn } from '../../test/app.ts';
import { freshDatabase } from '../../test/databases.ts';
import { articleAgreementRefs } from './agreements.ts';

interface Project {
  id: string;
  title: string;
  partnerId: string | null;
  credit: { partnerId: string | null; basis: string };
}

describe('demo agreements', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = async (url: string) =>
    (await app.inject({ method: 'GET', url, headers: { cookie: officer } })).json();

  it('holds the article’s two agreements, in force, found by their reference numbers', async () => {
    const strategic = (
      await get(`/api/v1/agreements?q=${encodeURIComponent(articleAgreementRefs.strategic)}`)
    ).items;
    expect(strategic).toHaveLength(1);
    // Signed at the article's visit: linked to the demo's delegation visit, on its day.
    const visit = (await get('/api/v1/events?kind=delegation_visit')).items[0];
    expect(strategic[0]).toMatchObject({
      kind: 'strategic_cooperation',
      status: 'in_force',
      eventId: visit.id,
    });
    expect(strategic[0].signedOn).toBe(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(visit.startsAt)),
    );
    expect(strategic[0].parties.map((p: { nameZh: string | null }) => p.nameZh)).toContain(
      '上海市工业经济联合会',
    );
    const blockchain = (
      await get(`/api/v1/agreements?q=${encodeURIComponent(articleAgreementRefs.blockchain)}`)
    ).items;
    expect(blockchain[0]).toMatchObject({ eventId: visit.id, signedOn: strategic[0].signedOn });
    expect(blockchain[0].parties.map((p: { nameZh: string | null }) => p.nameZh)).toEqual([
      '上海市区块链技术协会',
      '嘉定工业互联网基地',
      null,
    ]);
    expect(blockchain[0].signedOn).toBe(strategic[0].signedOn);
    const files = await get(`/api/v1/agreements/${strategic[0].id}/attachments`);
    expect(files.items[0]).toMatchObject({ contentType: 'application/pdf' });
  });

  it('moves credit by the registrations: first registered before signing wins, a late one earns nothing', async () => {
    const projects: Project[] = (await get('/api/v1/projects?limit=200')).items;
    const byTitle = new Map(projects.map((p) => [p.title, p]));
    const returned = byTitle.get('民营企业总部回归项目') as Project;
    expect(returned.credit.basis).toBe('introducer');
    expect(returned.credit.partnerId).not.toBe(returned.partnerId);
    const lidar = byTitle.get('激光雷达第二生产基地') as Project;
    expect(lidar.credit).toMatchObject({ partnerId: lidar.partnerId, basis: 'introducer' });
    const registrations = (await get(`/api/v1/projects/${lidar.id}/credit`)).registrations;
    expect(registrations.map((r: { beforeSigning: boolean }) => r.beforeSigning)).toEqual([true, false]);
    const commissioned = (await get('/api/v1/agreements?kind=commissioned_promotion')).items;
    expect(commissioned.length).toBe(3);
  });
});
