//! Creating a cycle: the year and its division into periods, the regime, and the policies with
//! their defaults. On success the new cycle's page opens (in draft, ready to open planning).
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/alert';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { useCreateCycle, useCycles } from './api';
import { CycleForm, type CycleFormValues } from './cycle-form';
import { useCyclesT } from './i18n';
import { DEFAULT_POLICIES, formToPolicies, policiesToForm } from './policies';
import { problemText } from './problem-text';

/** The year after the latest cycle, or this year when there is none. */
export function nextCycleYear(years: readonly number[], today = new Date()): number {
  return years.length ? Math.max(...years) + 1 : today.getFullYear();
}

export function CycleCreatePage() {
  const { t } = useCyclesT();
  const navigate = useNavigate();
  const cycles = useCycles();
  const create = useCreateCycle();
  const defaults = useMemo<CycleFormValues | null>(() => {
    if (!cycles.data) return null;
    const year = nextCycleYear(cycles.data.items.map((c) => c.year));
    return {
      year: String(year),
      name: t('form.defaultName', { year }),
      period_kind: 'quarterly',
      regime: 'pmpanrb6_2022',
      starts_on: `${year}-01-01`,
      ends_on: `${year}-12-31`,
      fill_deadline_days: '10',
      policies: policiesToForm(DEFAULT_POLICIES),
    };
  }, [cycles.data, t]);

  return (
    <div className="stack">
      <PageHeader title={t('create.title')} subtitle={t('create.subtitle')} />
      {cycles.error ? <Alert tone="error">{problemText(t, cycles.error)}</Alert> : null}
      {!defaults && !cycles.error ? <Spinner label={t('common.loading')} /> : null}
      {defaults ? (
        <CycleForm
          mode="create"
          defaultValues={defaults}
          submitLabel={t('create.submit')}
          onCancel={() => navigate('/cycles')}
          onSubmit={async (v) => {
            const cycle = await create.mutateAsync({
              year: Number(v.year),
              name: v.name.trim(),
              period_kind: v.period_kind,
              regime: v.regime,
              starts_on: v.starts_on,
              ends_on: v.ends_on,
              fill_deadline_days: Number(v.fill_deadline_days),
              policies: formToPolicies(v.policies),
            });
            navigate(`/cycles/${cycle.id}`, { state: { notice: t('create.done', { name: cycle.name }) } });
          }}
        />
      ) : null}
    </div>
  );
}
