import type { TenantTx } from '../../db/scope.ts';
import { addDays, bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import { attendeeKey } from '../../domain/events.ts';
import { pipelineStages, type Stage } from '../../domain/project-stages.ts';
import { prng } from '../../domain/random.ts';
import type { AuditActor } from '../audit/service.ts';
import { listCompanies } from '../companies/search.ts';
import { addAttendeesInBulk } from '../events/attendees.ts';
import { saveItinerary } from '../events/itinerary.ts';
import { createEvent, inviteOrganisationsInBulk } from '../events/service.ts';
import { listPartners } from '../partners/service.ts';
import { createProject } from '../projects/service.ts';
import { moveStage } from '../projects/stages.ts';
import { listClusters } from '../territory/service.ts';
import { listSiteDetails, setTravelTime } from '../territory/sites.ts';
import { demoTravelMinutes } from './jiading.ts';

// The article's own story: 100 industry associations and companies visit Jiading on a Tuesday and tour four sites.
// The visit is dated back from today (the Tuesday about eight months ago), like the rest of the demo pipeline, so
// the leads it produced fall in the months since.

/** The organisations the article names, beside the demo partners and generated associations. */
const namedInArticle = ['上海市工业经济联合会', '上海市区块链技术协会'];

const associationFields = [
  '汽车零部件',
  '新能源汽车',
  '智能网联汽车',
  '集成电路',
  '传感器',
  '人工智能',
  '软件',
  '信息服务',
  '工业互联网',
  '生物医药',
  '氢能',
  '新材料',
  '智能制造',
  '机器人',
  '物联网',
  '电子商务',
  '物流',
  '会展',
  '检验检测',
  '知识产权',
  '融资租赁',
  '创业投资',
  '电子信息',
  '通信',
  '节能环保',
  '光伏',
  '储能',
  '航空航天',
  '精细化工',
  '食品',
  '纺织',
  '家具',
  '印刷',
  '包装',
  '建筑装饰',
  '广告',
  '管理咨询',
  '人力资源',
  '大数据',
  '网络安全',
  '数字游戏',
  '动漫',
  '文化创意',
  '模具',
  '仪器仪表',
];

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenNames = [
  '伟',
  '芳',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '丽',
  '强',
  '军',
  '晨',
  '浩',
  '欣',
  '婷',
  '宇',
  '鹏',
];
const titles = [
  '会长',
  '秘书长',
  '副秘书长',
  '总经理',
  '副总经理',
  '投资总监',
  '战略发展部经理',
  '董事长助理',
];

/** The leads that came out of the visit in the months after it: days after the visit and how far each got. */
export const demoEventLeads: {
  title: string;
  prospect: [string, string];
  cluster: string;
  town: string;
  amount: string;
  kind: 'new_establishment' | 'expansion' | 'regional_hq' | 'rnd_center';
  days: number;
  to: Stage;
  via?: Stage;
}[] = [
  {
    title: '区块链工业数据平台长三角中心',
    prospect: ['某区块链科技企业', 'CN'],
    cluster: 'iiot',
    town: '310114501',
    amount: '6000万',
    kind: 'regional_hq',
    days: 21,
    to: 'signed',
  },
  {
    title: '氢燃料电池电堆测试中心',
    prospect: ['某燃料电池企业', 'CN'],
    cluster: 'hydrogen',
    town: '310114103',
    amount: '3.5亿',
    kind: 'rnd_center',
    days: 34,
    to: 'signed',
  },
  {
    title: '车载操作系统研发团队落户',
    prospect: ['某汽车软件企业', 'CN'],
    cluster: 'auto-software',
    town: '310114103',
    amount: '1.5亿',
    kind: 'rnd_center',
    days: 48,
    to: 'negotiating',
  },
  {
    title: '医疗器械注册服务平台',
    prospect: ['某医疗器械服务机构', 'CN'],
    cluster: 'biomed',
    town: '310114106',
    amount: '2000万',
    kind: 'new_establishment',
    days: 63,
    to: 'on_hold',
    via: 'signed',
  },
  {
    title: '工业互联网标识解析二级节点',
    prospect: ['某工业软件企业', 'CN'],
    cluster: 'iiot',
    town: '310114501',
    amount: '9000万',
    kind: 'new_establishment',
    days: 90,
    to: 'contacted',
  },
  {
    title: '新材料企业华东总部',
    prospect: ['某新材料集团', 'CN'],
    cluster: 'ic',
    town: '310114106',
    amount: '5亿',
    kind: 'regional_hq',
    days: 120,
    to: 'lead',
  },
];

function visitDay(now: Date): string {
  let day = addDays(civilDate(now, bureauTimeZone), -240);
  // 2024-01-02 was a Tuesday: step back to the nearest Tuesday on or before.
  while (Math.round((Date.parse(day) - Date.parse('2024-01-02')) / 86_400_000) % 7 !== 0)
    day = addDays(day, -1);
  return day;
}
const local = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

export async function seedDemoEvent(tx: TenantTx, seeder: AuditActor, officerId: string, now = new Date()) {
  const random = prng(20240326);
  const officer: AuditActor = { ...seeder, userId: officerId };
  const sites = await listSiteDetails(tx);
  const site = (nameEn: string) => {
    const found = sites.find((s) => s.nameEn === nameEn);
    if (!found) throw new Error(`the demo tenant lacks the site ${nameEn}`);
    return found.id;
  };
  for (const [a, b, minutes] of demoTravelMinutes) await setTravelTime(tx, seeder, site(a), site(b), minutes);

  const day = visitDay(now);
  const event = await createEvent(
    tx,
    officer,
    {
      kind: 'delegation_visit',
      titleZh: '百家行业协会和企业走进嘉定新城',
      titleEn: '100 industry associations and companies visit Jiading New City',
      startsAt: local(day, '09:00'),
      endsAt: local(day, '17:00'),
      venue: '嘉定新城规划展示馆',
      host: '嘉定区人民政府',
      organisers: ['嘉定区投资促进服务中心', '嘉定新城管委会', '马陆镇人民政府'],
      descriptionZh:
        '行业协会和企业代表考察嘉定新城规划展示馆、嘉定氢能港、上海智能汽车软件园和嘉定工业互联网基地；推介马陆镇和嘉定新城投资环境。',
      descriptionEn:
        'Representatives of industry associations and companies tour the New City Exhibition Hall, the Hydrogen Energy Harbor, the Intelligent Automobile Software Park and the Industrial Internet Base; the investment environment of Malu Town and Jiading New City is promoted.',
    },
    new Date(Date.parse(local(day, '09:00')) - 30 * 86_400_000),
  );

  const partners = (await listPartners(tx, { role: 'admin', partnerId: null }, { limit: 200 })).items;
  // The list is built in memory and written in two statements: the demo seeds on every first start.
  const invited: { name: string; partnerId: string | null; companyId: string | null }[] = [
    ...partners.slice(0, 5).map((p) => ({ name: p.nameZh, partnerId: p.id, companyId: null })),
    ...[...namedInArticle, ...associationFields.map((f) => `上海市${f}行业协会`)].map((name) => ({
      name,
      partnerId: null,
      companyId: null,
    })),
  ];
  // Companies of the registry fill the list to the article's hundred, skipping names already invited. A registry
  // of a million repeats names so often that its first 200 by name held too few distinct ones: read on.
  const taken = new Set(invited.map((o) => o.name));
  let cursor: string | undefined;
  do {
    const page = await listCompanies(tx, { sort: 'name', order: 'asc', limit: 200, cursor });
    for (const c of page.items) {
      if (invited.length === 100) break;
      if (taken.has(c.nameZh)) continue;
      taken.add(c.nameZh);
      invited.push({ name: c.nameZh, partnerId: null, companyId: c.id });
    }
    cursor = page.nextCursor ?? undefined;
  } while (invited.length < 100 && cursor);
  if (invited.length !== 100) throw new Error(`the demo visit has ${invited.length} organisations`);
  const organisations = await inviteOrganisationsInBulk(tx, officer, event.id, invited);

  // One or two people from each; everyone who came checked in between 08:30 and 09:00, three more declined.
  const people: Parameters<typeof addAttendeesInBulk>[3] = [];
  const checkInBase = Date.parse(local(day, '08:30'));
  let n = 0;
  for (const { id: organisationId, name: organisation } of organisations) {
    const count = random() < 0.45 ? 2 : 1;
    for (let i = 0; i < count; i++, n++) {
      const name = `${surnames[n % surnames.length]}${givenNames[Math.floor(random() * givenNames.length)]}${i ? givenNames[n % givenNames.length] : ''}`;
      people.push({
        organisationId,
        name,
        title: titles[Math.floor(random() * titles.length)] ?? null,
        phone: `139${String(10_000_000 + n * 7919).slice(0, 8)}`,
        email: null,
        listKey: attendeeKey(name, organisation),
        invitation: 'sent',
        rsvp: 'accepted',
        checkedInAt: new Date(checkInBase + Math.floor(random() * 30 * 60_000)),
        checkedInBy: 'officer@jiading.demo',
      });
    }
  }
  for (const { id: organisationId, name: organisation } of organisations.slice(10, 13)) {
    const name = `${surnames[n++ % surnames.length]}${givenNames[n % givenNames.length]}`;
    people.push({
      organisationId,
      name,
      title: null,
      phone: null,
      email: null,
      listKey: attendeeKey(name, organisation),
      invitation: 'sent',
      rsvp: 'declined',
    });
  }
  await addAttendeesInBulk(tx, officer, event.id, people);

  // Three buses rotate over the four sites so no hall is crowded and every drive fits the travel-time table.
  const came = people.filter((p) => p.checkedInAt).length;
  const bus = (i: number) => Math.floor(came / 3) + (i < came % 3 ? 1 : 0);
  const stop = (name: string, from: string, to: string) => ({
    siteId: site(name),
    startsAt: local(day, from),
    endsAt: local(day, to),
  });
  const hall = 'Jiading New City Exhibition Hall';
  const harbor = 'Jiading Hydrogen Energy Harbor';
  const park = 'Shanghai Intelligent Automobile Software Park';
  const base = 'Jiading Industrial Internet Base';
  await saveItinerary(tx, officer, event, {
    groups: [
      {
        name: '1号车',
        headCount: bus(0),
        stops: [
          stop(hall, '09:00', '10:00'),
          stop(harbor, '10:30', '11:30'),
          stop(park, '11:40', '12:30'),
          stop(base, '14:00', '15:00'),
        ],
      },
      {
        name: '2号车',
        headCount: bus(1),
        stops: [
          stop(hall, '09:00', '10:00'),
          stop(park, '10:30', '11:20'),
          stop(harbor, '11:30', '12:20'),
          stop(base, '15:00', '16:00'),
        ],
      },
      {
        name: '3号车',
        headCount: bus(2),
        stops: [
          stop(base, '09:00', '10:00'),
          stop(hall, '10:15', '11:15'),
          stop(harbor, '11:45', '12:45'),
          stop(park, '12:55', '13:45'),
        ],
      },
    ],
  });

  const clusters = new Map((await listClusters(tx)).map((c) => [c.code, c.id]));
  const visit = Date.parse(local(day, '17:00'));
  for (const lead of demoEventLeads) {
    const created = new Date(visit + lead.days * 86_400_000);
    let project = await createProject(
      tx,
      officer,
      {
        title: lead.title,
        prospectName: lead.prospect[0],
        prospectCountry: lead.prospect[1],
        clusterId: clusters.get(lead.cluster) ?? null,
        townCode: lead.town,
        amount: lead.amount,
        kind: lead.kind,
        officerId,
        source: 'event',
        eventId: event.id,
      },
      { at: created },
    );
    const last = lead.to === 'on_hold' ? (lead.via ?? 'lead') : lead.to;
    const path: Stage[] = [...pipelineStages.slice(1, pipelineStages.indexOf(last as 'lead') + 1)];
    if (lead.to === 'on_hold') path.push('on_hold');
    for (const [i, to] of path.entries()) {
      const at = new Date(created.getTime() + (i + 1) * 12 * 86_400_000);
      project = await moveStage(
        tx,
        officer,
        project,
        { to, note: null, reason: to === 'on_hold' ? 'financing' : null },
        { at: at > now ? now : at },
      );
    }
  }
  return demoEventLeads.length;
}
