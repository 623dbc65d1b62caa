//! The one route table, top to bottom.
import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { ApiClientsPage } from '@/features/api-clients';
import { AppraisersPage } from '@/features/appraisers';
import { AuditPage } from '@/features/audit';
import { ADMIN_ROLES, ChangePasswordPage, HR_ROLES, LoginPage, RequireAuth, RequireRole } from '@/features/auth';
import { DashboardPage } from '@/features/dashboard';
import { BulkImportPage, EmployeeCreatePage, EmployeeDetailPage, EmployeesPage } from '@/features/employees';
import { UnitsPage } from '@/features/units';
import { UsersPage } from '@/features/users';
import { featureModules } from './modules';
import { NotFound } from './not-found';
import { Shell } from './shell';

const hr = (page: ReactNode) => <RequireRole roles={HR_ROLES}>{page}</RequireRole>;
const admin = (page: ReactNode) => <RequireRole roles={ADMIN_ROLES}>{page}</RequireRole>;

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
      { path: 'units', element: hr(<UnitsPage />) },
      { path: 'employees', element: hr(<EmployeesPage />) },
      { path: 'employees/new', element: admin(<EmployeeCreatePage />) },
      { path: 'import', element: admin(<BulkImportPage />) },
      { path: 'employees/:employeeId', element: hr(<EmployeeDetailPage />) },
      { path: 'appraisers', element: hr(<AppraisersPage />) },
      { path: 'users', element: hr(<UsersPage />) },
      { path: 'api-clients', element: hr(<ApiClientsPage />) },
      { path: 'audit', element: hr(<AuditPage />) },
      ...featureModules.flatMap((m) => m.routes),
      { path: '*', element: <NotFound /> },
    ],
  },
]);
