//! The follow-up reports (tindak lanjut) over set results: award candidates, development needs,
//! promotion eligibility, credit points and PPPK contract recommendations; one paged query each.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, unwrap, type components } from '@/lib/api';

export type AwardCandidate = components['schemas']['AwardCandidate'];
export type DevelopmentNeed = components['schemas']['DevelopmentNeed'];
export type PromotionEligibility = components['schemas']['PromotionEligibility'];
export type CreditPoints = components['schemas']['CreditPoints'];
export type PppkContract = components['schemas']['PppkContract'];

interface CycleQuery {
  cycleId: string | null;
  unitId: string | null;
  page: number;
  perPage: number;
}

export const followUpKeys = {
  all: ['follow-up'] as const,
  report: (name: string, query: object) => [...followUpKeys.all, name, query] as const,
};

function cycleParams(q: CycleQuery) {
  return { cycle_id: q.cycleId ?? '', page: q.page, per_page: q.perPage, ...(q.unitId ? { unit_id: q.unitId } : {}) };
}

export function useAwardCandidates(q: CycleQuery, enabled = true) {
  const query = cycleParams(q);
  return useQuery({
    queryKey: followUpKeys.report('awards', query),
    enabled: enabled && !!q.cycleId,
    queryFn: async () => unwrap(await api.GET('/api/v1/follow-up/award-candidates', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useDevelopmentNeeds(q: CycleQuery, enabled = true) {
  const query = cycleParams(q);
  return useQuery({
    queryKey: followUpKeys.report('development', query),
    enabled: enabled && !!q.cycleId,
    queryFn: async () => unwrap(await api.GET('/api/v1/follow-up/development-needs', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreditPoints(q: CycleQuery, enabled = true) {
  const query = cycleParams(q);
  return useQuery({
    queryKey: followUpKeys.report('credit', query),
    enabled: enabled && !!q.cycleId,
    queryFn: async () => unwrap(await api.GET('/api/v1/follow-up/credit-points', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePppkContracts(q: CycleQuery, enabled = true) {
  const query = cycleParams(q);
  return useQuery({
    queryKey: followUpKeys.report('pppk', query),
    enabled: enabled && !!q.cycleId,
    queryFn: async () => unwrap(await api.GET('/api/v1/follow-up/pppk-contract', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePromotionEligibility(q: { asOf: string; unitId: string | null; page: number; perPage: number }, enabled = true) {
  const { scope, ready } = useAgencyScope();
  const query = { ...scope, as_of: q.asOf, page: q.page, per_page: q.perPage, ...(q.unitId ? { unit_id: q.unitId } : {}) };
  return useQuery({
    queryKey: followUpKeys.report('promotion', query),
    enabled: enabled && ready && /^\d{4}-\d{2}-\d{2}$/.test(q.asOf),
    queryFn: async () => unwrap(await api.GET('/api/v1/follow-up/promotion-eligibility', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
