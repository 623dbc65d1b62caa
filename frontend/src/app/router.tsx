//! The one route table, top to bottom.
import { createBrowserRouter } from 'react-router';
import { ChangePasswordPage, LoginPage, RequireAuth } from '@/features/auth';
import { DashboardPage } from '@/features/dashboard';
import { NotFound } from './not-found';
import { Shell } from './shell';

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
      { path: '*', element: <NotFound /> },
    ],
  },
]);
