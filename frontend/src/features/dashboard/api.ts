//! Dashboard figures, all from list totals (one item per request), and the caller's own records.
import { useQueries, useQuery } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, unwrap, type paths } from '@/lib/api';

type EmployeesQuery = NonNullable<paths['/api/v1/employees']['get']['parameters']['query']>;

export const dashboardKeys = {
  all: ['dashboard'] as const,
  employeeCount: (query: EmployeesQuery) => [...dashboardKeys.all, 'employees', query] as const,
  me: () => [...dashboardKeys.all, 'me'] as const,
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
