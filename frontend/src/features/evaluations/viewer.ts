//! Who is reading an evaluation, for presentation only (the title, the layout, which notes to
//! show first), and what the server lets them do on it: every move on the screen comes from the
//! evaluation's `allowed.actions`, never from a rule re-derived here.
import type { SessionUser } from '@/lib/api';
import type { EvaluationDetail, EvaluationUserAction } from './api';

export interface EvaluationViewer {
  /** The evaluated employee: "my evaluation", the next-step card first. */
  isEmployee: boolean;
  /** The appraiser: the inputs beside the rating form. */
  isAppraiser: boolean;
  /** HR or auditor: the agency's view (all raters listed). */
  isHr: boolean;
}

export function viewerOf(evaluation: Pick<EvaluationDetail, 'employee_id' | 'appraiser_employee_id'>, user: SessionUser | null): EvaluationViewer {
  const me = user?.employee_id ?? null;
  const role = user?.role;
  return {
    isEmployee: me !== null && me === evaluation.employee_id,
    isAppraiser: me !== null && me === evaluation.appraiser_employee_id,
    isHr: role === 'agency_admin' || role === 'super_admin' || role === 'auditor',
  };
}

/** Whether the server offers the caller this move now. */
export function can(evaluation: Pick<EvaluationDetail, 'allowed'>, action: EvaluationUserAction): boolean {
  return evaluation.allowed.actions.includes(action);
}
