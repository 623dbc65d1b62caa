//! The plans feature's public surface: its module (routes and navigation) and what other
//! features may use.
import { RequireRole, ALL_ROLES, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { PlansPage } from './plans-page';
import { NS } from './i18n';

export const plansModule: FeatureModule<Role> = {
  routes: [{ path: 'plans', element: <RequireRole roles={ALL_ROLES}><PlansPage /></RequireRole> }],
  nav: [{ to: '/plans', label: `${NS}:nav.title`, roles: ALL_ROLES, order: 10 }],
};
