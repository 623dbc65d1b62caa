//! Providers (query client, session) around the router.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { AgencyScopeProvider, SessionProvider } from '@/features/auth';
import { ApiProblem } from '@/lib/api';
import { router } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Client errors (4xx) will not go away by retrying.
      retry: (count, error) => !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <AgencyScopeProvider>
          <RouterProvider router={router} />
        </AgencyScopeProvider>
      </SessionProvider>
    </QueryClientProvider>
  );
}
