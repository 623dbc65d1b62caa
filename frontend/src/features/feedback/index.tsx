//! The feedback feature's public surface: its module (routes and navigation) and what other
//! features may use.
import { RequireRole, type Role } from '@/features/auth';
import type { FeatureModule } from '@/lib/feature-module';
import { FeedbackPage } from './feedback-page';
import { NS } from './i18n';

export const feedbackModule: FeatureModule<Role> = {
  routes: [{ path: 'feedback', element: <RequireRole roles={['employee']}><FeedbackPage /></RequireRole> }],
  nav: [{ to: '/feedback', label: `${NS}:nav.title`, roles: ['employee'], order: 20 }],
};
