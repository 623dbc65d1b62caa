//! The calibration feature's strings (namespace `calibration`); shared strings come from the default one.
import { useTranslation } from 'react-i18next';
import { registerMessages } from '@/lib/i18n';

export const NS = 'calibration';

const id = {
  nav: { title: 'Distribusi & kalibrasi' },
  title: 'Distribusi & kalibrasi',
};

const en: typeof id = {
  nav: { title: 'Distribution & calibration' },
  title: 'Distribution & calibration',
};

registerMessages(NS, { id, en });

/** `t` of this feature's namespace (falls back to the shared strings). */
export function useCalibrationT() {
  return useTranslation(NS);
}
