//! Placeholder until the feature's screens land.
import { PageHeader } from '@/components/page-header';
import { useObjectionsT } from './i18n';

export function ObjectionsPage() {
  const { t } = useObjectionsT();
  return <PageHeader title={t('title')} />;
}
