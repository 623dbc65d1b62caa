//! Accounts: list, create, reset password, unlock.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, unwrap, type paths } from '@/lib/api';

export type UsersQuery = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>;
export type CreateUserBody = paths['/api/v1/users']['post']['requestBody']['content']['application/json'];

export const userKeys = {
  all: ['users'] as const,
  list: (query: UsersQuery) => [...userKeys.all, 'list', query] as const,
};

export function useUsers(filters: UsersQuery) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, ...filters };
  return useQuery({
    enabled: ready,
    queryKey: userKeys.list(query),
    queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  const { scope } = useAgencyScope();
  return useMutation({
    mutationFn: async (body: CreateUserBody) => unwrap(await api.POST('/api/v1/users', { body: { ...scope, ...body } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useResetPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) =>
      unwrap(await api.POST('/api/v1/users/{user_id}/reset-password', { params: { path: { user_id: userId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUnlockUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) =>
      unwrap(await api.POST('/api/v1/users/{user_id}/unlock', { params: { path: { user_id: userId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
