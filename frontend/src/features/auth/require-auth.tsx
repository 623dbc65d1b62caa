//! Route guards: signed in, password changed, and allowed by role.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { Spinner } from '@/components/spinner';
import { useSession, type Role } from './session';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, restoring } = useSession();
  const location = useLocation();
  if (restoring) return <Spinner label={t('common.loading')} />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.must_change_password && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <>{children}</>;
}

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useSession();
  if (!user || !roles.includes(user.role)) return <Navigate to="/" replace />;
  return <>{children}</>;
}
