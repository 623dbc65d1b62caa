//! What HR watches daily: for one period of a cycle, the agency's totals as tiles and every unit
//! in a tree table (own or with its subtree), with percentage bars and what is overdue against
//! the fill-in deadline. Period, unit and view live in the URL.
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { PercentBar } from '@/components/percent-bar';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { formatDate, formatNumber } from '@/lib/i18n/format';
import { useCycle, useCycleProgress, type CycleProgress, type ProgressTotals } from './api';
import { useCyclesT } from './i18n';
import { useUnitDirectory } from './labels';
import { problemText } from './problem-text';
import { initialExpanded, overdueTotal, percent, treeRows, visibleRows } from './progress-tree';


type View = 'subtree' | 'own';

export function ProgressPage() {
  const { cycleId = '' } = useParams();
  const { t } = useCyclesT();
  const [search, setSearch] = useSearchParams();
  const periodId = search.get('period');
  const unitId = search.get('unit');
  const view: View = search.get('view') === 'own' ? 'own' : 'subtree';
  const overdueOnly = search.get('overdue') === '1';
  const cycle = useCycle(cycleId);
  const progress = useCycleProgress(cycleId, periodId, unitId);
  const units = useUnitDirectory();

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setSearch(next, { replace: false });
  };

  const periods = cycle.data?.cycle.periods ?? [];
  const selectedPeriod = periods.find((p) => p.id === (periodId ?? progress.data?.period_id)) ?? null;
  const unitName = unitId ? units.names.get(unitId) : null;

  return (
    <div className="stack cy-progress-page">
      <p className="adm-breadcrumb">
        <Link to="/cycles">{t('title')}</Link> / {cycle.data ? <Link to={`/cycles/${cycleId}`}>{cycle.data.cycle.year}</Link> : '…'} / {t('progress.crumb')}
      </p>
      <PageHeader title={t('progress.title', { name: cycle.data?.cycle.name ?? '' })} subtitle={t('progress.subtitle')} />
      {cycle.error ? <Alert tone="error">{problemText(t, cycle.error)}</Alert> : null}

      <div className="adm-filters row">
        <SelectField
          label={t('progress.period')}
          value={periodId ?? progress.data?.period_id ?? ''}
          onChange={(e) => set({ period: e.target.value })}
          options={periods.map((p) => ({ value: p.id, label: `${p.name} (${formatDate(p.starts_on)} – ${formatDate(p.ends_on)})` }))}
        />
        <SelectField
          label={t('progress.unit')}
          value={unitId ?? ''}
          placeholder={t('progress.allUnits')}
          onChange={(e) => set({ unit: e.target.value })}
          options={units.options}
        />
        <fieldset className="adm-segmented">
          <legend>{t('progress.figures')}</legend>
          {(['subtree', 'own'] as const).map((v) => (
            <label key={v} className={view === v ? 'adm-active' : undefined}>
              <input type="radio" name="view" value={v} checked={view === v} onChange={() => set({ view: v === 'own' ? 'own' : null })} />
              {t(`progress.view.${v}`)}
            </label>
          ))}
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={overdueOnly} onChange={(e) => set({ overdue: e.target.checked ? '1' : null })} />
          {t('progress.overdueOnly')}
        </label>
      </div>

      {unitId ? (
        <div className="adm-chip-row">
          <span className="adm-chip">
            {t('progress.filteredTo', { name: unitName ?? '…' })}
            <button type="button" className="adm-chip-clear" onClick={() => set({ unit: null })} aria-label={t('progress.clearUnit')}>
              ×
            </button>
          </span>
        </div>
      ) : null}

      {progress.error ? <Alert tone="error">{problemText(t, progress.error)}</Alert> : null}
      {progress.isPending ? <Spinner label={t('common.loading')} /> : null}
      {progress.data ? (
        <>
          <DeadlineBanner progress={progress.data} periodName={selectedPeriod?.name ?? ''} />
          <Tiles totals={progress.data.agency} pastDeadline={progress.data.is_past_deadline} scope={unitName ?? null} />
          <UnitTable
            key={`${unitId ?? ''}`}
            progress={progress.data}
            view={view}
            overdueOnly={overdueOnly}
            onDrill={(id) => set({ unit: id })}
            refreshing={progress.isFetching}
          />
        </>
      ) : null}
    </div>
  );
}

function daysBetween(from: string, to: string): number {
  const a = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10));
  const b = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

function DeadlineBanner({ progress, periodName }: { progress: CycleProgress; periodName: string }) {
  const { t } = useCyclesT();
  if (!progress.fill_deadline_on) return null;
  const date = formatDate(progress.fill_deadline_on);
  if (progress.is_past_deadline) {
    return (
      <Alert tone="warning" title={t('progress.deadlinePassed', { period: periodName, date })}>
        {t('progress.deadlinePassedHint')}
      </Alert>
    );
  }
  const days = daysBetween(progress.today, progress.fill_deadline_on);
  return <Alert tone="info">{t('progress.deadlineAhead', { period: periodName, date, count: days })}</Alert>;
}

function Ratio({ part, whole, tone }: { part: number; whole: number; tone?: 'primary' | 'success' | 'warning' | 'danger' }) {
  const { t } = useCyclesT();
  const p = percent(part, whole);
  return (
    <span className="adm-ratio">
      <span className="adm-ratio-figures">
        {formatNumber(part)}/{formatNumber(whole)}
        <span className="adm-ratio-percent">{p === null ? t('progress.none') : `${p}%`}</span>
      </span>
      <PercentBar value={p} tone={tone ?? (p === 100 ? 'success' : 'primary')} />
    </span>
  );
}

function Tile({ label, children, tone }: { label: string; children: ReactNode; tone?: 'danger' | 'success' }) {
  return (
    <div className={`adm-tile${tone ? ` adm-tile-${tone}` : ''}`}>
      <span className="adm-tile-label">{label}</span>
      {children}
    </div>
  );
}

function Tiles({ totals, pastDeadline, scope }: { totals: ProgressTotals; pastDeadline: boolean; scope: string | null }) {
  const { t } = useCyclesT();
  const overdue = overdueTotal(totals);
  return (
    <section aria-label={scope ? t('progress.totalsOf', { name: scope }) : t('progress.agencyTotals')} className="adm-tiles">
      <Tile label={t('progress.tile.employees')}>
        <span className="adm-tile-value">{formatNumber(totals.employees)}</span>
        <span className="adm-tile-sub">{t('progress.tile.units', { count: totals.units })}</span>
      </Tile>
      <Tile label={t('progress.tile.plans')}>
        <span className="adm-tile-value">{formatNumber(totals.plans_approved)}</span>
        <span className="adm-tile-sub">{t('progress.tile.plansApproved', { percent: percent(totals.plans_approved, totals.employees) ?? 0 })}</span>
        <PercentBar value={percent(totals.plans_approved, totals.employees)} />
        <span className="adm-tile-sub">{t('progress.tile.plansOther', { draft: formatNumber(totals.plans_draft), submitted: formatNumber(totals.plans_submitted) })}</span>
      </Tile>
      <Tile label={t('progress.tile.realizations')}>
        <Ratio part={totals.indicators_realized} whole={totals.indicators_total} />
      </Tile>
      <Tile label={t('progress.tile.feedback')}>
        <Ratio part={totals.feedback_answered} whole={totals.feedback_total} />
      </Tile>
      <Tile label={t('progress.tile.evaluations')}>
        <Ratio part={totals.evaluations_rated} whole={totals.evaluations_total} />
      </Tile>
      <Tile label={t('progress.tile.predicates')}>
        <Ratio part={totals.predicates_set} whole={totals.units} />
      </Tile>
      <Tile label={t('progress.tile.overdue')} tone={overdue > 0 ? 'danger' : pastDeadline ? 'success' : undefined}>
        <span className="adm-tile-value">{pastDeadline ? formatNumber(overdue) : '—'}</span>
        {pastDeadline ? (
          <ul className="adm-tile-list">
            <li>{t('progress.tile.overdueRealizations', { count: totals.overdue_realizations })}</li>
            <li>{t('progress.tile.overdueEvaluations', { count: totals.overdue_evaluations })}</li>
            <li>{t('progress.tile.overdueFeedback', { count: totals.overdue_feedback })}</li>
          </ul>
        ) : (
          <span className="adm-tile-sub">{t('progress.tile.notYetDue')}</span>
        )}
      </Tile>
    </section>
  );
}

function UnitTable({
  progress,
  view,
  overdueOnly,
  onDrill,
  refreshing,
}: {
  progress: CycleProgress;
  view: View;
  overdueOnly: boolean;
  onDrill: (unitId: string) => void;
  refreshing: boolean;
}) {
  const { t } = useCyclesT();
  const rows = useMemo(() => treeRows(progress.units), [progress.units]);
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const open = expanded ?? initialExpanded(rows, 2);
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };
  const shown = visibleRows(rows, overdueOnly ? new Set(rows.map((r) => r.unit.unit_id)) : open).filter(
    (r) => !overdueOnly || overdueTotal(r.unit.subtree) > 0,
  );
  return (
    <section className="stack adm-tight" aria-busy={refreshing || undefined}>
      <div className="row adm-between">
        <h2>{t('progress.units')}</h2>
        {!overdueOnly ? (
          <div className="row">
            <Button variant="link" onClick={() => setExpanded(new Set(rows.filter((r) => r.hasChildren).map((r) => r.unit.unit_id)))}>
              {t('progress.expandAll')}
            </Button>
            <Button variant="link" onClick={() => setExpanded(new Set())}>
              {t('progress.collapseAll')}
            </Button>
          </div>
        ) : null}
      </div>
      <div className="table-wrap">
        <table className="cy-progress-table">
          <caption className="visually-hidden">{t('progress.units')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('progress.col.unit')}</th>
              <th scope="col" className="adm-num">
                {t('progress.col.employees')}
              </th>
              <th scope="col">{t('progress.col.plans')}</th>
              <th scope="col">{t('progress.col.realizations')}</th>
              <th scope="col">{t('progress.col.feedback')}</th>
              <th scope="col">{t('progress.col.evaluations')}</th>
              <th scope="col">{t('progress.col.predicate')}</th>
              <th scope="col" className="adm-num">
                {t('progress.col.overdue')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={8} className="muted">
                  {overdueOnly ? t('progress.noOverdue') : t('common.empty')}
                </td>
              </tr>
            ) : null}
            {shown.map((r) => {
              const u = r.unit;
              const fig = view === 'own' ? u.own : u.subtree;
              const overdue = overdueTotal(fig);
              const isOpen = open.has(u.unit_id) || overdueOnly;
              return (
                <tr key={u.unit_id} className={overdue > 0 ? 'cy-row-overdue' : undefined}>
                  <th scope="row" className="cy-unit-cell">
                    <span className="cy-unit-indent" style={{ paddingLeft: `${r.level * 1.1}rem` }}>
                      {r.hasChildren && !overdueOnly ? (
                        <button
                          type="button"
                          className="tree-toggle"
                          aria-expanded={isOpen}
                          aria-label={t(isOpen ? 'progress.collapse' : 'progress.expand', { name: u.name })}
                          onClick={() => toggle(u.unit_id)}
                        >
                          {isOpen ? '−' : '+'}
                        </button>
                      ) : (
                        <span className="tree-toggle-spacer" />
                      )}
                      <button type="button" className="cy-unit-drill" onClick={() => onDrill(u.unit_id)} title={t('progress.drill', { name: u.name })}>
                        {u.name}
                      </button>
                    </span>
                  </th>
                  <td className="adm-num">{formatNumber(fig.employees)}</td>
                  <td>
                    <Ratio part={fig.plans_approved} whole={fig.employees} />
                  </td>
                  <td>
                    <Ratio part={fig.indicators_realized} whole={fig.indicators_total} />
                  </td>
                  <td>
                    <Ratio part={fig.feedback_answered} whole={fig.feedback_total} />
                  </td>
                  <td>
                    <Ratio part={fig.evaluations_rated} whole={fig.evaluations_total} />
                  </td>
                  <td>
                    {view === 'own' ? (
                      fig.predicates_set > 0 ? (
                        <StatusBadge tone="success">{t('progress.predicateSet')}</StatusBadge>
                      ) : (
                        <StatusBadge tone="neutral">{t('progress.predicateMissing')}</StatusBadge>
                      )
                    ) : (
                      <span className="nowrap">
                        {formatNumber(fig.predicates_set)}/{formatNumber(fig.units)}
                      </span>
                    )}
                  </td>
                  <td className="adm-num">
                    {overdue > 0 ? (
                      <span
                        className="pill pill-danger"
                        title={t('progress.overdueBreakdown', {
                          realizations: fig.overdue_realizations,
                          evaluations: fig.overdue_evaluations,
                          feedback: fig.overdue_feedback,
                        })}
                      >
                        {formatNumber(overdue)}
                        <span className="visually-hidden">
                          {' '}
                          {t('progress.overdueBreakdown', {
                            realizations: fig.overdue_realizations,
                            evaluations: fig.overdue_evaluations,
                            feedback: fig.overdue_feedback,
                          })}
                        </span>
                      </span>
                    ) : (
                      <span className="muted">0</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted adm-small">{t('progress.legend')}</p>
    </section>
  );
}
