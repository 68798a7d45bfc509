import type { TenantTx } from '../../db/scope.ts';
import type { AgreementKind, IntroducerRole } from '../../domain/agreements.ts';
import { addDays, bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import { addAttachment } from '../agreements/attachments.ts';
import { registerIntroducer } from '../agreements/introducers.ts';
import { addMilestone } from '../agreements/milestones.ts';
import { createAgreement, moveAgreement, type PartyInput } from '../agreements/service.ts';
import type { AuditActor } from '../audit/service.ts';
import { createPartner, listPartners } from '../partners/service.ts';
import { listProjects } from '../projects/list.ts';
import { demoPartners } from './pipeline.ts';

// The demo's agreements: the two the article reports from the delegation visit, and commissioned-promotion
// agreements (委托招商协议) with the demo partners, whose introducer registrations move scorecard credit.
// Dated back from today like the rest of the demo; the visit's event is linked by the events module.

/** Days before today the article's visit took place, when its two agreements were signed. */
export const articleVisitDaysAgo = 120;

/** Reference numbers of the article's two agreements, to find them (GET /api/v1/agreements?q=…). */
export const articleAgreementRefs = {
  strategic: '嘉府合〔工经联〕1号',
  blockchain: '嘉工联基〔区块链〕1号',
} as const;

/** Partners the article names that the demo pipeline does not have yet. */
const articlePartners = [
  {
    nameZh: '上海市工业经济联合会',
    nameEn: 'Shanghai Federation of Industrial Economics',
    kind: 'federation' as const,
  },
  {
    nameZh: '上海市区块链技术协会',
    nameEn: 'Shanghai Blockchain Technology Association',
    kind: 'association' as const,
  },
];

interface DemoRegistration {
  /** Index into demoPartners of the agreement's partner. */
  partner: number;
  project: string;
  role: IntroducerRole;
  /** Days after the project's lead was recorded: negative is before it, so the partner registered it first. */
  afterLead?: number;
  /** Days after the project was signed: a late registration, which earns nothing. */
  afterSigning?: number;
}

// Who was registered for what, chosen so the scorecards show each case of the rule: the agency registered
// first for the federation's referral and takes its credit; the agency's registration turns an event lead
// into a credited introduction; a registration after signing leaves the credit where it was.
const registrations: DemoRegistration[] = [
  { partner: 0, project: '智能驾驶域控制器研发中心', role: 'driving', afterLead: -3 },
  { partner: 0, project: '激光雷达第二生产基地', role: 'driving', afterLead: -10 },
  { partner: 0, project: '汽车内外饰件华东总部', role: 'information', afterLead: -5 },
  { partner: 4, project: '民营企业总部回归项目', role: 'driving', afterLead: -20 },
  { partner: 4, project: '智能传感器 MEMS 中试线', role: 'information', afterLead: -7 },
  { partner: 1, project: '激光雷达第二生产基地', role: 'information', afterSigning: 12 },
];

const commissioned: { partner: number; daysAgo: number; years: number }[] = [
  { partner: 0, daysAgo: 600, years: 3 },
  { partner: 1, daysAgo: 560, years: 3 },
  { partner: 4, daysAgo: 420, years: 2 },
];

const dayMs = 86_400_000;

/** A one-page PDF (Helvetica, ASCII text), small enough for the demo and real enough for any reader. */
export function demoPdf(lines: string[]): Buffer {
  const text = lines
    .map((l, i) => `BT /F1 12 Tf 72 ${760 - i * 18} Td (${l.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out);
}

export async function seedAgreements(
  tx: TenantTx,
  seeder: AuditActor,
  people: { officer: string; admin: string; visit?: { eventId: string; on: string } | undefined },
  now = new Date(),
) {
  const today = civilDate(now, bureauTimeZone);
  // Both article agreements were signed at the visit: on its day, linked to it, when the demo holds it.
  const visit = people.visit;
  const visitDaysAgo = visit
    ? Math.round((Date.parse(today) - Date.parse(visit.on)) / dayMs)
    : articleVisitDaysAgo;
  const atVisit = visit ? { eventId: visit.eventId } : {};
  const viewer = { userId: people.admin, role: 'admin' as const, townCodes: [], partnerId: null };
  const as: AuditActor = { ...seeder, userId: people.officer };
  const known = (await listPartners(tx, viewer, { limit: 200 })).items;
  const partnerId = new Map(known.map((p) => [p.nameZh, p.id]));
  for (const p of articlePartners)
    if (!partnerId.has(p.nameZh)) partnerId.set(p.nameZh, (await createPartner(tx, seeder, p)).id);
  const demoPartnerId = (i: number) => partnerId.get(demoPartners[i]?.nameZh ?? '') as string;

  const daysAgo = (n: number) => new Date(now.getTime() - n * dayMs);
  const sign = async (
    input: {
      kind: AgreementKind;
      titleZh: string;
      titleEn: string;
      referenceNo: string;
      summary: string;
      parties: PartyInput[];
      eventId?: string;
    },
    signedDaysAgo: number,
    years: number,
  ) => {
    const signedOn = addDays(today, -signedDaysAgo);
    const termEnd = addDays(signedOn, Math.round(years * 365.25) - 1);
    const row = await createAgreement(
      tx,
      as,
      viewer,
      { ...input, signedOn, termStart: signedOn, termEnd },
      { at: daysAgo(signedDaysAgo + 7) },
    );
    const signed = await moveAgreement(tx, as, row, 'signed', { at: daysAgo(signedDaysAgo) });
    return moveAgreement(tx, as, signed, 'in_force', { at: daysAgo(signedDaysAgo) });
  };

  const strategic = await sign(
    {
      kind: 'strategic_cooperation',
      titleZh: '嘉定区人民政府与上海市工业经济联合会战略合作协议',
      titleEn:
        'Strategic cooperation agreement between the Jiading District Government and the Shanghai Federation of Industrial Economics',
      referenceNo: articleAgreementRefs.strategic,
      ...atVisit,
      summary:
        '双方发挥工经联连接行业协会与企业的桥梁作用，共同引进优质项目、企业与人才，服务嘉定汽车、生物医药、工业互联网、集成电路等产业集群。',
      parties: [
        { kind: 'tenant', role: '甲方' },
        { kind: 'partner', partnerId: partnerId.get('上海市工业经济联合会'), role: '乙方' },
      ],
    },
    visitDaysAgo,
    3,
  );
  const signedOn = strategic.signedOn as string;
  for (const [title, due, done] of [
    ['组织行业协会会员企业赴嘉定对接考察', 60, 45],
    ['建立重点产业招商信息共享机制', 100, null],
    ['联合举办新能源汽车与智能网联产业推介会', 125, null],
    ['年度合作成效评估', 365, null],
  ] as const)
    await addMilestone(
      tx,
      as,
      strategic,
      {
        kind: 'obligation',
        title,
        ownerUserId: people.officer,
        dueOn: addDays(signedOn, due),
        doneOn: done === null ? null : addDays(signedOn, done),
      },
      { at: daysAgo(visitDaysAgo) },
    );
  await addAttachment(
    tx,
    as,
    strategic.id,
    {
      fileName: 'strategic-cooperation-summary.pdf',
      bytes: demoPdf([
        'Strategic Cooperation Agreement (demo summary)',
        'Jiading District Government - Shanghai Federation of Industrial Economics',
        `Reference: JD/SFIE-1   Signed: ${signedOn}`,
        'Demo data: not the text of any real agreement.',
      ]),
    },
    { at: daysAgo(visitDaysAgo) },
  );

  const blockchain = await sign(
    {
      kind: 'framework',
      titleZh: '上海市区块链技术协会与嘉定工业互联网基地合作项目',
      titleEn:
        'Cooperation project of the Shanghai Blockchain Technology Association and the Jiading Industrial Internet Base',
      referenceNo: articleAgreementRefs.blockchain,
      ...atVisit,
      summary: '双方在产业资源和政策服务方面开展深入交流与合作。',
      parties: [
        { kind: 'partner', partnerId: partnerId.get('上海市区块链技术协会'), role: '合作方' },
        { kind: 'organisation', name: '嘉定工业互联网基地', role: '合作方' },
        { kind: 'tenant', role: '见证方' },
      ],
    },
    visitDaysAgo,
    2,
  );
  for (const [title, due, owner] of [
    ['产业资源对接交流会（每季度）', 90, null],
    ['区块链企业政策服务专场宣讲', 150, '协会秘书处'],
  ] as const)
    await addMilestone(
      tx,
      as,
      blockchain,
      {
        kind: 'milestone',
        title,
        ownerUserId: owner ? null : people.officer,
        ownerName: owner,
        dueOn: addDays(signedOn, due),
      },
      { at: daysAgo(visitDaysAgo) },
    );

  const byPartner = new Map<number, Awaited<ReturnType<typeof sign>>>();
  for (const c of commissioned) {
    const p = demoPartners[c.partner];
    if (!p) continue;
    byPartner.set(
      c.partner,
      await sign(
        {
          kind: 'commissioned_promotion',
          titleZh: `委托招商协议（${p.nameZh}）`,
          titleEn: `Commissioned promotion agreement (${p.nameEn})`,
          referenceNo: p.agreementRef ?? `委托招商协议（${p.nameZh}）`,
          summary:
            '受托方以信息引荐或推动引荐方式为嘉定引进项目，按到位资金计奖；须在项目签约前登记为引荐人。',
          parties: [
            { kind: 'tenant', role: '委托方' },
            { kind: 'partner', partnerId: demoPartnerId(c.partner), role: '受托方' },
          ],
        },
        c.daysAgo,
        c.years,
      ),
    );
  }
  for (const r of registrations) {
    const agreement = byPartner.get(r.partner);
    const [project] = (
      await listProjects(tx, viewer, { q: r.project, sort: 'title', order: 'asc', limit: 1 })
    ).items;
    if (!agreement || !project)
      throw new Error(`demo registration for ${r.project} has no agreement or project`);
    const base = r.afterSigning !== undefined && project.signedAt ? project.signedAt : project.createdAt;
    const at = new Date(base.getTime() + (r.afterSigning ?? r.afterLead ?? 0) * dayMs);
    await registerIntroducer(
      tx,
      as,
      viewer,
      agreement,
      { projectId: project.id, role: r.role, registeredOn: civilDate(at, bureauTimeZone) },
      { at },
    );
  }
  return 2 + byPartner.size;
}
