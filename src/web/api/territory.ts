import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Cluster, ListResponse, Site, Town, Zone } from './types.ts';

/** `enabled` is false for a role without territory:read (a partner), which would only get a 403. */
function useList<T>(resource: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['territory', resource],
    queryFn: async ({ signal }) =>
      (await api.get<ListResponse<T>>(`/api/v1/${resource}`, undefined, signal)).items,
    staleTime: 5 * 60_000,
  });
}

export const useTowns = (enabled?: boolean) => useList<Town>('towns', enabled);
export const useZones = (enabled?: boolean) => useList<Zone>('zones', enabled);
export const useSites = (enabled?: boolean) => useList<Site>('sites', enabled);
export const useClusters = (enabled?: boolean) => useList<Cluster>('clusters', enabled);
