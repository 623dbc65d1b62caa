//! The feedback feature's public surface: its module (routes and navigation) and what other
//! features may use: the 360 aggregates of an evaluation, the raters panel for HR and the
//! appraiser, the employee's peer nomination, and the BerAKHLAK reference.
import { RequireRole, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { FeedbackAnswerPage } from './feedback-answer-page';
import { FeedbackPage } from './feedback-page';
import { NS } from './i18n';

export const feedbackModule: FeatureModule<Role> = {
  routes: [
    { path: 'feedback', element: <RequireRole roles={['employee']}><FeedbackPage /></RequireRole> },
    { path: 'feedback/:requestId', element: <RequireRole roles={['employee']}><FeedbackAnswerPage /></RequireRole> },
  ],
  nav: [{ to: '/feedback', label: `${NS}:nav.title`, roles: ['employee'], order: 20 }],
};

export { FeedbackAggregatesView } from './aggregates';
export { EvaluationRaters, NominatePeer, type RaterSubject } from './raters';
export { RatingPill } from './feedback-answer-page';
export { useCoreValues, useFeedbackAggregates, type CoreValueInfo, type FeedbackAggregates } from './api';
