//! The evaluations feature's public surface: its module (routes and navigation) and what other
//! features may use.
import { RequireRole, ALL_ROLES, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { EvaluationsPage } from './evaluations-page';
import { NS } from './i18n';

export const evaluationsModule: FeatureModule<Role> = {
  routes: [{ path: 'evaluations', element: <RequireRole roles={ALL_ROLES}><EvaluationsPage /></RequireRole> }],
  nav: [{ to: '/evaluations', label: `${NS}:nav.title`, roles: ALL_ROLES, order: 30 }],
};
