//! Renders a component inside the providers a page needs (router, query client, session and
//! agency scope).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { AgencyScopeProvider, SessionProvider } from '@/features/auth';

export function renderWithProviders(ui: ReactElement, { route = '/' }: { route?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return {
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <AgencyScopeProvider>
            <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
          </AgencyScopeProvider>
        </SessionProvider>
      </QueryClientProvider>,
    ),
  };
}
