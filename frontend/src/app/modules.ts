//! Every feature module the shell composes: their routes go under the signed-in shell, their
//! navigation entries into the side navigation (by `order`).
import type { Role } from '@/features/auth';
import { calibrationModule } from '@/features/calibration';
import { cyclesModule } from '@/features/cycles';
import { evaluationsModule } from '@/features/evaluations';
import { feedbackModule } from '@/features/feedback';
import { followUpModule } from '@/features/follow-up';
import { notificationsModule } from '@/features/notifications';
import { objectionsModule } from '@/features/objections';
import { plansModule } from '@/features/plans';
import type { FeatureModule } from '@/lib/feature-module';

export const featureModules: readonly FeatureModule<Role>[] = [
  plansModule,
  feedbackModule,
  evaluationsModule,
  objectionsModule,
  notificationsModule,
  cyclesModule,
  calibrationModule,
  followUpModule,
];
