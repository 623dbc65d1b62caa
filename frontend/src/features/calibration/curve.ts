//! The curve rules that apply to a unit, read from its cycle's policy (configuration, shown as
//! stored; the check itself is the server's).
import { policiesWithDefaults, type CyclePolicies, type OrganisationPredicate } from '@/features/cycles';
import type { components } from '@/lib/api';

export type DistributionRule = components['schemas']['DistributionRule'];

export function curveRules(policies: Partial<CyclePolicies> | null | undefined, org: OrganisationPredicate | null | undefined): DistributionRule[] {
  if (!org) return [];
  return policiesWithDefaults(policies).distribution.policy[org] ?? [];
}
