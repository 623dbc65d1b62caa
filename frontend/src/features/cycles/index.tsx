//! The cycles feature's public surface: its module (routes and navigation) and what other
//! features may use.
import { RequireRole, HR_ROLES, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { CyclesPage } from './cycles-page';
import { NS } from './i18n';

export const cyclesModule: FeatureModule<Role> = {
  routes: [{ path: 'cycles', element: <RequireRole roles={HR_ROLES}><CyclesPage /></RequireRole> }],
  nav: [{ to: '/cycles', label: `${NS}:nav.title`, roles: HR_ROLES, order: 100 }],
};
