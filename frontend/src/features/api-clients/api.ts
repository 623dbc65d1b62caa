//! OAuth2 clients for third-party systems: list, register (the secret comes back once), revoke.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, unwrap, type paths } from '@/lib/api';

export type ApiClientsQuery = NonNullable<paths['/api/v1/api-clients']['get']['parameters']['query']>;
export type CreateApiClientBody = paths['/api/v1/api-clients']['post']['requestBody']['content']['application/json'];

/**
 * The scopes a client may be granted, as published in the contract's oauth2 security scheme
 * (openapi-typescript does not emit security schemes, so they are listed here).
 */
export const SCOPES = [
  'agency:read',
  'units:read',
  'units:write',
  'employees:read',
  'employees:write',
  'assignments:read',
  'assignments:write',
  'audit:read',
  'reports:read',
] as const;

export const apiClientKeys = {
  all: ['api-clients'] as const,
  list: (query: ApiClientsQuery) => [...apiClientKeys.all, 'list', query] as const,
};

export function useApiClients(filters: ApiClientsQuery) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, ...filters };
  return useQuery({
    enabled: ready,
    queryKey: apiClientKeys.list(query),
    queryFn: async () => unwrap(await api.GET('/api/v1/api-clients', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateApiClient() {
  const qc = useQueryClient();
  const { scope } = useAgencyScope();
  return useMutation({
    mutationFn: async (body: CreateApiClientBody) =>
      unwrap(await api.POST('/api/v1/api-clients', { body: { ...scope, ...body } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiClientKeys.all }),
  });
}

export function useRevokeApiClient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/api-clients/{api_client_id}/revoke', { params: { path: { api_client_id: id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiClientKeys.all }),
  });
}
