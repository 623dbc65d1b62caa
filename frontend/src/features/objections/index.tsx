//! The objections feature's public surface: its module (routes and navigation) and what other
//! features may use.
import { RequireRole, ALL_ROLES, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { ObjectionsPage } from './objections-page';
import { NS } from './i18n';

export const objectionsModule: FeatureModule<Role> = {
  routes: [{ path: 'objections', element: <RequireRole roles={ALL_ROLES}><ObjectionsPage /></RequireRole> }],
  nav: [{ to: '/objections', label: `${NS}:nav.title`, roles: ALL_ROLES, order: 40 }],
};
