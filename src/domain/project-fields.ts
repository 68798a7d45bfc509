/**
 * The project record's columns in a spreadsheet: the headers each field answers to (Chinese and English,
 * compared as company headers are), and the words a cell may use for a coded value.
 */
import { headerKey } from './company-fields.ts';
import {
  type Priority,
  type ProjectKind,
  type ProjectSource,
  priorities,
  projectKinds,
  projectSources,
} from './pipeline-enums.ts';

export const projectFields = [
  'id',
  'code',
  'title',
  'investorCreditCode',
  'investorName',
  'investorCountry',
  'industryCode',
  'cluster',
  'town',
  'zone',
  'site',
  'amount',
  'currency',
  'kind',
  'foreignFunded',
  'expectedOutput',
  'expectedTax',
  'expectedJobs',
  'officer',
  'priority',
  'source',
  'partner',
  'description',
] as const;
export type ProjectField = (typeof projectFields)[number];

/**
 * The title is the one thing a project cannot lack. A row finds its project by the system id (an exported row)
 * or by the bureau's project code, so a sheet needs one of those columns.
 */
const requiredProjectFields: readonly ProjectField[] = ['title'];

/** Columns an export writes for reading that an import leaves alone: stages move only through the machine. */
const readOnlyHeaders = ['阶段', 'stage', '折合人民币(元)', '折合人民币', 'amountyuan', '重大项目', 'major'];

const aliases: Record<ProjectField, string[]> = {
  id: ['系统编号', 'id', 'projectid', 'systemid'],
  code: ['项目编号', '项目代码', '编号', 'code', 'projectcode', 'reference', 'ref'],
  title: ['项目名称', '名称', '项目', 'title', 'projectname', 'name'],
  investorCreditCode: [
    '投资方信用代码',
    '投资方统一社会信用代码',
    '统一社会信用代码',
    'investorcreditcode',
    'creditcode',
  ],
  investorName: ['投资方', '投资方名称', '投资主体', 'investor', 'investorname', 'prospect'],
  investorCountry: ['国别', '投资方国别', '来源国', 'country', 'investorcountry'],
  industryCode: ['行业代码', '国民经济行业代码', 'industrycode', 'industry'],
  cluster: ['产业集群', '集群', 'cluster'],
  town: ['街镇', '所属街镇', '镇街', '意向街镇', 'town', 'towncode'],
  zone: ['功能区', '区域', 'zone'],
  site: ['园区', '地块', '园区地块', '意向园区', 'site', 'park'],
  amount: ['投资额', '投资总额', '计划投资额', 'amount', 'investment'],
  currency: ['币种', 'currency'],
  kind: ['项目类型', '类型', 'kind', 'type'],
  foreignFunded: ['外资', '是否外资', '外资项目', 'foreign', 'foreignfunded'],
  expectedOutput: ['预计年产值(元)', '预计年产值', 'expectedoutput', 'expectedoutputyuan'],
  expectedTax: ['预计年税收(元)', '预计年税收', 'expectedtax', 'expectedtaxyuan'],
  expectedJobs: ['预计就业', '预计就业人数', 'expectedjobs', 'jobs'],
  officer: ['负责人', '项目负责人', '招商专员', 'officer'],
  priority: ['优先级', 'priority'],
  source: ['来源', '项目来源', 'source'],
  partner: ['引荐机构', '合作伙伴', 'partner', 'referringpartner'],
  description: ['说明', '备注', '项目说明', 'description', 'notes'],
};

const byAlias = new Map<string, ProjectField>();
for (const field of projectFields) for (const alias of aliases[field]) byAlias.set(headerKey(alias), field);
const readOnly = new Set(readOnlyHeaders.map(headerKey));

/** Whether a header is one a project sheet has, read-only export columns included: how the reader finds the header row. */
export function isProjectHeader(header: string): boolean {
  const key = headerKey(header);
  return byAlias.has(key) || readOnly.has(key);
}

export interface ProjectMapping {
  columns: Partial<Record<ProjectField, number>>;
  /** Headers an import does not know (read-only export columns are left out silently). */
  unknown: string[];
  missing: ProjectField[];
  duplicates: ProjectField[];
}

export function mapProjectHeaders(headers: readonly string[]): ProjectMapping {
  const columns: ProjectMapping['columns'] = {};
  const unknown: string[] = [];
  const duplicates: ProjectField[] = [];
  headers.forEach((header, index) => {
    const key = headerKey(header);
    const field = byAlias.get(key);
    if (!field) {
      if (header.trim() && !readOnly.has(key)) unknown.push(header);
      return;
    }
    if (columns[field] !== undefined) duplicates.push(field);
    else columns[field] = index;
  });
  const missing = requiredProjectFields.filter((f) => columns[f] === undefined);
  if (columns.id === undefined && columns.code === undefined) missing.push('code');
  return { columns, unknown, missing, duplicates };
}

/** The export's header for each field: the first alias, which reads back to the field. */
export const projectHeader = (field: ProjectField): string => aliases[field][0] as string;

const kindWords: Record<ProjectKind, string[]> = {
  new_establishment: ['新设企业', '新设', '新建'],
  expansion: ['增资扩产', '增资', '扩产'],
  regional_hq: ['地区总部', '总部'],
  rnd_center: ['研发中心', '研发'],
  production_base: ['生产基地'],
  fund: ['基金'],
};
const sourceWords: Record<ProjectSource, string[]> = {
  partner_referral: ['合作伙伴推荐', '机构引荐', '伙伴推荐'],
  event: ['活动', '招商活动'],
  direct: ['直接招商', '直接'],
  company_referral: ['以商招商', '企业推荐'],
};
const priorityWords: Record<Priority, string[]> = {
  high: ['高'],
  medium: ['中'],
  low: ['低'],
};

function coded<T extends string>(codes: readonly T[], words: Record<T, string[]>) {
  const known = new Map<string, T>();
  for (const code of codes) {
    known.set(code, code);
    for (const w of words[code]) known.set(w, code);
  }
  return (cell: string): T | null => known.get(cell.trim()) ?? known.get(cell.trim().toLowerCase()) ?? null;
}

/** A kind, source or priority from its code or its Chinese name; null for anything else. */
export const readKind = coded(projectKinds, kindWords);
export const readSource = coded(projectSources, sourceWords);
export const readPriority = coded(priorities, priorityWords);

/** 是/否, yes/no, true/false, Y/N, 1/0; null for anything else. */
export function readYesNo(cell: string): boolean | null {
  const v = cell.trim().toLowerCase();
  if (['是', 'yes', 'y', 'true', '1'].includes(v)) return true;
  if (['否', 'no', 'n', 'false', '0'].includes(v)) return false;
  return null;
}
