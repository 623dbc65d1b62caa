//! The cycles feature's strings (namespace `cycles`); shared strings come from the default one.
import { useTranslation } from 'react-i18next';
import { registerMessages } from '@/lib/i18n';

export const NS = 'cycles';

const id = {
  nav: { title: 'Siklus penilaian' },
  title: 'Siklus penilaian',
};

const en: typeof id = {
  nav: { title: 'Appraisal cycles' },
  title: 'Appraisal cycles',
};

registerMessages(NS, { id, en });

/** `t` of this feature's namespace (falls back to the shared strings). */
export function useCyclesT() {
  return useTranslation(NS);
}
