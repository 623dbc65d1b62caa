//! The follow-up feature's public surface: its module (routes and navigation) and what other
//! features may use.
import { RequireRole, HR_ROLES, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { FollowUpPage } from './follow-up-page';
import { NS } from './i18n';

export const followUpModule: FeatureModule<Role> = {
  routes: [{ path: 'follow-up', element: <RequireRole roles={HR_ROLES}><FollowUpPage /></RequireRole> }],
  nav: [{ to: '/follow-up', label: `${NS}:nav.title`, roles: HR_ROLES, order: 120 }],
};
