//! The evaluations feature's public surface: its module (routes and navigation) and what other
//! features may use: state and predicate pills, the rating words, the evaluation's context.
import { RequireRole, ALL_ROLES, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { EvaluationDetailPage } from './evaluation-detail-page';
import { EvaluationsPage } from './evaluations-page';
import { NS } from './i18n';

export const evaluationsModule: FeatureModule<Role> = {
  routes: [
    { path: 'evaluations', element: <RequireRole roles={ALL_ROLES}><EvaluationsPage /></RequireRole> },
    { path: 'evaluations/:evaluationId', element: <RequireRole roles={ALL_ROLES}><EvaluationDetailPage /></RequireRole> },
  ],
  nav: [{ to: '/evaluations', label: `${NS}:nav.title`, roles: ALL_ROLES, order: 30 }],
};

export { EvaluationStatePill, PredicatePill, RatingWord, RATINGS } from './labels';
export { useEvaluation, usePlan, useCycle, type Evaluation, type EmployeePredicate, type Rating } from './api';
export { WorkResultsTable } from './material-view';
