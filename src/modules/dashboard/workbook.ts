import ExcelJS from 'exceljs';
import type { TenantTx } from '../../db/scope.ts';
import { listCompanies } from '../companies/search.ts';
import { partnerNames } from '../partners/service.ts';
import { listProjects, type ProjectFilters } from '../projects/list.ts';
import type { Viewer } from '../projects/visibility.ts';
import { listClusters, listSites, listTowns } from '../territory/service.ts';
import type { cockpit, ListFilter } from './service.ts';

export type CockpitFigures = Awaited<ReturnType<typeof cockpit>>;
export type WorkbookLanguage = 'zh-CN' | 'en';

/**
 * A row sheet lists at most this many rows (the list's own order: newest first); its first lines say how many
 * the figure counts and where the whole list is. 117,200 companies would make a workbook nobody opens.
 */
export const workbookRowLimit = 5_000;

const text = {
  'zh-CN': {
    summary: '概览',
    figure: '指标',
    count: '数量',
    amount: '金额（元）',
    list: '明细列表',
    period: '期间',
    area: '范围',
    district: '全区',
    newCompanies: '新设企业',
    previousYear: '去年同期',
    change: '同比',
    majorProjects: '重大项目',
    foreignFunded: '外资项目',
    headquarters: '地区总部',
    signed: '签约项目',
    pipeline: '各阶段',
    funnel: '漏斗',
    targets: '年度目标',
    clusters: '产业集群',
    partners: '合作伙伴',
    registrations: '各街镇新设',
    stage: '阶段',
    reached: '到达项目数',
    metric: '目标指标',
    scope: '范围',
    target: '目标值',
    actual: '完成值',
    progress: '完成率',
    name: '名称',
    majorCount: '其中重大项目',
    town: '街镇',
    month: '月份',
    total: '合计',
    rowsShown: (shown: number, all: number) =>
      shown < all ? `共 ${all} 行，列出最新的 ${shown} 行；完整列表见：` : `共 ${all} 行`,
    companyHeaders: [
      '统一社会信用代码',
      '企业名称',
      '英文名称',
      '街镇',
      '成立日期',
      '企业类型',
      '注册资本（元）',
    ],
    projectHeaders: [
      '项目名称',
      '投资方',
      '阶段',
      '金额（元）',
      '签约时间',
      '街镇',
      '产业集群',
      '合作伙伴',
      '外资',
      '类型',
    ],
  },
  en: {
    summary: 'Summary',
    figure: 'Figure',
    count: 'Count',
    amount: 'Amount (yuan)',
    list: 'List',
    period: 'Period',
    area: 'Area',
    district: 'District',
    newCompanies: 'New companies',
    previousYear: 'A year earlier',
    change: 'Year on year',
    majorProjects: 'Major projects',
    foreignFunded: 'Foreign-funded',
    headquarters: 'Headquarters',
    signed: 'Signed',
    pipeline: 'Pipeline',
    funnel: 'Funnel',
    targets: 'Targets',
    clusters: 'Clusters',
    partners: 'Partners',
    registrations: 'Registrations',
    stage: 'Stage',
    reached: 'Reached',
    metric: 'Metric',
    scope: 'Scope',
    target: 'Target',
    actual: 'Actual',
    progress: 'Progress',
    name: 'Name',
    majorCount: 'Of which major',
    town: 'Town',
    month: 'Month',
    total: 'Total',
    rowsShown: (shown: number, all: number) =>
      shown < all ? `${all} rows; the newest ${shown} are listed; the whole list:` : `${all} rows`,
    companyHeaders: [
      'Credit code',
      'Name',
      'English name',
      'Town',
      'Established',
      'Enterprise type',
      'Capital (yuan)',
    ],
    projectHeaders: [
      'Project',
      'Investor',
      'Stage',
      'Amount (yuan)',
      'Signed at',
      'Town',
      'Cluster',
      'Partner',
      'Foreign-funded',
      'Kind',
    ],
  },
};

const href = (list: ListFilter) => `${list.path}?${new URLSearchParams(list.query)}`;
const split = (value: string | undefined) => (value ? value.split(',') : undefined);

/** A cockpit figure's project list filter as the list service takes it. */
function projectFilters(list: ListFilter): ProjectFilters {
  const q = list.query;
  const flag = (v: string | undefined) => (v === undefined ? undefined : v === 'true');
  return {
    stage: split(q.stage),
    kind: split(q.kind),
    town: split(q.town),
    zone: q.zone,
    cluster: q.cluster,
    partner: q.partner,
    credited: q.credited,
    site: q.site,
    reached: q.reached,
    major: flag(q.major),
    foreignFunded: flag(q.foreignFunded),
    signedFrom: q.signedFrom,
    signedTo: q.signedTo,
  };
}

interface Names {
  town: Map<string, string>;
  cluster: Map<string, string>;
}

/** Up to the row limit, page after page of the list the figure opens. */
async function projectRows(
  tx: TenantTx,
  viewer: Viewer,
  list: ListFilter,
  names: Names,
  lang: WorkbookLanguage,
  limit: number,
) {
  const rows: string[][] = [];
  const items: Awaited<ReturnType<typeof listProjects>>['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await listProjects(tx, viewer, {
      ...projectFilters(list),
      sort: 'updated',
      order: 'desc',
      limit: Math.min(200, limit - items.length),
      cursor,
    });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < limit);
  const partners = await partnerNames(
    tx,
    items.flatMap((p) => (p.partnerId ? [p.partnerId] : [])),
  );
  for (const p of items) {
    const partner = p.partnerId ? partners.get(p.partnerId) : undefined;
    rows.push([
      p.title,
      p.prospectName ?? '',
      p.stage,
      p.amountYuan?.toString() ?? '',
      p.signedAt?.toISOString() ?? '',
      p.townCode ? (names.town.get(p.townCode) ?? p.townCode) : '',
      p.clusterId ? (names.cluster.get(p.clusterId) ?? '') : '',
      partner ? (lang === 'en' && partner.nameEn ? partner.nameEn : partner.nameZh) : '',
      p.foreignFunded ? '✓' : '',
      p.kind ?? '',
    ]);
  }
  return rows;
}

async function companyRows(tx: TenantTx, list: ListFilter, names: Names, limit: number) {
  const q = list.query;
  const rows: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listCompanies(tx, {
      zone: q.zone,
      town: split(q.town),
      establishedFrom: q.establishedFrom,
      establishedTo: q.establishedTo,
      sort: 'established',
      order: 'desc',
      limit: Math.min(200, limit - rows.length),
      cursor,
    });
    for (const c of page.items)
      rows.push([
        c.creditCode,
        c.nameZh,
        c.nameEn ?? '',
        c.townCode ? (names.town.get(c.townCode) ?? c.townCode) : '',
        c.establishedOn ?? '',
        c.enterpriseType ?? '',
        c.registeredCapitalYuan?.toString() ?? '',
      ]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < limit);
  return rows;
}

/** Numbers that fit a double are written as numbers, so a spreadsheet sums them; larger ones as text. */
const cell = (value: string | number) =>
  typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value;

function addTable(sheet: ExcelJS.Worksheet, headers: string[], rows: (string | number)[][]) {
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(cell));
}

/**
 * The cockpit as a workbook: a summary, then one sheet per figure. The headline figures' sheets carry the rows
 * they count (up to {@link workbookRowLimit}, saying so); the breakdowns carry their table.
 */
export async function cockpitWorkbook(
  tx: TenantTx,
  viewer: Viewer,
  figures: CockpitFigures,
  lang: WorkbookLanguage = 'zh-CN',
  rowLimit = workbookRowLimit,
): Promise<Buffer> {
  const l = text[lang];
  const pick = (zh: string | null, en: string | null, fallback: string) =>
    (lang === 'en' ? (en ?? zh) : zh) ?? fallback;
  const [towns, clusters, sites] = [await listTowns(tx), await listClusters(tx), await listSites(tx)];
  const names: Names = {
    town: new Map(towns.map((t) => [t.code, pick(t.nameZh, t.nameEn, t.code)])),
    cluster: new Map(clusters.map((c) => [c.id, pick(c.nameZh, c.nameEn, c.id)])),
  };
  const siteName = new Map(sites.map((s) => [s.id, pick(s.nameZh, s.nameEn, s.id)]));
  const book = new ExcelJS.Workbook();
  book.creator = 'Lodestone';

  const summary = book.addWorksheet(l.summary);
  summary.addRow([l.period, figures.period.since, figures.period.until]);
  summary.addRow([
    l.area,
    figures.area.zone
      ? pick(figures.area.zone.nameZh, figures.area.zone.nameEn, '')
      : (figures.area.towns?.map((t) => names.town.get(t) ?? t).join(', ') ?? l.district),
  ]);
  summary.addRow([]);
  const nc = figures.newCompanies;
  const headline = [
    [l.newCompanies, nc.companies, '', href(nc.list)],
    [l.previousYear, nc.previousYear, '', ''],
    [l.change, nc.change ?? '', '', ''],
    ...(
      [
        [l.majorProjects, figures.majorProjects],
        [l.foreignFunded, figures.foreignFunded],
        [l.headquarters, figures.headquarters],
        [l.signed, figures.signed],
      ] as const
    ).map(([name, f]) => [name, f.projects, f.amountYuan, href(f.list)]),
  ];
  addTable(summary, [l.figure, l.count, l.amount, l.list], headline);
  summary.columns.forEach((c) => {
    c.width = 22;
  });

  const rowSheet = async (
    name: string,
    count: number,
    list: ListFilter,
    headers: string[],
    rows: () => Promise<string[][]>,
  ) => {
    const sheet = book.addWorksheet(name);
    const listed = await rows();
    sheet.addRow([l.rowsShown(listed.length, count), listed.length < count ? href(list) : '']);
    addTable(sheet, headers, listed);
    sheet.columns.forEach((c) => {
      c.width = 20;
    });
  };
  await rowSheet(l.newCompanies, nc.companies, nc.list, l.companyHeaders, () =>
    companyRows(tx, nc.list, names, rowLimit),
  );
  for (const [name, figure] of [
    [l.majorProjects, figures.majorProjects],
    [l.foreignFunded, figures.foreignFunded],
    [l.headquarters, figures.headquarters],
    [l.signed, figures.signed],
  ] as const)
    await rowSheet(name, figure.projects, figure.list, l.projectHeaders, () =>
      projectRows(tx, viewer, figure.list, names, lang, rowLimit),
    );

  addTable(
    book.addWorksheet(l.pipeline),
    [l.stage, l.count, l.amount, l.list],
    figures.pipeline.map((s) => [s.stage, s.projects, s.amountYuan, href(s.list)]),
  );
  addTable(
    book.addWorksheet(l.funnel),
    [l.stage, l.reached, l.amount, l.list],
    figures.funnel.map((s) => [s.stage, s.reached, s.amountYuan, href(s.list)]),
  );
  addTable(
    book.addWorksheet(l.targets),
    [l.metric, l.scope, l.target, l.actual, l.progress, l.list],
    figures.targets.map((t) => [
      t.metric,
      t.clusterId
        ? (names.cluster.get(t.clusterId) ?? t.clusterId)
        : t.siteId
          ? (siteName.get(t.siteId) ?? t.siteId)
          : l.district,
      t.value,
      t.actual,
      t.progress ?? '',
      href(t.list),
    ]),
  );
  const ranked = (rows: CockpitFigures['topClusters'] | CockpitFigures['partnerLeaderboard']) =>
    rows.map((r) => [pick(r.nameZh, r.nameEn, ''), r.projects, r.amountYuan, r.majorProjects, href(r.list)]);
  addTable(
    book.addWorksheet(l.clusters),
    [l.name, l.count, l.amount, l.majorCount, l.list],
    ranked(figures.topClusters),
  );
  addTable(
    book.addWorksheet(l.partners),
    [l.name, l.count, l.amount, l.majorCount, l.list],
    ranked(figures.partnerLeaderboard),
  );
  addTable(
    book.addWorksheet(l.registrations),
    [l.town, l.month, l.count, l.list],
    figures.registrationsByTown.flatMap((r) =>
      r.points.map((p) => [names.town.get(r.town) ?? r.town, p.month, p.companies, href(r.list)]),
    ),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
