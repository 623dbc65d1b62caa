//! The feedback feature's strings (namespace `feedback`); shared strings come from the default one.
import { useTranslation } from 'react-i18next';
import { registerMessages } from '@/lib/i18n';

export const NS = 'feedback';

const id = {
  nav: { title: 'Umpan balik 360' },
  title: 'Umpan balik 360',
};

const en: typeof id = {
  nav: { title: '360 feedback' },
  title: '360 feedback',
};

registerMessages(NS, { id, en });

/** `t` of this feature's namespace (falls back to the shared strings). */
export function useFeedbackT() {
  return useTranslation(NS);
}
