//! The navigation, by role: HR roles see the agency's records, employees their own.
import type { Role } from '@/features/auth';

export interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
}

const HR: readonly Role[] = ['super_admin', 'agency_admin', 'auditor'];
const ALL: readonly Role[] = [...HR, 'employee'];

export const navItems: readonly NavItem[] = [{ to: '/', label: 'nav.dashboard', roles: ALL }];
