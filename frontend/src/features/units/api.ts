//! Units (unit organisasi): the tree, one unit with its ETag, and the changes, each of which
//! sends If-Match with the ETag read so that a concurrent change is refused (412), not lost.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, etagOf, unwrap, type components, type paths } from '@/lib/api';

export type UnitNode = components['schemas']['UnitNode'];
export type UnitView = components['schemas']['UnitView'];
export type CreateUnitBody = paths['/api/v1/units']['post']['requestBody']['content']['application/json'];

export const unitKeys = {
  all: ['units'] as const,
  tree: (query: { include_inactive: boolean; agency_id?: string }) => [...unitKeys.all, 'tree', query] as const,
  detail: (id: string) => [...unitKeys.all, 'detail', id] as const,
  count: (scope: { agency_id?: string }) => [...unitKeys.all, 'count', scope] as const,
};

export function useUnitTree(includeInactive = false) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, include_inactive: includeInactive };
  return useQuery({
    queryKey: unitKeys.tree(query),
    enabled: ready,
    queryFn: async () => unwrap(await api.GET('/api/v1/units/tree', { params: { query } })),
  });
}

/** A unit and the ETag of the version read. */
export function useUnit(id: string | null) {
  return useQuery({
    queryKey: unitKeys.detail(id ?? ''),
    enabled: id !== null,
    queryFn: async () => {
      const result = await api.GET('/api/v1/units/{unit_id}', { params: { path: { unit_id: id ?? '' } } });
      return { unit: unwrap(result), etag: etagOf(result.response) ?? '' };
    },
  });
}

/** The number of units, from the list's total (one item fetched). */
export function useUnitCount() {
  const { scope, ready } = useAgencyScope();
  return useQuery({
    queryKey: unitKeys.count(scope),
    enabled: ready,
    queryFn: async () => unwrap(await api.GET('/api/v1/units', { params: { query: { ...scope, per_page: 1 } } })).total,
  });
}

function useInvalidateUnits() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: unitKeys.all });
}

export function useCreateUnit() {
  const invalidate = useInvalidateUnits();
  const { scope } = useAgencyScope();
  return useMutation({
    mutationFn: async (body: CreateUnitBody) => unwrap(await api.POST('/api/v1/units', { body: { ...scope, ...body } })),
    onSuccess: invalidate,
  });
}

export function useRenameUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: async ({ id, etag, name }: { id: string; etag: string; name: string }) =>
      unwrap(
        await api.PATCH('/api/v1/units/{unit_id}', {
          params: { path: { unit_id: id }, header: { 'If-Match': etag } },
          body: { name },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useMoveUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: async ({ id, etag, parentId }: { id: string; etag: string; parentId: string | null }) =>
      unwrap(
        await api.POST('/api/v1/units/{unit_id}/move', {
          params: { path: { unit_id: id }, header: { 'If-Match': etag } },
          body: { parent_id: parentId },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useSetUnitActive() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: async ({ id, etag, active }: { id: string; etag: string; active: boolean }) => {
      const params = { path: { unit_id: id }, header: { 'If-Match': etag } };
      return unwrap(
        active
          ? await api.POST('/api/v1/units/{unit_id}/activate', { params })
          : await api.POST('/api/v1/units/{unit_id}/deactivate', { params }),
      );
    },
    onSuccess: invalidate,
  });
}
