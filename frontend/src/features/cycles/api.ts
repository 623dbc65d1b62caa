//! Cycles (tahun penilaian) and their periods: list, one cycle with its ETag, create, update
//! (If-Match), lifecycle transitions, period changes, the HR batch actions of a period, the
//! cycle score and the progress report. Never decides what is allowed: the server says it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, etagOf, unwrap, type components, type paths } from '@/lib/api';

export type CycleView = components['schemas']['CycleView'];
export type PeriodView = components['schemas']['PeriodView'];
export type CycleState = components['schemas']['CycleState'];
export type CycleAction = components['schemas']['CycleAction'];
export type CyclePolicies = components['schemas']['CyclePolicies'];
export type CycleProgress = components['schemas']['CycleProgress'];
export type ProgressTotals = components['schemas']['ProgressTotals'];
export type UnitProgress = components['schemas']['UnitProgress'];
export type ScoreSummary = components['schemas']['ScoreSummary'];
export type GenerateReport = components['schemas']['GenerateReport'];
export type GenerationSummary = components['schemas']['GenerationSummary'];
export type ReminderSummary = components['schemas']['ReminderSummary'];
export type CreateCycleBody = paths['/api/v1/cycles']['post']['requestBody']['content']['application/json'];
export type UpdatePeriodBody = paths['/api/v1/periods/{period_id}']['patch']['requestBody']['content']['application/json'];

/**
 * A partial policy document: the server merges it over the defaults (create) or the current
 * policies (update), so only the fields a form manages are sent.
 */
export type PolicyPatch = DeepPartial<CyclePolicies>;
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export const cycleKeys = {
  all: ['cycles'] as const,
  list: (query: object) => [...cycleKeys.all, 'list', query] as const,
  detail: (id: string) => [...cycleKeys.all, 'detail', id] as const,
  actions: (id: string) => [...cycleKeys.all, 'actions', id] as const,
  progress: (id: string, query: object) => [...cycleKeys.all, 'progress', id, query] as const,
};

/** The agency's cycles, latest year first (one page of up to 100: an agency has one a year). */
export function useCycles() {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, per_page: 100 };
  return useQuery({
    queryKey: cycleKeys.list(query),
    enabled: ready,
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles', { params: { query } })),
  });
}

/** A cycle with its periods and the ETag of the version read. */
export function useCycle(id: string | null | undefined) {
  return useQuery({
    queryKey: cycleKeys.detail(id ?? ''),
    enabled: !!id,
    queryFn: async () => {
      const result = await api.GET('/api/v1/cycles/{cycle_id}', { params: { path: { cycle_id: id ?? '' } } });
      return { cycle: unwrap(result), etag: etagOf(result.response) ?? '' };
    },
  });
}

export function useCycleAllowedActions(id: string) {
  return useQuery({
    queryKey: cycleKeys.actions(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cycles/{cycle_id}/allowed-actions', { params: { path: { cycle_id: id } } })),
  });
}

function useInvalidateCycles() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: cycleKeys.all });
}

export function useCreateCycle() {
  const invalidate = useInvalidateCycles();
  const { scope } = useAgencyScope();
  return useMutation({
    mutationFn: async (body: Omit<CreateCycleBody, 'policies'> & { policies?: PolicyPatch }) =>
      unwrap(await api.POST('/api/v1/cycles', { body: { ...scope, ...body } as CreateCycleBody })),
    onSuccess: invalidate,
  });
}

export function useUpdateCycle() {
  const invalidate = useInvalidateCycles();
  return useMutation({
    mutationFn: async ({ id, etag, name, policies }: { id: string; etag: string; name?: string; policies?: PolicyPatch }) => {
      const result = await api.PATCH('/api/v1/cycles/{cycle_id}', {
        params: { path: { cycle_id: id }, header: { 'If-Match': etag } },
        body: { name: name ?? null, policies: (policies ?? null) as CyclePolicies | null },
      });
      return { cycle: unwrap(result), etag: etagOf(result.response) ?? '' };
    },
    onSuccess: invalidate,
  });
}

export function useTransitionCycle() {
  const invalidate = useInvalidateCycles();
  return useMutation({
    mutationFn: async ({ id, action }: { id: string; action: CycleAction }) =>
      unwrap(await api.POST('/api/v1/cycles/{cycle_id}/transitions', { params: { path: { cycle_id: id } }, body: { action } })),
    onSuccess: invalidate,
  });
}

export function useUpdatePeriod() {
  const invalidate = useInvalidateCycles();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: UpdatePeriodBody }) =>
      unwrap(await api.PATCH('/api/v1/periods/{period_id}', { params: { path: { period_id: id } }, body })),
    onSuccess: invalidate,
  });
}

/** The HR batch actions of a period, each with its own result summary. */
export function useGenerateEvaluations() {
  const invalidate = useInvalidateCycles();
  return useMutation({
    mutationFn: async (periodId: string) =>
      unwrap(await api.POST('/api/v1/periods/{period_id}/evaluations/generate', { params: { path: { period_id: periodId } } })),
    onSuccess: invalidate,
  });
}

export function useGenerateFeedbackRequests() {
  const invalidate = useInvalidateCycles();
  return useMutation({
    mutationFn: async (periodId: string) =>
      unwrap(
        await api.POST('/api/v1/periods/{period_id}/feedback-requests/generate', { params: { path: { period_id: periodId } } }),
      ),
    onSuccess: invalidate,
  });
}

export function useSendFeedbackReminders() {
  return useMutation({
    mutationFn: async (periodId: string) =>
      unwrap(await api.POST('/api/v1/periods/{period_id}/feedback-reminders', { params: { path: { period_id: periodId } } })),
  });
}

export function useScoreCycle() {
  const invalidate = useInvalidateCycles();
  return useMutation({
    mutationFn: async (cycleId: string) =>
      unwrap(await api.POST('/api/v1/cycles/{cycle_id}/score', { params: { path: { cycle_id: cycleId } } })),
    onSuccess: invalidate,
  });
}

/** Progress of a cycle for a period (the server's default period when none is given). */
export function useCycleProgress(cycleId: string, periodId: string | null, unitId: string | null) {
  const query = { ...(periodId ? { period_id: periodId } : {}), ...(unitId ? { unit_id: unitId } : {}) };
  return useQuery({
    queryKey: cycleKeys.progress(cycleId, query),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cycles/{cycle_id}/progress', { params: { path: { cycle_id: cycleId }, query } })),
    placeholderData: keepPreviousData,
  });
}
