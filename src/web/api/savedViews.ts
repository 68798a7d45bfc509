/** Saved views (/api/v1/saved-views): a user's named filters and sort of a list. */
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

export type ViewEntity = 'projects' | 'companies';
export type ViewQuery = Record<string, string | boolean>;

export interface SavedView {
  id: string;
  entity: ViewEntity;
  name: string;
  query: ViewQuery;
}

export const savedViewKeys = { list: (entity: ViewEntity) => ['saved-views', entity] as const };

export function useSavedViews(entity: ViewEntity) {
  return useQuery({
    queryKey: savedViewKeys.list(entity),
    queryFn: async ({ signal }) =>
      (await api.get<{ items: SavedView[] }>('/api/v1/saved-views', { entity }, signal)).items,
  });
}

export const saveView = (body: { entity: ViewEntity; name: string; query: ViewQuery }) =>
  api.post<SavedView>('/api/v1/saved-views', body);

export const deleteView = (id: string) => api.delete(`/api/v1/saved-views/${encodeURIComponent(id)}`);
