//! Evaluation states, predicates and ratings as pills and words, in the reader's language.
import { StatusBadge, type BadgeTone } from '@/components/status-badge';
import type { EmployeePredicate, EvaluationState, Rating } from './api';
import { useEvaluationsT } from './i18n';

const STATE_TONE: Record<EvaluationState, BadgeTone> = {
  not_started: 'neutral',
  filling: 'info',
  awaiting_rating: 'warning',
  rated: 'info',
  finalised: 'success',
  objected: 'danger',
  final: 'success',
};

const PREDICATE_TONE: Record<EmployeePredicate, BadgeTone> = {
  very_good: 'success',
  good: 'success',
  needs_improvement: 'warning',
  poor: 'danger',
  very_poor: 'danger',
};

export function EvaluationStatePill({ status }: { status: EvaluationState }) {
  const { t } = useEvaluationsT();
  return <StatusBadge tone={STATE_TONE[status] ?? 'neutral'}>{t(`state.${status}`, { defaultValue: status })}</StatusBadge>;
}

export function PredicatePill({ predicate }: { predicate: EmployeePredicate | null | undefined }) {
  const { t } = useEvaluationsT();
  if (!predicate) return <span className="muted">—</span>;
  return <StatusBadge tone={PREDICATE_TONE[predicate] ?? 'neutral'}>{t(`predicate.${predicate}`, { defaultValue: predicate })}</StatusBadge>;
}

export function RatingWord({ rating }: { rating: Rating | null | undefined }) {
  const { t } = useEvaluationsT();
  if (!rating) return <span className="muted">—</span>;
  return <>{t(`rating.${rating}`)}</>;
}

export const EVALUATION_STATES = [
  'not_started',
  'filling',
  'awaiting_rating',
  'rated',
  'finalised',
  'objected',
  'final',
] as const satisfies readonly EvaluationState[];

export const PREDICATES = ['very_good', 'good', 'needs_improvement', 'poor', 'very_poor'] as const satisfies readonly EmployeePredicate[];
export const RATINGS = ['above', 'meets', 'below'] as const satisfies readonly Rating[];
