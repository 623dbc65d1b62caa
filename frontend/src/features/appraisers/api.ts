//! Appraiser assignments (pejabat penilai): list by employee, create.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, unwrap, type paths } from '@/lib/api';

export type AssignmentsQuery = NonNullable<paths['/api/v1/appraiser-assignments']['get']['parameters']['query']>;
export type CreateAssignmentBody = paths['/api/v1/appraiser-assignments']['post']['requestBody']['content']['application/json'];

export const assignmentKeys = {
  all: ['appraiser-assignments'] as const,
  list: (query: AssignmentsQuery) => [...assignmentKeys.all, 'list', query] as const,
};

export function useAssignments(filters: AssignmentsQuery) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, ...filters };
  return useQuery({
    enabled: ready,
    queryKey: assignmentKeys.list(query),
    queryFn: async () => unwrap(await api.GET('/api/v1/appraiser-assignments', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateAssignment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateAssignmentBody) => unwrap(await api.POST('/api/v1/appraiser-assignments', { body })),
    // Employee pages show the history too.
    onSuccess: () => qc.invalidateQueries(),
  });
}
