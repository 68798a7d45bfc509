import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import { applyTenantLocale } from '../i18n/index.ts';

export const SESSION_KEY = ['auth', 'me'] as const;

/** GET /api/v1/auth/me; a 401 means "not signed in" and resolves to null. */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/v1/auth/me', undefined, signal);
    applyTenantLocale(session.tenant.defaultLocale);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 5 * 60_000,
    retry: (failureCount, error) => !(isApiError(error) && error.status < 500) && failureCount < 2,
  });
}

/** The signed-in session; only for components rendered inside {@link RequireAuth}. */
export function useCurrentSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentSession used outside of an authenticated route');
  return data;
}

export interface Credentials {
  email: string;
  password: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['login'],
    mutationFn: (credentials: Credentials) => api.post<Session>('/api/v1/auth/login', credentials),
    onSuccess: (session) => {
      applyTenantLocale(session.tenant.defaultLocale);
      // Data cached for a previous user must not leak into this session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

export function markSignedOut(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, null);
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<void>('/api/v1/auth/logout');
      } catch (error) {
        // Already signed out on the server: nothing left to do.
        if (!(isApiError(error) && error.status === 401)) throw error;
      }
    },
    onSuccess: () => markSignedOut(queryClient),
  });
}
