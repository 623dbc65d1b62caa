//! The agency's appraisal cycles, latest year first, with the way to create the next one.
import { Link } from 'react-router';
import { Alert } from '@/components/alert';
import { DataTable } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { isAdmin, useSession } from '@/features/auth';
import { formatDate } from '@/lib/i18n/format';
import { useCycles, type CycleView } from './api';
import { useCyclesT } from './i18n';
import { CycleStatePill, useAppraisalLabels } from './labels';
import { problemText } from './problem-text';

export function CyclesPage() {
  const { t } = useCyclesT();
  const labels = useAppraisalLabels();
  const { user } = useSession();
  const cycles = useCycles();
  return (
    <div className="stack">
      <PageHeader
        title={t('title')}
        subtitle={t('list.subtitle')}
        actions={
          isAdmin(user) ? (
            <Link className="btn btn-primary" to="/cycles/new">
              {t('list.create')}
            </Link>
          ) : null
        }
      />
      {cycles.error ? <Alert tone="error">{problemText(t, cycles.error)}</Alert> : null}
      {cycles.isPending ? <Spinner label={t('common.loading')} /> : null}
      {cycles.data ? (
        <DataTable<CycleView>
          caption={t('title')}
          rows={cycles.data.items}
          rowKey={(c) => c.id}
          empty={isAdmin(user) ? t('list.emptyAdmin') : t('list.empty')}
          columns={[
            { key: 'year', header: t('list.year'), render: (c) => <strong>{c.year}</strong> },
            { key: 'name', header: t('list.name'), render: (c) => <Link to={`/cycles/${c.id}`}>{c.name}</Link> },
            { key: 'status', header: t('list.status'), render: (c) => <CycleStatePill value={c.status} /> },
            { key: 'regime', header: t('list.regime'), render: (c) => labels.regime(c.regime) },
            { key: 'kind', header: t('list.periodKind'), render: (c) => labels.periodKind(c.period_kind) },
            {
              key: 'range',
              header: t('list.range'),
              render: (c) => (
                <span className="nowrap">
                  {formatDate(c.starts_on)} – {formatDate(c.ends_on)}
                </span>
              ),
            },
            {
              key: 'links',
              header: t('common.actions'),
              render: (c) => (
                <span className="adm-links">
                  <Link to={`/cycles/${c.id}/progress`}>{t('list.progress')}</Link>
                  <Link to={`/calibration?cycle=${c.id}`}>{t('list.calibration')}</Link>
                </span>
              ),
            },
          ]}
        />
      ) : null}
    </div>
  );
}
