import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/types.ts';
import { ErrorState } from '../components/ErrorState.tsx';
import { ForbiddenPage } from '../pages/ForbiddenPage.tsx';
import { useSession } from './session.ts';

export interface LoginLocationState {
  from?: string;
}

/** Renders children only for a signed-in user; otherwise redirects to /login, remembering the target. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </Center>
    );
  }
  if (!session.data) {
    const state: LoginLocationState = { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}

/** Renders children only when the signed-in user has one of `roles`. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { data } = useSession();
  if (!data || !roles.includes(data.role)) return <ForbiddenPage />;
  return children;
}
