//! Employees (pegawai): list with filters, one record with its ETag, create, update (If-Match),
//! CSV bulk import, and the record's appraiser assignments.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, etagOf, readProblem, unwrap, type components, type paths } from '@/lib/api';

export type EmployeeView = components['schemas']['EmployeeView'];
export type EmployeesQuery = NonNullable<paths['/api/v1/employees']['get']['parameters']['query']>;
export type CreateEmployeeBody = paths['/api/v1/employees']['post']['requestBody']['content']['application/json'];
export type UpdateEmployeeBody = paths['/api/v1/employees/{employee_id}']['patch']['requestBody']['content']['application/json'];
export type BulkResult = components['schemas']['BulkResult'];

export const employeeKeys = {
  all: ['employees'] as const,
  list: (query: EmployeesQuery) => [...employeeKeys.all, 'list', query] as const,
  detail: (id: string) => [...employeeKeys.all, 'detail', id] as const,
  assignments: (id: string) => [...employeeKeys.all, 'assignments', id] as const,
};

export function useEmployees(filters: EmployeesQuery) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, ...filters };
  return useQuery({
    queryKey: employeeKeys.list(query),
    enabled: ready,
    queryFn: async () => unwrap(await api.GET('/api/v1/employees', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useEmployee(id: string | null | undefined) {
  return useQuery({
    queryKey: employeeKeys.detail(id ?? ''),
    enabled: !!id,
    queryFn: async () => {
      const result = await api.GET('/api/v1/employees/{employee_id}', { params: { path: { employee_id: id ?? '' } } });
      return { employee: unwrap(result), etag: etagOf(result.response) ?? '' };
    },
  });
}

export function useCreateEmployee() {
  const qc = useQueryClient();
  const { scope } = useAgencyScope();
  return useMutation({
    mutationFn: async (body: CreateEmployeeBody) => unwrap(await api.POST('/api/v1/employees', { body: { ...scope, ...body } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: employeeKeys.all }),
  });
}

export function useUpdateEmployee() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, etag, body }: { id: string; etag: string; body: UpdateEmployeeBody }) => {
      const result = await api.PATCH('/api/v1/employees/{employee_id}', {
        params: { path: { employee_id: id }, header: { 'If-Match': etag } },
        body,
      });
      return { employee: unwrap(result), etag: etagOf(result.response) ?? '' };
    },
    onSuccess: (data) => {
      qc.setQueryData(employeeKeys.detail(data.employee.id), data);
      void qc.invalidateQueries({ queryKey: [...employeeKeys.all, 'list'] });
    },
  });
}

export function useEmployeeAssignments(id: string) {
  const { scope, ready } = useAgencyScope();
  return useQuery({
    queryKey: employeeKeys.assignments(id),
    enabled: ready,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/appraiser-assignments', { params: { query: { ...scope, employee_id: id, per_page: 100 } } }),
      ),
  });
}

/**
 * Uploads a CSV file as text/csv. openapi-fetch serialises bodies as JSON, so the raw body goes
 * through a body serializer that passes the text unchanged.
 */
export function useBulkImport() {
  const qc = useQueryClient();
  const { scope } = useAgencyScope();
  return useMutation({
    mutationFn: async (csv: string): Promise<BulkResult> => {
      const result = await api.POST('/api/v1/employees/bulk', {
        params: { query: scope },
        body: csv as never,
        bodySerializer: (body: unknown) => body as string,
        headers: { 'Content-Type': 'text/csv' },
      });
      if (!result.response.ok && result.error === undefined) throw await readProblem(result.response);
      return unwrap(result) as BulkResult;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: employeeKeys.all }),
  });
}
