//! The caller's notifications: unread ones emphasised, each linking to the object its payload
//! names; opening one or marking it marks it read.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { useSession } from '@/features/auth';
import { toProblem } from '@/lib/api';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { useMarkRead, useMyNotifications, type NotificationView } from './api';
import { useNotificationsT } from './i18n';
import { linkFor, localBody } from './links';
import { describeProblem, type ProblemText } from './problem';
import './notifications.css';

const PER_PAGE = 50;
const KINDS = new Set(['feedback_requested', 'feedback_reminder', 'continuous_feedback']);

export function NotificationsPage() {
  const { t } = useNotificationsT();
  const pageLabels = usePaginationLabels();
  const [page, setPage] = useState(1);
  // Notifications go to employees: an account without one (HR's own login) has none to read.
  const { user } = useSession();
  const hasEmployee = !!user?.employee_id;
  const list = useMyNotifications(page, PER_PAGE, hasEmployee);
  const mark = useMarkRead();
  const [failure, setFailure] = useState<ProblemText | null>(null);
  const items = list.data?.items ?? [];
  const unread = items.filter((n) => !n.is_read);
  const error = list.error ? toProblem(list.error, 0) : null;

  async function markRead(ids: string[]) {
    setFailure(null);
    try {
      await mark.mutateAsync(ids);
    } catch (err) {
      setFailure(describeProblem(t, toProblem(err, 0)));
    }
  }

  return (
    <div className="stack">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          unread.length > 0 ? (
            <Button variant="secondary" busy={mark.isPending} onClick={() => void markRead(unread.map((n) => n.id))}>
              {t('markAllRead')}
            </Button>
          ) : undefined
        }
      />
      {!hasEmployee ? <Alert tone="info">{t('notEmployee')}</Alert> : null}
      {hasEmployee && list.isPending ? <Spinner label={t('common.loading')} /> : null}
      {error ? (
        error.status === 403 ? (
          <Alert tone="info">{t('notEmployee')}</Alert>
        ) : (
          <Alert tone="error" title={describeProblem(t, error).title}>
            {describeProblem(t, error).detail}
          </Alert>
        )
      ) : null}
      {failure ? (
        <Alert tone="error" title={failure.title}>
          {failure.detail}
        </Alert>
      ) : null}
      {list.data ? (
        <>
          <p className="muted" aria-live="polite">
            {unread.length > 0 ? t('unreadCount', { count: unread.length }) : items.length > 0 ? t('allRead') : null}
          </p>
          {items.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <ul className="nt-list" aria-label={t('title')}>
              {items.map((n) => (
                <NotificationItem key={n.id} n={n} onRead={(id) => void markRead([id])} />
              ))}
            </ul>
          )}
          {list.data.total > PER_PAGE ? (
            <Pagination page={list.data.page} perPage={list.data.per_page} total={list.data.total} onPage={setPage} labels={pageLabels} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function NotificationItem({ n, onRead }: { n: NotificationView; onRead: (id: string) => void }) {
  const { t, i18n } = useNotificationsT();
  const to = linkFor(n.payload);
  const body = (i18n.language === 'en' ? null : localBody(n.kind, n.payload, t, formatDate)) ?? n.body;
  return (
    <li className={n.is_read ? 'nt-item' : 'nt-item nt-unread'} data-testid="notification">
      <div className="nt-head">
        {!n.is_read ? (
          <span className="nt-dot" aria-hidden="true" />
        ) : null}
        <StatusBadge tone={n.is_read ? 'neutral' : 'info'}>{t(`kind.${KINDS.has(n.kind) ? n.kind : 'other'}`)}</StatusBadge>
        {!n.is_read ? <span className="visually-hidden">{t('unread')}</span> : null}
        <time className="muted" dateTime={n.created_at}>
          {formatDateTime(n.created_at)}
        </time>
      </div>
      <p className="nt-subject">{n.subject}</p>
      <p className="nt-body">{body}</p>
      <div className="row nt-actions">
        {to ? (
          <Link className="btn btn-secondary" to={to} aria-label={t('openAbout', { subject: n.subject })} onClick={() => (!n.is_read ? onRead(n.id) : undefined)}>
            {t('open')}
          </Link>
        ) : null}
        {!n.is_read ? (
          <Button variant="link" aria-label={t('markReadAbout', { subject: n.subject })} onClick={() => onRead(n.id)}>
            {t('markRead')}
          </Button>
        ) : (
          <small className="muted">{t('readAt', { at: formatDateTime(n.read_at) })}</small>
        )}
      </div>
    </li>
  );
}
