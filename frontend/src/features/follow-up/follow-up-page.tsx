//! Placeholder until the feature's screens land.
import { PageHeader } from '@/components/page-header';
import { useFollowUpT } from './i18n';

export function FollowUpPage() {
  const { t } = useFollowUpT();
  return <PageHeader title={t('title')} />;
}
