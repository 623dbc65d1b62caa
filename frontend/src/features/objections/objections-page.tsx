//! The objection lists: for an employee their own objections and, when they are an
//! appraiser's superior, those awaiting their decision (open ones first); for HR and auditors
//! every objection of the agency, filterable by state.
import { Link, useSearchParams } from 'react-router';
import { Alert } from '@/components/alert';
import { DataTable } from '@/components/data-table';
import { SelectField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { Tabs } from '@/components/tabs';
import { isHr, useSession } from '@/features/auth';
import { toProblem } from '@/lib/api';
import { formatDateTime } from '@/lib/i18n/format';
import { useObjections, type ObjectionState, type ObjectionView } from './api';
import { useObjectionsT } from './i18n';
import { ObjectionStatePill, OBJECTION_STATES, useObjectionSubject } from './labels';
import { describeProblem } from './problem';

export function ObjectionsPage() {
  const { t } = useObjectionsT();
  const { user } = useSession();
  const hr = isHr(user);
  const me = user?.employee_id ?? null;
  const [params, setParams] = useSearchParams();
  const status = (params.get('state') ?? '') as ObjectionState | '';
  const list = useObjections(hr && status ? { status } : {});
  const items = list.data?.items ?? [];
  const toDecide = items.filter((o) => me !== null && o.decider_employee_id === me);
  const mine = items.filter((o) => me !== null && o.submitted_by === me);
  const open = (o: ObjectionView) => o.status === 'submitted' || o.status === 'under_review';
  const openToDecide = toDecide.filter(open).length;
  const tab = params.get('tab') === 'mine' || toDecide.length === 0 ? 'mine' : 'decide';
  const problem = list.error ? describeProblem(t, toProblem(list.error, 0)) : null;
  // Undecided first, then the newest.
  const order = (rows: ObjectionView[]) =>
    [...rows].sort((a, b) => Number(open(b)) - Number(open(a)) || b.submitted_at.localeCompare(a.submitted_at));

  return (
    <div className="stack">
      <PageHeader title={t('title')} subtitle={t(hr ? 'subtitleHr' : 'subtitleEmployee')} />
      {problem ? (
        <Alert tone="error" title={problem.title}>
          {problem.detail}
        </Alert>
      ) : null}
      {list.isPending ? <Spinner label={t('common.loading')} /> : null}
      {list.data && hr ? (
        <>
          <div className="row">
            <SelectField
              label={t('list.state')}
              value={status}
              placeholder={t('list.allStates')}
              options={OBJECTION_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
              onChange={(e) => setParams(e.target.value ? { state: e.target.value } : {}, { replace: true })}
            />
          </div>
          <ObjectionTable rows={order(items)} empty={t('list.none')} showEmployee />
        </>
      ) : null}
      {list.data && !hr ? (
        toDecide.length > 0 ? (
          <Tabs
            label={t('list.tabs')}
            tabs={[
              {
                id: 'decide',
                label: (
                  <>
                    {t('list.toDecide')} {openToDecide > 0 ? <StatusBadge tone="warning">{t('list.openCount', { count: openToDecide })}</StatusBadge> : null}
                  </>
                ),
              },
              { id: 'mine', label: t('list.mine') },
            ]}
            selected={tab}
            onSelect={(id) => setParams(id === 'mine' ? { tab: 'mine' } : {}, { replace: true })}
          >
            {tab === 'decide' ? (
              <ObjectionTable rows={order(toDecide)} empty={t('list.noneToDecide')} showEmployee />
            ) : (
              <ObjectionTable rows={order(mine)} empty={t('list.noneMine')} showEmployee={false} />
            )}
          </Tabs>
        ) : (
          <ObjectionTable rows={order(mine)} empty={t('list.noneMine')} showEmployee={false} />
        )
      ) : null}
    </div>
  );
}

function Subject({ evaluationId, part }: { evaluationId: string; part: 'name' | 'period' }) {
  const subject = useObjectionSubject(evaluationId);
  return <>{part === 'name' ? subject.name || '…' : subject.period || '…'}</>;
}

function OpenLink({ row }: { row: ObjectionView }) {
  const { t } = useObjectionsT();
  const subject = useObjectionSubject(row.evaluation_id);
  const { user } = useSession();
  const decide = row.decider_employee_id === user?.employee_id && (row.status === 'submitted' || row.status === 'under_review');
  return (
    <Link className={decide ? 'btn btn-primary' : 'btn btn-secondary'} to={`/objections/${row.id}`} aria-label={t('list.openFor', { name: subject.name })}>
      {t(decide ? 'list.review' : 'list.open')}
    </Link>
  );
}

function ObjectionTable({ rows, empty, showEmployee }: { rows: ObjectionView[]; empty: string; showEmployee: boolean }) {
  const { t } = useObjectionsT();
  return (
    <DataTable<ObjectionView>
      caption={t('title')}
      rows={rows}
      rowKey={(o) => o.id}
      empty={empty}
      columns={[
        ...(showEmployee
          ? [{ key: 'employee', header: t('list.employee'), render: (o: ObjectionView) => <strong><Subject evaluationId={o.evaluation_id} part="name" /></strong> }]
          : []),
        { key: 'evaluation', header: t('list.evaluation'), render: (o) => <Subject evaluationId={o.evaluation_id} part="period" /> },
        { key: 'submitted', header: t('list.submittedAt'), render: (o) => formatDateTime(o.submitted_at) },
        { key: 'state', header: t('list.state'), render: (o) => <ObjectionStatePill status={o.status} /> },
        { key: 'decided', header: t('list.decidedAt'), render: (o) => formatDateTime(o.decided_at) },
        { key: 'open', header: t('common.actions'), render: (o) => <OpenLink row={o} /> },
      ]}
    />
  );
}
