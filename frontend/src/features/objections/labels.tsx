//! Objection states as pills, and what an objection is about (whose evaluation, which period),
//! read from the evaluation and its plan because an objection carries ids only.
import { StatusBadge, type BadgeTone } from '@/components/status-badge';
import { useCycle, useEvaluation, usePlan } from '@/features/evaluations';
import type { ObjectionState } from './api';
import { useObjectionsT } from './i18n';

export const OBJECTION_STATES = ['submitted', 'under_review', 'decided_kept', 'decided_changed'] as const satisfies readonly ObjectionState[];

const TONE: Record<ObjectionState, BadgeTone> = {
  submitted: 'warning',
  under_review: 'info',
  decided_kept: 'neutral',
  decided_changed: 'success',
};

export function ObjectionStatePill({ status }: { status: ObjectionState }) {
  const { t } = useObjectionsT();
  return <StatusBadge tone={TONE[status] ?? 'neutral'}>{t(`state.${status}`, { defaultValue: status })}</StatusBadge>;
}

/** The employee's name and the period of the evaluation an objection is about. */
export function useObjectionSubject(evaluationId: string) {
  const evaluation = useEvaluation(evaluationId);
  const e = evaluation.data?.evaluation;
  const plan = usePlan(e?.plan_id);
  const cycle = useCycle(e?.cycle_id);
  const period = cycle.data?.periods?.find((p) => p.id === e?.period_id);
  return {
    evaluation: e,
    etag: evaluation.data?.etag ?? '',
    name: plan.data?.employee_name ?? '',
    period: period && cycle.data ? `${period.name} ${cycle.data.year}` : '',
    error: evaluation.error ?? plan.error ?? null,
  };
}
