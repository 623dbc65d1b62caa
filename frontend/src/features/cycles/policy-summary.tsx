//! A cycle's policies in plain words, as stored (gaps read as the documented defaults).
import { DetailList } from '@/components/card';
import type { components } from '@/lib/api';
import { formatNumber } from '@/lib/i18n/format';
import type { CyclePolicies } from './api';
import { useRuleSentence } from './curve-editor';
import { useCyclesT } from './i18n';
import { formatShare, ORGANISATION_PREDICATES, useAppraisalLabels } from './labels';
import { withDefaults } from './policies';

export function PolicySummary({ policies, regime }: { policies: Partial<CyclePolicies>; regime: components['schemas']['Regime'] }) {
  const { t } = useCyclesT();
  const labels = useAppraisalLabels();
  const sentence = useRuleSentence();
  const p = withDefaults(policies);
  const f = p.feedback_360;
  const groups = f.rater_groups.map((g) => (g === 'peer' ? t('policy.peerGroup', { count: f.peer_count }) : t(`raterGroup.${g}`))).join(', ');
  const items = [
    { label: t('policy.annualResult'), value: t(`policy.annual.${p.annual_result}`) },
    {
      label: t('policy.feedback360'),
      value: f.is_enabled
        ? t('policy.feedbackSummary', { groups, threshold: f.anonymity_threshold, days: f.due_days_after_period_end })
        : t('policy.feedbackOff'),
    },
    {
      label: t('policy.enforcement'),
      value: `${t(`policy.enforcementKind.${p.distribution.enforcement}`)} — ${t(`policy.enforcementHint.${p.distribution.enforcement}`)}`,
    },
    {
      label: t('policy.curveShort'),
      value: (
        <div className="stack adm-tight">
          <span className="muted adm-small">
            {t('policy.curveSource', { regulation: p.distribution.policy.regulation, rounding: t(`policy.roundingKind.${p.distribution.policy.rounding}`) })}
            {p.distribution.include_unit_heads ? ` · ${t('policy.headsIncluded')}` : ` · ${t('policy.headsExcluded')}`}
          </span>
          <ul className="cy-curve-summary">
            {ORGANISATION_PREDICATES.map((o) => (
              <li key={o}>
                <strong>{labels.orgPredicate(o)}:</strong>{' '}
                {(p.distribution.policy[o] ?? []).map((r) => sentence(r, 'share' in r ? formatShare(r.share, 1) : undefined)).join('; ') || t('curve.noRules')}
              </li>
            ))}
          </ul>
        </div>
      ),
    },
    {
      label: t('policy.leaderMapping'),
      value: ORGANISATION_PREDICATES.map((o) => `${labels.orgPredicate(o)} → ${labels.rating(p.leader_result_mapping[o])}`).join('; '),
    },
    {
      label: t('policy.objection'),
      value: t('policy.objectionSummary', {
        days: p.objection.deadline_days,
        decision: p.objection.decision_days ? t('policy.decisionDaysValue', { count: p.objection.decision_days }) : t('policy.decisionDaysNone'),
      }),
    },
    { label: t('policy.requireHrReview'), value: p.require_hr_review ? t('common.yes') : t('common.no') },
    { label: t('policy.allowEarlyRating'), value: p.allow_early_rating ? t('common.yes') : t('common.no') },
    {
      label: t('policy.promotion'),
      value: t('policy.promotionSummary', {
        years: p.promotion.min_years_in_rank,
        predicate: labels.predicate(p.promotion.min_predicate),
        count: p.promotion.years_of_predicates,
      }),
    },
    { label: t('policy.evidence'), value: t('policy.evidenceSummary', { mb: formatNumber(Math.round((p.evidence.max_file_bytes / 1048576) * 10) / 10) }) },
  ];
  if (regime !== 'pmpanrb6_2022') {
    const b = p.numeric.predicate_bounds;
    items.push({
      label: t('policy.numeric'),
      value: t('policy.numericSummary', {
        weighting: t(`policy.weighting.${p.numeric.behaviour_weighting}`),
        vg: b.very_good_min,
        g: b.good_min,
        f: b.fair_min,
        p: b.poor_min,
      }),
    });
  }
  return <DetailList items={items} />;
}
