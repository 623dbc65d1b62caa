//! Placeholder until the feature's screens land.
import { PageHeader } from '@/components/page-header';
import { useFeedbackT } from './i18n';

export function FeedbackPage() {
  const { t } = useFeedbackT();
  return <PageHeader title={t('title')} />;
}
