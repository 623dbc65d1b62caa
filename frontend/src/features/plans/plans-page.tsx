//! Placeholder until the feature's screens land.
import { PageHeader } from '@/components/page-header';
import { usePlansT } from './i18n';

export function PlansPage() {
  const { t } = usePlansT();
  return <PageHeader title={t('title')} />;
}
