import '@mantine/core/styles.css';
import './i18n/index.ts';
import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { isApiError } from './api/client.ts';
import { markSignedOut, SESSION_KEY } from './auth/session.ts';
import { theme } from './theme.ts';

// A 401 from any API call other than the session probe means the session has ended
// (expired, signed out elsewhere): forget it, and RequireAuth sends the user to /login.
function onApiError(error: unknown, queryKey?: readonly unknown[]): void {
  if (!isApiError(error) || error.status !== 401) return;
  if (queryKey && queryKey[0] === SESSION_KEY[0]) return;
  if (queryClient.getQueryData(SESSION_KEY)) markSignedOut(queryClient);
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onApiError(error, query.queryKey) }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      // The login form shows its own 401 (wrong password).
      if (mutation.options.mutationKey?.[0] === 'login') return;
      onApiError(error);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => !(isApiError(error) && error.status < 500) && failureCount < 2,
    },
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
