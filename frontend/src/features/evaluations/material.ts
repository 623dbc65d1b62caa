//! What an evaluation is judged on, in one shape whatever the reader: the appraiser, HR and
//! auditors get it in the evaluation's `inputs`; the employee and the appraiser's superior
//! read the same facts from the plan's own endpoints (realizations of the period, evidence,
//! the continuous feedback addressed to them).
import type { components } from '@/lib/api';
import { usePlanEvidence, usePlanNotes, usePlanRealizations, type EvaluationDetail, type PlanView } from './api';

export interface IndicatorRow {
  workResultId: string;
  workResultKind: string | null;
  workResultDescription: string;
  indicatorId: string;
  aspect: string;
  description: string;
  direction: string;
  targetMin: string | null;
  targetMax: string | null;
  unit: string | null;
  targetText: string | null;
  realizationValue: string | null;
  realizationBody: string | null;
  capaianPercent: string | null;
  realizationId: string | null;
}

export interface EvidenceRow {
  id: string;
  realizationId: string | null;
  workResultId: string | null;
  uri: string | null;
  fileName: string | null;
  uploadedAt: string;
}

export interface NoteRow {
  id: string;
  periodId: string | null;
  targetType: string;
  coreValue: string | null;
  authorRole: string;
  body: string;
  createdAt: string;
  isPrivate: boolean;
}

export interface Material {
  indicators: IndicatorRow[];
  evidence: EvidenceRow[];
  notes: NoteRow[];
  isPending: boolean;
  error: unknown;
}

type Inputs = components['schemas']['RatingInputs'];

export function fromInputs(inputs: Inputs): Omit<Material, 'isPending' | 'error'> {
  return {
    indicators: inputs.work_results.flatMap((w) =>
      w.indicators.map((i) => ({
        workResultId: w.id,
        workResultKind: w.kind,
        workResultDescription: w.description,
        indicatorId: i.id,
        aspect: i.aspect,
        description: i.description,
        direction: i.direction,
        targetMin: i.target_min ?? null,
        targetMax: i.target_max ?? null,
        unit: i.unit ?? null,
        targetText: i.target_text ?? null,
        realizationValue: i.realization_value ?? null,
        realizationBody: i.realization_body ?? null,
        capaianPercent: i.capaian_percent ?? null,
        realizationId: null,
      })),
    ),
    evidence: inputs.evidence.map((e) => ({
      id: e.id,
      realizationId: e.realization_id ?? null,
      workResultId: e.work_result_id ?? null,
      uri: e.uri ?? null,
      fileName: e.file_name ?? null,
      uploadedAt: e.uploaded_at,
    })),
    notes: inputs.continuous_feedback.map((n) => ({
      id: n.id,
      periodId: n.period_id ?? null,
      targetType: n.target_type,
      coreValue: n.core_value ?? null,
      authorRole: n.author_role,
      body: n.body,
      createdAt: n.created_at,
      isPrivate: n.visibility === 'private_to_appraiser',
    })),
  };
}

type PlanRealizations = components['schemas']['PlanRealizations'];
type EvidenceView = components['schemas']['EvidenceView'];
type NoteView = components['schemas']['ContinuousFeedbackView'];

export function fromPlan(
  plan: PlanView | undefined,
  periodId: string,
  realizations: PlanRealizations | undefined,
  evidence: EvidenceView[] | undefined,
  notes: NoteView[] | undefined,
): Omit<Material, 'isPending' | 'error'> {
  const kinds = new Map((plan?.work_results ?? []).map((w) => [w.id, w.kind as string]));
  return {
    indicators: (realizations?.items ?? []).map((item) => {
      const r = item.realizations.find((x) => x.period_id === periodId) ?? null;
      const i = item.indicator;
      return {
        workResultId: item.work_result_id,
        workResultKind: kinds.get(item.work_result_id) ?? null,
        workResultDescription: item.work_result_description,
        indicatorId: i.id,
        aspect: i.aspect,
        description: i.description,
        direction: i.direction,
        targetMin: i.target_min ?? null,
        targetMax: i.target_max ?? null,
        unit: i.unit ?? null,
        targetText: i.target_text ?? null,
        realizationValue: r?.value ?? null,
        realizationBody: r?.body ?? null,
        capaianPercent: r?.capaian_percent ?? null,
        realizationId: r?.id ?? null,
      };
    }),
    evidence: (evidence ?? []).map((e) => ({
      id: e.id,
      realizationId: e.realization_id ?? null,
      workResultId: e.work_result_id ?? null,
      uri: e.uri ?? null,
      fileName: e.file_name ?? null,
      uploadedAt: e.uploaded_at,
    })),
    notes: (notes ?? []).map((n) => ({
      id: n.id,
      periodId: n.period_id ?? null,
      targetType: n.target_type,
      coreValue: n.core_value ?? null,
      authorRole: n.author_role,
      body: n.body,
      createdAt: n.created_at,
      isPrivate: n.visibility === 'private_to_appraiser',
    })),
  };
}

/**
 * Keeps what belongs to this evaluation's period: notes of the period or of none; evidence of
 * this period's realizations or of a work result as a whole. An annual evaluation keeps all.
 */
export function forPeriod(
  m: Omit<Material, 'isPending' | 'error'>,
  periodId: string,
  isAnnual: boolean,
  periodRealizationIds: ReadonlySet<string> | null,
): Omit<Material, 'isPending' | 'error'> {
  if (isAnnual) return m;
  return {
    indicators: m.indicators,
    notes: m.notes.filter((n) => n.periodId === null || n.periodId === periodId),
    evidence: periodRealizationIds
      ? m.evidence.filter((e) => e.realizationId === null || periodRealizationIds.has(e.realizationId))
      : m.evidence,
  };
}

export function useEvaluationMaterial(detail: EvaluationDetail, plan: PlanView | undefined): Material {
  const fromServer = !!detail.inputs;
  const realizations = usePlanRealizations(detail.plan_id, detail.period_id, true);
  const evidence = usePlanEvidence(detail.plan_id, !fromServer);
  const notes = usePlanNotes(detail.plan_id, !fromServer);
  // The period's realization ids tell which evidence belongs to this period.
  const periodIds = realizations.data
    ? new Set(realizations.data.items.flatMap((i) => i.realizations.filter((r) => r.period_id === detail.period_id).map((r) => r.id)))
    : null;
  const base = detail.inputs ? fromInputs(detail.inputs) : fromPlan(plan, detail.period_id, realizations.data, evidence.data, notes.data);
  const kept = forPeriod(base, detail.period_id, detail.is_annual, periodIds);
  return {
    ...kept,
    isPending: fromServer ? false : realizations.isPending || evidence.isPending || notes.isPending,
    error: fromServer ? null : (realizations.error ?? evidence.error ?? notes.error ?? null),
  };
}
