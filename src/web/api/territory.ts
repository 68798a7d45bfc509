import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Cluster, ListResponse, Site, Town, Zone } from './types.ts';

function useList<T>(resource: string) {
  return useQuery({
    queryKey: ['territory', resource],
    queryFn: async ({ signal }) =>
      (await api.get<ListResponse<T>>(`/api/v1/${resource}`, undefined, signal)).items,
    staleTime: 5 * 60_000,
  });
}

export const useTowns = () => useList<Town>('towns');
export const useZones = () => useList<Zone>('zones');
export const useSites = () => useList<Site>('sites');
export const useClusters = () => useList<Cluster>('clusters');
