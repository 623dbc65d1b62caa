//! Placeholder until the feature's screens land.
import { PageHeader } from '@/components/page-header';
import { useCalibrationT } from './i18n';

export function CalibrationPage() {
  const { t } = useCalibrationT();
  return <PageHeader title={t('title')} />;
}
