//! Who the caller is for one evaluation, and which of its moves to offer. The API exposes no
//! allowed actions for evaluations, so this mirrors its documented guards (who may do what in
//! which state) to decide which buttons to show; the server still decides every request, and
//! its refusal is shown as it comes. Time-based guards (period ended, objection deadline) are
//! left to the server on purpose.
import type { SessionUser } from '@/lib/api';
import type { Evaluation } from './api';

export interface EvaluationViewer {
  isEmployee: boolean;
  isAppraiser: boolean;
  isSuperior: boolean;
  /** HR or auditor: reads everything of the agency. */
  isHr: boolean;
  /** HR who may change (not auditors). */
  isHrWriter: boolean;
}

export function viewerOf(evaluation: Evaluation, user: SessionUser | null): EvaluationViewer {
  const me = user?.employee_id ?? null;
  const role = user?.role;
  return {
    isEmployee: me !== null && me === evaluation.employee_id,
    isAppraiser: me !== null && me === evaluation.appraiser_employee_id,
    isSuperior: me !== null && me === evaluation.superior_employee_id,
    isHr: role === 'agency_admin' || role === 'super_admin' || role === 'auditor',
    isHrWriter: role === 'agency_admin' || role === 'super_admin',
  };
}

export interface EvaluationMoves {
  start: boolean;
  submit: boolean;
  acknowledge: boolean;
  /** The employee may file an objection (the server checks the deadline). */
  object: boolean;
  /** The appraiser rates (PermenPANRB 6/2022) or re-rates while not finalised. */
  rate: boolean;
  /** The appraiser enters behaviour scores of a numeric regime. */
  rateNumeric: boolean;
  /** HR and auditors check a finalised result's content hash. */
  verify: boolean;
  /** The employee proposes peers before the rating. */
  nominate: boolean;
  /** HR and the appraiser manage the raters. */
  manageRaters: boolean;
}

const RATEABLE = new Set(['awaiting_rating', 'rated']);
const SEALED = new Set(['finalised', 'objected', 'final']);
const BEFORE_RATING = new Set(['not_started', 'filling', 'awaiting_rating']);

export function movesOf(evaluation: Evaluation, viewer: EvaluationViewer, hasObjection: boolean): EvaluationMoves {
  const numeric = evaluation.regime !== 'pmpanrb6_2022';
  const s = evaluation.status;
  return {
    start: viewer.isEmployee && s === 'not_started',
    submit: viewer.isEmployee && s === 'filling',
    acknowledge: viewer.isEmployee && s === 'finalised' && !evaluation.received_at,
    object: viewer.isEmployee && s === 'finalised' && !!evaluation.received_at && !hasObjection,
    rate: viewer.isAppraiser && !viewer.isEmployee && !numeric && RATEABLE.has(s),
    rateNumeric: viewer.isAppraiser && !viewer.isEmployee && numeric && RATEABLE.has(s),
    verify: viewer.isHr && SEALED.has(s) && !!evaluation.content_hash,
    nominate: viewer.isEmployee && BEFORE_RATING.has(s),
    manageRaters: viewer.isAppraiser || viewer.isHr,
  };
}

/** The last day (WIB calendar) an objection is accepted: receipt day + the cycle's deadline days. */
export function objectionLastDay(receivedAt: string, deadlineDays: number): string {
  // Calendar days are counted in WIB (UTC+7), as the server does.
  const wib = new Date(new Date(receivedAt).getTime() + 7 * 3600 * 1000);
  const day = Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate()) + deadlineDays * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}

/** Today's WIB calendar date. */
export function todayWib(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}
