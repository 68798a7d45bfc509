/** The pipeline API (/api/v1/projects, /tasks/due): shapes, query keys and fetchers. */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ActivityKind, Priority, ProjectKind, ProjectSource } from '../../domain/pipeline-enums.ts';
import type { PipelineStage, Stage } from '../../domain/project-stages.ts';
import { api, type QueryValue } from './client.ts';
import type { AuditPage } from './types.ts';

export const PROJECT_SORT_KEYS = ['updated', 'created', 'title', 'amount', 'stageEntered'] as const;
export type ProjectSortKey = (typeof PROJECT_SORT_KEYS)[number];

interface Named {
  id: string;
  nameZh: string;
  nameEn?: string | null;
}

export interface Project {
  id: string;
  title: string;
  code: string | null;
  description: string | null;
  stage: Stage;
  heldFrom: PipelineStage | null;
  stageReason: string | null;
  stageEnteredAt: string;
  allowedMoves: Stage[];
  signedAt: string | null;
  investorCompanyId: string | null;
  investorCompany: (Named & { creditCode: string }) | null;
  prospectName: string | null;
  prospectCountry: string | null;
  industryCode: string | null;
  clusterId: string | null;
  townCode: string | null;
  zoneId: string | null;
  siteId: string | null;
  /** Whole units of `currency`, as entered; a decimal string. */
  amount: string | null;
  currency: string;
  amountYuan: string | null;
  major: boolean;
  kind: ProjectKind | null;
  foreignFunded: boolean;
  expectedOutputYuan: string | null;
  expectedTaxYuan: string | null;
  expectedJobs: number | null;
  officerId: string | null;
  priority: Priority;
  source: ProjectSource;
  partnerId: string | null;
  partner: Named | null;
  /** The partner credited with the project: the first registered introducer, else the referring partner. */
  credit: { partnerId: string | null; partner: Named | null; basis: 'introducer' | 'referral' | 'none' };
  registeredCompanyId: string | null;
  registeredCompany: (Named & { creditCode: string }) | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectPage {
  items: Project[];
  nextCursor: string | null;
  total: number;
  totalIsExact: boolean;
}

/** The list filters the table, the board and the funnel share. */
export interface ProjectFilterValues {
  q?: string;
  stage?: string;
  source?: string;
  major?: boolean | string;
  /** Filters a link brings in the URL (see pages/projects/urlFilters.ts): comma lists, ids, dates, 'true'. */
  reached?: string;
  kind?: string;
  foreignFunded?: string;
  zone?: string;
  town?: string;
  cluster?: string;
  site?: string;
  partner?: string;
  /** The partner credited with the project: the first registered introducer, else the referring partner. */
  credited?: string;
  /** A registry company: its projects as investor or as the company registered. */
  company?: string;
  signedFrom?: string;
  signedTo?: string;
  /** A user id, or `me`. */
  officer?: string;
}

export interface ProjectFilters extends ProjectFilterValues {
  sort: ProjectSortKey;
  order: 'asc' | 'desc';
}

export interface StageMoveRecord {
  id: string;
  from: Stage | null;
  to: Stage;
  reason: string | null;
  note: string | null;
  at: string;
  secondsInFrom: number | null;
  byEmail: string;
}

export interface ProjectHistory {
  stage: Stage;
  stageEnteredAt: string;
  moves: StageMoveRecord[];
  timeInStage: { stage: Stage; seconds: number }[];
}

export interface Task {
  id: string;
  projectId: string;
  title: string;
  dueOn: string | null;
  assigneeId: string | null;
  done: boolean;
  overdue: boolean;
}

export interface DueTask extends Task {
  projectTitle: string;
  projectStage: Stage;
}

export interface Activity {
  id: string;
  kind: ActivityKind;
  occurredAt: string;
  summary: string;
  byEmail: string;
}

export const projectKeys = {
  all: ['projects'] as const,
  list: (filters: ProjectFilters, limit: number) => ['projects', 'list', filters, limit] as const,
  funnel: (filters: ProjectFilterValues, by: FunnelBreakdown, period: FunnelPeriod) =>
    ['projects', 'funnel', filters, by, period] as const,
  detail: (id: string) => ['projects', 'detail', id] as const,
  history: (id: string) => ['projects', 'history', id] as const,
  tasks: (id: string) => ['projects', 'tasks', id] as const,
  activities: (id: string) => ['projects', 'activities', id] as const,
  audit: (id: string) => ['projects', 'audit', id] as const,
  due: ['projects', 'due'] as const,
};

/** Keyset pages of `limit` projects; the board asks for fewer per column than the table per page. */
export function useProjects(filters: ProjectFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: projectKeys.list(filters, limit),
    queryFn: ({ pageParam, signal }) =>
      api.get<ProjectPage>(
        '/api/v1/projects',
        { ...(filters as unknown as Record<string, QueryValue>), limit, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const FUNNEL_BREAKDOWNS = ['none', 'source', 'partner', 'cluster', 'officer', 'period'] as const;
export type FunnelBreakdown = (typeof FUNNEL_BREAKDOWNS)[number];
export const FUNNEL_PERIODS = ['month', 'quarter', 'year'] as const;
export type FunnelPeriod = (typeof FUNNEL_PERIODS)[number];

export interface FunnelStage {
  stage: Stage;
  count: number;
  amountYuan: string;
  reached: number;
  reachedAmountYuan: string;
  conversionToNext: number | null;
  medianDays: number | null;
  completedStays: number;
}

export interface FunnelGroup {
  key: string;
  label: string | null;
  count: number;
  amountYuan: string;
  stages: FunnelStage[];
}

export function useFunnel(
  filters: ProjectFilterValues,
  by: FunnelBreakdown = 'none',
  period: FunnelPeriod = 'month',
  /** current: only the counts and amounts in each stage now (the board), without the history's figures. */
  measures: 'all' | 'current' = 'all',
) {
  return useQuery({
    queryKey: [...projectKeys.funnel(filters, by, period), measures],
    queryFn: ({ signal }) =>
      api.get<{ by: FunnelBreakdown; period: FunnelPeriod | null; groups: FunnelGroup[] }>(
        '/api/v1/projects/funnel',
        { ...(filters as Record<string, QueryValue>), by, period, measures },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: projectKeys.detail(id),
    queryFn: ({ signal }) => api.get<Project>(`/api/v1/projects/${id}`, undefined, signal),
  });
}

export function useProjectHistory(id: string) {
  return useQuery({
    queryKey: projectKeys.history(id),
    queryFn: ({ signal }) => api.get<ProjectHistory>(`/api/v1/projects/${id}/history`, undefined, signal),
  });
}

export function useProjectTasks(id: string, enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.tasks(id),
    queryFn: ({ signal }) => api.get<{ items: Task[] }>(`/api/v1/projects/${id}/tasks`, undefined, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useProjectActivities(id: string, enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.activities(id),
    queryFn: ({ signal }) =>
      api.get<{ items: Activity[] }>(`/api/v1/projects/${id}/activities`, undefined, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useProjectAudit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.audit(id),
    queryFn: ({ signal }) => api.get<AuditPage>(`/api/v1/projects/${id}/audit`, { limit: 50 }, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useDueTasks(enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.due,
    queryFn: ({ signal }) =>
      api.get<{ today: string; items: DueTask[] }>('/api/v1/tasks/due', { days: 7 }, signal),
    select: (data) => data.items,
    enabled,
  });
}

/** What a lead may say when it is recorded; a partner's lead says only what it knows of the investment. */
export interface LeadInput {
  title: string;
  description?: string;
  prospectName?: string;
  prospectCountry?: string;
  /** As the investor named it: '1.3亿', 'US$13,000,000'. */
  amount?: string;
  kind?: ProjectKind;
}

export const createProject = (body: LeadInput) => api.post<Project>('/api/v1/projects', body);

export const updateProject = (id: string, body: Record<string, unknown>) =>
  api.patch<Project>(`/api/v1/projects/${id}`, body);

export interface CurrencyRate {
  currency: string;
  yuanPerUnit: string;
}

export function useCurrencyRates(enabled = true) {
  return useQuery({
    queryKey: ['pipeline', 'currency-rates'],
    queryFn: async ({ signal }) =>
      (await api.get<{ items: CurrencyRate[] }>('/api/v1/currency-rates', undefined, signal)).items,
    enabled,
    staleTime: 60_000,
  });
}

export function useMajorThreshold(enabled = true) {
  return useQuery({
    queryKey: ['pipeline', 'settings'],
    queryFn: async ({ signal }) =>
      (await api.get<{ majorThresholdYuan: string }>('/api/v1/pipeline-settings', undefined, signal))
        .majorThresholdYuan,
    enabled,
    staleTime: 60_000,
  });
}

export interface PartnerOption {
  id: string;
  nameZh: string;
  nameEn: string | null;
}

/** Partners by name for a picker: the first 200, which covers a district's partners. */
export function usePartnerOptions(enabled = true) {
  return useQuery({
    queryKey: ['partners', 'options'],
    queryFn: async ({ signal }) =>
      (await api.get<{ items: PartnerOption[] }>('/api/v1/partners', { limit: 200 }, signal)).items,
    enabled,
    staleTime: 60_000,
  });
}

export const moveProject = (
  id: string,
  body: { to: Stage; note?: string; reason?: string; creditCode?: string },
) => api.post<Project>(`/api/v1/projects/${id}/stage`, body);

export const addTask = (id: string, body: { title: string; dueOn?: string | null; assigneeId?: string }) =>
  api.post<Task>(`/api/v1/projects/${id}/tasks`, body);

export const setTaskDone = (projectId: string, taskId: string, done: boolean) =>
  api.patch<Task>(`/api/v1/projects/${projectId}/tasks/${taskId}`, { done });

export const logActivity = (id: string, body: { kind: ActivityKind; summary: string }) =>
  api.post<Activity>(`/api/v1/projects/${id}/activities`, body);
