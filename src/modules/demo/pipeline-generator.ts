import { toYuan } from '../../domain/currency.ts';
import type { PartnerKind, Priority, ProjectKind, ProjectSource } from '../../domain/pipeline-enums.ts';
import { holdReasons, lossReasons, pipelineStages, type Stage } from '../../domain/project-stages.ts';
import { prng } from '../../domain/random.ts';
import type { BulkMove, BulkProject } from '../projects/bulk.ts';
import { newCity, townNamesEn } from './jiading.ts';

/**
 * The pipeline at the article's scale: "718 projects with investment of 100 million yuan each" introduced in
 * Jiading New City since 2021 (signed, and not lost since), among a larger pipeline in every stage and place.
 * The cockpit counts these rows; the plan's numbers are never read back as figures.
 */
export const fullScalePipeline = { majorNewCitySince2021: 718, otherProjects: 3_600 };
export type PipelineScale = typeof fullScalePipeline;

/** The generated pipeline is dated back from this day, so it comes out the same whenever it is seeded. */
const reference = Date.UTC(2026, 9, 31, 8); // 31 October 2026, 16:00 in Shanghai
const dayMs = 86_400_000;
const since2021 = Date.UTC(2020, 11, 31, 16); // 1 January 2021, 00:00 in Shanghai

/** More intermediaries with referral histories: associations, chambers of other regions, agencies abroad. */
export const generatedPartners: { nameZh: string; nameEn: string; kind: PartnerKind; region?: string }[] = [
  {
    nameZh: '上海市集成电路行业协会',
    nameEn: 'Shanghai Integrated Circuit Industry Association',
    kind: 'association',
  },
  {
    nameZh: '上海市生物医药行业协会',
    nameEn: 'Shanghai Biopharmaceutics Industry Association',
    kind: 'association',
  },
  {
    nameZh: '上海市氢能产业协会',
    nameEn: 'Shanghai Hydrogen Energy Industry Association',
    kind: 'association',
  },
  { nameZh: '上海市软件行业协会', nameEn: 'Shanghai Software Industry Association', kind: 'association' },
  { nameZh: '上海市工业互联网协会', nameEn: 'Shanghai Industrial Internet Association', kind: 'association' },
  {
    nameZh: '上海市江苏商会',
    nameEn: 'Jiangsu Chamber of Commerce in Shanghai',
    kind: 'chamber',
    region: '江苏',
  },
  {
    nameZh: '上海市广东商会',
    nameEn: 'Guangdong Chamber of Commerce in Shanghai',
    kind: 'chamber',
    region: '广东',
  },
  {
    nameZh: '上海市福建商会',
    nameEn: 'Fujian Chamber of Commerce in Shanghai',
    kind: 'chamber',
    region: '福建',
  },
  {
    nameZh: '中国德国商会（上海）',
    nameEn: 'German Chamber of Commerce in China (Shanghai)',
    kind: 'chamber',
    region: 'DE',
  },
  {
    nameZh: '上海日本商工俱乐部',
    nameEn: 'Japanese Chamber of Commerce and Industry in Shanghai',
    kind: 'chamber',
    region: 'JP',
  },
  {
    nameZh: '中国美国商会（上海）',
    nameEn: 'American Chamber of Commerce in Shanghai',
    kind: 'chamber',
    region: 'US',
  },
  {
    nameZh: '嘉定区海外招商联络处（慕尼黑）',
    nameEn: 'Jiading Investment Office Munich',
    kind: 'agency',
    region: 'DE',
  },
  {
    nameZh: '嘉定区驻深圳招商联络处',
    nameEn: 'Jiading Investment Office Shenzhen',
    kind: 'agency',
    region: '广东',
  },
  { nameZh: '某国际律师事务所上海代表处', nameEn: 'International law firm, Shanghai office', kind: 'agency' },
  { nameZh: '某会计师事务所上海分所', nameEn: 'Accounting firm, Shanghai branch', kind: 'agency' },
];

const investorsCn = [
  '上汽',
  '蔚来',
  '理想',
  '集度',
  '智己',
  '禾赛',
  '小马智行',
  '联影',
  '沪硅',
  '宁德',
  '华为',
  '比亚迪',
];
const investorsForeign: [string, string][] = [
  ['Aptiv', 'IE'],
  ['Ballard', 'CA'],
  ['Plastic Omnium', 'FR'],
  ['Volvo', 'SE'],
  ['Toyota', 'JP'],
  ['Bosch', 'DE'],
  ['Continental', 'DE'],
  ['Siemens Healthineers', 'DE'],
  ['Denso', 'JP'],
  ['Hyundai Mobis', 'KR'],
  ['Infineon', 'DE'],
  ['Medtronic', 'US'],
];
const clusterWords: Record<string, string[]> = {
  icv: ['智能驾驶系统', '新能源整车零部件', '车载激光雷达', '线控底盘'],
  hydrogen: ['燃料电池电堆', '加氢装备', '氢能重卡', '储氢系统'],
  ic: ['智能传感器', 'MEMS芯片', '功率半导体', '车规级芯片'],
  biomed: ['高端医学影像设备', '创新药研发', '体外诊断试剂', '手术机器人'],
  iiot: ['工业互联网平台', '智能工厂解决方案', '工业机器人'],
  'auto-software': ['汽车操作系统', '智能座舱软件', '车联网平台'],
};
const kindWords: Record<ProjectKind, string> = {
  new_establishment: '新设项目',
  expansion: '增资扩产项目',
  regional_hq: '区域总部项目',
  rnd_center: '研发中心项目',
  production_base: '生产基地项目',
  fund: '产业基金项目',
};

export interface PipelineContext {
  clusters: { code: string; id: string }[];
  partnerIds: string[];
  officerIds: string[];
  newCityZoneId: string;
}

type Segment = {
  count: number;
  towns: string[];
  /** Signed between these instants, or null for projects that never reached signing. */
  signed: [number, number] | null;
  amount: 'major' | 'minor' | 'any' | 'unknown';
  lostAfterSigning?: boolean;
};

/** The plan: who goes where. Rounding goes to the early pipeline, so the sizes always add up. */
function segments(scale: PipelineScale): Segment[] {
  const others = Object.keys(townNamesEn).filter((t) => !newCity.townCodes.includes(t));
  const all = Object.keys(townNamesEn);
  const n = (share: number) => Math.floor(scale.otherProjects * share);
  const sized = [
    { count: n(0.25), towns: newCity.townCodes, signed: [since2021, reference], amount: 'minor' },
    { count: n(0.15), towns: others, signed: [since2021, reference], amount: 'major' },
    {
      count: n(0.08),
      towns: newCity.townCodes,
      signed: [Date.UTC(2017, 11, 31, 16), since2021 - 1],
      amount: 'major',
    },
    {
      count: n(0.04),
      towns: newCity.townCodes,
      signed: [since2021, reference],
      amount: 'major',
      lostAfterSigning: true,
    },
    { count: n(0.03), towns: newCity.townCodes, signed: [since2021, reference], amount: 'unknown' },
  ] satisfies Segment[];
  const rest = scale.otherProjects - sized.reduce((s, g) => s + g.count, 0);
  return [
    {
      count: scale.majorNewCitySince2021,
      towns: newCity.townCodes,
      signed: [since2021, reference],
      amount: 'major',
    },
    ...sized,
    { count: rest, towns: all, signed: null, amount: 'any' },
  ];
}

/** The generated projects, each with the stage history that led it where it stands. */
export function generatePipeline(scale: PipelineScale, ctx: PipelineContext) {
  const rand = prng(20_261_125);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const weighted = <T>(pairs: [T, number][]): T => {
    let r = rand() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return (pairs.at(-1) as [T, number])[0];
  };
  const between = (a: number, b: number) => a + Math.floor(rand() * (b - a));
  const items: { project: BulkProject; moves: BulkMove[] }[] = [];

  for (const seg of segments(scale)) {
    for (let i = 0; i < seg.count; i++) {
      const cluster = rand() < 0.9 ? pick(ctx.clusters) : null;
      const foreign = rand() < 0.22;
      const kind = weighted<ProjectKind>([
        ['new_establishment', 35],
        ['expansion', 25],
        ['production_base', 15],
        ['rnd_center', 12],
        ['regional_hq', 8],
        ['fund', 5],
      ]);
      const source = weighted<ProjectSource>([
        ['direct', 40],
        ['partner_referral', 30],
        ['event', 15],
        ['company_referral', 15],
      ]);
      const [prospectName, prospectCountry] = foreign ? pick(investorsForeign) : [pick(investorsCn), null];
      const town = pick(seg.towns);
      const title = `${prospectName}${cluster ? pick(clusterWords[cluster.code] ?? ['']) : ''}${kindWords[kind]}`;

      // Foreign investors name US dollars; 7.2 yuan each, as the demo's rate says.
      const yuan =
        seg.amount === 'unknown'
          ? null
          : seg.amount === 'major' || (seg.amount === 'any' && rand() < 0.3)
            ? BigInt(between(100, 3_000)) * 1_000_000n
            : BigInt(between(5, 100)) * 1_000_000n - (seg.amount === 'minor' ? 1n : 0n);
      // Millions of dollars, rounded so that a major project stays major and a smaller one stays below the line.
      const usd =
        foreign && yuan !== null
          ? yuan >= 100_000_000n
            ? (yuan + 7_199_999n) / 7_200_000n
            : [yuan / 7_200_000n, 1n].reduce((a, b) => (a > b ? a : b))
          : null;
      const amount = usd !== null ? usd * 1_000_000n : yuan;
      const amountYuan = usd !== null ? toYuan(usd * 1_000_000n, 7_200_000n) : yuan;

      // Dates: signing (if any) and the stages after it, then the lead and talks before it.
      let path: Stage[];
      let times: number[];
      if (seg.signed) {
        const signedAt = between(seg.signed[0], seg.signed[1]);
        const created = signedAt - between(60, 420) * dayMs;
        const after = [signedAt];
        for (const gap of [between(20, 90), between(60, 240), between(180, 540)])
          after.push((after.at(-1) as number) + gap * dayMs);
        const furthest = weighted<number>([
          [0, 30],
          [1, 25],
          [2, 25],
          [3, 20],
        ]);
        let reach = furthest;
        while (reach > 0 && (after[reach] as number) > reference) reach--;
        path = pipelineStages.slice(0, 4 + reach) as Stage[];
        const talks = [created, created + (signedAt - created) * 0.2, created + (signedAt - created) * 0.5];
        times = [...talks.map(Math.floor), ...after.slice(0, reach + 1)];
        if (seg.lostAfterSigning) {
          path.push('lost');
          times.push(Math.min(reference, (times.at(-1) as number) + between(30, 200) * dayMs));
        } else if (rand() < 0.04) {
          path.push('on_hold');
          times.push(Math.min(reference, (times.at(-1) as number) + between(10, 120) * dayMs));
        }
      } else {
        const created = between(Date.UTC(2022, 0, 1), reference - 30 * dayMs);
        const furthest = weighted<number>([
          [0, 40],
          [1, 35],
          [2, 25],
        ]);
        path = pipelineStages.slice(0, furthest + 1) as Stage[];
        times = path.map((_, k) => created + k * Math.floor((reference - created) / 4));
        const end = weighted<Stage | null>([
          [null, 70],
          ['lost', 20],
          ['on_hold', 10],
        ]);
        if (end) {
          path.push(end);
          times.push(Math.min(reference, (times.at(-1) as number) + between(5, 90) * dayMs));
        }
      }
      const stage = path.at(-1) as Stage;
      const paused = stage === 'on_hold' || stage === 'lost';
      const lastPipeline = (paused ? path.at(-2) : stage) as Stage;
      const signedIndex = path.indexOf('signed');
      const moves: BulkMove[] = path.map((to, k) => ({
        from: k === 0 ? null : (path[k - 1] as Stage),
        to,
        at: new Date(times[k] as number),
        reason: to === 'lost' ? pick(lossReasons) : to === 'on_hold' ? pick(holdReasons) : null,
      }));
      const officerId = pick(ctx.officerIds);
      items.push({
        project: {
          title,
          stage,
          heldFrom: stage === 'on_hold' ? lastPipeline : null,
          stageReason: moves.at(-1)?.reason ?? null,
          stageEnteredAt: new Date(times.at(-1) as number),
          signedAt: signedIndex >= 0 ? new Date(times[signedIndex] as number) : null,
          reachedStage: lastPipeline,
          prospectName,
          prospectCountry,
          clusterId: cluster?.id ?? null,
          industryCode: null,
          townCode: town,
          zoneId: newCity.townCodes.includes(town) && rand() < 0.5 ? ctx.newCityZoneId : null,
          amount,
          currency: usd !== null ? 'USD' : 'CNY',
          amountYuan,
          kind,
          foreignFunded: foreign,
          expectedJobs: amountYuan === null ? null : Number(amountYuan / 2_000_000n) + between(5, 50),
          officerId,
          priority: weighted<Priority>([
            ['high', 20],
            ['medium', 60],
            ['low', 20],
          ]),
          source,
          partnerId: source === 'partner_referral' ? pick(ctx.partnerIds) : null,
          createdBy: officerId,
          createdAt: new Date(times[0] as number),
          updatedAt: new Date(times.at(-1) as number),
        },
        moves,
      });
    }
  }
  return items;
}
