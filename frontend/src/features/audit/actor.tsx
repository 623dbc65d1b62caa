//! Who acted, as HR reads it in the audit log: the person behind the account first (or "you"),
//! the username as a secondary detail, since the username is what the chain recorded.
import { useSession } from '@/features/auth';
import type { components } from '@/lib/api';
import { useAuditT } from './i18n';

type Entry = Pick<components['schemas']['AuditEntryView'], 'actor_kind' | 'actor_id' | 'actor_label' | 'actor_name'>;

export function AuditActor({ entry }: { entry: Entry }) {
  const { t } = useAuditT();
  const { user } = useSession();
  if (entry.actor_kind !== 'user') return <span>{t('actor.client', { label: entry.actor_label })}</span>;
  const me = entry.actor_id === user?.id;
  const name = me ? t('actor.you') : (entry.actor_name ?? null);
  if (!name) {
    return (
      <span>
        <span className="mono">{entry.actor_label}</span>
        <br />
        <small className="muted">{t('actor.unlinked')}</small>
      </span>
    );
  }
  return (
    <span>
      <strong>{name}</strong>
      <br />
      <small className="muted">{t('actor.account', { username: entry.actor_label })}</small>
    </span>
  );
}
