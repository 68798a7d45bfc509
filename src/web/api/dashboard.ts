/** The leadership cockpit API (/api/v1/dashboard): its figures, the year's targets, and the links behind them. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PipelineStage, Stage } from '../../domain/project-stages.ts';
import { api, apiUrl } from './client.ts';

/** The list behind a figure, as the API names it: a path and the query parameters that open its rows. */
export interface ListFilter {
  path: '/companies' | '/projects';
  query: Record<string, string>;
}

export interface CockpitCount {
  projects: number;
  amountYuan: string;
  list: ListFilter;
}

export interface CockpitRanked {
  nameZh: string | null;
  nameEn: string | null;
  projects: number;
  amountYuan: string;
  majorProjects: number;
  list: ListFilter;
}

export const TARGET_METRICS = [
  'new_companies',
  'major_projects',
  'foreign_investment_yuan',
  'signed_amount_yuan',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export interface Target {
  id: string;
  year: number;
  metric: TargetMetric;
  clusterId: string | null;
  siteId: string | null;
  value: string;
  updatedAt: string;
}

export interface Cockpit {
  period: { since: string; until: string };
  area: {
    zone: { id: string; nameZh: string; nameEn: string | null } | null;
    towns: string[] | null;
  };
  newCompanies: { companies: number; previousYear: number; change: number | null; list: ListFilter };
  majorProjects: CockpitCount;
  foreignFunded: CockpitCount;
  headquarters: CockpitCount;
  signed: CockpitCount;
  pipeline: { stage: Stage; projects: number; amountYuan: string; list: ListFilter }[];
  funnel: { stage: PipelineStage; reached: number; amountYuan: string; list: ListFilter }[];
  targets: (Target & { actual: string; progress: number | null; list: ListFilter })[];
  topClusters: (CockpitRanked & { clusterId: string })[];
  partnerLeaderboard: (CockpitRanked & { partnerId: string })[];
  registrationsByTown: {
    town: string;
    nameZh: string | null;
    nameEn: string | null;
    companies: number;
    points: { month: string; companies: number }[];
    list: ListFilter;
  }[];
}

/** What the cockpit is asked for: a period and an area; empty values mean the defaults (year so far, district). */
export interface CockpitQuery {
  since?: string;
  until?: string;
  zone?: string;
  town?: string;
}

/** The in-app link that opens a figure's rows. */
export function listHref(list: ListFilter): string {
  return apiUrl(list.path, list.query);
}

export const dashboardKeys = {
  cockpit: (query: CockpitQuery) => ['dashboard', 'cockpit', query] as const,
  targets: (year: number) => ['dashboard', 'targets', year] as const,
};

export function useCockpit(query: CockpitQuery) {
  return useQuery({
    queryKey: dashboardKeys.cockpit(query),
    queryFn: ({ signal }) => api.get<Cockpit>('/api/v1/dashboard/cockpit', { ...query }, signal),
  });
}

/** The workbook of the same figures, downloaded by the browser with the session cookie. */
export function cockpitWorkbookUrl(query: CockpitQuery, lang: 'zh-CN' | 'en'): string {
  return apiUrl('/api/v1/dashboard/cockpit.xlsx', { ...query, lang });
}

export function useTargets(year: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: dashboardKeys.targets(year),
    queryFn: async ({ signal }) =>
      (await api.get<{ items: Target[] }>('/api/v1/dashboard/targets', { year }, signal)).items,
  });
}

export interface TargetInput {
  year: number;
  metric: TargetMetric;
  clusterId: string | null;
  siteId: string | null;
  value: string;
}

/** Creating, changing and removing a target refreshes the targets and every cockpit shown. */
export function useTargetMutations() {
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: ['dashboard'] });
  return {
    create: useMutation({
      mutationFn: (input: TargetInput) => api.post<Target>('/api/v1/dashboard/targets', input),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, value }: { id: string; value: string }) =>
        api.patch<Target>(`/api/v1/dashboard/targets/${id}`, { value }),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(`/api/v1/dashboard/targets/${id}`),
      onSuccess,
    }),
  };
}
