//! The objections feature's public surface: its module (routes and navigation).
import { RequireRole, ALL_ROLES, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { NS } from './i18n';
import { ObjectionDetailPage } from './objection-detail-page';
import { ObjectionsPage } from './objections-page';

export const objectionsModule: FeatureModule<Role> = {
  routes: [
    { path: 'objections', element: <RequireRole roles={ALL_ROLES}><ObjectionsPage /></RequireRole> },
    { path: 'objections/:objectionId', element: <RequireRole roles={ALL_ROLES}><ObjectionDetailPage /></RequireRole> },
  ],
  nav: [{ to: '/objections', label: `${NS}:nav.title`, roles: ALL_ROLES, order: 40 }],
};
