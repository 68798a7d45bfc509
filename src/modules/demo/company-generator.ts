import { makeCreditCode } from '../../domain/credit-code.ts';
import { csvRecord } from '../../domain/csv.ts';
import { prng } from '../../domain/random.ts';
import { newCity, townNamesEn } from './jiading.ts';

// Deterministic, realistic registry rows for the demo and the benchmarks: Jiading's towns, its cluster
// industries weighted above the everyday economy, and names that read like real Chinese company names.

type Weighted<T> = [T, number][];
function picker<T>(items: Weighted<T>): (r: number) => T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let running = 0;
  const cumulative = items.map(([v, w]) => {
    running += w / total;
    return [v, running] as const;
  });
  return (r) => (cumulative.find(([, c]) => r < c) ?? cumulative[cumulative.length - 1])?.[0] as T;
}

/** [zh, pinyin] word stems for the distinctive part of a name. */
const stems: [string, string][] = [
  ['华', 'Hua'],
  ['瑞', 'Rui'],
  ['德', 'De'],
  ['鑫', 'Xin'],
  ['博', 'Bo'],
  ['创', 'Chuang'],
  ['联', 'Lian'],
  ['汇', 'Hui'],
  ['嘉', 'Jia'],
  ['卓', 'Zhuo'],
  ['星', 'Xing'],
  ['宇', 'Yu'],
  ['智', 'Zhi'],
  ['恒', 'Heng'],
  ['迈', 'Mai'],
  ['泰', 'Tai'],
  ['润', 'Run'],
  ['澄', 'Cheng'],
  ['禾', 'He'],
  ['拓', 'Tuo'],
  ['锐', 'Rui'],
  ['晟', 'Sheng'],
  ['骏', 'Jun'],
  ['芯', 'Xin'],
  ['氢', 'Qing'],
  ['驰', 'Chi'],
  ['源', 'Yuan'],
  ['峰', 'Feng'],
  ['安', 'An'],
  ['远', 'Yuan'],
  ['腾', 'Teng'],
  ['凯', 'Kai'],
];

/** Industry class → the words a company in it calls itself, in Chinese and English. */
const industries: Weighted<{ code: string; zh: string[]; en: string }> = [
  [{ code: '3670', zh: ['汽车零部件', '汽车部件', '汽车电子'], en: 'Auto Parts' }, 9],
  [{ code: '3612', zh: ['新能源汽车', '电动汽车'], en: 'New Energy Vehicle' }, 2],
  [{ code: '3611', zh: ['汽车'], en: 'Automobile' }, 1],
  [{ code: '3849', zh: ['氢能科技', '燃料电池', '氢能源'], en: 'Hydrogen Energy' }, 2],
  [{ code: '3841', zh: ['锂电科技', '电池科技'], en: 'Battery' }, 1],
  [{ code: '3973', zh: ['集成电路', '半导体'], en: 'Semiconductor' }, 2],
  [{ code: '6520', zh: ['芯片设计', '微电子'], en: 'Microelectronics' }, 2],
  [{ code: '3562', zh: ['半导体设备', '精密设备'], en: 'Semiconductor Equipment' }, 1],
  [{ code: '2761', zh: ['生物医药', '生物科技'], en: 'Biopharma' }, 2],
  [{ code: '2762', zh: ['生物制药', '基因科技'], en: 'Biotech' }, 1],
  [{ code: '3581', zh: ['医疗器械', '医疗设备'], en: 'Medical Devices' }, 2],
  [{ code: '3491', zh: ['机器人', '智能装备'], en: 'Robotics' }, 2],
  [{ code: '6513', zh: ['软件科技', '软件技术', '汽车软件'], en: 'Software' }, 4],
  [{ code: '6532', zh: ['物联网科技', '智联科技'], en: 'IoT Technology' }, 2],
  [{ code: '6431', zh: ['网络科技', '数字科技'], en: 'Internet Technology' }, 3],
  [{ code: '7320', zh: ['技术研究', '检测技术'], en: 'Engineering Research' }, 2],
  [{ code: '5179', zh: ['贸易', '商贸'], en: 'Trading' }, 14],
  [{ code: '7212', zh: ['投资管理', '企业管理'], en: 'Management' }, 8],
  [{ code: '7224', zh: ['供应链管理', '物流'], en: 'Supply Chain' }, 6],
  [{ code: '7243', zh: ['咨询', '管理咨询'], en: 'Consulting' }, 6],
  [{ code: '4790', zh: ['建设工程', '建筑工程'], en: 'Construction' }, 6],
  [{ code: '6210', zh: ['餐饮管理'], en: 'Catering' }, 4],
  [{ code: '7299', zh: ['商务服务', '文化传播'], en: 'Business Services' }, 8],
  [{ code: '3311', zh: ['金属制品', '五金制品'], en: 'Metal Products' }, 4],
  [{ code: '2929', zh: ['塑料制品', '新材料'], en: 'Materials' }, 3],
];

const towns = Object.keys(townNamesEn);
/** Jiading New City's towns weigh more among recent registrations, as the district reports. */
const newCityTowns = newCity.townCodes;

const foreign: Weighted<string> = [
  ['DE', 5],
  ['US', 4],
  ['JP', 5],
  ['KR', 2],
  ['FR', 2],
  ['SE', 1],
  ['GB', 1],
  ['SG', 2],
  ['CH', 1],
  ['NL', 1],
];
const hmt: Weighted<string> = [
  ['HK', 6],
  ['TW', 3],
  ['MO', 1],
];
const codeChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export const generatedHeaders = [
  '统一社会信用代码',
  '企业名称',
  '英文名称',
  '法定代表人',
  '行业代码',
  '注册资本(万元)',
  '成立日期',
  '所属街镇',
  '住所',
  '登记状态',
  '企业类型',
  '投资方国别',
  '总部类型',
  '从业人数',
] as const;

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆晨';
const roads = [
  '博园路',
  '嘉松北路',
  '曹安公路',
  '沪宜公路',
  '叶城路',
  '墨玉路',
  '安亭路',
  '胜辛路',
  '城北路',
  '裕民南路',
  '众仁路',
  '白银路',
];

type Pick = <T>(list: readonly T[]) => T;
/** Where and when a generated company was registered: its town code and establishment date. */
export type Placement = (rand: () => number, pick: Pick) => { town: string; date: string };

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `recentShare` of companies from 2021 on, mostly in the new city; the rest over 1992–2020, anywhere. */
function mixedPlacement(recentShare: number): Placement {
  return (rand, pick) => {
    const recent = rand() < recentShare;
    const town = recent && rand() < 0.7 ? pick(newCityTowns) : pick(towns);
    const year = recent ? 2021 + Math.floor(rand() * 5) : 1992 + Math.floor(rand() * 29);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    return { town, date: `${year}-${pad2(month)}-${pad2(day)}` };
  };
}

/** Registrations spread evenly over the days from `from` to `to` (inclusive), in `townCodes`. */
export function placedBetween(from: string, to: string, townCodes: readonly string[]): Placement {
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / 86_400_000) + 1;
  return (rand, pick) => ({
    town: pick(townCodes),
    date: new Date(start + Math.floor(rand() * days) * 86_400_000).toISOString().slice(0, 10),
  });
}

export interface GeneratorOptions {
  /** Added to the row number that makes the credit code, so that separately generated sets never collide. */
  offset?: number;
  place?: Placement;
}

/**
 * The n-th generated company, as spreadsheet cells in `generatedHeaders` order. By default `recentShare` of
 * companies are established from 2021 on; the rest spread over 1992–2020.
 */
export function companyRows(
  count: number,
  seed = 20241126,
  recentShare = 0.45,
  { offset = 0, place = mixedPlacement(recentShare) }: GeneratorOptions = {},
) {
  const rand = prng(seed);
  const pickIndustry = picker(industries);
  const pickForeign = picker(foreign);
  const pickHmt = picker(hmt);
  const pick: Pick = (list) => list[Math.floor(rand() * list.length)] as (typeof list)[number];
  return {
    *[Symbol.iterator](): Generator<string[]> {
      for (let i = 0; i < count; i++) {
        const industry = pickIndustry(rand());
        const [s1, p1] = pick(stems);
        const [s2, p2] = pick(stems);
        const word = pick(industry.zh);
        const listed = rand() < 0.04;
        const nameZh = `上海${s1}${s2}${word}${listed ? '股份有限公司' : '有限公司'}`;
        const roll = rand();
        const type = roll < 0.06 ? 'foreign' : roll < 0.09 ? 'hmt' : 'domestic';
        const country = type === 'foreign' ? pickForeign(rand()) : type === 'hmt' ? pickHmt(rand()) : '';
        const nameEn =
          type !== 'domestic' || rand() < 0.25
            ? `Shanghai ${p1}${p2.toLowerCase()} ${industry.en} Co., Ltd.`
            : '';
        const { town, date } = place(rand, pick);
        const capitalWan = Math.round(10 ** (1 + rand() * 3.6));
        const st = rand();
        const status = st < 0.9 ? '存续' : st < 0.94 ? '注销' : st < 0.98 ? '吊销' : '迁出';
        const hq = type !== 'domestic' && rand() < 0.08 ? (rand() < 0.6 ? '地区总部' : '研发中心') : '';
        let body = 'MA';
        for (let k = 0, v = i + offset; k < 6; k++, v = Math.floor(v / 31)) body += codeChars[v % 31];
        const cellsOut: string[] = [];
        cellsOut[0] = makeCreditCode(`91${town.slice(0, 6)}`, body);
        cellsOut[1] = nameZh;
        cellsOut[2] = nameEn;
        cellsOut[3] = `${pick([...surnames])}${pick([...given])}${rand() < 0.5 ? pick([...given]) : ''}`;
        cellsOut[4] = industry.code;
        cellsOut[5] = String(capitalWan);
        cellsOut[6] = date;
        cellsOut[7] = town;
        cellsOut[8] = `上海市嘉定区${pick(roads)}${1 + Math.floor(rand() * 2000)}号`;
        cellsOut[9] = status;
        cellsOut[10] =
          type === 'foreign'
            ? '有限责任公司(外商投资)'
            : type === 'hmt'
              ? '有限责任公司(台港澳法人独资)'
              : listed
                ? '股份有限公司(非上市、自然人投资或控股)'
                : '有限责任公司(自然人投资或控股)';
        cellsOut[11] = country;
        cellsOut[12] = hq;
        cellsOut[13] = String(Math.round(3 + rand() * rand() * 800));
        yield cellsOut;
      }
    },
  };
}

/** Rows as CSV text with the Chinese header row, as a registry export would be. */
export function companiesCsv(count: number, seed?: number): string {
  let out = `${generatedHeaders.join(',')}\n`;
  for (const row of companyRows(count, seed)) out += `${csvRecord(row)}\n`;
  return out;
}
