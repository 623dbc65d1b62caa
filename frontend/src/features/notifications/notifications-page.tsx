//! Placeholder until the feature's screens land.
import { PageHeader } from '@/components/page-header';
import { useNotificationsT } from './i18n';

export function NotificationsPage() {
  const { t } = useNotificationsT();
  return <PageHeader title={t('title')} />;
}
