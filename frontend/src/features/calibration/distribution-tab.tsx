//! The period's "Monitoring Kurva": the agency's figures, then every unit with its
//! organisation predicate (set or change it, with a reason when changing), its counts and
//! shares, and whether its distribution keeps the curve; a unit's row opens the details.
import { Fragment, useState } from 'react';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { EMPLOYEE_PREDICATES, problemText, useAppraisalLabels, type OrganisationPredicate } from '@/features/cycles';
import { formatNumber } from '@/lib/i18n/format';
import { useDistribution, useOverrideDistribution, type UnitDistribution } from './api';
import type { PeriodContext } from './calibration-page';
import { isFinalised } from './calibration-page';
import { DistributionChart } from './distribution-chart';
import { useCalibrationT } from './i18n';
import { OrgPredicateDialog, type OrgPredicateTarget } from './org-predicate-dialog';
import { PredicateBar, PredicateLegend } from './predicate-bar';
import { ReasonDialog } from './reason-dialog';
import { CountsTable, UnitDetail } from './unit-detail';

export function CurveStatus({ unit }: { unit: UnitDistribution }) {
  const { t } = useCalibrationT();
  if (!unit.organisation_predicate) return <StatusBadge tone="neutral">{t('curveStatus.unchecked')}</StatusBadge>;
  if (unit.violations.length === 0 && unit.total === 0) return <StatusBadge tone="neutral">{t('curveStatus.nobody')}</StatusBadge>;
  if (unit.violations.length === 0) return <StatusBadge tone="success">{t('curveStatus.ok')}</StatusBadge>;
  if (unit.is_acceptable) return <StatusBadge tone="warning">{t('curveStatus.justified', { count: unit.violations.length })}</StatusBadge>;
  return <StatusBadge tone="danger">{t('curveStatus.violated', { count: unit.violations.length })}</StatusBadge>;
}

export function DistributionTab({ ctx }: { ctx: PeriodContext }) {
  const { t } = useCalibrationT();
  const labels = useAppraisalLabels();
  const { cycle, period } = ctx;
  const dist = useDistribution(period.id);
  const override = useOverrideDistribution();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [orgTarget, setOrgTarget] = useState<OrgPredicateTarget | null>(null);
  const [overrideUnit, setOverrideUnit] = useState<UnitDistribution | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const attention = ctx.search.get('attention') === '1';
  const editable = ctx.canWrite && !isFinalised(period);

  if (dist.isPending) return <Spinner label={t('common.loading')} />;
  if (dist.error || !dist.data) return <Alert tone="error">{problemText(t, dist.error)}</Alert>;
  const d = dist.data;
  const violating = d.units.filter((u) => u.violations.length > 0);
  const unjustified = violating.filter((u) => !u.is_acceptable);
  const withoutPredicate = d.units.filter((u) => !u.organisation_predicate && u.total > 0);
  const rows = attention ? d.units.filter((u) => u.violations.length > 0 || (!u.organisation_predicate && u.total > 0)) : d.units;
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  return (
    <div className="stack">
      {notice ? (
        <Alert tone="success" action={<Button variant="link" onClick={() => setNotice(null)}>{t('common.close')}</Button>}>
          {notice}
        </Alert>
      ) : null}
      <div className="cal-summary">
        <Card title={t('agency')}>
          <div className="cal-unit-figures">
            <CountsTable counts={d.agency.counts} shares={d.agency.shares} total={d.agency.total} caption={t('agency')} />
            <DistributionChart shares={d.agency.shares} rules={[]} height={200} />
          </div>
          <p className="muted adm-small">{t('agencyHint')}</p>
        </Card>
        <Card title={t('curveCheck')}>
          <ul className="plain-list cal-facts">
            <li>
              <StatusBadge tone={d.enforcement === 'hard' ? 'danger' : 'info'}>{t(`enforcement.${d.enforcement}`)}</StatusBadge>{' '}
              {t(`enforcementHint.${d.enforcement}`)}
            </li>
            <li>
              <strong className={unjustified.length ? 'cal-bad' : 'cal-good'}>{formatNumber(unjustified.length)}</strong> {t('facts.unjustified')}
            </li>
            <li>
              <strong>{formatNumber(violating.length - unjustified.length)}</strong> {t('facts.justified')}
            </li>
            <li>
              <strong className={withoutPredicate.length ? 'cal-bad' : undefined}>{formatNumber(withoutPredicate.length)}</strong> {t('facts.noPredicate')}
            </li>
            <li className="muted adm-small">
              {t('facts.source', { regulation: d.regulation })} {d.include_unit_heads ? t('facts.headsIn') : t('facts.headsOut')}
            </li>
          </ul>
        </Card>
      </div>

      <div className="row adm-between">
        <h2>{t('units')}</h2>
        <div className="row">
          <label className="checkbox">
            <input type="checkbox" checked={attention} onChange={(e) => ctx.setParams({ attention: e.target.checked ? '1' : null })} />
            {t('attentionOnly')}
          </label>
          <PredicateLegend />
        </div>
      </div>
      {editable ? null : isFinalised(period) ? <p className="muted">{t('org.lockedFinalised')}</p> : null}
      <div className="table-wrap">
        <table className="cal-units">
          <caption className="visually-hidden">{t('units')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.unit')}</th>
              <th scope="col">{t('col.orgPredicate')}</th>
              <th scope="col" className="adm-num">
                {t('col.total')}
              </th>
              {EMPLOYEE_PREDICATES.map((p) => (
                <th key={p} scope="col" className="adm-num" title={labels.predicate(p)}>
                  {t(`abbr.${p}`)}
                </th>
              ))}
              <th scope="col">{t('col.spread')}</th>
              <th scope="col">{t('col.curve')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={10} className="muted">
                  {attention ? t('nothingNeedsAttention') : t('common.empty')}
                </td>
              </tr>
            ) : null}
            {rows.map((u) => {
              const isOpen = open.has(u.unit_id);
              return (
                <Fragment key={u.unit_id}>
                  <tr className={!u.is_acceptable ? 'cal-row-bad' : undefined}>
                    <th scope="row" className="cal-unit-name">
                      <span style={{ paddingLeft: `${(attention ? 0 : u.depth) * 1}rem` }} className="cal-unit-indent">
                        <button
                          type="button"
                          className="tree-toggle"
                          aria-expanded={isOpen}
                          aria-controls={`unit-detail-${u.unit_id}`}
                          aria-label={t(isOpen ? 'hideDetail' : 'showDetail', { unit: u.unit_name })}
                          onClick={() => toggle(u.unit_id)}
                        >
                          {isOpen ? '−' : '+'}
                        </button>
                        {u.unit_name}
                      </span>
                    </th>
                    <td>
                      <span className="cal-org">
                        {u.organisation_predicate ? (
                          <strong>{labels.orgPredicate(u.organisation_predicate)}</strong>
                        ) : (
                          <span className="muted">{t('curveStatus.noPredicate')}</span>
                        )}
                        {editable ? (
                          <Button
                            variant="link"
                            aria-label={t(u.organisation_predicate ? 'org.changeFor' : 'org.setFor', { unit: u.unit_name })}
                            onClick={() =>
                              setOrgTarget({ unitId: u.unit_id, unitName: u.unit_name, current: (u.organisation_predicate ?? null) as OrganisationPredicate | null })
                            }
                          >
                            {u.organisation_predicate ? t('org.change') : t('org.set')}
                          </Button>
                        ) : null}
                      </span>
                    </td>
                    <td className="adm-num">{formatNumber(u.total)}</td>
                    {EMPLOYEE_PREDICATES.map((p) => (
                      <td key={p} className="adm-num">
                        {u.counts[p] ? formatNumber(u.counts[p] ?? 0) : <span className="muted">0</span>}
                      </td>
                    ))}
                    <td className="cal-spread">{u.total > 0 ? <PredicateBar shares={u.shares} label={u.unit_name} /> : <span className="muted">—</span>}</td>
                    <td>
                      <CurveStatus unit={u} />
                    </td>
                  </tr>
                  {isOpen ? (
                    <tr className="cal-detail-row">
                      <td colSpan={10} id={`unit-detail-${u.unit_id}`}>
                        <UnitDetail unit={u} policies={cycle.policies} canOverride={editable} onOverride={() => setOverrideUnit(u)} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>

      <OrgPredicateDialog
        target={orgTarget}
        periodId={period.id}
        periodName={period.name}
        onClose={() => setOrgTarget(null)}
        onDone={(m) => {
          setOrgTarget(null);
          setNotice(m);
        }}
      />
      <ReasonDialog
        open={overrideUnit !== null}
        title={overrideUnit ? t('override.title', { unit: overrideUnit.unit_name }) : ''}
        intro={<p className="muted">{t('override.intro')}</p>}
        label={t('override.reason')}
        hint={t('override.hint')}
        initial={overrideUnit?.override_reason ?? ''}
        submitLabel={t('override.submit')}
        onClose={() => setOverrideUnit(null)}
        onSubmit={async (reason) => {
          if (!overrideUnit) return;
          await override.mutateAsync({ unitId: overrideUnit.unit_id, periodId: period.id, reason });
          setNotice(t('override.saved', { unit: overrideUnit.unit_name }));
          setOverrideUnit(null);
        }}
      />
    </div>
  );
}
