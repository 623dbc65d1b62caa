//! The calibration feature's public surface: its module (routes and navigation) and what other
//! features may use.
import { RequireRole, HR_ROLES, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { CalibrationPage } from './calibration-page';
import { NS } from './i18n';

export const calibrationModule: FeatureModule<Role> = {
  routes: [{ path: 'calibration', element: <RequireRole roles={HR_ROLES}><CalibrationPage /></RequireRole> }],
  nav: [{ to: '/calibration', label: `${NS}:nav.title`, roles: HR_ROLES, order: 110 }],
};
