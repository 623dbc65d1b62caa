//! The top bar's bell: the caller's unread notifications (from `/me/tasks`), linking to the
//! notifications page; re-read every minute, on every navigation and after any change made in
//! the app. Only for accounts linked to an employee (notifications are addressed to employees).
import { useEffect, useRef } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useSession } from '@/features/auth';
import { useMyTasks, useTasksFollowChanges } from './api';
import { Icon } from './icons';
import { useDashboardT } from './i18n';
import './dashboard.css';

export function NotificationBell() {
  const { t } = useDashboardT();
  const { user } = useSession();
  const linked = !!user?.employee_id;
  const tasks = useMyTasks(linked);
  useTasksFollowChanges();
  const location = useLocation();
  const where = `${location.pathname}${location.search}`;
  const seen = useRef(where);
  const { refetch } = tasks;
  useEffect(() => {
    // Not on the first render: the query has just been read.
    if (seen.current === where) return;
    seen.current = where;
    if (linked) void refetch();
  }, [where, linked, refetch]);

  if (!linked) return null;
  const count = tasks.data?.notifications_unread ?? 0;
  return (
    <NavLink to="/notifications" className="db-bell" aria-label={tasks.data ? t('bell.label', { count }) : t('bell.plain')} data-testid="notification-bell">
      <Icon name="bell" size={22} />
      {count > 0 ? (
        <span className="db-bell-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </NavLink>
  );
}
