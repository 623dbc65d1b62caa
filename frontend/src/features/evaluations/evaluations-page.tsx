//! Placeholder until the feature's screens land.
import { PageHeader } from '@/components/page-header';
import { useEvaluationsT } from './i18n';

export function EvaluationsPage() {
  const { t } = useEvaluationsT();
  return <PageHeader title={t('title')} />;
}
