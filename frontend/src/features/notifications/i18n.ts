//! The notifications feature's strings (namespace `notifications`); shared strings come from the default one.
import { useTranslation } from 'react-i18next';
import { registerMessages } from '@/lib/i18n';

export const NS = 'notifications';

const id = {
  nav: { title: 'Notifikasi' },
  title: 'Notifikasi',
};

const en: typeof id = {
  nav: { title: 'Notifications' },
  title: 'Notifications',
};

registerMessages(NS, { id, en });

/** `t` of this feature's namespace (falls back to the shared strings). */
export function useNotificationsT() {
  return useTranslation(NS);
}
