//! HR's headline of the running appraisal year: the agency's figures for the current period
//! (plans approved, realizations, 360 answered, evaluations rated, overdue after the fill-in
//! deadline), as the server counted them, with the way to the full progress report; then the
//! shortcuts to the HR work of a quarter.
import { Link } from 'react-router';
import { Card } from '@/components/card';
import { PercentBar } from '@/components/percent-bar';
import { Spinner } from '@/components/spinner';
import { CycleStatePill, useCycles, type CycleView } from '@/features/cycles';
import { formatDate, formatNumber } from '@/lib/i18n/format';
import { useCycleDetail, useCycleProgress, type CycleProgress } from './api';
import { Icon, type IconName } from './icons';
import { useDashboardT } from './i18n';
import { ProblemBox } from './problem';

/** The cycle HR follows now: the running one, else one closing, else one being planned. */
export function currentCycle(cycles: readonly CycleView[]): CycleView | null {
  for (const state of ['running', 'closing', 'planning'] as const) {
    const found = cycles.filter((c) => c.status === state).sort((a, b) => b.year - a.year)[0];
    if (found) return found;
  }
  return null;
}

/** Whole-number percentage for display, or null when there is nothing to count. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

function daysBetween(from: string, to: string): number {
  const a = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10));
  const b = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

export function CycleHeadline() {
  const { t } = useDashboardT();
  const cycles = useCycles();
  const cycle = cycles.data ? currentCycle(cycles.data.items) : null;
  const progress = useCycleProgress(cycle?.id);
  const detail = useCycleDetail(cycle?.id);
  if (cycles.isPending) return <Spinner label={t('common.loading')} />;
  if (cycles.error) return <ProblemBox error={cycles.error} />;
  if (!cycle) {
    return (
      <Card title={t('hr.cycleHeading')}>
        <p className="muted">{t('hr.noCycle')}</p>
        <Link to="/cycles">{t('hr.openCycles')}</Link>
      </Card>
    );
  }
  const period = (detail.data?.periods ?? []).find((p) => p.id === progress.data?.period_id) ?? null;
  return (
    <section className="card db-cycle" aria-label={t('hr.headlineLabel', { name: cycle.name })}>
      <div className="card-header">
        <h2>{t('hr.cycleHeading')}</h2>
        <Link to={`/cycles/${cycle.id}/progress`} className="btn btn-secondary">
          {t('hr.progressLink')}
        </Link>
      </div>
      <div className="card-body stack">
        <div className="db-cycle-title">
          <Link to={`/cycles/${cycle.id}`} className="db-cycle-name">
            {cycle.name}
          </Link>
          <CycleStatePill value={cycle.status} />
        </div>
        {progress.data && period ? <DeadlineLine progress={progress.data} periodName={period.name} /> : null}
        <ProblemBox error={progress.error} />
        {progress.isPending ? <Spinner label={t('common.loading')} /> : null}
        {progress.data ? <Metrics progress={progress.data} /> : null}
      </div>
    </section>
  );
}

function DeadlineLine({ progress, periodName }: { progress: CycleProgress; periodName: string }) {
  const { t } = useDashboardT();
  if (!progress.fill_deadline_on) return <p className="muted">{periodName}</p>;
  const days = daysBetween(progress.today, progress.fill_deadline_on);
  return (
    <p className="db-deadline">
      <Icon name="calendar" size={16} /> {t('hr.periodLine', { period: periodName, date: formatDate(progress.fill_deadline_on) })}{' '}
      {progress.is_past_deadline ? (
        <span className="pill pill-danger">{t('hr.pastDeadline')}</span>
      ) : (
        <span className="pill pill-info">{t('hr.daysLeft', { count: days })}</span>
      )}
    </p>
  );
}

function Metric({ label, part, whole }: { label: string; part: number; whole: number }) {
  const { t } = useDashboardT();
  const p = percentOf(part, whole);
  return (
    <div className="db-metric">
      <span className="db-metric-label">{label}</span>
      <span className="db-metric-value">{p === null ? '—' : `${p}%`}</span>
      <PercentBar value={p} tone={p === 100 ? 'success' : 'primary'} />
      <span className="db-metric-sub">{t('hr.fraction', { part: formatNumber(part), whole: formatNumber(whole) })}</span>
    </div>
  );
}

function Metrics({ progress }: { progress: CycleProgress }) {
  const { t } = useDashboardT();
  const a = progress.agency;
  const overdue = a.overdue_realizations + a.overdue_evaluations + a.overdue_feedback;
  return (
    <div className="db-metrics">
      <Metric label={t('hr.plans')} part={a.plans_approved} whole={a.employees} />
      <Metric label={t('hr.realizations')} part={a.indicators_realized} whole={a.indicators_total} />
      <Metric label={t('hr.feedback')} part={a.feedback_answered} whole={a.feedback_total} />
      <Metric label={t('hr.evaluations')} part={a.evaluations_rated} whole={a.evaluations_total} />
      <div className={progress.is_past_deadline && overdue > 0 ? 'db-metric db-metric-danger' : 'db-metric'}>
        <span className="db-metric-label">{t('hr.overdue')}</span>
        {progress.is_past_deadline ? (
          <>
            <span className="db-metric-value">{formatNumber(overdue)}</span>
            <span className="db-metric-sub">
              {t('hr.overdueDetail', {
                realizations: formatNumber(a.overdue_realizations),
                evaluations: formatNumber(a.overdue_evaluations),
                feedback: formatNumber(a.overdue_feedback),
              })}
            </span>
          </>
        ) : (
          <>
            <span className="db-metric-value">—</span>
            <span className="db-metric-sub">{t('hr.overdueNotDue')}</span>
          </>
        )}
      </div>
    </div>
  );
}

export function QuickLinks() {
  const { t } = useDashboardT();
  const cycles = useCycles();
  const cycle = cycles.data ? currentCycle(cycles.data.items) : null;
  const links: { to: string; icon: IconName; title: string; hint: string }[] = [
    { to: '/calibration', icon: 'scale', title: t('hr.calibration'), hint: t('hr.calibrationHint') },
    { to: '/follow-up', icon: 'award', title: t('hr.followUp'), hint: t('hr.followUpHint') },
    {
      to: cycle ? `/cycles/${cycle.id}` : '/cycles',
      icon: 'calendar',
      title: t('hr.cycle'),
      hint: cycle ? t('hr.cycleHint', { name: cycle.name }) : t('hr.openCycles'),
    },
  ];
  return (
    <nav aria-label={t('hr.quickLinks')} className="db-section">
      <h2 className="db-subheading">{t('hr.quickLinks')}</h2>
      <ul className="db-shortcuts">
        {links.map((l) => (
          <li key={l.to} className="db-shortcut">
            <span className="db-task-icon">
              <Icon name={l.icon} size={20} />
            </span>
            <span>
              <Link to={l.to} className="db-task-link">
                {l.title}
              </Link>
              <small className="muted">{l.hint}</small>
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
