//! The plans feature's public surface: its module (routes and navigation) and what other
//! features may use.
import { ADMIN_ROLES, ALL_ROLES, RequireRole, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { BulkPlansPage } from './bulk-plans-page';
import { NS } from './i18n';
import { MatrixPage } from './matrix-page';
import { PlanCreatePage } from './plan-create-page';
import { PlanPage } from './plan-page';
import { PlansPage } from './plans-page';

export const plansModule: FeatureModule<Role> = {
  routes: [
    { path: 'plans', element: <RequireRole roles={ALL_ROLES}><PlansPage /></RequireRole> },
    { path: 'plans/new', element: <RequireRole roles={[...ADMIN_ROLES, 'employee']}><PlanCreatePage /></RequireRole> },
    { path: 'plans/bulk', element: <RequireRole roles={ADMIN_ROLES}><BulkPlansPage /></RequireRole> },
    { path: 'plans/:planId', element: <RequireRole roles={ALL_ROLES}><PlanPage /></RequireRole> },
    { path: 'plans/:planId/matrix/:workResultId', element: <RequireRole roles={ALL_ROLES}><MatrixPage /></RequireRole> },
  ],
  nav: [{ to: '/plans', label: `${NS}:nav.title`, roles: ALL_ROLES, order: 10 }],
};
