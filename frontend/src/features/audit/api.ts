//! The audit log: filtered pages of one chain, and the chain verification.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, unwrap, type paths } from '@/lib/api';

export type AuditQuery = NonNullable<paths['/api/v1/audit-log']['get']['parameters']['query']>;

export const auditKeys = {
  all: ['audit'] as const,
  list: (query: AuditQuery) => [...auditKeys.all, 'list', query] as const,
};

export function useAuditEntries(filters: AuditQuery) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, ...filters };
  return useQuery({
    enabled: ready,
    queryKey: auditKeys.list(query),
    queryFn: async () => unwrap(await api.GET('/api/v1/audit-log', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** A mutation rather than a query: verifying is an explicit, possibly slow, user action. */
export function useVerifyChain() {
  const { scope } = useAgencyScope();
  return useMutation({
    mutationFn: async (query: { chain?: string }) =>
      unwrap(await api.GET('/api/v1/audit-log/verify', { params: { query: { ...scope, ...query } } })),
  });
}

/** A date input's `2026-01-31` as the start (or the end) of that day in the browser's zone. */
export function dayBoundary(date: string, end: boolean): string | undefined {
  if (!date) return undefined;
  const d = new Date(`${date}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
