//! Plans (SKP) over the typed client: listings, one plan with its ETag and allowed actions,
//! content edits (work results, indicators, expectations, annexes), the workflow moves,
//! the role–result matrix, bulk creation, realizations, evidence, continuous feedback and
//! dialogues. Rules stay on the server: these hooks only ask and invalidate.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, auth, etagOf, readProblem, unwrap, type components, type paths } from '@/lib/api';

type S = components['schemas'];
export type PlanSummary = S['PlanSummary'];
export type PlanView = S['PlanView'];
export type PlanState = S['PlanState'];
export type PlanAction = S['PlanAction'];
export type PlanAllowedActions = S['PlanAllowedActions'];
export type WorkResultView = S['WorkResultView'];
export type IndicatorView = S['IndicatorView'];
export type ExpectationView = S['ExpectationView'];
export type Annexes = S['Annexes'];
export type CascadeOptions = S['CascadeOptions'];
export type CreatePlanBody = S['CreatePlan'];
export type CreateWorkResultBody = S['CreateWorkResult'];
export type UpdateWorkResultBody = S['UpdateWorkResult'];
export type CreateIndicatorBody = S['CreateIndicator'];
export type UpdateIndicatorBody = S['UpdateIndicator'];
export type ExpectationInput = S['ExpectationInput'];
export type CascadeWorkResultBody = S['CascadeWorkResult'];
export type CascadeResult = S['CascadeResult'];
export type BulkCreatePlansBody = S['BulkCreatePlans'];
export type BulkPlansReport = S['BulkPlansReport'];
export type PlanRealizations = S['PlanRealizations'];
export type IndicatorRealizations = S['IndicatorRealizations'];
export type RealizationView = S['RealizationView'];
export type PutRealizationBody = S['PutRealization'];
export type EvidenceView = S['EvidenceView'];
export type CreateEvidenceLinkBody = S['CreateEvidenceLink'];
export type ContinuousFeedbackView = S['ContinuousFeedbackView'];
export type CreateContinuousFeedbackBody = S['CreateContinuousFeedback'];
export type DialogueView = S['DialogueView'];
export type CreateDialogueBody = S['CreateDialogue'];
export type CoreValueInfo = S['CoreValueInfo'];
export type CycleView = S['CycleView'];
export type PeriodView = S['PeriodView'];
export type PlansQuery = NonNullable<paths['/api/v1/plans']['get']['parameters']['query']>;
export type PersonView = S['PersonView'];
/** Who the SKP header names: the employee and, when known, the appraiser. */
export interface SkpPeople {
  employee: PersonView;
  appraiser: PersonView | null;
  superior?: PersonView | null;
}
export type AppraiserLookup = paths['/api/v1/employees/{employee_id}/appraiser']['get']['responses']['200']['content']['application/json'];

export const planKeys = {
  all: ['plans'] as const,
  list: (query: PlansQuery) => [...planKeys.all, 'list', query] as const,
  detail: (id: string) => [...planKeys.all, 'detail', id] as const,
  actions: (id: string) => [...planKeys.all, 'actions', id] as const,
  cascadeOptions: (id: string) => [...planKeys.all, 'cascade-options', id] as const,
  realizations: (id: string, periodId: string) => [...planKeys.all, 'realizations', id, periodId] as const,
  evidence: (id: string) => [...planKeys.all, 'evidence', id] as const,
  feedback: (id: string) => [...planKeys.all, 'feedback', id] as const,
  dialogues: (id: string) => [...planKeys.all, 'dialogues', id] as const,
};

export const referenceKeys = {
  coreValues: ['reference', 'core-values'] as const,
  cycles: (scope: object) => ['plans-cycles', 'list', scope] as const,
  cycle: (id: string) => ['plans-cycles', 'detail', id] as const,
  appraiserOf: (employeeId: string, on: string) => ['plans-appraiser-of', employeeId, on] as const,
  appraisees: (employeeId: string) => ['plans-appraisees', employeeId] as const,
};

// ---- reads ----

export function usePlans(filters: PlansQuery, enabled = true) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, ...filters };
  return useQuery({
    queryKey: planKeys.list(query),
    enabled: ready && enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/plans', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: planKeys.detail(id),
    queryFn: async () => {
      const result = await api.GET('/api/v1/plans/{plan_id}', { params: { path: { plan_id: id } } });
      return { plan: unwrap(result), etag: etagOf(result.response) ?? '' };
    },
  });
}

export function usePlanActions(id: string) {
  return useQuery({
    queryKey: planKeys.actions(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/{plan_id}/allowed-actions', { params: { path: { plan_id: id } } })),
  });
}

/** The appraiser's approved work results to cascade from (422 `appraiser_plan_not_approved`). */
export function useCascadeOptions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: planKeys.cascadeOptions(id),
    enabled,
    retry: false,
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/{plan_id}/cascade-options', { params: { path: { plan_id: id } } })),
  });
}

/** The caller's agency (the SKP header names it). */
export function useMyAgency() {
  return useQuery({
    queryKey: ['plans-me'],
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET('/api/v1/me')),
    select: (me) => me.agency ?? null,
  });
}

export function useCoreValues() {
  return useQuery({
    queryKey: referenceKeys.coreValues,
    staleTime: Infinity,
    queryFn: async () => unwrap(await api.GET('/api/v1/reference/core-values')),
  });
}

export function useCycles() {
  const { scope, ready } = useAgencyScope();
  return useQuery({
    queryKey: referenceKeys.cycles(scope),
    enabled: ready,
    staleTime: 60_000,
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles', { params: { query: { ...scope, per_page: 100 } } })),
  });
}

/** One cycle with its periods. */
export function useCycle(id: string | null | undefined) {
  return useQuery({
    queryKey: referenceKeys.cycle(id ?? ''),
    enabled: !!id,
    staleTime: 60_000,
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{cycle_id}', { params: { path: { cycle_id: id ?? '' } } })),
  });
}

/** Who appraises an employee on a day (the assignment), with the employee's position and unit. */
export function useAppraiserOf(employeeId: string | null | undefined, on?: string) {
  return useQuery({
    queryKey: referenceKeys.appraiserOf(employeeId ?? '', on ?? ''),
    enabled: !!employeeId,
    retry: false,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/employees/{employee_id}/appraiser', {
          params: { path: { employee_id: employeeId ?? '' }, query: on ? { on } : {} },
        }),
      ),
  });
}

/** The people an employee appraises (the matrix's rows). */
export function useAppraisees(employeeId: string | null | undefined) {
  return useQuery({
    queryKey: referenceKeys.appraisees(employeeId ?? ''),
    enabled: !!employeeId,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/employees/{employee_id}/appraisees', { params: { path: { employee_id: employeeId ?? '' } } })),
  });
}

/** External (non-ASN) appraisers of the agency, for HR's change of appraiser. */
export function useExternalAppraisers(enabled: boolean) {
  const { scope, ready } = useAgencyScope();
  return useQuery({
    queryKey: ['plans-external-appraisers', scope],
    enabled: ready && enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/external-appraisers', { params: { query: { ...scope, per_page: 500 } } })),
  });
}

export function useRealizations(planId: string, periodId: string | null) {
  return useQuery({
    queryKey: planKeys.realizations(planId, periodId ?? ''),
    enabled: !!periodId,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/plans/{plan_id}/realizations', {
          params: { path: { plan_id: planId }, query: { period_id: periodId ?? undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Every realization of the plan, all periods (to say what each evidence backs). */
export function useAllRealizations(planId: string) {
  return useQuery({
    queryKey: planKeys.realizations(planId, 'all'),
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/{plan_id}/realizations', { params: { path: { plan_id: planId } } })),
  });
}

export function useEvidence(planId: string) {
  return useQuery({
    queryKey: planKeys.evidence(planId),
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/{plan_id}/evidence', { params: { path: { plan_id: planId } } })),
  });
}

export function useContinuousFeedback(planId: string) {
  return useQuery({
    queryKey: planKeys.feedback(planId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/plans/{plan_id}/continuous-feedback', { params: { path: { plan_id: planId } } })),
  });
}

export function useDialogues(planId: string) {
  return useQuery({
    queryKey: planKeys.dialogues(planId),
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/{plan_id}/dialogues', { params: { path: { plan_id: planId } } })),
  });
}

// ---- writes ----

/** Invalidates a plan's document, its allowed actions and every listing. */
function usePlanInvalidation() {
  const qc = useQueryClient();
  return (planId?: string) => {
    if (planId) {
      void qc.invalidateQueries({ queryKey: planKeys.detail(planId) });
      void qc.invalidateQueries({ queryKey: planKeys.actions(planId) });
    }
    void qc.invalidateQueries({ queryKey: [...planKeys.all, 'list'] });
  };
}

export function useCreatePlan() {
  const invalidate = usePlanInvalidation();
  return useMutation({
    // The agency is the employee's: the body names no agency, even for a super_admin.
    mutationFn: async (body: CreatePlanBody) => unwrap(await api.POST('/api/v1/plans', { body })),
    onSuccess: () => invalidate(),
  });
}

export function useUpdatePlan(planId: string) {
  const qc = useQueryClient();
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async ({ etag, body }: { etag: string; body: S['UpdatePlan'] }) => {
      const result = await api.PATCH('/api/v1/plans/{plan_id}', {
        params: { path: { plan_id: planId }, header: { 'If-Match': etag } },
        body,
      });
      return { plan: unwrap(result), etag: etagOf(result.response) ?? '' };
    },
    onSuccess: (data) => {
      qc.setQueryData(planKeys.detail(planId), data);
      invalidate(planId);
    },
  });
}

export type WorkflowMove = 'submit' | 'approve' | 'cancel' | 'revise';

/** Submit, approve, cancel or revise: answers the plan (for revise: the new revision). */
export function usePlanMove(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async (move: WorkflowMove) => {
      const params = { params: { path: { plan_id: planId } } };
      switch (move) {
        case 'submit':
          return unwrap(await api.POST('/api/v1/plans/{plan_id}/submit', params));
        case 'approve':
          return unwrap(await api.POST('/api/v1/plans/{plan_id}/approve', params));
        case 'cancel':
          return unwrap(await api.POST('/api/v1/plans/{plan_id}/cancel', params));
        case 'revise':
          return unwrap(await api.POST('/api/v1/plans/{plan_id}/revise', params));
      }
    },
    onSuccess: () => invalidate(planId),
  });
}

/** The HR review (reviu by the Pengelola Kinerja, when the cycle requires it): `submitted` → `reviewed`. */
export function useReviewPlan(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/plans/{plan_id}/review', { params: { path: { plan_id: planId } } })),
    onSuccess: () => invalidate(planId),
  });
}

export function useReturnPlan(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(await api.POST('/api/v1/plans/{plan_id}/return', { params: { path: { plan_id: planId } }, body: { reason } })),
    onSuccess: () => invalidate(planId),
  });
}

export function useReassignAppraiser(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async (body: S['ReassignAppraiser']) =>
      unwrap(await api.POST('/api/v1/plans/{plan_id}/reassign-appraiser', { params: { path: { plan_id: planId } }, body })),
    onSuccess: () => invalidate(planId),
  });
}

export function useCreateWorkResult(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async (body: CreateWorkResultBody) =>
      unwrap(await api.POST('/api/v1/plans/{plan_id}/work-results', { params: { path: { plan_id: planId } }, body })),
    onSuccess: () => invalidate(planId),
  });
}

export function useUpdateWorkResult(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: UpdateWorkResultBody }) =>
      unwrap(await api.PATCH('/api/v1/work-results/{work_result_id}', { params: { path: { work_result_id: id } }, body })),
    onSuccess: () => invalidate(planId),
  });
}

export function useDeleteWorkResult(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async (id: string) => {
      const result = await api.DELETE('/api/v1/work-results/{work_result_id}', { params: { path: { work_result_id: id } } });
      if (!result.response.ok) throw await readProblem(result.response);
    },
    onSuccess: () => invalidate(planId),
  });
}

export function useCreateIndicator(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async ({ workResultId, body }: { workResultId: string; body: CreateIndicatorBody }) =>
      unwrap(
        await api.POST('/api/v1/work-results/{work_result_id}/indicators', {
          params: { path: { work_result_id: workResultId } },
          body,
        }),
      ),
    onSuccess: () => invalidate(planId),
  });
}

export function useUpdateIndicator(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: UpdateIndicatorBody }) =>
      unwrap(await api.PATCH('/api/v1/indicators/{indicator_id}', { params: { path: { indicator_id: id } }, body })),
    onSuccess: () => invalidate(planId),
  });
}

export function useDeleteIndicator(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async (id: string) => {
      const result = await api.DELETE('/api/v1/indicators/{indicator_id}', { params: { path: { indicator_id: id } } });
      if (!result.response.ok) throw await readProblem(result.response);
    },
    onSuccess: () => invalidate(planId),
  });
}

export function usePutExpectations(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async (body: ExpectationInput[]) =>
      unwrap(await api.PUT('/api/v1/plans/{plan_id}/expectations', { params: { path: { plan_id: planId } }, body })),
    onSuccess: () => invalidate(planId),
  });
}

export function usePutAnnexes(planId: string) {
  const invalidate = usePlanInvalidation();
  return useMutation({
    mutationFn: async (body: Annexes) =>
      unwrap(await api.PUT('/api/v1/plans/{plan_id}/annexes', { params: { path: { plan_id: planId } }, body })),
    onSuccess: () => invalidate(planId),
  });
}

export function useCascadeWorkResult(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ workResultId, body }: { workResultId: string; body: CascadeWorkResultBody }) =>
      unwrap(
        await api.POST('/api/v1/plans/{plan_id}/work-results/{work_result_id}/cascade', {
          params: { path: { plan_id: planId, work_result_id: workResultId } },
          body,
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: planKeys.all }),
  });
}

export function useBulkCreatePlans() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ cycleId, body }: { cycleId: string; body: BulkCreatePlansBody }) =>
      unwrap(await api.POST('/api/v1/cycles/{cycle_id}/plans/bulk', { params: { path: { cycle_id: cycleId } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: planKeys.all }),
  });
}

export function usePutRealization(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ indicatorId, periodId, body }: { indicatorId: string; periodId: string; body: PutRealizationBody }) =>
      unwrap(
        await api.PUT('/api/v1/indicators/{indicator_id}/realizations/{period_id}', {
          params: { path: { indicator_id: indicatorId, period_id: periodId } },
          body,
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...planKeys.all, 'realizations', planId] }),
  });
}

export function useCreateEvidenceLink(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateEvidenceLinkBody) =>
      unwrap(await api.POST('/api/v1/plans/{plan_id}/evidence', { params: { path: { plan_id: planId } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: planKeys.evidence(planId) }),
  });
}

export interface EvidenceUpload {
  file: File;
  realizationId?: string | null;
  workResultId?: string | null;
}

/**
 * Uploads a file as the raw request body with its own Content-Type and `?file_name=` (the
 * API takes no multipart). openapi-fetch would JSON-encode the body, so this goes through
 * the authenticated fetch directly.
 */
export async function uploadEvidence(planId: string, { file, realizationId, workResultId }: EvidenceUpload): Promise<EvidenceView> {
  const query = new URLSearchParams({ file_name: file.name });
  if (realizationId) query.set('realization_id', realizationId);
  if (workResultId) query.set('work_result_id', workResultId);
  const base = typeof window === 'undefined' ? '' : window.location.origin;
  const response = await auth.fetch(
    new Request(`${base}/api/v1/plans/${encodeURIComponent(planId)}/evidence?${query.toString()}`, {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
      body: file,
    }),
  );
  if (!response.ok) throw await readProblem(response);
  return (await response.json()) as EvidenceView;
}

export function useUploadEvidence(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (upload: EvidenceUpload) => uploadEvidence(planId, upload),
    onSuccess: () => void qc.invalidateQueries({ queryKey: planKeys.evidence(planId) }),
  });
}

export function useDeleteEvidence(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const result = await api.DELETE('/api/v1/evidence/{evidence_id}', { params: { path: { evidence_id: id } } });
      if (!result.response.ok) throw await readProblem(result.response);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: planKeys.evidence(planId) }),
  });
}

/** Fetches an uploaded file with the session's token and hands it to the browser as a download. */
export async function downloadEvidence(evidence: EvidenceView): Promise<void> {
  const base = typeof window === 'undefined' ? '' : window.location.origin;
  const response = await auth.fetch(new Request(`${base}/api/v1/evidence/${encodeURIComponent(evidence.id)}/content`));
  if (!response.ok) throw await readProblem(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = evidence.file_name ?? 'bukti';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useCreateFeedback(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateContinuousFeedbackBody) =>
      unwrap(await api.POST('/api/v1/plans/{plan_id}/continuous-feedback', { params: { path: { plan_id: planId } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: planKeys.feedback(planId) }),
  });
}

export function useCreateDialogue(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateDialogueBody) =>
      unwrap(await api.POST('/api/v1/plans/{plan_id}/dialogues', { params: { path: { plan_id: planId } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: planKeys.dialogues(planId) }),
  });
}

/**
 * The people of the SKP header: the employee (position, unit, golongan) and the appraiser as
 * the assignment on the plan's first day names them. Employees may not read another's
 * assignment, so the appraiser viewing a plan falls back on their appraisee list and their own
 * record.
 */
export function useSkpPeople(
  plan: Pick<PlanView, 'employee_id' | 'starts_on' | 'appraiser_employee_id'> | undefined,
  viewerEmployeeId: string | null | undefined,
): SkpPeople | null {
  const lookup = useAppraiserOf(plan?.employee_id, plan?.starts_on);
  const viewerIsAppraiser = !!viewerEmployeeId && viewerEmployeeId === plan?.appraiser_employee_id;
  const fallback = !!lookup.error && viewerIsAppraiser;
  const appraisees = useAppraisees(fallback ? viewerEmployeeId : null);
  const self = useAppraiserOf(fallback ? viewerEmployeeId : null);
  if (lookup.data) return { employee: lookup.data.employee, appraiser: lookup.data.appraiser ?? null, superior: lookup.data.appraiser_superior ?? null };
  if (!fallback) return null;
  const employee = appraisees.data?.items.find((a) => a.employee.id === plan?.employee_id)?.employee;
  const appraiser = self.data?.employee;
  if (!employee || !appraiser) return null;
  return { employee, appraiser };
}
