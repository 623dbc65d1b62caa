//! The navigation, by role: HR roles see the agency's records, employees their own.
import type { Role } from '@/features/auth';

export interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
}

const ADMIN: readonly Role[] = ['super_admin', 'agency_admin'];
const HR: readonly Role[] = [...ADMIN, 'auditor'];
const ALL: readonly Role[] = [...HR, 'employee'];

export const navItems: readonly NavItem[] = [
  { to: '/', label: 'nav.dashboard', roles: ALL },
  { to: '/units', label: 'nav.units', roles: HR },
  { to: '/employees', label: 'nav.employees', roles: HR },
  { to: '/import', label: 'nav.bulkImport', roles: ADMIN },
  { to: '/appraisers', label: 'nav.appraisers', roles: HR },
  { to: '/users', label: 'nav.users', roles: HR },
  { to: '/api-clients', label: 'nav.apiClients', roles: HR },
  { to: '/audit', label: 'nav.audit', roles: HR },
];
