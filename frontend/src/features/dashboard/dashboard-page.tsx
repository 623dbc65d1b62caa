//! The landing page: counts for HR, one's own record for an employee.
import { useTranslation } from 'react-i18next';
import { Card, DetailList } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { useSession } from '@/features/auth';

export function DashboardPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return null;
  return (
    <div className="stack">
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.welcome', { name: user.username })} />
      <Card title={t('dashboard.myProfile')}>
        <DetailList items={[{ label: t('auth.username'), value: user.username }, { label: 'Role', value: t(`role.${user.role}`) }]} />
      </Card>
    </div>
  );
}
