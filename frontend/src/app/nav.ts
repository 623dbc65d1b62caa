//! The navigation, by role: HR roles see the agency's records, employees their own. Feature
//! modules add their entries (app/modules.ts); `order` places them.
import type { Role } from '@/features/auth';
import type { NavItem } from '@/lib/feature-module';
import { featureModules } from './modules';

export type { NavItem };

const ADMIN: readonly Role[] = ['super_admin', 'agency_admin'];
const HR: readonly Role[] = [...ADMIN, 'auditor'];
const ALL: readonly Role[] = [...HR, 'employee'];

const foundation: readonly NavItem<Role>[] = [
  { to: '/', label: 'nav.dashboard', roles: ALL, order: 0 },
  { to: '/units', label: 'nav.units', roles: HR, order: 200 },
  { to: '/employees', label: 'nav.employees', roles: HR, order: 210 },
  { to: '/import', label: 'nav.bulkImport', roles: ADMIN, order: 220 },
  { to: '/appraisers', label: 'nav.appraisers', roles: HR, order: 230 },
  { to: '/users', label: 'nav.users', roles: HR, order: 240 },
  { to: '/api-clients', label: 'nav.apiClients', roles: HR, order: 250 },
  { to: '/audit', label: 'nav.audit', roles: HR, order: 260 },
];

export const navItems: readonly NavItem<Role>[] = [...foundation, ...featureModules.flatMap((m) => m.nav)].sort(
  (a, b) => a.order - b.order,
);
