//! The one route table, top to bottom.
import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { ApiClientsPage } from '@/features/api-clients';
import { ChangePasswordPage, HR_ROLES, LoginPage, RequireAuth, RequireRole } from '@/features/auth';
import { DashboardPage } from '@/features/dashboard';
import { UsersPage } from '@/features/users';
import { NotFound } from './not-found';
import { Shell } from './shell';

const hr = (page: ReactNode) => <RequireRole roles={HR_ROLES}>{page}</RequireRole>;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'password', element: <ChangePasswordPage /> },
      { path: 'users', element: hr(<UsersPage />) },
      { path: 'api-clients', element: hr(<ApiClientsPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
