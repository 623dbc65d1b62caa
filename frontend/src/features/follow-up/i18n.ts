//! The follow-up feature's strings (namespace `followUp`); shared strings come from the default one.
import { useTranslation } from 'react-i18next';
import { registerMessages } from '@/lib/i18n';

export const NS = 'followUp';

const id = {
  nav: { title: 'Tindak lanjut' },
  title: 'Tindak lanjut',
};

const en: typeof id = {
  nav: { title: 'Follow-up' },
  title: 'Follow-up',
};

registerMessages(NS, { id, en });

/** `t` of this feature's namespace (falls back to the shared strings). */
export function useFollowUpT() {
  return useTranslation(NS);
}
