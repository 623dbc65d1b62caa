//! Distribution & calibration of one period: the cycle and period are chosen in the URL (so a
//! reload or a shared link keeps them), and the work is in tabs: organisation predicates and
//! the curve, calibration, appraisers' leniency, finalisation.
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '@/components/alert';
import { SelectField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { Tabs } from '@/components/tabs';
import { isAdmin, useSession } from '@/features/auth';
import { problemText, useCycle, useCycles, type CycleView, type PeriodView } from '@/features/cycles';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { CalibrationTab } from './calibration-tab';
import { DistributionTab } from './distribution-tab';
import { FinaliseTab } from './finalise-tab';
import { useCalibrationT } from './i18n';
import { LeniencyTab } from './leniency-tab';
import './calibration.css';

export const TABS = ['distribution', 'calibration', 'leniency', 'finalise'] as const;
export type Tab = (typeof TABS)[number];

/** The cycle to open without a choice: the running one, else the latest. */
export function defaultCycleId(cycles: readonly Pick<CycleView, 'id' | 'status'>[]): string | null {
  return (cycles.find((c) => c.status === 'running') ?? cycles.find((c) => c.status === 'closing') ?? cycles[0])?.id ?? null;
}

/**
 * The period to open without a choice: the first that has ended and is not finalised yet
 * (what HR calibrates next), else the last finalised one, else the first.
 */
export function defaultPeriodId(periods: readonly Pick<PeriodView, 'id' | 'ends_on' | 'finalised_at' | 'is_final'>[], today: string): string | null {
  const due = periods.find((p) => p.ends_on < today && !p.finalised_at);
  if (due) return due.id;
  const finalised = periods.filter((p) => p.finalised_at);
  return (finalised[finalised.length - 1] ?? periods[0])?.id ?? null;
}

export function isFinalised(p: Pick<PeriodView, 'status' | 'finalised_at'>): boolean {
  return p.status === 'finalised' || !!p.finalised_at;
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface PeriodContext {
  cycle: CycleView;
  period: PeriodView;
  canWrite: boolean;
  unitId: string | null;
  setParams: (changes: Record<string, string | null>) => void;
  search: URLSearchParams;
}

export function CalibrationPage() {
  const { t } = useCalibrationT();
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const cycles = useCycles();
  const cycleParam = search.get('cycle');
  const cycleId = cycleParam ?? (cycles.data ? defaultCycleId(cycles.data.items) : null);
  const cycle = useCycle(cycleId);
  const periods = useMemo(() => cycle.data?.cycle.periods ?? [], [cycle.data]);
  const periodParam = search.get('period');
  const period = periods.find((p) => p.id === periodParam) ?? null;
  const tabParam = search.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'distribution';

  const setParams = (changes: Record<string, string | null>, replace = false) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setSearch(next, { replace });
  };

  // Put the defaults in the URL, so that the reload keeps exactly what is shown.
  useEffect(() => {
    if (!cycleParam && cycleId) {
      setParams({ cycle: cycleId }, true);
    } else if (cycle.data && cycle.data.cycle.id === cycleId && (!periodParam || !periods.some((p) => p.id === periodParam))) {
      const id = defaultPeriodId(periods, todayIso());
      if (id && id !== periodParam) setParams({ period: id }, true);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cycleParam, cycleId, periodParam, cycle.data, periods]);

  const canWrite = isAdmin(user) && cycle.data?.cycle.status !== 'closed';
  const ctx: PeriodContext | null =
    cycle.data && period
      ? { cycle: cycle.data.cycle, period, canWrite: !!canWrite, unitId: search.get('unit'), setParams: (c) => setParams(c), search }
      : null;

  return (
    <div className="stack">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <div className="adm-filters row">
        <SelectField
          label={t('cycle')}
          value={cycleId ?? ''}
          onChange={(e) => setParams({ cycle: e.target.value, period: null, unit: null, page: null })}
          options={(cycles.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.year} · ${c.name}` }))}
        />
        <SelectField
          label={t('period')}
          value={period?.id ?? ''}
          onChange={(e) => setParams({ period: e.target.value, page: null })}
          options={periods.map((p) => ({ value: p.id, label: `${p.name}${isFinalised(p) ? ` · ${t('finalisedShort')}` : ''}` }))}
        />
        {period ? (
          <dl className="cal-period-facts">
            <div>
              <dt>{t('dates')}</dt>
              <dd>
                {formatDate(period.starts_on)} – {formatDate(period.ends_on)}
              </dd>
            </div>
            <div>
              <dt>{t('deadline')}</dt>
              <dd>{formatDate(period.fill_deadline_on)}</dd>
            </div>
            <div>
              <dt>{t('status')}</dt>
              <dd>
                {isFinalised(period) ? (
                  <StatusBadge tone="success" title={formatDateTime(period.finalised_at)}>
                    {t('finalisedOn', { at: formatDateTime(period.finalised_at) })}
                  </StatusBadge>
                ) : (
                  <StatusBadge tone="info">{t('open')}</StatusBadge>
                )}
              </dd>
            </div>
          </dl>
        ) : null}
        {cycleId ? (
          <Link className="cal-cycle-link" to={`/cycles/${cycleId}`}>
            {t('openCycle')}
          </Link>
        ) : null}
      </div>
      {cycles.error ? <Alert tone="error">{problemText(t, cycles.error)}</Alert> : null}
      {cycle.error ? <Alert tone="error">{problemText(t, cycle.error)}</Alert> : null}
      {cycles.data && cycles.data.items.length === 0 ? <Alert tone="info">{t('noCycle')}</Alert> : null}
      {(cycles.isPending || cycle.isPending) && !cycles.error && !cycle.error && cycleId ? <Spinner label={t('common.loading')} /> : null}
      {ctx ? (
        <Tabs
          label={t('tabsLabel')}
          tabs={TABS.map((id) => ({ id, label: t(`tab.${id}`) }))}
          selected={tab}
          onSelect={(id) => setParams({ tab: id === 'distribution' ? null : id, page: null })}
        >
          {tab === 'distribution' ? <DistributionTab ctx={ctx} /> : null}
          {tab === 'calibration' ? <CalibrationTab ctx={ctx} /> : null}
          {tab === 'leniency' ? <LeniencyTab ctx={ctx} /> : null}
          {tab === 'finalise' ? <FinaliseTab ctx={ctx} /> : null}
        </Tabs>
      ) : null}
    </div>
  );
}
