import { daily, type OpeningHours } from '../../domain/itinerary.ts';
import type { SiteInput } from '../territory/sites.ts';

// The demo tenant, modelled on Shanghai's Jiading District (see shared DOMAIN.md and the seed article).

export const demoPassword = 'lodestone-demo';

export const jiading = {
  slug: 'jiading',
  nameZh: '嘉定区',
  nameEn: 'Jiading District',
  divisionCode: '310114',
  defaultLocale: 'zh-CN',
} as const;

/** English names of the 12 township units; the Chinese names come from the reference divisions. */
export const townNamesEn: Record<string, string> = {
  '310114001': 'Xinchenglu Subdistrict',
  '310114002': 'Zhenxin Subdistrict',
  '310114004': 'Jiadingzhen Subdistrict',
  '310114102': 'Nanxiang Town',
  '310114103': 'Anting Town',
  '310114106': 'Malu Town',
  '310114109': 'Xuhang Town',
  '310114111': 'Huating Town',
  '310114114': 'Waigang Town',
  '310114118': 'Jiangqiao Town',
  '310114401': 'Juyuan New Area',
  '310114501': 'Jiading Industrial Zone',
};

/**
 * Jiading New City (嘉定新城) spans the district's central towns. Which towns count is a modelling choice that
 * the bureau can edit; these five hold the new city's core.
 */
export const newCity = {
  nameZh: '嘉定新城',
  nameEn: 'Jiading New City',
  townCodes: ['310114001', '310114004', '310114106', '310114401', '310114501'],
};

const weekdayHours = (open: string, close: string): OpeningHours => [
  ...daily(open, close).slice(0, 5),
  null,
  null,
];

/**
 * The four sites the article's delegation visited. Capacities, hours and hosts are the demo's own figures (a hall
 * closed on Mondays like most of Shanghai's; parks open on working days), not facts about the real sites.
 */
export const demoSites: SiteInput[] = [
  {
    nameZh: '嘉定新城规划展示馆',
    nameEn: 'Jiading New City Exhibition Hall',
    kind: 'exhibition_hall',
    townCode: '310114106',
    address: '嘉定区马陆镇（嘉定新城）',
    capacity: 150,
    openingHours: [null, ...daily('09:00', '17:00').slice(1)],
    hostName: '展示馆接待处',
    hostPhone: '021-5999 1000',
    introZh: '展示嘉定新城的规划、产业布局与营商环境。',
    introEn: "Shows Jiading New City's plan, industrial layout and business environment.",
  },
  {
    nameZh: '嘉定氢能港',
    nameEn: 'Jiading Hydrogen Energy Harbor',
    kind: 'industrial_park',
    townCode: '310114103',
    address: '嘉定区安亭镇',
    capacity: 120,
    openingHours: weekdayHours('08:30', '17:30'),
    hostName: '氢能港招商中心',
    hostPhone: '021-5999 2000',
    introZh: '氢能与燃料电池产业集聚区，覆盖制氢、储运、加注与整车应用。',
    introEn: 'A hydrogen and fuel-cell cluster covering production, storage, refuelling and vehicles.',
  },
  {
    nameZh: '上海智能汽车软件园',
    nameEn: 'Shanghai Intelligent Automobile Software Park',
    kind: 'industrial_park',
    townCode: '310114103',
    address: '嘉定区安亭镇',
    capacity: 100,
    openingHours: weekdayHours('08:30', '17:30'),
    hostName: '软件园运营公司',
    hostPhone: '021-5999 3000',
    introZh: '汽车软件、智能驾驶与车联网企业的集聚园区。',
    introEn: 'A park for automotive software, autonomous driving and connected-vehicle firms.',
  },
  {
    nameZh: '嘉定工业互联网基地',
    nameEn: 'Jiading Industrial Internet Base',
    kind: 'industrial_base',
    townCode: '310114501',
    address: '嘉定区嘉定工业区',
    capacity: 80,
    openingHours: weekdayHours('09:00', '17:00'),
    hostName: '基地服务中心',
    hostPhone: '021-5999 4000',
    introZh: '工业互联网平台、工业软件与数字化转型服务的集聚基地。',
    introEn:
      'A base for industrial-internet platforms, industrial software and digital-transformation services.',
  },
];

/** Minutes by road between the four sites (the demo's own estimates). */
export const demoTravelMinutes: [string, string, number][] = [
  ['Jiading New City Exhibition Hall', 'Jiading Hydrogen Energy Harbor', 30],
  ['Jiading New City Exhibition Hall', 'Shanghai Intelligent Automobile Software Park', 30],
  ['Jiading New City Exhibition Hall', 'Jiading Industrial Internet Base', 15],
  ['Jiading Hydrogen Energy Harbor', 'Shanghai Intelligent Automobile Software Park', 10],
  ['Jiading Hydrogen Energy Harbor', 'Jiading Industrial Internet Base', 35],
  ['Shanghai Intelligent Automobile Software Park', 'Jiading Industrial Internet Base', 35],
];

/** Clusters with the GB/T 4754-2017 classes their firms register under. */
export const demoClusters = [
  {
    code: 'icv',
    nameZh: '智能网联汽车',
    nameEn: 'Intelligent connected vehicles',
    industryCodes: ['3611', '3612', '3670'],
  },
  { code: 'hydrogen', nameZh: '氢能', nameEn: 'Hydrogen energy', industryCodes: ['3849', '3841', '3670'] },
  { code: 'ic', nameZh: '集成电路', nameEn: 'Integrated circuits', industryCodes: ['3973', '6520', '3562'] },
  {
    code: 'biomed',
    nameZh: '生物医药',
    nameEn: 'Biomedicine',
    industryCodes: ['2761', '2762', '3581', '3582', '3583', '3584', '3585', '3586', '3589'],
  },
  {
    code: 'iiot',
    nameZh: '工业互联网',
    nameEn: 'Industrial internet',
    industryCodes: ['6431', '6532', '3491'],
  },
  {
    code: 'auto-software',
    nameZh: '汽车软件',
    nameEn: 'Automotive software',
    industryCodes: ['6513', '6511'],
  },
];

export const demoUsers = [
  { email: 'admin@jiading.demo', role: 'admin', displayName: '管理员 Admin' },
  { email: 'officer@jiading.demo', role: 'officer', displayName: '招商专员 Officer' },
  { email: 'analyst@jiading.demo', role: 'analyst', displayName: '分析员 Analyst' },
  { email: 'viewer@jiading.demo', role: 'viewer', displayName: '访客 Viewer' },
  { email: 'partner@jiading.demo', role: 'partner', displayName: '合作伙伴 Partner' },
] as const;
