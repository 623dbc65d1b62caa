//! The evaluation lists. An employee: their own evaluations per cycle (periods and the annual
//! one) and, when they appraise anyone, the evaluations of those people with "to rate" first.
//! HR and auditors: every evaluation of the agency with filters (cycle, period, unit, state,
//! predicate). Filters live in the URL so that a reload or a shared link keeps them.
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '@/components/alert';
import { Card } from '@/components/card';
import { DataTable } from '@/components/data-table';
import { SelectField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { Tabs } from '@/components/tabs';
import { isHr, useSession } from '@/features/auth';
import { toProblem } from '@/lib/api';
import { usePaginationLabels } from '@/lib/i18n/labels';
import {
  useAllEvaluations,
  useCycles,
  useEvaluations,
  usePeriodIndex,
  usePlanIndex,
  useUnits,
  type CycleView,
  type EmployeePredicate,
  type Evaluation,
  type EvaluationState,
  type PeriodInfo,
  type PlanSummary,
} from './api';
import { MyAuditTrail } from './audit-trail';
import { useEvaluationsT } from './i18n';
import { EVALUATION_STATES, EvaluationStatePill, PREDICATES, PredicatePill, RatingWord } from './labels';
import { describeProblem } from './problem';
import './evaluations.css';

export function EvaluationsPage() {
  const { user } = useSession();
  return isHr(user) ? <HrEvaluations /> : <EmployeeEvaluations />;
}

function ProblemBox({ error }: { error: unknown }) {
  const { t } = useEvaluationsT();
  if (!error) return null;
  const p = describeProblem(t, toProblem(error, 0));
  return (
    <Alert tone="error" title={p.title}>
      {p.detail}
    </Alert>
  );
}

/** Period order within a cycle: by sequence, the annual one last. */
function periodOrder(index: Map<string, PeriodInfo>, e: Evaluation): number {
  const p = index.get(e.period_id)?.period;
  return p ? (p.is_final ? 1000 : p.seq) : 999;
}

/** "Triwulan III 2026"; an annual period already named by its year ("Tahunan 2025") stays as it is. */
function periodWithYear({ period, cycle }: PeriodInfo): string {
  return period.name.includes(String(cycle.year)) ? period.name : `${period.name} ${cycle.year}`;
}

function periodName(index: Map<string, PeriodInfo>, e: Evaluation, annual: string): string {
  const p = index.get(e.period_id)?.period;
  return p?.name ?? (e.is_annual ? annual : '…');
}

// ---- the employee ----

function EmployeeEvaluations() {
  const { t } = useEvaluationsT();
  const { user } = useSession();
  const me = user?.employee_id ?? '';
  const [params, setParams] = useSearchParams();
  const mine = useAllEvaluations({ employee_id: me }, !!me);
  const appraisees = useAllEvaluations({ appraiser: 'me' }, !!me);
  const wanted = params.get('tab');
  // A link to the appraisees' tab (the landing page's "rate now") opens on it while the list is
  // read, rather than showing the reader's own evaluations first.
  const hasAppraisees = (appraisees.data?.length ?? 0) > 0 || (wanted === 'appraisees' && appraisees.isPending && !!me);
  const tab = wanted === 'appraisees' && hasAppraisees ? 'appraisees' : wanted === 'trail' ? 'trail' : 'mine';
  const toRate = appraisees.data?.filter((e) => e.status === 'awaiting_rating').length ?? 0;
  const tabs = [
    { id: 'mine', label: t('list.mine') },
    ...(hasAppraisees
      ? [
          {
            id: 'appraisees',
            label: (
              <>
                {t('list.appraisees')} {toRate > 0 ? <StatusBadge tone="warning">{t('list.toRate', { count: toRate })}</StatusBadge> : null}
              </>
            ),
          },
        ]
      : []),
    { id: 'trail', label: t('trail.title') },
  ];

  return (
    <div className="stack">
      <PageHeader title={t('title')} subtitle={t(hasAppraisees ? 'list.subtitleEmployee' : 'list.subtitleMine')} />
      {!me ? (
        <Alert tone="info">{t('list.noneMine')}</Alert>
      ) : (
        <Tabs label={t('list.tabs')} tabs={tabs} selected={tab} onSelect={(id) => setParams(id === 'mine' ? {} : { tab: id }, { replace: true })}>
          {tab === 'mine' ? <MyEvaluations query={mine} /> : null}
          {tab === 'appraisees' ? (
            appraisees.data ? (
              <AppraiseeEvaluations items={appraisees.data} />
            ) : appraisees.error ? (
              <ProblemBox error={appraisees.error} />
            ) : (
              <Spinner label={t('common.loading')} />
            )
          ) : null}
          {tab === 'trail' ? <MyAuditTrail /> : null}
        </Tabs>
      )}
      <ProblemBox error={appraisees.error} />
    </div>
  );
}

/** What the employee has to do on their own evaluation, if anything. */
function myTodo(e: Evaluation): 'start' | 'submit' | 'acknowledge' | null {
  if (e.status === 'not_started') return 'start';
  if (e.status === 'filling') return 'submit';
  if (e.status === 'finalised' && !e.received_at) return 'acknowledge';
  return null;
}

function MyEvaluations({ query }: { query: { data?: Evaluation[]; isPending: boolean; error: unknown } }) {
  const { t } = useEvaluationsT();
  const items = useMemo(() => query.data ?? [], [query.data]);
  const cycleIds = useMemo(() => [...new Set(items.map((e) => e.cycle_id))], [items]);
  const periods = usePeriodIndex(cycleIds);
  if (query.isPending) return <Spinner label={t('common.loading')} />;
  if (query.error) return <ProblemBox error={query.error} />;
  if (items.length === 0) return <Alert tone="info">{t('list.noneMine')}</Alert>;
  const cycles = new Map<string, CycleView>();
  for (const info of periods.index.values()) cycles.set(info.cycle.id, info.cycle);
  const byCycle = cycleIds
    .map((id) => ({ id, cycle: cycles.get(id), items: items.filter((e) => e.cycle_id === id) }))
    .sort((a, b) => (b.cycle?.year ?? 0) - (a.cycle?.year ?? 0));
  return (
    <div className="stack" data-testid="my-evaluations">
      <ProblemBox error={periods.error} />
      {byCycle.map((group) => (
        <Card key={group.id} title={group.cycle ? t('list.cycleStatus', { name: group.cycle.name, status: group.cycle.status_label }) : '…'}>
          <DataTable<Evaluation>
            caption={group.cycle?.name ?? t('list.mine')}
            rows={[...group.items].sort((a, b) => periodOrder(periods.index, a) - periodOrder(periods.index, b))}
            rowKey={(e) => e.id}
            empty={t('list.none')}
            columns={[
              {
                key: 'period',
                header: t('list.period'),
                render: (e) => (
                  <strong className="nowrap">{periodName(periods.index, e, t('list.annual'))}</strong>
                ),
              },
              {
                key: 'state',
                header: t('list.state'),
                render: (e) => {
                  const todo = myTodo(e);
                  return (
                    <span className="ev-state-cell">
                      <EvaluationStatePill status={e.status} />
                      {todo ? <StatusBadge tone="warning">{t(`list.todo.${todo}`)}</StatusBadge> : null}
                    </span>
                  );
                },
              },
              { key: 'result', header: t('list.result'), render: (e) => <RatingWord rating={e.result_rating} /> },
              { key: 'behaviour', header: t('list.behaviour'), render: (e) => <RatingWord rating={e.behaviour_rating} /> },
              { key: 'predicate', header: t('list.predicate'), render: (e) => <PredicatePill predicate={e.effective_predicate} /> },
              {
                key: 'open',
                header: t('common.actions'),
                render: (e) => (
                  <Link
                    className="btn btn-secondary"
                    to={`/evaluations/${e.id}`}
                    aria-label={t('list.openMine', { period: periodName(periods.index, e, t('list.annual')) })}
                  >
                    {t('list.open')}
                  </Link>
                ),
              },
            ]}
          />
        </Card>
      ))}
    </div>
  );
}

/** The year filter's value for every year. */
const ALL = 'all';

const RANK: Partial<Record<EvaluationState, number>> = { awaiting_rating: 0, rated: 1, filling: 2, not_started: 3 };

function AppraiseeEvaluations({ items }: { items: Evaluation[] }) {
  const { t } = useEvaluationsT();
  const [params, setParams] = useSearchParams();
  const periodId = params.get('period') ?? '';
  const status = params.get('state') ?? '';
  const cycleIds = useMemo(() => [...new Set(items.map((e) => e.cycle_id))], [items]);
  const periods = usePeriodIndex(cycleIds);
  const plans = usePlanIndex({ appraiser_employee_id: 'me' });
  const name = (e: Evaluation) => plans.data?.get(e.plan_id)?.employee_name ?? t('list.unknownEmployee');
  const sorted = [...items].sort(
    (a, b) =>
      (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9) ||
      (periods.index.get(b.period_id)?.cycle.year ?? 0) - (periods.index.get(a.period_id)?.cycle.year ?? 0) ||
      periodOrder(periods.index, b) - periodOrder(periods.index, a) ||
      name(a).localeCompare(name(b)),
  );
  // Years of past results make a long list: it opens on the year of what needs the appraiser
  // first (the top of the sorted list), and every year stays one choice away.
  const cycleParam = params.get('cycle') ?? sorted[0]?.cycle_id ?? ALL;
  const cycleId = cycleParam === ALL ? '' : cycleParam;
  const rows = sorted.filter(
    (e) => (!cycleId || e.cycle_id === cycleId) && (!periodId || e.period_id === periodId) && (!status || e.status === status),
  );
  const cycleOptions = [...new Map([...periods.index.values()].map((p) => [p.cycle.id, p.cycle])).values()]
    .sort((a, b) => b.year - a.year)
    .map((c) => ({ value: c.id, label: String(c.year) }));
  const periodOptions = [...periods.index.values()]
    .filter((p) => !cycleId || p.cycle.id === cycleId)
    .sort((a, b) => b.cycle.year - a.cycle.year || (a.period.is_final ? 1000 : a.period.seq) - (b.period.is_final ? 1000 : b.period.seq))
    .map((p) => ({ value: p.period.id, label: periodWithYear(p) }));

  function setFilter(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'cycle') next.delete('period');
    setParams(next, { replace: true });
  }

  return (
    <div className="stack" data-testid="appraisee-evaluations">
      <div className="row">
        <SelectField
          label={t('list.cycle')}
          value={cycleParam}
          options={[{ value: ALL, label: t('list.allCycles') }, ...cycleOptions]}
          onChange={(e) => setFilter('cycle', e.target.value)}
        />
        <SelectField label={t('list.period')} value={periodId} placeholder={t('list.allPeriods')} options={periodOptions} onChange={(e) => setFilter('period', e.target.value)} />
        <SelectField
          label={t('list.state')}
          value={status}
          placeholder={t('list.allStates')}
          options={EVALUATION_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
          onChange={(e) => setFilter('state', e.target.value)}
        />
      </div>
      <ProblemBox error={plans.error ?? periods.error} />
      <EvaluationTable rows={rows} periods={periods.index} plans={plans.data} empty={t('list.noneAppraisees')} rateLinks />
    </div>
  );
}

function EvaluationTable({
  rows,
  periods,
  plans,
  empty,
  rateLinks,
  units,
}: {
  rows: Evaluation[];
  periods: Map<string, PeriodInfo>;
  plans: Map<string, PlanSummary> | undefined;
  empty: string;
  rateLinks: boolean;
  /** Unit names by id: shows a unit column (HR). */
  units?: Map<string, string>;
}) {
  const { t } = useEvaluationsT();
  const name = (e: Evaluation) => plans?.get(e.plan_id)?.employee_name ?? t('list.unknownEmployee');
  const period = (e: Evaluation) => {
    const info = periods.get(e.period_id);
    return info ? periodWithYear(info) : e.is_annual ? t('list.annual') : '…';
  };
  return (
    <div className="ev-list">
      <DataTable<Evaluation>
        caption={t('title')}
        rows={rows}
        rowKey={(e) => e.id}
        empty={empty}
        columns={[
          {
            key: 'employee',
            header: t('list.employee'),
            render: (e) => (
              <span>
                <strong>{name(e)}</strong>
                {plans?.get(e.plan_id) ? <small className="mono muted ev-nip">{plans.get(e.plan_id)?.employee_nip}</small> : null}
              </span>
            ),
          },
          ...(units ? [{ key: 'unit', header: t('list.unit'), render: (e: Evaluation) => (e.unit_id ? (units.get(e.unit_id) ?? '…') : '—') }] : []),
          { key: 'period', header: t('list.period'), render: (e) => period(e) },
          { key: 'state', header: t('list.state'), render: (e) => <EvaluationStatePill status={e.status} /> },
          { key: 'result', header: t('list.result'), render: (e) => <RatingWord rating={e.result_rating} /> },
          { key: 'behaviour', header: t('list.behaviour'), render: (e) => <RatingWord rating={e.behaviour_rating} /> },
          { key: 'predicate', header: t('list.predicate'), render: (e) => <PredicatePill predicate={e.effective_predicate} /> },
          {
            key: 'open',
            header: t('common.actions'),
            render: (e) => {
              const toRate = rateLinks && (e.status === 'awaiting_rating' || e.status === 'rated');
              return (
                <Link
                  className={rateLinks && e.status === 'awaiting_rating' ? 'btn btn-primary' : 'btn btn-secondary'}
                  to={`/evaluations/${e.id}`}
                  aria-label={t(toRate ? 'list.rateFor' : 'list.openFor', { name: name(e), period: period(e) })}
                >
                  {t(toRate ? 'list.rate' : 'list.open')}
                </Link>
              );
            },
          },
        ]}
      />
    </div>
  );
}

// ---- HR and auditors ----

const PER_PAGE = 50;

function HrEvaluations() {
  const { t } = useEvaluationsT();
  const pageLabels = usePaginationLabels();
  const [params, setParams] = useSearchParams();
  const cycles = useCycles();
  const defaultCycle = cycles.data?.items.find((c) => c.status === 'running')?.id ?? cycles.data?.items[0]?.id ?? '';
  const cycleId = params.get('cycle') ?? defaultCycle;
  const periodId = params.get('period') ?? '';
  const unitId = params.get('unit') ?? '';
  const status = (params.get('state') ?? '') as EvaluationState | '';
  const predicate = (params.get('predicate') ?? '') as EmployeePredicate | '';
  const page = Number(params.get('page') ?? '1') || 1;
  const units = useUnits(true);
  const unitNames = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.id, u.name])), [units.data]);
  const periods = usePeriodIndex(cycleId ? [cycleId] : []);
  const plans = usePlanIndex({ cycle_id: cycleId || undefined }, !!cycleId);
  const filters = {
    cycle_id: cycleId || undefined,
    period_id: periodId || undefined,
    unit_id: unitId || undefined,
    status: status || undefined,
    predicate: predicate || undefined,
  };
  const list = useEvaluations({ ...filters, page, per_page: PER_PAGE }, !!cycles.data);
  const rows = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  function setFilter(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'cycle') next.delete('period');
    next.delete('page');
    setParams(next, { replace: true });
  }

  const periodOptions = [...periods.index.values()]
    .sort((a, b) => (a.period.is_final ? 1000 : a.period.seq) - (b.period.is_final ? 1000 : b.period.seq))
    .map((p) => ({ value: p.period.id, label: p.period.name }));

  return (
    <div className="stack">
      <PageHeader title={t('title')} subtitle={t('list.subtitleHr')} />
      <Card>
        <div className="row ev-filters">
          <SelectField
            label={t('list.cycle')}
            value={cycleId}
            options={(cycles.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.year} · ${c.status_label}` }))}
            onChange={(e) => setFilter('cycle', e.target.value)}
          />
          <SelectField label={t('list.period')} value={periodId} placeholder={t('list.allPeriods')} options={periodOptions} onChange={(e) => setFilter('period', e.target.value)} />
          <SelectField
            label={t('list.unit')}
            value={unitId}
            placeholder={t('list.allUnits')}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            onChange={(e) => setFilter('unit', e.target.value)}
          />
          <SelectField
            label={t('list.state')}
            value={status}
            placeholder={t('list.allStates')}
            options={EVALUATION_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
            onChange={(e) => setFilter('state', e.target.value)}
          />
          <SelectField
            label={t('list.predicate')}
            value={predicate}
            placeholder={t('list.allPredicates')}
            options={PREDICATES.map((p) => ({ value: p, label: t(`predicate.${p}`) }))}
            onChange={(e) => setFilter('predicate', e.target.value)}
          />
        </div>
      </Card>
      <ProblemBox error={cycles.error ?? list.error ?? plans.error ?? periods.error} />
      {list.isPending ? (
        <Spinner label={t('common.loading')} />
      ) : (
        <>
          <EvaluationTable rows={rows} periods={periods.index} plans={plans.data} empty={t('list.none')} rateLinks={false} units={unitNames} />
          <Pagination
            page={page}
            perPage={PER_PAGE}
            total={total}
            onPage={(p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              setParams(next, { replace: true });
            }}
            labels={pageLabels}
          />
        </>
      )}
    </div>
  );
}
