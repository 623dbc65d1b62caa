//! The notifications feature's public surface: its module (routes and navigation) and what other
//! features may use.
import { RequireRole, ALL_ROLES, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { NotificationsPage } from './notifications-page';
import { NS } from './i18n';

export const notificationsModule: FeatureModule<Role> = {
  routes: [{ path: 'notifications', element: <RequireRole roles={ALL_ROLES}><NotificationsPage /></RequireRole> }],
  nav: [{ to: '/notifications', label: `${NS}:nav.title`, roles: ALL_ROLES, order: 50 }],
};
