//! The signed-in layout: header with the user and language switcher, role-based navigation,
//! and the page outlet.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { LanguageSelect } from '@/components/language-select';
import { logout, useAgencies, useAgencyChoice, useAgencyScope, useSession, type Role } from '@/features/auth';
import { NotificationBell } from '@/features/dashboard';
import { LANGUAGES, setLanguage, type Language } from '@/lib/i18n';
import { navItems } from './nav';

export function Shell() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [menuOpen, setMenuOpen] = useState(false);
  const role: Role | null = user?.role ?? null;
  const items = role ? navItems.filter((item) => item.roles.includes(role)) : [];

  async function signOut() {
    await logout();
    queryClient.clear();
    navigate('/login', { replace: true });
  }

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="sidenav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          {t('nav.menu')}
        </button>
        <NavLink to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            K
          </span>
          <span>
            {t('app.name')}
            <small>{t('app.tagline')}</small>
          </span>
        </NavLink>
        <div className="topbar-right">
          <NotificationBell />
          <LanguageSelect
            value={i18n.language}
            languages={LANGUAGES}
            label={t('common.language')}
            onChange={(lng) => setLanguage(lng as Language)}
          />
          {role === 'super_admin' ? <AgencySwitcher /> : null}
          {user ? (
            <span className="user-badge" data-testid="current-user">
              <strong>{user.username}</strong>
              <small>{t(`role.${user.role}`)}</small>
            </span>
          ) : null}
          <NavLink to="/password" className="btn btn-link">
            {t('auth.changePassword')}
          </NavLink>
          <button type="button" className="btn btn-secondary" onClick={() => void signOut()}>
            {t('auth.logout')}
          </button>
        </div>
      </header>
      <div className="shell-body">
        <nav id="sidenav" className={menuOpen ? 'sidenav open' : 'sidenav'} aria-label={t('nav.main')}>
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'} onClick={() => setMenuOpen(false)}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}

/** A super_admin's choice of agency to work on. */
function AgencySwitcher() {
  const { t } = useTranslation();
  const agencies = useAgencies(true);
  const { choose } = useAgencyChoice();
  const { agency_id } = useAgencyScope().scope;
  if (!agencies.data) return null;
  return (
    <label className="lang-switch agency-switch">
      <span className="visually-hidden">{t('nav.agency')}</span>
      <select value={agency_id ?? ''} onChange={(e) => choose(e.target.value)}>
        {agencies.data.items.map((a) => (
          <option key={a.id} value={a.id}>
            {a.code} — {a.name}
          </option>
        ))}
      </select>
    </label>
  );
}
