//! The rater's inbox: the feedback requests addressed to the caller, to answer (overdue
//! highlighted) and submitted, with whom and which period each is about.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/alert';
import { DataTable } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { Tabs } from '@/components/tabs';
import { toProblem } from '@/lib/api';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { useMyFeedbackRequests, type MyFeedbackRequest } from './api';
import { useFeedbackT } from './i18n';
import { describeProblem } from './problem';
import './feedback.css';

const PER_PAGE = 100;

export function FeedbackPage() {
  const { t } = useFeedbackT();
  const pageLabels = usePaginationLabels();
  const [page, setPage] = useState(1);
  const [tab, setTab] = useState<'open' | 'done'>('open');
  const requests = useMyFeedbackRequests(page, PER_PAGE);
  const items = requests.data?.items ?? [];
  const open = items.filter((r) => r.status !== 'submitted');
  const done = items.filter((r) => r.status === 'submitted');
  const problem = requests.error ? describeProblem(t, toProblem(requests.error, 0)) : null;

  return (
    <div className="stack">
      <PageHeader title={t('title')} subtitle={t('inbox.subtitle')} />
      {requests.isPending ? <Spinner label={t('common.loading')} /> : null}
      {problem ? (
        <Alert tone="error" title={problem.title}>
          {problem.detail}
        </Alert>
      ) : null}
      {requests.data ? (
        <Tabs
          label={t('inbox.tabs')}
          tabs={[
            { id: 'open', label: t('inbox.open', { count: open.length }) },
            { id: 'done', label: t('inbox.done', { count: done.length }) },
          ]}
          selected={tab}
          onSelect={(id) => setTab(id === 'done' ? 'done' : 'open')}
        >
          <RequestTable rows={tab === 'open' ? open : done} empty={t(tab === 'open' ? 'inbox.emptyOpen' : 'inbox.emptyDone')} />
          {requests.data.total > PER_PAGE ? (
            <Pagination page={requests.data.page} perPage={requests.data.per_page} total={requests.data.total} onPage={setPage} labels={pageLabels} />
          ) : null}
        </Tabs>
      ) : null}
    </div>
  );
}

function statusTone(status: string) {
  if (status === 'submitted') return 'success' as const;
  if (status === 'in_progress') return 'info' as const;
  return 'neutral' as const;
}

function RequestTable({ rows, empty }: { rows: MyFeedbackRequest[]; empty: string }) {
  const { t } = useFeedbackT();
  return (
    <DataTable<MyFeedbackRequest>
      caption={t('inbox.tabs')}
      rows={rows}
      rowKey={(r) => r.id}
      empty={empty}
      columns={[
        { key: 'employee', header: t('inbox.employee'), render: (r) => <strong>{r.employee_name}</strong> },
        { key: 'period', header: t('inbox.period'), render: (r) => r.period_name },
        { key: 'role', header: t('inbox.role'), render: (r) => t(`role.${r.rater_role}`) },
        {
          key: 'due',
          header: t('inbox.due'),
          render: (r) =>
            r.status === 'submitted' ? (
              <span className="muted">{t('inbox.submittedOn', { at: formatDateTime(r.submitted_at) })}</span>
            ) : (
              <span className={r.is_overdue ? 'fb-overdue' : undefined}>
                {formatDate(r.due_on)} {r.is_overdue ? <StatusBadge tone="danger">{t('inbox.overdue')}</StatusBadge> : null}
              </span>
            ),
        },
        {
          key: 'status',
          header: t('inbox.status'),
          render: (r) => <StatusBadge tone={statusTone(r.status)}>{t(`status.${r.status}`, { defaultValue: r.status })}</StatusBadge>,
        },
        {
          key: 'action',
          header: t('common.actions'),
          render: (r) => (
            <Link
              className={r.status === 'submitted' ? 'btn btn-secondary' : 'btn btn-primary'}
              to={`/feedback/${r.id}`}
              aria-label={t(r.status === 'submitted' ? 'inbox.viewFor' : 'inbox.answerFor', { name: r.employee_name })}
            >
              {t(r.status === 'submitted' ? 'inbox.view' : r.status === 'in_progress' ? 'inbox.continue' : 'inbox.answer')}
            </Link>
          ),
        },
      ]}
    />
  );
}
