//! Objections (keberatan): lists as the server scopes them (HR: the agency; a decider: those
//! addressed to them; an employee: their own), one objection with its ETag, and the decider's
//! moves: start the review, decide (final).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, etagOf, unwrap, type components, type paths } from '@/lib/api';

export type ObjectionView = components['schemas']['ObjectionView'];
export type ObjectionState = components['schemas']['ObjectionState'];
export type DecideBody = components['schemas']['DecideObjection'];
export type ObjectionsQuery = NonNullable<paths['/api/v1/objections']['get']['parameters']['query']>;

export const objectionKeys = {
  all: ['objections'] as const,
  list: (query: ObjectionsQuery) => [...objectionKeys.all, 'list', query] as const,
  detail: (id: string) => [...objectionKeys.all, 'detail', id] as const,
};

export function useObjections(filters: ObjectionsQuery) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, per_page: 500, ...filters };
  return useQuery({
    queryKey: objectionKeys.list(query),
    enabled: ready,
    queryFn: async () => unwrap(await api.GET('/api/v1/objections', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useObjection(id: string) {
  return useQuery({
    queryKey: objectionKeys.detail(id),
    queryFn: async () => {
      const result = await api.GET('/api/v1/objections/{objection_id}', { params: { path: { objection_id: id } } });
      return { objection: unwrap(result), etag: etagOf(result.response) ?? '' };
    },
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: objectionKeys.all });
    void qc.invalidateQueries({ queryKey: ['evaluations'] });
  };
}

export function useReviewObjection(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (etag: string) =>
      unwrap(
        await api.POST('/api/v1/objections/{objection_id}/review', {
          params: { path: { objection_id: id }, header: { 'If-Match': etag || null } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDecideObjection(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ etag, body }: { etag: string; body: DecideBody }) =>
      unwrap(
        await api.POST('/api/v1/objections/{objection_id}/decide', {
          params: { path: { objection_id: id }, header: { 'If-Match': etag || null } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}
