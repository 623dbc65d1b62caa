//! Placeholder until the feature's screens land.
import { PageHeader } from '@/components/page-header';
import { useCyclesT } from './i18n';

export function CyclesPage() {
  const { t } = useCyclesT();
  return <PageHeader title={t('title')} />;
}
