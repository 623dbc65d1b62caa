//! Plan listings: an employee's own plans (every revision), the plans of the people they
//! appraise with a "to approve" view, and for HR every plan of the agency with filters and
//! paging. The view and the filters live in the URL.
import { Link, useSearchParams } from 'react-router';
import { Alert } from '@/components/alert';
import { DataTable, type Column } from '@/components/data-table';
import { SelectField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { Tabs } from '@/components/tabs';
import { isAdmin, isHr, useSession } from '@/features/auth';
import { EmployeePicker } from '@/features/employees';
import { unitOptions, useUnitTree } from '@/features/units';
import { toProblem } from '@/lib/api';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { useAppraisees, usePlans, useCycles, type PlanState, type PlanSummary, type PlansQuery } from './api';
import { stateLabel, stateTone } from './format';
import { usePlansT } from './i18n';
import { ProblemAlert } from './problem-alert';
import './plans.css';

const PER_PAGE = 25;
/** Every state a filter offers; `reviewed` exists when the cycle requires HR's review. */
export const PLAN_STATES: readonly PlanState[] = ['draft', 'submitted', 'reviewed', 'approved', 'in_appraisal', 'superseded', 'cancelled'];

export type PlanListView = 'mine' | 'to-approve' | 'appraisees' | 'all';

/**
 * The views a user has: HR sees the agency; an employee their own, and an appraiser also the
 * plans to approve and their appraisees' (`appraises` false hides those from staff who
 * appraise nobody).
 */
export function viewsFor(hr: boolean, hasEmployee: boolean, appraises = true): PlanListView[] {
  const views: PlanListView[] = [];
  if (hr) views.push('all');
  if (hasEmployee) views.push('mine');
  if (hasEmployee && appraises) views.push('to-approve', 'appraisees');
  return views;
}

/** The API query of a view and its filters. */
export function queryFor(view: PlanListView, search: URLSearchParams, employeeId: string | null | undefined): PlansQuery {
  const page = Number(search.get('page') ?? '1') || 1;
  const q: PlansQuery = { page, per_page: PER_PAGE };
  const cycle = search.get('cycle');
  if (cycle) q.cycle_id = cycle;
  const status = search.get('status') as PlanState | null;
  if (view === 'mine') {
    q.employee_id = employeeId ?? undefined;
  } else if (view === 'to-approve') {
    q.appraiser_employee_id = 'me';
    q.status = 'submitted';
  } else if (view === 'appraisees') {
    q.appraiser_employee_id = 'me';
  }
  if (status && view !== 'to-approve') q.status = status;
  if (view === 'all') {
    const unit = search.get('unit');
    if (unit) q.unit_id = unit;
    const emp = search.get('employee');
    if (emp) q.employee_id = emp;
  }
  return q;
}

export function PlansPage() {
  const { t } = usePlansT();
  const pageLabels = usePaginationLabels();
  const { user } = useSession();
  const hr = isHr(user);
  const employeeId = user?.employee_id ?? null;
  const [search, setSearch] = useSearchParams();
  const requested = search.get('view') as PlanListView | null;
  // Whom the reader appraises today: the appraiser's views only for those who appraise someone.
  // While that is read, a link to an appraiser's view keeps it; if it cannot be read, all stay.
  const appraisees = useAppraisees(employeeId);
  const appraises = appraisees.data
    ? appraisees.data.items.length > 0
    : appraisees.isError || requested === 'to-approve' || requested === 'appraisees';
  const views = viewsFor(hr, !!employeeId, appraises);
  const view: PlanListView = requested && views.includes(requested) ? requested : (views[0] ?? 'mine');
  const query = queryFor(view, search, employeeId);
  const plans = usePlans(query, view !== 'mine' || !!employeeId);
  // With HR's review on, plans reach the appraiser as `reviewed`: listed beside the submitted ones.
  const reviewed = usePlans({ appraiser_employee_id: 'me', status: 'reviewed', per_page: 100 }, view === 'to-approve');
  const cycles = useCycles();
  const tree = useUnitTree();
  const units = hr && tree.data ? unitOptions(tree.data) : [];
  const cycleName = (id: string) => cycles.data?.items.find((c) => c.id === id)?.name ?? '';

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setSearch(next);
  };

  const viewLabel: Record<PlanListView, string> = {
    mine: t('list.mine'),
    'to-approve': t('list.toApprove'),
    appraisees: t('list.appraisees'),
    all: t('list.all'),
  };
  const emptyText =
    view === 'mine' ? t('list.emptyMine') : view === 'to-approve' ? t('list.emptyToApprove') : view === 'appraisees' ? t('list.emptyAppraisees') : t('common.empty');

  const pickedEmployee = search.get('employee') ? { id: search.get('employee') ?? '', name: search.get('employeeName') ?? '', nip: search.get('employeeNip') ?? '' } : null;

  const columns: Column<PlanSummary>[] = [
    ...(view === 'mine'
      ? []
      : [
          {
            key: 'employee',
            header: t('list.employee'),
            render: (p: PlanSummary) => (
              <Link to={`/plans/${p.id}`} aria-label={t('list.open', { name: p.employee_name, revision: p.revision, period: `${formatDate(p.starts_on)} – ${formatDate(p.ends_on)}` })}>
                {p.employee_name}
                <br />
                <small className="mono muted">{p.employee_nip}</small>
              </Link>
            ),
          },
        ]),
    {
      key: 'period',
      header: t('list.period'),
      render: (p: PlanSummary) => {
        const text = (
          <>
            {formatDate(p.starts_on)} – {formatDate(p.ends_on)}
            <br />
            <small className="muted">{cycleName(p.cycle_id)}</small>
          </>
        );
        return view === 'mine' ? (
          <Link to={`/plans/${p.id}`} aria-label={t('list.open', { name: p.employee_name, revision: p.revision, period: `${formatDate(p.starts_on)} – ${formatDate(p.ends_on)}` })}>
            {text}
          </Link>
        ) : (
          text
        );
      },
    },
    { key: 'revision', header: t('list.revision'), render: (p: PlanSummary) => p.revision },
    {
      key: 'approach',
      header: t('list.approach'),
      render: (p: PlanSummary) => (
        <>
          {t(`approach.${p.approach}`)}
          <br />
          <small className="muted">{t(`form.${p.form}`)}</small>
        </>
      ),
    },
    ...(view === 'mine' || view === 'all'
      ? [{ key: 'appraiser', header: t('list.appraiser'), render: (p: PlanSummary) => p.appraiser_name ?? <span className="muted">{t('doc.notAssigned')}</span> }]
      : []),
    {
      key: 'status',
      header: t('list.status'),
      render: (p: PlanSummary) => (
        <span className="plans-status-cell">
          <StatusBadge tone={stateTone(p.status)}>{stateLabel(t, p.status, p.status_label)}</StatusBadge>
          {p.status === 'draft' && p.return_reason ? <StatusBadge tone="warning">{t('list.returned')}</StatusBadge> : null}
          {p.status === 'submitted' && p.submitted_at ? <small className="muted">{t('list.submittedAt', { at: formatDateTime(p.submitted_at) })}</small> : null}
        </span>
      ),
    },
    { key: 'updated', header: t('list.updated'), render: (p: PlanSummary) => <span className="nowrap">{formatDateTime(p.updated_at)}</span> },
  ];

  const table = (
    <div className="stack">
      <div className="filters plans-filters">
        <SelectField
          label={t('list.cycle')}
          value={search.get('cycle') ?? ''}
          placeholder={t('list.anyCycle')}
          options={(cycles.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={(e) => set({ cycle: e.target.value })}
        />
        {view !== 'to-approve' ? (
          <SelectField
            label={t('list.status')}
            value={search.get('status') ?? ''}
            placeholder={t('list.anyStatus')}
            options={PLAN_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))}
            onChange={(e) => set({ status: e.target.value })}
          />
        ) : null}
        {view === 'all' ? (
          <>
            <SelectField
              label={t('list.unit')}
              value={search.get('unit') ?? ''}
              placeholder={t('list.anyUnit')}
              options={units}
              onChange={(e) => set({ unit: e.target.value })}
            />
            <EmployeePicker
              label={t('list.employee')}
              value={pickedEmployee}
              onChange={(e) => set({ employee: e?.id ?? null, employeeName: e?.name ?? null, employeeNip: e?.nip ?? null })}
            />
          </>
        ) : null}
      </div>
      {plans.error ? <ProblemAlert problem={toProblem(plans.error, 0)} /> : null}
      {plans.isPending && !(view === 'mine' && !employeeId) ? <Spinner label={t('common.loading')} /> : null}
      {view === 'mine' && !employeeId ? <Alert tone="info">{t('list.noEmployee')}</Alert> : null}
      {plans.data ? (
        <>
          <DataTable<PlanSummary>
            caption={viewLabel[view]}
            rows={plans.data.items}
            rowKey={(p) => p.id}
            empty={emptyText}
            columns={columns}
          />
          <Pagination
            page={plans.data.page}
            perPage={plans.data.per_page}
            total={plans.data.total}
            onPage={(page) => set({ page: String(page) })}
            labels={pageLabels}
          />
        </>
      ) : null}
      {view === 'to-approve' && reviewed.data && reviewed.data.items.length > 0 ? (
        <section className="stack" aria-labelledby="plans-reviewed">
          <h2 id="plans-reviewed">{t('list.reviewed')}</h2>
          <DataTable<PlanSummary> caption={t('list.reviewed')} rows={reviewed.data.items} rowKey={(p) => p.id} empty={t('common.empty')} columns={columns} />
        </section>
      ) : null}
    </div>
  );

  return (
    <div className="stack">
      <PageHeader
        title={t('title')}
        actions={
          <>
            {isAdmin(user) ? (
              <Link className="btn btn-secondary" to="/plans/bulk">
                {t('list.bulk')}
              </Link>
            ) : null}
            {employeeId || isAdmin(user) ? (
              <Link className="btn btn-primary" to="/plans/new">
                {t('list.create')}
              </Link>
            ) : null}
          </>
        }
      />
      {views.length > 1 ? (
        <Tabs
          label={t('list.views')}
          tabs={views.map((v) => ({ id: v, label: viewLabel[v] }))}
          selected={view}
          onSelect={(v) => setSearch(new URLSearchParams({ view: v }))}
        >
          {table}
        </Tabs>
      ) : (
        table
      )}
    </div>
  );
}

/** A compact link back to the list, kept here so pages share it. */
export function BackToPlans() {
  const { t } = usePlansT();
  return (
    <Link to="/plans" className="plans-back no-print">
      ← {t('title')}
    </Link>
  );
}

