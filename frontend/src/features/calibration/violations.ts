//! A curve violation in plain words, from the figures the server computed (rule, limit, actual
//! count and share). Nothing is recomputed: unknown codes fall back to the server's sentence.
import { formatShare, useAppraisalLabels, usePredicateList } from '@/features/cycles';
import { formatNumber } from '@/lib/i18n/format';
import type { DistributionRule } from './curve';
import type { DistributionViolation } from './api';
import { useCalibrationT } from './i18n';

const KNOWN = new Set(['max_share_exceeded', 'min_share_not_met', 'required_presence_missing', 'forbidden_predicate_present']);

/** "6.3" → "6,3"; whole numbers without decimals. */
export function formatCount(value: string): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  return formatNumber(Math.round(n * 10) / 10);
}

export function useViolationText() {
  const { t } = useCalibrationT();
  const labels = useAppraisalLabels();
  const list = usePredicateList();
  return (v: DistributionViolation): string => {
    if (!KNOWN.has(v.code)) return v.message;
    return t(`violation.${v.code}`, {
      predicates: list(v.predicates),
      org: labels.orgPredicate(v.organisation_predicate),
      actual: formatNumber(v.actual_count),
      total: formatNumber(v.total),
      actualShare: formatShare(v.actual_share, 1),
      limitShare: formatShare(v.limit_share, 0),
      limitCount: formatCount(v.limit_count),
    });
  };
}

const RULE_OF: Record<string, DistributionRule['rule']> = {
  max_share_exceeded: 'max_share',
  min_share_not_met: 'min_share',
  required_presence_missing: 'required_presence',
  forbidden_predicate_present: 'forbidden',
};

/** The violation (if any) the server reported for one rule of the curve. */
export function violationOf(rule: DistributionRule, violations: readonly DistributionViolation[]): DistributionViolation | undefined {
  const key = [...rule.predicates].sort().join(',');
  return violations.find((v) => RULE_OF[v.code] === rule.rule && [...v.predicates].sort().join(',') === key);
}
