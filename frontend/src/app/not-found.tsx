//! Unknown routes inside the shell.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>404</h1>
      <p>{t('common.notFound')}</p>
      <Link to="/">{t('nav.dashboard')}</Link>
    </div>
  );
}
