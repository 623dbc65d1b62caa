//! The cycle policies as a form edits them, and back. The defaults are the ones documented in
//! openapi.yaml (CyclePolicies); the server merges what is sent over its own defaults or the
//! cycle's current policies, and stays the judge of what is valid (422 lands on the fields).
import type { components } from '@/lib/api';
import type { CyclePolicies, PolicyPatch } from './api';

type S = components['schemas'];
export type DistributionRule = S['DistributionRule'];
export type RaterGroup = S['RaterGroup'];
type CurveKey = 'outstanding' | 'good' | 'needs_improvement' | 'poor' | 'very_poor';

export const CURVE_KEYS: readonly CurveKey[] = ['outstanding', 'good', 'needs_improvement', 'poor', 'very_poor'];
export const RATER_GROUPS: readonly RaterGroup[] = ['self', 'appraiser', 'peer', 'subordinate'];

/** SE MenPANRB 3/2023 as the API documents its default curve. */
export const DEFAULT_CURVE: Record<CurveKey, DistributionRule[]> = {
  outstanding: [{ predicates: ['very_good'], rule: 'max_share', share: '0.70' }],
  good: [
    { predicates: ['good'], rule: 'max_share', share: '0.70' },
    { predicates: ['needs_improvement', 'poor'], rule: 'required_presence' },
  ],
  needs_improvement: [
    { predicates: ['needs_improvement'], rule: 'min_share', share: '0.60' },
    { predicates: ['very_good'], rule: 'max_share', share: '0.10' },
  ],
  poor: [
    { predicates: ['poor'], rule: 'min_share', share: '0.60' },
    { predicates: ['needs_improvement'], rule: 'min_share', share: '0.10' },
    { predicates: ['very_good'], rule: 'max_share', share: '0.10' },
  ],
  very_poor: [
    { predicates: ['very_poor'], rule: 'min_share', share: '0.60' },
    { predicates: ['poor', 'needs_improvement'], rule: 'min_share', share: '0.10' },
    { predicates: ['very_good'], rule: 'forbidden' },
  ],
};

/** Every documented default (openapi.yaml CyclePolicies). */
export const DEFAULT_POLICIES: CyclePolicies = {
  annual_result: 'last_period',
  feedback_360: {
    is_enabled: true,
    rater_groups: ['self', 'appraiser', 'peer', 'subordinate'],
    peer_count: 3,
    anonymity_threshold: 3,
    due_days_after_period_end: 7,
  },
  distribution: {
    enforcement: 'soft',
    include_unit_heads: false,
    policy: {
      regulation: 'SE MenPANRB 3/2023',
      source: 'naikpangkat.com, pola distribusi (domain.md S39)',
      rounding: 'exact',
      ...DEFAULT_CURVE,
    },
  },
  leader_result_mapping: { outstanding: 'above', good: 'meets', needs_improvement: 'below', poor: 'below', very_poor: 'below' },
  objection: { deadline_days: 14, decision_days: null },
  promotion: { min_years_in_rank: 4, years_of_predicates: 2, min_predicate: 'good' },
  allow_early_rating: false,
  require_hr_review: false,
  evidence: {
    max_file_bytes: 10 * 1024 * 1024,
    allowed_content_types: [
      'application/pdf',
      'image/png',
      'image/jpeg',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ],
  },
  numeric: {
    behaviour_weighting: 'standard',
    predicate_bounds: { very_good_min: '110', good_min: '90', fair_min: '70', poor_min: '50' },
    capaian_scale: { on_target: '109', above_target_floor: '110' },
    pp46_bonus: {
      additional_task_steps: [
        { min_tasks: 1, points: '1' },
        { min_tasks: 4, points: '2' },
        { min_tasks: 7, points: '3' },
      ],
      creativity_work_unit: '3',
      creativity_organisation: '6',
      creativity_national: '12',
    },
  },
};

/** A curve rule with its share as a percentage the user types ("70"). */
export interface RuleForm {
  rule: DistributionRule['rule'];
  predicates: DistributionRule['predicates'];
  percent: string;
}

export interface PolicyFormValues {
  annual_result: S['AnnualResultPolicy'];
  feedback_360: {
    is_enabled: boolean;
    rater_groups: RaterGroup[];
    peer_count: string;
    anonymity_threshold: string;
    due_days_after_period_end: string;
  };
  distribution: {
    enforcement: S['DistributionEnforcement'];
    include_unit_heads: boolean;
    policy: { rounding: S['SmallUnitRounding'] } & Record<CurveKey, RuleForm[]>;
  };
  leader_result_mapping: S['LeaderResultMapping'];
  objection: { deadline_days: string; decision_days: string };
  promotion: { min_years_in_rank: string; years_of_predicates: string; min_predicate: S['EmployeePredicate'] };
  allow_early_rating: boolean;
  require_hr_review: boolean;
  evidence: { max_file_mb: string };
  numeric: {
    behaviour_weighting: S['BehaviourWeighting'];
    predicate_bounds: { very_good_min: string; good_min: string; fair_min: string; poor_min: string };
  };
}

/** "0.70" → "70"; keeps what it cannot read. */
export function shareToPercent(share: string): string {
  const n = Number(share);
  if (!Number.isFinite(n)) return share;
  return String(Math.round(n * 10000) / 100);
}

/** "70" → "0.70" (the API's fraction as a decimal string). */
export function percentToShare(percent: string): string {
  const n = Number(percent.replace(',', '.'));
  if (!Number.isFinite(n)) return percent;
  const fraction = Math.round(n * 100) / 10000;
  return fraction.toFixed(Math.max(2, (String(fraction).split('.')[1] ?? '').length));
}

function ruleToForm(r: DistributionRule): RuleForm {
  return { rule: r.rule, predicates: [...r.predicates], percent: 'share' in r ? shareToPercent(r.share) : '' };
}

function ruleFromForm(r: RuleForm): DistributionRule {
  if (r.rule === 'max_share' || r.rule === 'min_share') return { rule: r.rule, predicates: r.predicates, share: percentToShare(r.percent) };
  return { rule: r.rule, predicates: r.predicates };
}

/** Fills gaps of a stored policy document with the defaults (older cycles, partial JSON). */
export function withDefaults(p: Partial<CyclePolicies> | null | undefined): CyclePolicies {
  const d = DEFAULT_POLICIES;
  const given = p ?? {};
  return {
    ...d,
    ...given,
    feedback_360: { ...d.feedback_360, ...given.feedback_360 },
    distribution: {
      ...d.distribution,
      ...given.distribution,
      policy: { ...d.distribution.policy, ...given.distribution?.policy },
    },
    leader_result_mapping: { ...d.leader_result_mapping, ...given.leader_result_mapping },
    objection: { ...d.objection, ...given.objection },
    promotion: { ...d.promotion, ...given.promotion },
    evidence: { ...d.evidence, ...given.evidence },
    numeric: {
      ...d.numeric,
      ...given.numeric,
      predicate_bounds: { ...d.numeric.predicate_bounds, ...given.numeric?.predicate_bounds },
    },
  };
}

export function policiesToForm(stored: Partial<CyclePolicies> | null | undefined): PolicyFormValues {
  const p = withDefaults(stored);
  const curve = Object.fromEntries(CURVE_KEYS.map((k) => [k, (p.distribution.policy[k] ?? []).map(ruleToForm)])) as Record<CurveKey, RuleForm[]>;
  return {
    annual_result: p.annual_result,
    feedback_360: {
      is_enabled: p.feedback_360.is_enabled,
      rater_groups: [...p.feedback_360.rater_groups],
      peer_count: String(p.feedback_360.peer_count),
      anonymity_threshold: String(p.feedback_360.anonymity_threshold),
      due_days_after_period_end: String(p.feedback_360.due_days_after_period_end),
    },
    distribution: {
      enforcement: p.distribution.enforcement,
      include_unit_heads: p.distribution.include_unit_heads,
      policy: { rounding: p.distribution.policy.rounding, ...curve },
    },
    leader_result_mapping: { ...p.leader_result_mapping },
    objection: {
      deadline_days: String(p.objection.deadline_days),
      decision_days: p.objection.decision_days === null || p.objection.decision_days === undefined ? '' : String(p.objection.decision_days),
    },
    promotion: {
      min_years_in_rank: String(p.promotion.min_years_in_rank),
      years_of_predicates: String(p.promotion.years_of_predicates),
      min_predicate: p.promotion.min_predicate,
    },
    allow_early_rating: p.allow_early_rating,
    require_hr_review: p.require_hr_review,
    evidence: { max_file_mb: String(Math.round((p.evidence.max_file_bytes / (1024 * 1024)) * 100) / 100) },
    numeric: {
      behaviour_weighting: p.numeric.behaviour_weighting,
      predicate_bounds: { ...p.numeric.predicate_bounds },
    },
  };
}

function int(value: string): number {
  return Math.trunc(Number(value));
}

/**
 * The policy document to send: every field the form manages (arrays replace the stored ones,
 * so the whole curve and the rater groups are sent); the rest keeps the server's value.
 */
export function formToPolicies(f: PolicyFormValues): PolicyPatch {
  const curve = Object.fromEntries(CURVE_KEYS.map((k) => [k, f.distribution.policy[k].map(ruleFromForm)]));
  return {
    annual_result: f.annual_result,
    feedback_360: {
      is_enabled: f.feedback_360.is_enabled,
      // A checkbox group with a single box yields a string or false: normalise.
      rater_groups: ([] as (RaterGroup | false)[]).concat(f.feedback_360.rater_groups ?? []).filter((g): g is RaterGroup => !!g),
      peer_count: int(f.feedback_360.peer_count),
      anonymity_threshold: int(f.feedback_360.anonymity_threshold),
      due_days_after_period_end: int(f.feedback_360.due_days_after_period_end),
    },
    distribution: {
      enforcement: f.distribution.enforcement,
      include_unit_heads: f.distribution.include_unit_heads,
      policy: { rounding: f.distribution.policy.rounding, ...curve },
    },
    leader_result_mapping: { ...f.leader_result_mapping },
    objection: {
      deadline_days: int(f.objection.deadline_days),
      decision_days: f.objection.decision_days.trim() === '' ? null : int(f.objection.decision_days),
    },
    promotion: {
      min_years_in_rank: int(f.promotion.min_years_in_rank),
      years_of_predicates: int(f.promotion.years_of_predicates),
      min_predicate: f.promotion.min_predicate,
    },
    allow_early_rating: f.allow_early_rating,
    require_hr_review: f.require_hr_review,
    evidence: { max_file_bytes: Math.round(Number(f.evidence.max_file_mb.replace(',', '.')) * 1024 * 1024) },
    numeric: {
      behaviour_weighting: f.numeric.behaviour_weighting,
      predicate_bounds: { ...f.numeric.predicate_bounds },
    },
  };
}

/** API field names that the form calls differently. */
export const POLICY_FIELD_ALIASES: Readonly<Record<string, string>> = {
  'policies.evidence.max_file_bytes': 'policies.evidence.max_file_mb',
};
