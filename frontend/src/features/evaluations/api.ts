//! Evaluations: lists (mine, those I rate, the agency's), one evaluation with its ETag, the
//! names around it and what the caller may do on it now (`allowed`), its explanation and
//! integrity check, the employee's moves (start, submit, acknowledge, object), the appraiser's
//! (rate, numeric behaviour), HR's calibration, and the read-only context the screens need:
//! cycles with their periods, the plan (realizations, evidence, continuous feedback), units,
//! objections and the caller's own audit trail. List rows carry ids only: their names come
//! from the plans.
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, etagOf, unwrap, type components, type paths } from '@/lib/api';

export type Evaluation = components['schemas']['EvaluationView'];
export type EvaluationDetail = components['schemas']['EvaluationDetail'];
export type EvaluationAllowedActions = components['schemas']['EvaluationAllowedActions'];
export type EvaluationUserAction = components['schemas']['EvaluationUserAction'];
export type LeaderRating = components['schemas']['LeaderRating'];
export type OrganisationPredicate = components['schemas']['OrganisationPredicate'];
export type CalibrateBody = components['schemas']['Calibrate'];
export type EvaluationState = components['schemas']['EvaluationState'];
export type EmployeePredicate = components['schemas']['EmployeePredicate'];
export type Rating = components['schemas']['Rating'];
export type Regime = components['schemas']['Regime'];
export type Explanation = components['schemas']['Explanation'];
export type RatingInputs = components['schemas']['RatingInputs'];
export type RateBody = components['schemas']['RateEvaluation'];
export type NumericBehaviourBody = components['schemas']['NumericBehaviour'];
export type CycleView = components['schemas']['CycleView'];
export type PeriodView = components['schemas']['PeriodView'];
export type PlanSummary = components['schemas']['PlanSummary'];
export type PlanView = components['schemas']['PlanView'];
export type ObjectionView = components['schemas']['ObjectionView'];
export type EvaluationsQuery = NonNullable<paths['/api/v1/evaluations']['get']['parameters']['query']>;

export const evaluationKeys = {
  all: ['evaluations'] as const,
  list: (query: EvaluationsQuery) => [...evaluationKeys.all, 'list', query] as const,
  everything: (query: EvaluationsQuery) => [...evaluationKeys.all, 'everything', query] as const,
  detail: (id: string) => [...evaluationKeys.all, 'detail', id] as const,
  explanation: (id: string) => [...evaluationKeys.all, 'explanation', id] as const,
  objections: (id: string) => ['objections', 'for-evaluation', id] as const,
};

export const myAuditKeys = {
  all: ['me', 'audit-trail'] as const,
  list: (query: MyAuditQuery) => [...myAuditKeys.all, query] as const,
};

/**
 * What the evaluation screens read of other resources, cached under this feature's own prefix:
 * another feature may cache the same URL in another shape (the cycles feature keeps a cycle
 * with its ETag), so sharing its keys would hand one feature the other's data.
 */
export const contextKeys = {
  all: ['evaluations-context'] as const,
  cycles: (scope: { agency_id?: string }) => [...contextKeys.all, 'cycles', scope] as const,
  cycle: (id: string) => [...contextKeys.all, 'cycle', id] as const,
  plan: (id: string) => [...contextKeys.all, 'plan', id] as const,
  plans: (query: object) => [...contextKeys.all, 'plans', query] as const,
  realizations: (planId: string, periodId: string) => [...contextKeys.all, 'realizations', planId, periodId] as const,
  evidence: (planId: string) => [...contextKeys.all, 'evidence', planId] as const,
  notes: (planId: string) => [...contextKeys.all, 'notes', planId] as const,
  units: (scope: { agency_id?: string }) => [...contextKeys.all, 'units', scope] as const,
};

const MAX_PAGE = 500;

export function useEvaluations(filters: EvaluationsQuery, enabled = true) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, ...filters };
  return useQuery({
    queryKey: evaluationKeys.list(query),
    enabled: ready && enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/evaluations', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Every evaluation matching the filters, page after page (an employee's own, and those they rate: grouped and sorted here). */
export function useAllEvaluations(filters: EvaluationsQuery, enabled = true) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, ...filters };
  return useQuery({
    queryKey: evaluationKeys.everything(query),
    enabled: ready && enabled,
    queryFn: async () => {
      const items: Evaluation[] = [];
      for (let page = 1; page <= 20; page += 1) {
        const data = unwrap(await api.GET('/api/v1/evaluations', { params: { query: { ...query, page, per_page: MAX_PAGE } } }));
        items.push(...data.items);
        if (items.length >= data.total || data.items.length === 0) break;
      }
      return items;
    },
    placeholderData: keepPreviousData,
  });
}

/** One evaluation and the ETag of the version read (for If-Match). */
export function useEvaluation(id: string) {
  return useQuery({
    queryKey: evaluationKeys.detail(id),
    queryFn: async () => {
      const result = await api.GET('/api/v1/evaluations/{evaluation_id}', { params: { path: { evaluation_id: id } } });
      return { evaluation: unwrap(result), etag: etagOf(result.response) ?? '' };
    },
  });
}

export function useExplanation(id: string, enabled: boolean) {
  return useQuery({
    queryKey: evaluationKeys.explanation(id),
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/evaluations/{evaluation_id}/explanation', { params: { path: { evaluation_id: id } } })),
  });
}

export function useVerifyEvaluation(id: string) {
  return useMutation({
    mutationFn: async () => unwrap(await api.GET('/api/v1/evaluations/{evaluation_id}/verify', { params: { path: { evaluation_id: id } } })),
  });
}

function useInvalidateEvaluation(id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: evaluationKeys.all });
    void qc.invalidateQueries({ queryKey: contextKeys.all });
    void qc.invalidateQueries({ queryKey: ['objections'] });
    void qc.invalidateQueries({ queryKey: ['feedback', 'aggregates', id] });
    void qc.invalidateQueries({ queryKey: myAuditKeys.all });
  };
}

export function useStartEvaluation(id: string) {
  const invalidate = useInvalidateEvaluation(id);
  return useMutation({
    mutationFn: async (etag: string) =>
      unwrap(
        await api.POST('/api/v1/evaluations/{evaluation_id}/start', {
          params: { path: { evaluation_id: id }, header: { 'If-Match': etag || null } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useSubmitEvaluation(id: string) {
  const invalidate = useInvalidateEvaluation(id);
  return useMutation({
    mutationFn: async ({ etag, selfAssessment }: { etag: string; selfAssessment: string }) =>
      unwrap(
        await api.POST('/api/v1/evaluations/{evaluation_id}/submit', {
          params: { path: { evaluation_id: id }, header: { 'If-Match': etag || null } },
          body: { self_assessment: selfAssessment.trim() || null },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useAcknowledgeEvaluation(id: string) {
  const invalidate = useInvalidateEvaluation(id);
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/evaluations/{evaluation_id}/acknowledge', { params: { path: { evaluation_id: id } } })),
    onSuccess: invalidate,
  });
}

export function useSubmitObjection(id: string) {
  const invalidate = useInvalidateEvaluation(id);
  return useMutation({
    mutationFn: async (reasons: string) =>
      unwrap(
        await api.POST('/api/v1/evaluations/{evaluation_id}/objections', {
          params: { path: { evaluation_id: id } },
          body: { reasons },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useRateEvaluation(id: string) {
  const invalidate = useInvalidateEvaluation(id);
  return useMutation({
    mutationFn: async ({ etag, body }: { etag: string; body: RateBody }) =>
      unwrap(
        await api.PUT('/api/v1/evaluations/{evaluation_id}/rating', {
          params: { path: { evaluation_id: id }, header: { 'If-Match': etag } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

/** HR sets the predicate of a rated evaluation before finalisation, with a reason. */
export function useCalibrateEvaluation(id: string) {
  const invalidate = useInvalidateEvaluation(id);
  return useMutation({
    mutationFn: async (body: CalibrateBody) =>
      unwrap(await api.POST('/api/v1/evaluations/{evaluation_id}/calibrate', { params: { path: { evaluation_id: id } }, body })),
    onSuccess: invalidate,
  });
}

export function useNumericBehaviour(id: string) {
  const invalidate = useInvalidateEvaluation(id);
  return useMutation({
    mutationFn: async ({ etag, body }: { etag: string; body: NumericBehaviourBody }) =>
      unwrap(
        await api.PUT('/api/v1/evaluations/{evaluation_id}/numeric-behaviour', {
          params: { path: { evaluation_id: id }, header: { 'If-Match': etag } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

// ---- context: cycles, periods, plans, units, objections ----

export function useCycles() {
  const { scope, ready } = useAgencyScope();
  return useQuery({
    queryKey: contextKeys.cycles(scope),
    enabled: ready,
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles', { params: { query: { ...scope, per_page: 100 } } })),
    staleTime: 60_000,
  });
}

export function useCycle(id: string | null | undefined) {
  return useQuery({
    queryKey: contextKeys.cycle(id ?? ''),
    enabled: !!id,
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{cycle_id}', { params: { path: { cycle_id: id ?? '' } } })),
    staleTime: 60_000,
  });
}

export interface PeriodInfo {
  period: PeriodView;
  cycle: CycleView;
}

/** period id → its period and cycle, for the given cycles (each read once, with its periods). */
export function usePeriodIndex(cycleIds: readonly string[]) {
  const results = useQueries({
    queries: cycleIds.map((id) => ({
      queryKey: contextKeys.cycle(id),
      queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{cycle_id}', { params: { path: { cycle_id: id } } })),
      staleTime: 60_000,
    })),
  });
  const index = new Map<string, PeriodInfo>();
  for (const r of results) {
    const cycle = r.data;
    if (!cycle) continue;
    for (const period of cycle.periods ?? []) index.set(period.id, { period, cycle });
  }
  return { index, isPending: results.some((r) => r.isPending), error: results.find((r) => r.error)?.error ?? null };
}

export function usePlan(id: string | null | undefined) {
  return useQuery({
    queryKey: contextKeys.plan(id ?? ''),
    enabled: !!id,
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/{plan_id}', { params: { path: { plan_id: id ?? '' } } })),
  });
}

export type PlansQuery = NonNullable<paths['/api/v1/plans']['get']['parameters']['query']>;

/** plan id → plan summary (employee and appraiser names) for the plans matching the query. */
export function usePlanIndex(filters: PlansQuery, enabled = true) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, ...filters };
  return useQuery({
    queryKey: contextKeys.plans(query),
    enabled: ready && enabled,
    queryFn: async () => {
      const index = new Map<string, PlanSummary>();
      for (let page = 1; page <= 20; page += 1) {
        const data = unwrap(await api.GET('/api/v1/plans', { params: { query: { ...query, page, per_page: MAX_PAGE } } }));
        for (const p of data.items) index.set(p.id, p);
        if (index.size >= data.total || data.items.length === 0) break;
      }
      return index;
    },
    staleTime: 60_000,
  });
}

export function usePlanRealizations(planId: string, periodId: string, enabled: boolean) {
  return useQuery({
    queryKey: contextKeys.realizations(planId, periodId),
    enabled,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/plans/{plan_id}/realizations', { params: { path: { plan_id: planId }, query: { period_id: periodId } } }),
      ),
  });
}

export function usePlanEvidence(planId: string, enabled: boolean) {
  return useQuery({
    queryKey: contextKeys.evidence(planId),
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/{plan_id}/evidence', { params: { path: { plan_id: planId } } })),
  });
}

export function usePlanNotes(planId: string, enabled: boolean) {
  return useQuery({
    queryKey: contextKeys.notes(planId),
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/{plan_id}/continuous-feedback', { params: { path: { plan_id: planId } } })),
  });
}

export function useUnits(enabled: boolean) {
  const { scope, ready } = useAgencyScope();
  return useQuery({
    queryKey: contextKeys.units(scope),
    enabled: ready && enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/units', { params: { query: { ...scope, per_page: 500, sort: 'name' } } })),
    staleTime: 5 * 60_000,
  });
}

/** The objection to one evaluation, if any (at most one exists). */
export function useObjectionFor(evaluationId: string) {
  return useQuery({
    queryKey: evaluationKeys.objections(evaluationId),
    queryFn: async () => {
      const page = unwrap(await api.GET('/api/v1/objections', { params: { query: { evaluation_id: evaluationId, per_page: 1 } } }));
      return page.items[0] ?? null;
    },
  });
}

/** Downloads an uploaded evidence file with the caller's token (a plain link would carry none). */
export async function downloadEvidence(id: string, fileName: string): Promise<void> {
  const result = await api.GET('/api/v1/evidence/{evidence_id}/content', {
    params: { path: { evidence_id: id } },
    parseAs: 'blob',
  });
  const blob = unwrap(result) as unknown as Blob;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type AuditEntry = components['schemas']['AuditEntryView'];
export type MyAuditQuery = NonNullable<paths['/api/v1/me/audit-trail']['get']['parameters']['query']>;

/** The caller's own audit trail, newest first. */
export function useMyAuditTrail(query: MyAuditQuery, enabled = true) {
  return useQuery({
    queryKey: myAuditKeys.list(query),
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/audit-trail', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
