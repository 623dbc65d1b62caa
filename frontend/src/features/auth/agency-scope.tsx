//! Which agency the screens work on. Agency staff always work on their own (the server knows
//! it from the token); a super_admin, who belongs to none, picks one, and the agency-scoped
//! requests name it with `agency_id`.
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { api, unwrap } from '@/lib/api';
import { useSession } from './session';

const STORAGE_KEY = 'kinerja.agency_id';

interface AgencyScope {
  /** The agency chosen by a super_admin; null for everyone else. */
  chosen: string | null;
  choose: (agencyId: string) => void;
}

const AgencyScopeContext = createContext<AgencyScope>({ chosen: null, choose: () => undefined });

export function AgencyScopeProvider({ children }: { children: ReactNode }) {
  const [chosen, setChosen] = useState<string | null>(() => window.sessionStorage.getItem(STORAGE_KEY));
  const choose = (agencyId: string) => {
    window.sessionStorage.setItem(STORAGE_KEY, agencyId);
    setChosen(agencyId);
  };
  return <AgencyScopeContext.Provider value={{ chosen, choose }}>{children}</AgencyScopeContext.Provider>;
}

export function useAgencies(enabled: boolean) {
  return useQuery({
    queryKey: ['agencies', 'list'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/agencies', { params: { query: { per_page: 500, sort: 'name' } } })),
    staleTime: 5 * 60_000,
  });
}

/**
 * `scope` is `{ agency_id }` to spread into agency-scoped queries and bodies: set for a
 * super_admin (their choice, else the first agency), empty for agency staff. `ready` is false
 * while a super_admin's agencies are still loading.
 */
export function useAgencyScope(): { scope: { agency_id?: string }; ready: boolean } {
  const { user } = useSession();
  const { chosen } = useContext(AgencyScopeContext);
  const superAdmin = user?.role === 'super_admin';
  const agencies = useAgencies(superAdmin);
  if (!superAdmin) return { scope: {}, ready: true };
  const fallback = agencies.data?.items[0]?.id;
  const id = chosen && agencies.data?.items.some((a) => a.id === chosen) ? chosen : fallback;
  return id ? { scope: { agency_id: id }, ready: true } : { scope: {}, ready: false };
}

export function useAgencyChoice() {
  return useContext(AgencyScopeContext);
}
