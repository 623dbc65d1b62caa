//! The tiles of "what needs me now": each names the task in one line, says why in another, and
//! the whole tile is one link (its name is the title) to the screen that resolves it.
import { Link } from 'react-router';
import { formatDate } from '@/lib/i18n/format';
import { Icon } from './icons';
import { useDashboardT } from './i18n';
import type { TaskTile, Text, WaitingLine } from './tasks';

function useText() {
  const { t } = useDashboardT();
  return (text: Text) => {
    const params = { ...text.params };
    if (typeof params.date === 'string') params.date = formatDate(params.date);
    return t(text.key, params);
  };
}

export function TaskTiles({ tiles, label }: { tiles: readonly TaskTile[]; label: string }) {
  const { t } = useDashboardT();
  const text = useText();
  return (
    <ul className="db-tasks" aria-label={label}>
      {tiles.map((tile) => (
        <li key={tile.id} className={`db-task db-task-${tile.tone}`} data-testid={`task-${tile.id}`}>
          <span className="db-task-icon">
            <Icon name={tile.icon} size={22} />
          </span>
          <div className="db-task-body">
            {tile.tone === 'danger' || tile.tone === 'warning' ? <span className="db-task-flag">{t(`tone.${tile.tone}`)}</span> : null}
            <h3 className="db-task-title">
              <Link to={tile.to} className="db-task-link">
                {text(tile.title)}
              </Link>
            </h3>
            {tile.hints.map((h) => (
              <p key={h.key} className="db-task-hint">
                {text(h)}
              </p>
            ))}
            {tile.quote ? <blockquote className="db-task-quote">{t('tasks.planReturned.reason', { reason: tile.quote })}</blockquote> : null}
            <span className="db-task-cta" aria-hidden="true">
              {t(tile.cta)} <span className="db-arrow">→</span>
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function WaitingList({ lines }: { lines: readonly WaitingLine[] }) {
  const { t } = useDashboardT();
  const text = useText();
  if (lines.length === 0) return null;
  return (
    <div className="db-waiting">
      <h3>{t('tasks.waiting')}</h3>
      <ul className="plain-list">
        {lines.map((w) => (
          <li key={w.id}>
            <Icon name="calendar" size={16} /> <Link to={w.to}>{text(w.text)}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
