//! Dashboard figures (list totals, one item per request), the caller's own records, what waits
//! for them (`/me/tasks`, kept fresh: polled, re-read on navigation and after any change made in
//! the app) and, for HR, the running cycle's progress.
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useAgencyScope } from '@/features/auth';
import { api, unwrap, type components, type paths } from '@/lib/api';

type EmployeesQuery = NonNullable<paths['/api/v1/employees']['get']['parameters']['query']>;
export type MyTasks = components['schemas']['MyTasks'];
export type MyPlanTask = components['schemas']['MyPlanTask'];
export type Evaluation = components['schemas']['EvaluationView'];
export type CycleView = components['schemas']['CycleView'];
export type PeriodView = components['schemas']['PeriodView'];
export type CycleProgress = components['schemas']['CycleProgress'];

/** How often the tasks (and the bell's count) are re-read while the page is visible. */
export const TASKS_POLL_MS = 60_000;

export const dashboardKeys = {
  all: ['dashboard'] as const,
  employeeCount: (query: EmployeesQuery) => [...dashboardKeys.all, 'employees', query] as const,
  me: () => [...dashboardKeys.all, 'me'] as const,
  tasks: () => [...dashboardKeys.all, 'tasks'] as const,
  myEvaluations: (employeeId: string) => [...dashboardKeys.all, 'my-evaluations', employeeId] as const,
  cycle: (id: string) => [...dashboardKeys.all, 'cycle', id] as const,
  progress: (id: string) => [...dashboardKeys.all, 'progress', id] as const,
  appraiser: (id: string) => [...dashboardKeys.all, 'appraiser', id] as const,
  appraisees: (id: string) => [...dashboardKeys.all, 'appraisees', id] as const,
};

/** Employee totals for each filter, in the order given. */
export function useEmployeeCounts(filters: readonly EmployeesQuery[]) {
  const { scope, ready } = useAgencyScope();
  return useQueries({
    queries: filters.map((f) => ({
      queryKey: dashboardKeys.employeeCount({ ...scope, ...f }),
      enabled: ready,
      queryFn: async () =>
        unwrap(await api.GET('/api/v1/employees', { params: { query: { ...scope, ...f, per_page: 1 } } })).total,
    })),
  });
}

export function useMe() {
  return useQuery({
    queryKey: dashboardKeys.me(),
    queryFn: async () => unwrap(await api.GET('/api/v1/me')),
  });
}

/** What waits for the caller now; polled every minute while the page is visible. */
export function useMyTasks(enabled = true) {
  return useQuery({
    queryKey: dashboardKeys.tasks(),
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/tasks')),
    refetchInterval: TASKS_POLL_MS,
  });
}

/**
 * Keeps the tasks current: any change the user makes anywhere in the app (approving a plan,
 * answering a request, reading a notification) may settle a task, so every successful
 * mutation marks them stale. Mount once, in the shell.
 */
export function useTasksFollowChanges() {
  const qc = useQueryClient();
  useEffect(
    () =>
      qc.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success') {
          void qc.invalidateQueries({ queryKey: dashboardKeys.tasks() });
        }
      }),
    [qc],
  );
}

/**
 * The caller's own evaluations (every cycle; a person has a handful a year), to name the period
 * of a result to acknowledge or an evaluation to submit. Only read when the tasks say so.
 */
export function useMyEvaluations(employeeId: string | null | undefined, enabled: boolean) {
  return useQuery({
    queryKey: dashboardKeys.myEvaluations(employeeId ?? ''),
    enabled: enabled && !!employeeId,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/evaluations', { params: { query: { employee_id: employeeId ?? '', per_page: 200 } } })).items,
  });
}

/** A cycle with its periods (names and fill-in deadlines). */
export function useCycleDetail(id: string | null | undefined) {
  return useQuery({
    queryKey: dashboardKeys.cycle(id ?? ''),
    enabled: !!id,
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{cycle_id}', { params: { path: { cycle_id: id ?? '' } } })),
    staleTime: 5 * 60_000,
  });
}

/** Several cycles with their periods, by id (those read so far). */
export function useCycleDetails(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: dashboardKeys.cycle(id),
      queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{cycle_id}', { params: { path: { cycle_id: id } } })),
      staleTime: 5 * 60_000,
    })),
    combine: byId,
  });
}

function byId(results: readonly { data?: CycleView }[]): Map<string, CycleView> {
  const map = new Map<string, CycleView>();
  for (const r of results) if (r.data) map.set(r.data.id, r.data);
  return map;
}

/** The agency's figures of a cycle for its current period (the server picks the period). */
export function useCycleProgress(id: string | null | undefined) {
  return useQuery({
    queryKey: dashboardKeys.progress(id ?? ''),
    enabled: !!id,
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{cycle_id}/progress', { params: { path: { cycle_id: id ?? '' } } })),
  });
}

/** The employee's appraiser today; null when none is assigned (404 `no_appraiser`). */
export function useMyAppraiser(employeeId: string | null | undefined) {
  return useQuery({
    queryKey: dashboardKeys.appraiser(employeeId ?? ''),
    enabled: !!employeeId,
    queryFn: async () => {
      const result = await api.GET('/api/v1/employees/{employee_id}/appraiser', {
        params: { path: { employee_id: employeeId ?? '' } },
      });
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
}

/** The people this employee appraises today (empty for most employees). */
export function useMyAppraisees(employeeId: string | null | undefined) {
  return useQuery({
    queryKey: dashboardKeys.appraisees(employeeId ?? ''),
    enabled: !!employeeId,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/employees/{employee_id}/appraisees', { params: { path: { employee_id: employeeId ?? '' } } }),
      ).items,
  });
}
