//! The cycles feature's public surface: its module (routes and navigation) and what the other
//! HR administration features (calibration, follow-up) use: the cycle queries, the enumeration
//! labels and pills, the unit directory, and the problem sentences.
import { ADMIN_ROLES, HR_ROLES, RequireRole, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { CycleCreatePage } from './cycle-create-page';
import { CyclePage } from './cycle-page';
import { CyclesPage } from './cycles-page';
import { NS } from './i18n';
import './cycles.css';
import { ProgressPage } from './progress-page';

export const cyclesModule: FeatureModule<Role> = {
  routes: [
    { path: 'cycles', element: <RequireRole roles={HR_ROLES}><CyclesPage /></RequireRole> },
    { path: 'cycles/new', element: <RequireRole roles={ADMIN_ROLES}><CycleCreatePage /></RequireRole> },
    { path: 'cycles/:cycleId', element: <RequireRole roles={HR_ROLES}><CyclePage /></RequireRole> },
    { path: 'cycles/:cycleId/progress', element: <RequireRole roles={HR_ROLES}><ProgressPage /></RequireRole> },
  ],
  nav: [{ to: '/cycles', label: `${NS}:nav.title`, roles: HR_ROLES, order: 100 }],
};

export { useCycle, useCycles, type CyclePolicies, type CycleView, type PeriodView } from './api';
export { useRuleSentence, usePredicateList } from './curve-editor';
export {
  EMPLOYEE_PREDICATES,
  ORGANISATION_PREDICATES,
  PREDICATE_COLOUR,
  PREDICATE_TONE,
  PredicatePill,
  CycleStatePill,
  formatShare,
  useAppraisalLabels,
  useUnitDirectory,
  type EmployeePredicate,
  type OrganisationPredicate,
} from './labels';
export { withDefaults as policiesWithDefaults } from './policies';
export { problemText } from './problem-text';
