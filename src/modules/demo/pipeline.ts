import type { TenantTx } from '../../db/scope.ts';
import { addDays, bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import type { PartnerKind, Priority, ProjectKind, ProjectSource } from '../../domain/pipeline-enums.ts';
import { pipelineStages, type Stage } from '../../domain/project-stages.ts';
import { prng } from '../../domain/random.ts';
import type { AuditActor } from '../audit/service.ts';
import { listCompanies } from '../companies/search.ts';
import { addContact, createPartner } from '../partners/service.ts';
import { createTask, logActivity } from '../projects/followups.ts';
import { createProject } from '../projects/service.ts';
import { setRate } from '../projects/settings.ts';
import { moveStage } from '../projects/stages.ts';
import { listClusters, listSites } from '../territory/service.ts';

// The demo pipeline: the intermediaries DOMAIN.md describes, and projects in every stage with their history,
// tasks and activities, dated back from today so the funnel, the scorecards and "due this week" read as real.

export const demoPartners: {
  nameZh: string;
  nameEn: string;
  kind: PartnerKind;
  region?: string;
  agreementRef?: string;
  contact: { name: string; title: string; phone: string };
}[] = [
  {
    nameZh: '上海市汽车行业协会',
    nameEn: 'Shanghai Automotive Industry Association',
    kind: 'association',
    agreementRef: '嘉投促〔2024〕委托招商协议第3号',
    contact: { name: '王立群', title: '秘书长', phone: '021-5950 0000' },
  },
  {
    nameZh: '上海市医疗器械行业协会',
    nameEn: 'Shanghai Medical Device Industry Association',
    kind: 'association',
    agreementRef: '嘉投促〔2024〕委托招商协议第7号',
    contact: { name: '陈晓梅', title: '副会长', phone: '021-6000 0000' },
  },
  {
    nameZh: '上海市浙江商会',
    nameEn: 'Zhejiang Chamber of Commerce in Shanghai',
    kind: 'chamber',
    region: '浙江',
    contact: { name: '徐建国', title: '常务副会长', phone: '021-6200 0000' },
  },
  {
    nameZh: '嘉定区工商业联合会',
    nameEn: 'Jiading Federation of Industry and Commerce',
    kind: 'federation',
    contact: { name: '李敏', title: '联络部部长', phone: '021-5999 0000' },
  },
  {
    nameZh: '长三角产业招商服务中心',
    nameEn: 'Yangtze Delta Investment Services Centre',
    kind: 'agency',
    region: '长三角',
    agreementRef: '嘉投促〔2025〕委托招商协议第1号',
    contact: { name: 'Anna Schmidt', title: 'Director, Europe desk', phone: '+49 89 0000 0000' },
  },
];

/** The partner that partner@jiading.demo speaks for. */
export const demoPortalPartner = 0;

interface DemoProject {
  title: string;
  prospect?: [string, string];
  /** Index into the registry companies used as investors (existing firms expanding: 以商招商). */
  investor?: number;
  cluster: string;
  town: string;
  amount?: string;
  currency?: string;
  kind: ProjectKind;
  foreign?: boolean;
  source: ProjectSource;
  partner?: number;
  to: Stage;
  /** Where a paused or lost project stood before. */
  via?: Stage;
  reason?: string;
  priority?: Priority;
  officer: 'officer' | 'admin';
  ageDays: number;
  jobs?: number;
}

const P = (p: DemoProject) => p;

export const demoProjects: DemoProject[] = [
  // Referred by the automotive association (the portal partner): some won, some in progress, one lost.
  P({
    title: '智能驾驶域控制器研发中心',
    prospect: ['Aptiv', 'IE'],
    cluster: 'icv',
    town: '310114103',
    amount: 'US$45,000,000',
    kind: 'rnd_center',
    foreign: true,
    source: 'partner_referral',
    partner: 0,
    to: 'operating',
    officer: 'officer',
    ageDays: 520,
    jobs: 320,
  }),
  P({
    title: '激光雷达第二生产基地',
    prospect: ['禾赛科技', 'CN'],
    cluster: 'icv',
    town: '310114103',
    amount: '12亿',
    kind: 'production_base',
    source: 'partner_referral',
    partner: 0,
    to: 'construction',
    officer: 'officer',
    ageDays: 400,
    jobs: 800,
    priority: 'high',
  }),
  P({
    title: '汽车内外饰件华东总部',
    prospect: ['Plastic Omnium', 'FR'],
    cluster: 'icv',
    town: '310114103',
    amount: '€60,000,000',
    currency: 'EUR',
    kind: 'regional_hq',
    foreign: true,
    source: 'partner_referral',
    partner: 0,
    to: 'signed',
    officer: 'officer',
    ageDays: 260,
    jobs: 150,
  }),
  P({
    title: '车规级芯片封测线',
    prospect: ['芯联汽车电子', 'CN'],
    cluster: 'ic',
    town: '310114501',
    amount: '5亿元',
    kind: 'new_establishment',
    source: 'partner_referral',
    partner: 0,
    to: 'negotiating',
    officer: 'officer',
    ageDays: 120,
    jobs: 260,
  }),
  P({
    title: '自动驾驶出行服务运营中心',
    prospect: ['Pony.ai', 'CN'],
    cluster: 'auto-software',
    town: '310114103',
    amount: '3亿',
    kind: 'regional_hq',
    source: 'partner_referral',
    partner: 0,
    to: 'contacted',
    officer: 'admin',
    ageDays: 40,
  }),
  P({
    title: '新能源汽车热管理系统项目',
    prospect: ['某热管理企业', 'DE'],
    cluster: 'icv',
    town: '310114103',
    amount: 'US$20,000,000',
    kind: 'production_base',
    foreign: true,
    source: 'partner_referral',
    partner: 0,
    to: 'lost',
    via: 'negotiating',
    reason: 'competitor_location',
    officer: 'officer',
    ageDays: 300,
  }),
  P({
    title: '汽车软件测试验证平台',
    prospect: ['某测试认证机构', 'DE'],
    cluster: 'auto-software',
    town: '310114103',
    kind: 'new_establishment',
    foreign: true,
    source: 'partner_referral',
    partner: 0,
    to: 'lead',
    officer: 'officer',
    ageDays: 6,
  }),
  // Referred by other partners: never visible to the automotive association.
  P({
    title: '高端影像设备创新中心',
    prospect: ['联影医疗', 'CN'],
    cluster: 'biomed',
    town: '310114501',
    amount: '8亿',
    kind: 'expansion',
    source: 'partner_referral',
    partner: 1,
    to: 'registered',
    officer: 'officer',
    ageDays: 330,
    jobs: 400,
    priority: 'high',
  }),
  P({
    title: '微创手术器械生产基地',
    prospect: ['某医疗器械企业', 'US'],
    cluster: 'biomed',
    town: '310114102',
    amount: 'US$30,000,000',
    kind: 'production_base',
    foreign: true,
    source: 'partner_referral',
    partner: 1,
    to: 'negotiating',
    officer: 'officer',
    ageDays: 150,
  }),
  P({
    title: '体外诊断试剂研发项目',
    prospect: ['某诊断企业', 'CN'],
    cluster: 'biomed',
    town: '310114102',
    amount: '1.5亿',
    kind: 'rnd_center',
    source: 'partner_referral',
    partner: 1,
    to: 'on_hold',
    via: 'contacted',
    reason: 'land_or_space',
    officer: 'officer',
    ageDays: 200,
  }),
  P({
    title: '浙商智能制造产业园',
    prospect: ['某浙江民营集团', 'CN'],
    cluster: 'iiot',
    town: '310114114',
    amount: '20亿',
    kind: 'new_establishment',
    source: 'partner_referral',
    partner: 2,
    to: 'signed',
    officer: 'admin',
    ageDays: 240,
    jobs: 1200,
    priority: 'high',
  }),
  P({
    title: '工业机器人系统集成项目',
    prospect: ['某浙江机器人企业', 'CN'],
    cluster: 'iiot',
    town: '310114501',
    amount: '2亿',
    kind: 'new_establishment',
    source: 'partner_referral',
    partner: 2,
    to: 'contacted',
    officer: 'officer',
    ageDays: 60,
  }),
  P({
    title: '跨境电商供应链平台',
    prospect: ['某浙江电商企业', 'CN'],
    cluster: 'iiot',
    town: '310114118',
    amount: '6000万',
    kind: 'regional_hq',
    source: 'partner_referral',
    partner: 2,
    to: 'lost',
    via: 'contacted',
    reason: 'policy_mismatch',
    officer: 'officer',
    ageDays: 180,
  }),
  P({
    title: '氢燃料电池电堆研发中心',
    prospect: ['Ballard Power Systems', 'CA'],
    cluster: 'hydrogen',
    town: '310114103',
    amount: 'US$25,000,000',
    kind: 'rnd_center',
    foreign: true,
    source: 'partner_referral',
    partner: 4,
    to: 'construction',
    officer: 'officer',
    ageDays: 450,
    jobs: 200,
  }),
  P({
    title: '欧洲汽车电子企业中国总部',
    prospect: ['某德国汽车电子企业', 'DE'],
    cluster: 'icv',
    town: '310114001',
    amount: '€40,000,000',
    currency: 'EUR',
    kind: 'regional_hq',
    foreign: true,
    source: 'partner_referral',
    partner: 4,
    to: 'negotiating',
    officer: 'admin',
    ageDays: 90,
  }),
  P({
    title: '日资精密零部件扩产',
    prospect: ['某日本零部件企业', 'JP'],
    cluster: 'icv',
    town: '310114118',
    amount: '¥?',
    kind: 'expansion',
    foreign: true,
    source: 'partner_referral',
    partner: 4,
    to: 'lead',
    officer: 'officer',
    ageDays: 3,
  }),
  P({
    title: '民营企业总部回归项目',
    prospect: ['某嘉定籍民营企业', 'CN'],
    cluster: 'auto-software',
    town: '310114004',
    amount: '1亿',
    kind: 'regional_hq',
    source: 'partner_referral',
    partner: 3,
    to: 'on_hold',
    via: 'signed',
    reason: 'financing',
    officer: 'officer',
    ageDays: 280,
  }),
  // Existing firms expanding (以商招商), events and direct approaches.
  P({
    title: '整车零部件二期扩产',
    investor: 0,
    cluster: 'icv',
    town: '310114103',
    amount: '4亿',
    kind: 'expansion',
    source: 'company_referral',
    to: 'operating',
    officer: 'officer',
    ageDays: 600,
    jobs: 500,
  }),
  P({
    title: '汽车零部件智能工厂改造',
    investor: 1,
    cluster: 'icv',
    town: '310114106',
    amount: '1.2亿',
    kind: 'expansion',
    source: 'direct',
    to: 'registered',
    officer: 'officer',
    ageDays: 210,
  }),
  P({
    title: '集成电路设计企业研发总部',
    investor: 2,
    cluster: 'ic',
    town: '310114001',
    amount: '3亿',
    kind: 'rnd_center',
    source: 'direct',
    to: 'construction',
    officer: 'admin',
    ageDays: 380,
    jobs: 300,
  }),
  P({
    title: '智能传感器 MEMS 中试线',
    prospect: ['某传感器企业', 'CN'],
    cluster: 'ic',
    town: '310114501',
    amount: '2.5亿',
    kind: 'new_establishment',
    source: 'event',
    to: 'signed',
    officer: 'officer',
    ageDays: 170,
  }),
  P({
    title: '工业互联网平台华东节点',
    prospect: ['某工业软件企业', 'CN'],
    cluster: 'iiot',
    town: '310114501',
    amount: '8000万',
    kind: 'regional_hq',
    source: 'event',
    to: 'contacted',
    officer: 'officer',
    ageDays: 25,
  }),
  P({
    title: '生物药 CDMO 基地',
    prospect: ['某生物医药企业', 'SG'],
    cluster: 'biomed',
    town: '310114102',
    amount: 'US$80,000,000',
    kind: 'production_base',
    foreign: true,
    source: 'event',
    to: 'negotiating',
    officer: 'officer',
    ageDays: 75,
    priority: 'high',
  }),
  P({
    title: '加氢站运营及装备项目',
    prospect: ['某氢能装备企业', 'CN'],
    cluster: 'hydrogen',
    town: '310114103',
    amount: '1.8亿',
    kind: 'new_establishment',
    source: 'direct',
    to: 'on_hold',
    via: 'negotiating',
    reason: 'approvals',
    officer: 'officer',
    ageDays: 160,
  }),
  P({
    title: '储能电池 PACK 线',
    prospect: ['某电池企业', 'KR'],
    cluster: 'hydrogen',
    town: '310114114',
    amount: 'US$15,000,000',
    kind: 'production_base',
    foreign: true,
    source: 'direct',
    to: 'lost',
    via: 'lead',
    reason: 'investor_withdrew',
    officer: 'officer',
    ageDays: 90,
  }),
  P({
    title: '产业引导基金子基金',
    prospect: ['某私募基金', 'CN'],
    cluster: 'ic',
    town: '310114004',
    amount: '10亿',
    kind: 'fund',
    source: 'direct',
    to: 'lead',
    officer: 'admin',
    ageDays: 2,
  }),
  P({
    title: '汽车芯片设计工作室',
    prospect: ['某初创团队', 'CN'],
    cluster: 'ic',
    town: '310114004',
    amount: '2000万',
    kind: 'new_establishment',
    source: 'event',
    to: 'lead',
    officer: 'officer',
    ageDays: 10,
    priority: 'low',
  }),
];

/** The path a demo project took from lead to where it stands. */
function pathOf(p: DemoProject): Stage[] {
  const last = p.to === 'on_hold' || p.to === 'lost' ? (p.via ?? 'lead') : p.to;
  const forward = pipelineStages.slice(
    1,
    pipelineStages.indexOf(last as (typeof pipelineStages)[number]) + 1,
  );
  return p.to === 'on_hold' || p.to === 'lost' ? [...forward, p.to] : forward;
}

const dayMs = 86_400_000;

export interface DemoPeople {
  officer: string;
  admin: string;
}

export async function seedPipeline(tx: TenantTx, seeder: AuditActor, people: DemoPeople, now = new Date()) {
  const random = prng(20241126);
  for (const [currency, rate] of [
    ['USD', '7.2'],
    ['EUR', '7.8'],
    ['HKD', '0.92'],
    ['JPY', '0.048'],
  ] as const)
    await setRate(tx, seeder, currency, rate);

  const partnerIds: string[] = [];
  for (const p of demoPartners) {
    const { contact, ...fields } = p;
    const row = await createPartner(tx, seeder, fields);
    await addContact(tx, seeder, row.id, { ...contact, isPrimary: true });
    partnerIds.push(row.id);
  }

  const clusters = new Map((await listClusters(tx)).map((c) => [c.code, c.id]));
  const site = (await listSites(tx)).find((s) => s.nameEn === 'Jiading Hydrogen Energy Harbor');
  const registry = (await listCompanies(tx, { sort: 'name', order: 'asc', limit: 40 })).items;
  let nextCompany = 10;
  const today = civilDate(now, bureauTimeZone);

  for (const p of demoProjects) {
    const officerId = people[p.officer];
    const as: AuditActor = { ...seeder, userId: officerId };
    const created = new Date(now.getTime() - p.ageDays * dayMs);
    const investor = p.investor === undefined ? undefined : registry[p.investor];
    const project = await createProject(
      tx,
      as,
      {
        title: p.title,
        prospectName: p.prospect?.[0] ?? null,
        prospectCountry: p.prospect?.[1] ?? null,
        investorCompanyId: investor?.id ?? null,
        clusterId: clusters.get(p.cluster) ?? null,
        townCode: p.town,
        siteId: p.cluster === 'hydrogen' && p.town === site?.townCode ? site.id : null,
        amount: p.amount?.includes('?') ? null : (p.amount ?? null),
        currency: p.currency ?? null,
        kind: p.kind,
        foreignFunded: p.foreign ?? false,
        expectedJobs: p.jobs ?? null,
        officerId,
        priority: p.priority ?? 'medium',
        source: p.source,
        partnerId: p.partner === undefined ? null : partnerIds[p.partner],
      },
      { at: created },
    );
    const path = pathOf(p);
    // Moves spread over the project's life, the last a day or more ago; the gaps vary as real ones do.
    const span = Math.max(1, p.ageDays - 1);
    const weights = path.map(() => 0.5 + random());
    const total = weights.reduce((a, b) => a + b, 0) * 1.15;
    let at = created.getTime();
    let current = project;
    for (const [i, to] of path.entries()) {
      at += Math.floor(((weights[i] as number) / total) * span * dayMs);
      const company = to === 'registered' ? (investor ?? registry[nextCompany++]) : undefined;
      current = await moveStage(
        tx,
        as,
        current,
        {
          to,
          note: stageNotes[to],
          reason: to === 'on_hold' || to === 'lost' ? p.reason : null,
          creditCode: company?.creditCode ?? null,
        },
        { at: new Date(at) },
      );
    }
    await logActivity(
      tx,
      as,
      project.id,
      { kind: 'call', summary: '首次电话沟通，了解投资意向与选址需求' },
      { at: new Date(created.getTime() + dayMs / 2) },
    );
    if (path.length > 1)
      await logActivity(
        tx,
        as,
        project.id,
        { kind: 'visit', summary: '陪同企业考察园区及可用载体' },
        { at: new Date(created.getTime() + Math.min(span, 20) * dayMs) },
      );
    if (p.to !== 'lost' && p.to !== 'operating') {
      const due = Math.floor(random() * 14) - 5;
      await createTask(
        tx,
        as,
        { id: project.id, officerId },
        { title: taskFor[p.to], dueOn: addDays(today, due) },
        { at: new Date(at) },
      );
    }
  }
  return {
    partnerIds,
    projects: demoProjects.length,
    portalPartnerId: partnerIds[demoPortalPartner] as string,
  };
}

const stageNotes: Partial<Record<Stage, string>> = {
  contacted: '已与企业投资负责人建立联系',
  negotiating: '进入实质性洽谈：选址、政策、载体',
  signed: '投资协议签约',
  registered: '项目公司完成工商注册',
  construction: '取得施工许可，开工建设',
  operating: '竣工投产',
  on_hold: '企业暂缓推进',
  lost: '项目流失',
};

const taskFor: Record<Stage, string> = {
  lead: '核实线索并首次联系',
  contacted: '安排实地考察',
  negotiating: '准备政策兑现方案',
  signed: '协助办理工商注册',
  registered: '跟进施工许可办理',
  construction: '协调竣工验收',
  operating: '开展投产后服务',
  on_hold: '回访企业了解推进意向',
  lost: '归档流失原因',
};
