//! Distribution, organisation predicates, calibration, leniency and finalisation of a period,
//! as react-query hooks over the typed client. Every change invalidates the period's reads, so
//! the distribution shown is always the server's latest.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAgencyScope } from '@/features/auth';
import { api, unwrap, type components } from '@/lib/api';

export type PeriodDistribution = components['schemas']['PeriodDistribution'];
export type UnitDistribution = components['schemas']['UnitDistribution'];
export type DistributionViolation = components['schemas']['DistributionViolation'];
export type PredicateCounts = components['schemas']['PredicateCounts'];
export type PredicateShares = components['schemas']['PredicateShares'];
export type CalibrationRow = components['schemas']['CalibrationRow'];
export type AppraiserLeniency = components['schemas']['AppraiserLeniency'];
export type FinaliseReport = components['schemas']['FinaliseReport'];
export type ConcludeReport = components['schemas']['ConcludeReport'];
export type OrganisationPredicate = components['schemas']['OrganisationPredicate'];
export type EmployeePredicate = components['schemas']['EmployeePredicate'];
export type EvaluationState = components['schemas']['EvaluationState'];

export const calibrationKeys = {
  all: ['calibration'] as const,
  period: (periodId: string) => [...calibrationKeys.all, periodId] as const,
  distribution: (periodId: string, unitId: string | null) => [...calibrationKeys.period(periodId), 'distribution', unitId] as const,
  sheet: (periodId: string, query: object) => [...calibrationKeys.period(periodId), 'sheet', query] as const,
  leniency: (periodId: string) => [...calibrationKeys.period(periodId), 'leniency'] as const,
  counts: (periodId: string) => [...calibrationKeys.period(periodId), 'counts'] as const,
};

export function useDistribution(periodId: string | null, unitId: string | null = null) {
  return useQuery({
    queryKey: calibrationKeys.distribution(periodId ?? '', unitId),
    enabled: !!periodId,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/periods/{period_id}/distribution', {
          params: { path: { period_id: periodId ?? '' }, query: unitId ? { unit_id: unitId } : {} },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCalibrationSheet(periodId: string | null, unitId: string | null, page: number, perPage: number) {
  const query = { page, per_page: perPage, ...(unitId ? { unit_id: unitId } : {}) };
  return useQuery({
    queryKey: calibrationKeys.sheet(periodId ?? '', query),
    enabled: !!periodId,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/periods/{period_id}/calibration', { params: { path: { period_id: periodId ?? '' }, query } })),
    placeholderData: keepPreviousData,
  });
}

export function useLeniency(periodId: string | null) {
  return useQuery({
    queryKey: calibrationKeys.leniency(periodId ?? ''),
    enabled: !!periodId,
    queryFn: async () => unwrap(await api.GET('/api/v1/periods/{period_id}/leniency', { params: { path: { period_id: periodId ?? '' } } })),
  });
}

const RATED: EvaluationState[] = ['rated'];
const UNRATED: EvaluationState[] = ['not_started', 'filling', 'awaiting_rating'];

/**
 * How many of the period's evaluations finalisation would lock (rated) and leave (not rated
 * yet), from the evaluation list's totals (one row fetched per state).
 */
export function useFinaliseCounts(periodId: string | null) {
  const { scope, ready } = useAgencyScope();
  return useQuery({
    queryKey: [...calibrationKeys.counts(periodId ?? ''), scope],
    enabled: !!periodId && ready,
    queryFn: async () => {
      const count = async (status: EvaluationState) =>
        unwrap(
          await api.GET('/api/v1/evaluations', { params: { query: { ...scope, period_id: periodId ?? '', status, per_page: 1 } } }),
        ).total;
      const [rated, ...unrated] = await Promise.all([...RATED, ...UNRATED].map(count));
      const byState = Object.fromEntries(UNRATED.map((s, i) => [s, unrated[i] ?? 0])) as Record<(typeof UNRATED)[number], number>;
      return { rated: rated ?? 0, unrated: unrated.reduce((a, b) => a + (b ?? 0), 0), byState };
    },
  });
}

function useInvalidatePeriod() {
  const qc = useQueryClient();
  return (periodId: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: calibrationKeys.period(periodId) }),
      // Cycle pages show the period's finalisation and progress.
      qc.invalidateQueries({ queryKey: ['cycles'] }),
    ]);
}

export function useSetOrgPredicate() {
  const invalidate = useInvalidatePeriod();
  return useMutation({
    mutationFn: async (v: { unitId: string; periodId: string; predicate: OrganisationPredicate; basis: string | null; reason: string | null }) =>
      unwrap(
        await api.PUT('/api/v1/units/{unit_id}/org-performance/{period_id}', {
          params: { path: { unit_id: v.unitId, period_id: v.periodId } },
          body: { predicate: v.predicate, basis: v.basis, reason: v.reason },
        }),
      ),
    onSuccess: (_d, v) => invalidate(v.periodId),
  });
}

export function useOverrideDistribution() {
  const invalidate = useInvalidatePeriod();
  return useMutation({
    mutationFn: async (v: { unitId: string; periodId: string; reason: string }) =>
      unwrap(
        await api.PUT('/api/v1/units/{unit_id}/org-performance/{period_id}/override', {
          params: { path: { unit_id: v.unitId, period_id: v.periodId } },
          body: { reason: v.reason },
        }),
      ),
    onSuccess: (_d, v) => invalidate(v.periodId),
  });
}

export function useCalibrate() {
  const invalidate = useInvalidatePeriod();
  return useMutation({
    mutationFn: async (v: { evaluationId: string; periodId: string; predicate: EmployeePredicate; reason: string }) =>
      unwrap(
        await api.POST('/api/v1/evaluations/{evaluation_id}/calibrate', {
          params: { path: { evaluation_id: v.evaluationId } },
          body: { predicate: v.predicate, reason: v.reason },
        }),
      ),
    onSuccess: (_d, v) => invalidate(v.periodId),
  });
}

/**
 * Finalises a period. The justifications typed for violating units are first stored on their
 * organisation predicates (the override endpoint), so that the distribution shows them as
 * justified afterwards; then they are sent with the finalisation itself.
 */
export function useFinalise() {
  const invalidate = useInvalidatePeriod();
  return useMutation({
    mutationFn: async (v: { periodId: string; overrideReasons: Record<string, string> }) => {
      for (const [unitId, reason] of Object.entries(v.overrideReasons)) {
        unwrap(
          await api.PUT('/api/v1/units/{unit_id}/org-performance/{period_id}/override', {
            params: { path: { unit_id: unitId, period_id: v.periodId } },
            body: { reason },
          }),
        );
      }
      return unwrap(
        await api.POST('/api/v1/periods/{period_id}/finalise', {
          params: { path: { period_id: v.periodId } },
          body: { override_reasons: v.overrideReasons },
        }),
      );
    },
    onSettled: (_d, _e, v) => invalidate(v.periodId),
  });
}

export function useConclude() {
  const invalidate = useInvalidatePeriod();
  return useMutation({
    mutationFn: async (periodId: string) =>
      unwrap(await api.POST('/api/v1/periods/{period_id}/conclude', { params: { path: { period_id: periodId } } })),
    onSuccess: (_d, periodId) => invalidate(periodId),
  });
}
