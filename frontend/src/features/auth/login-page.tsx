//! The login route: redirects to the change-password page or back where the user came from.
import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LanguageSelect } from '@/components/language-select';
import { LANGUAGES, setLanguage, type Language } from '@/lib/i18n';
import { login } from './api';
import { LoginForm } from './login-form';
import { useSession } from './session';

export function LoginPage({ aside }: { aside?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { user, ended } = useSession();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (user && !user.must_change_password) return <Navigate to={from} replace />;
  if (user?.must_change_password) return <Navigate to="/password" replace />;

  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">
            K
          </span>
          <div>
            <h1>{t('auth.loginTitle')}</h1>
            <p className="muted">{t('auth.loginIntro')}</p>
          </div>
        </div>
        <LoginForm
          notice={ended ? t('auth.sessionEnded') : undefined}
          onSubmit={async (values) => {
            const pair = await login(values);
            queryClient.clear();
            navigate(pair.user.must_change_password ? '/password' : from, { replace: true });
          }}
        />
        <div className="auth-footer">
          <LanguageSelect
            value={i18n.language}
            languages={LANGUAGES}
            label={t('common.language')}
            onChange={(lng) => setLanguage(lng as Language)}
          />
        </div>
        {aside}
      </div>
    </main>
  );
}
