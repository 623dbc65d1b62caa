//! Objection states as pills, and what an objection is about (whose evaluation, which period,
//! who decides), read from the evaluation, which names them, because an objection carries ids.
import { StatusBadge, type BadgeTone } from '@/components/status-badge';
import { useCycle, useEvaluation } from '@/features/evaluations';
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

/** The employee's name, the period (with its year) and the decider of the evaluation an objection is about. */
export function useObjectionSubject(evaluationId: string) {
  const evaluation = useEvaluation(evaluationId);
  const e = evaluation.data?.evaluation;
  // The year comes with the cycle (read once per cycle and kept).
  const cycle = useCycle(e?.cycle_id);
  return {
    evaluation: e,
    etag: evaluation.data?.etag ?? '',
    name: e?.employee_name ?? '',
    period: e?.period_name && cycle.data ? `${e.period_name} ${cycle.data.year}` : '',
    superior: e?.superior_name ?? null,
    error: evaluation.error ?? null,
  };
}
