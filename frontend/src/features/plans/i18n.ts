//! The plans feature's strings (namespace `plans`); shared strings come from the default one.
import { useTranslation } from 'react-i18next';
import { registerMessages } from '@/lib/i18n';

export const NS = 'plans';

const id = {
  nav: { title: 'SKP' },
  title: 'SKP',
};

const en: typeof id = {
  nav: { title: 'Plans (SKP)' },
  title: 'Plans (SKP)',
};

registerMessages(NS, { id, en });

/** `t` of this feature's namespace (falls back to the shared strings). */
export function usePlansT() {
  return useTranslation(NS);
}
