//! The evaluations feature's strings (namespace `evaluations`); shared strings come from the default one.
import { useTranslation } from 'react-i18next';
import { registerMessages } from '@/lib/i18n';

export const NS = 'evaluations';

const id = {
  nav: { title: 'Evaluasi kinerja' },
  title: 'Evaluasi kinerja',
};

const en: typeof id = {
  nav: { title: 'Evaluations' },
  title: 'Evaluations',
};

registerMessages(NS, { id, en });

/** `t` of this feature's namespace (falls back to the shared strings). */
export function useEvaluationsT() {
  return useTranslation(NS);
}
