/** The tenant's member directory (/api/v1/members): names for the user ids the pipeline stores. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCurrentSession } from '../auth/session.ts';
import { api } from './client.ts';
import type { Role } from './types.ts';

export interface Member {
  id: string;
  displayName: string;
  role: Role;
}

/** Who may read the directory (records:read): the bureau's staff, not a partner. */
const DIRECTORY_ROLES: readonly Role[] = ['admin', 'officer', 'analyst', 'viewer'];

export function useMembers() {
  const { role } = useCurrentSession();
  return useQuery({
    queryKey: ['members'],
    queryFn: async ({ signal }) =>
      (await api.get<{ items: Member[] }>('/api/v1/members', undefined, signal)).items,
    enabled: DIRECTORY_ROLES.includes(role),
    staleTime: 5 * 60_000,
  });
}

/**
 * The members and a name for a user id; null when the id is not a member the caller may see (a partner,
 * or a member since removed).
 */
export function useMemberDirectory() {
  const members = useMembers();
  return useMemo(() => {
    const list = members.data ?? [];
    const byId = new Map(list.map((m) => [m.id, m]));
    return {
      members: list,
      /** Those who may be put in charge of a project or given a task. */
      staff: list.filter((m) => m.role === 'officer' || m.role === 'admin'),
      name: (id: string | null | undefined) => (id ? (byId.get(id)?.displayName ?? null) : null),
    };
  }, [members.data]);
}
