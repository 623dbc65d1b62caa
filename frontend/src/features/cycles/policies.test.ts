import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES, formToPolicies, percentToShare, policiesToForm, shareToPercent, withDefaults } from './policies';

describe('policy form mapping', () => {
  it('turns shares into percentages and back', () => {
    expect(shareToPercent('0.70')).toBe('70');
    expect(shareToPercent('0.125')).toBe('12.5');
    expect(percentToShare('70')).toBe('0.70');
    expect(percentToShare('12,5')).toBe('0.125');
    expect(percentToShare('10')).toBe('0.10');
  });

  it('round-trips the documented defaults', () => {
    const sent = formToPolicies(policiesToForm(DEFAULT_POLICIES));
    expect(sent.annual_result).toBe('last_period');
    expect(sent.feedback_360).toEqual(DEFAULT_POLICIES.feedback_360);
    expect(sent.distribution).toEqual({
      enforcement: 'soft',
      include_unit_heads: false,
      policy: {
        rounding: 'exact',
        outstanding: DEFAULT_POLICIES.distribution.policy.outstanding,
        good: DEFAULT_POLICIES.distribution.policy.good,
        needs_improvement: DEFAULT_POLICIES.distribution.policy.needs_improvement,
        poor: DEFAULT_POLICIES.distribution.policy.poor,
        very_poor: DEFAULT_POLICIES.distribution.policy.very_poor,
      },
    });
    expect(sent.objection).toEqual({ deadline_days: 14, decision_days: null });
    expect(sent.evidence).toEqual({ max_file_bytes: 10 * 1024 * 1024 });
    expect(sent.leader_result_mapping).toEqual(DEFAULT_POLICIES.leader_result_mapping);
  });

  it('sends what the user changed, as numbers', () => {
    const form = policiesToForm(DEFAULT_POLICIES);
    form.feedback_360.anonymity_threshold = '5';
    form.objection.decision_days = '30';
    const first = form.distribution.policy.good[0];
    if (first) first.percent = '65';
    const sent = formToPolicies(form);
    expect(sent.feedback_360?.anonymity_threshold).toBe(5);
    expect(sent.objection?.decision_days).toBe(30);
    expect(sent.distribution?.policy?.good?.[0]).toEqual({ rule: 'max_share', predicates: ['good'], share: '0.65' });
  });

  it('normalises a checkbox group reduced to one box or none', () => {
    const form = policiesToForm(DEFAULT_POLICIES);
    (form.feedback_360 as { rater_groups: unknown }).rater_groups = 'peer';
    expect(formToPolicies(form).feedback_360?.rater_groups).toEqual(['peer']);
    (form.feedback_360 as { rater_groups: unknown }).rater_groups = false;
    expect(formToPolicies(form).feedback_360?.rater_groups).toEqual([]);
  });

  it('reads a partial stored document with the defaults filled in', () => {
    const p = withDefaults({ feedback_360: { anonymity_threshold: 4 } } as never);
    expect(p.feedback_360.anonymity_threshold).toBe(4);
    expect(p.feedback_360.peer_count).toBe(3);
    expect(p.distribution.policy.good).toHaveLength(2);
  });
});
