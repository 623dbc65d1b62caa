//! One unit's distribution against its curve: counts and shares, the chart, each rule of the
//! curve with whether the server found it broken (in plain words), and the justification.
import { Button } from '@/components/button';
import { StatusBadge } from '@/components/status-badge';
import { EMPLOYEE_PREDICATES, formatShare, useAppraisalLabels, useRuleSentence, type CyclePolicies } from '@/features/cycles';
import { formatNumber } from '@/lib/i18n/format';
import type { PredicateCounts, PredicateShares, UnitDistribution } from './api';
import { curveRules } from './curve';
import { DistributionChart } from './distribution-chart';
import { useCalibrationT } from './i18n';
import { useViolationText, violationOf } from './violations';

export function CountsTable({ counts, shares, total, caption }: { counts: PredicateCounts; shares: PredicateShares; total: number; caption: string }) {
  const { t } = useCalibrationT();
  const labels = useAppraisalLabels();
  return (
    <table className="cal-counts">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('predicate')}</th>
          <th scope="col" className="adm-num">
            {t('count')}
          </th>
          <th scope="col" className="adm-num">
            {t('share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {EMPLOYEE_PREDICATES.map((p) => (
          <tr key={p}>
            <th scope="row">{labels.predicate(p)}</th>
            <td className="adm-num">{formatNumber(counts[p] ?? 0)}</td>
            <td className="adm-num">{formatShare(shares[p], 1)}</td>
          </tr>
        ))}
        <tr className="cal-total">
          <th scope="row">{t('total')}</th>
          <td className="adm-num">{formatNumber(total)}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}

export function UnitDetail({
  unit,
  policies,
  canOverride,
  onOverride,
}: {
  unit: UnitDistribution;
  policies: Partial<CyclePolicies>;
  canOverride: boolean;
  onOverride: () => void;
}) {
  const { t } = useCalibrationT();
  const labels = useAppraisalLabels();
  const sentence = useRuleSentence();
  const describe = useViolationText();
  const rules = curveRules(policies, unit.organisation_predicate);
  return (
    <div className="cal-unit-detail">
      <div className="cal-unit-figures">
        <CountsTable counts={unit.counts} shares={unit.shares} total={unit.total} caption={t('countsOf', { unit: unit.unit_name })} />
        <DistributionChart shares={unit.shares} rules={rules} height={200} />
      </div>
      <div className="stack adm-tight">
        <h4>{unit.organisation_predicate ? t('curveFor', { predicate: labels.orgPredicate(unit.organisation_predicate) }) : t('noCurve')}</h4>
        {unit.organisation_predicate ? (
          <ul className="cal-rules">
            {rules.map((r, i) => {
              const v = violationOf(r, unit.violations);
              return (
                <li key={i} className={v ? 'cal-rule-broken' : 'cal-rule-ok'}>
                  <span aria-hidden="true">{v ? '✗' : '✓'}</span>
                  <span>
                    <span className="cal-rule-text">{sentence(r, 'share' in r ? formatShare(r.share) : undefined)}</span>
                    <span className="visually-hidden">{v ? t('ruleBroken') : t('ruleKept')}</span>
                    {v ? <span className="cal-violation">{describe(v)}</span> : null}
                  </span>
                </li>
              );
            })}
            {/* Violations the configured rules do not explain (a changed policy): never hidden. */}
            {unit.violations
              .filter((v) => !rules.some((r) => violationOf(r, [v])))
              .map((v, i) => (
                <li key={`extra-${i}`} className="cal-rule-broken">
                  <span aria-hidden="true">✗</span>
                  <span className="cal-violation">{describe(v)}</span>
                </li>
              ))}
          </ul>
        ) : (
          <p className="muted">{t('noCurveHint')}</p>
        )}
        {unit.head_employee_id ? <p className="muted adm-small">{unit.total > 0 ? t('headExcluded') : null}</p> : null}
        {unit.violations.length > 0 ? (
          unit.override_reason ? (
            <div className="cal-override">
              <StatusBadge tone="warning">{t('justified')}</StatusBadge> <span>{unit.override_reason}</span>
              {canOverride ? (
                <Button variant="link" onClick={onOverride}>
                  {t('override.change')}
                </Button>
              ) : null}
            </div>
          ) : unit.enforcement === 'soft' ? (
            canOverride ? (
              <div>
                <Button variant="secondary" onClick={onOverride}>
                  {t('override.give')}
                </Button>
              </div>
            ) : (
              <p className="muted">{t('override.missing')}</p>
            )
          ) : (
            <p className="cal-blocked">{t('override.hardBlocked')}</p>
          )
        ) : null}
      </div>
    </div>
  );
}
