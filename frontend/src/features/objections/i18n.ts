//! The objections feature's strings (namespace `objections`); shared strings come from the default one.
import { useTranslation } from 'react-i18next';
import { registerMessages } from '@/lib/i18n';

export const NS = 'objections';

const id = {
  nav: { title: 'Keberatan' },
  title: 'Keberatan',
};

const en: typeof id = {
  nav: { title: 'Objections' },
  title: 'Objections',
};

registerMessages(NS, { id, en });

/** `t` of this feature's namespace (falls back to the shared strings). */
export function useObjectionsT() {
  return useTranslation(NS);
}
