//! Realizations per period: for each indicator the target, the realization (value or text), the
//! capaian the server computed, who recorded it and from which system; what is overdue against
//! the period's fill-in deadline; evidence per realization and for the whole plan.
import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { SelectField, TextField } from '@/components/field';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { isAdmin, useSession } from '@/features/auth';
import { applyFieldErrors, toProblem, type ApiProblem } from '@/lib/api';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import {
  useAllRealizations,
  useCycle,
  useEvidence,
  usePutRealization,
  useRealizations,
  type IndicatorRealizations,
  type PeriodView,
  type PlanView,
  type RealizationView,
} from './api';
import { EvidenceForms, EvidenceList, type EvidencePolicy } from './evidence';
import { TextAreaField } from './fields';
import { daysBetween, defaultPeriod, formatDecimal, formatTarget, todayIso, whoLabel } from './format';
import { usePlansT } from './i18n';
import { ProblemAlert } from './problem-alert';

export function RealizationsTab({ plan, isOwner }: { plan: PlanView; isOwner: boolean }) {
  const { t, i18n } = usePlansT();
  const { user } = useSession();
  const cycle = useCycle(plan.cycle_id);
  const [search, setSearch] = useSearchParams();
  const today = todayIso();
  const periods = useMemo(() => cycle.data?.periods ?? [], [cycle.data]);
  const periodId = search.get('period') ?? defaultPeriod(periods, today)?.id ?? null;
  const period = periods.find((p) => p.id === periodId);
  const realizations = useRealizations(plan.id, periodId);
  const evidence = useEvidence(plan.id);
  const allRealizations = useAllRealizations(plan.id);
  const [editing, setEditing] = useState<IndicatorRealizations | null>(null);
  const approved = plan.status === 'approved' || plan.status === 'in_appraisal';
  const canRecord = approved && (isOwner || isAdmin(user)) && period?.status !== 'finalised';
  const policy = (cycle.data?.policies as { evidence?: EvidencePolicy } | undefined)?.evidence;

  if (cycle.isPending) return <Spinner label={t('common.loading')} />;
  if (cycle.error) return <ProblemAlert problem={toProblem(cycle.error, 0)} />;

  const items = realizations.data?.items ?? [];
  const current = (item: IndicatorRealizations): RealizationView | undefined => item.realizations.find((r) => r.period_id === periodId);
  const missing = items.filter((i) => !current(i)).length;
  const overdue = !!period && today > period.fill_deadline_on && period.status !== 'finalised';
  const left = period ? daysBetween(today, period.fill_deadline_on) : 0;
  const describe = (e: { realization_id?: string | null; work_result_id?: string | null }): string | null => {
    if (e.realization_id) {
      const item = (allRealizations.data?.items ?? items).find((i) => i.realizations.some((r) => r.id === e.realization_id));
      const r = item?.realizations.find((x) => x.id === e.realization_id);
      const pname = periods.find((p) => p.id === r?.period_id)?.name;
      return item ? `${item.indicator.description}${pname ? ` · ${pname}` : ''}` : null;
    }
    if (e.work_result_id) return plan.work_results.find((w) => w.id === e.work_result_id)?.description ?? null;
    return null;
  };

  return (
    <div className="stack">
      <div className="row plans-period-bar">
        <SelectField
          label={t('real.period')}
          value={periodId ?? ''}
          options={periods.map((p: PeriodView) => ({ value: p.id, label: `${p.name} (${formatDate(p.starts_on)} – ${formatDate(p.ends_on)})` }))}
          onChange={(e) => {
            const next = new URLSearchParams(search);
            next.set('period', e.target.value);
            setSearch(next, { replace: true });
          }}
        />
        {period ? (
          <p className="plans-deadline">
            {t('real.deadline', { date: formatDate(period.fill_deadline_on) })}{' '}
            {period.status === 'finalised' ? (
              <StatusBadge tone="neutral">{t('real.finalised')}</StatusBadge>
            ) : overdue ? (
              <StatusBadge tone="danger">{t('real.overdue')}</StatusBadge>
            ) : (
              <StatusBadge tone={left <= 7 ? 'warning' : 'info'}>{t('real.daysLeft', { count: left })}</StatusBadge>
            )}
          </p>
        ) : null}
      </div>
      {!approved ? <Alert tone="info">{t('real.notApproved')}</Alert> : null}
      {approved && missing > 0 && period?.status !== 'finalised' ? (
        <Alert tone={overdue ? 'error' : 'warning'}>{overdue ? t('real.overdueCount', { count: missing }) : t('real.missingCount', { count: missing })}</Alert>
      ) : null}
      {realizations.error ? <ProblemAlert problem={toProblem(realizations.error, 0)} /> : null}
      {realizations.isPending && periodId ? <Spinner label={t('common.loading')} /> : null}
      {realizations.data ? (
        <div className="table-wrap">
          <table className="plans-real-table">
            <caption className="visually-hidden">{t('doc.tabRealizations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('real.workResult')}</th>
                <th scope="col">{t('real.indicator')}</th>
                <th scope="col">{t('real.target')}</th>
                <th scope="col">{t('real.realization')}</th>
                <th scope="col" title={t('real.capaianHint')}>
                  {t('real.capaian')}
                </th>
                <th scope="col">{t('real.recordedBy')}</th>
                {canRecord ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {items.length === 0 ? (
                <tr>
                  <td colSpan={canRecord ? 7 : 6} className="muted">
                    {t('doc.noResults')}
                  </td>
                </tr>
              ) : null}
              {items.map((item, i) => {
                const r = current(item);
                const sameAsAbove = i > 0 && items[i - 1]?.work_result_id === item.work_result_id;
                const evidenceCount = r ? (evidence.data ?? []).filter((e) => e.realization_id === r.id).length : 0;
                return (
                  <tr key={item.indicator.id} className={!r && overdue ? 'plans-row-overdue' : undefined}>
                    <td>{sameAsAbove ? <span className="visually-hidden">{item.work_result_description}</span> : item.work_result_description}</td>
                    <td>{item.indicator.description}</td>
                    <td className="nowrap">{formatTarget(item.indicator, i18n.language)}</td>
                    <td>
                      {r ? (
                        <>
                          {r.value !== null && r.value !== undefined ? <strong>{formatDecimal(r.value, i18n.language)}{item.indicator.unit ? ` ${item.indicator.unit}` : ''}</strong> : null}
                          {r.body ? <div className="plans-preline">{r.body}</div> : null}
                          {evidenceCount > 0 ? <small className="muted plans-block">{t('real.evidence')}: {evidenceCount}</small> : null}
                        </>
                      ) : (
                        <StatusBadge tone={overdue ? 'danger' : 'neutral'}>{overdue ? t('real.overdue') : t('real.none')}</StatusBadge>
                      )}
                    </td>
                    <td className="nowrap">{r?.capaian_percent ? `${formatDecimal(r.capaian_percent, i18n.language)}%` : '—'}</td>
                    <td>
                      {r ? (
                        <small>
                          {whoLabel(r.recorded_by, plan)}
                          <br />
                          <span className="muted">{formatDateTime(r.recorded_at)}</span>
                          {r.source_system ? (
                            <>
                              <br />
                              <StatusBadge tone="info">{t('real.source', { source: r.source_system })}</StatusBadge>
                            </>
                          ) : null}
                        </small>
                      ) : (
                        '—'
                      )}
                    </td>
                    {canRecord ? (
                      <td>
                        <Button variant="secondary" aria-label={t('real.recordFor', { text: item.indicator.description })} onClick={() => setEditing(item)}>
                          {r ? t('common.edit') : t('real.record')}
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}

      <section className="card" aria-labelledby="plans-all-evidence">
        <div className="card-header">
          <h2 id="plans-all-evidence">{t('real.allEvidence')}</h2>
        </div>
        <div className="card-body">
          {evidence.error ? <ProblemAlert problem={toProblem(evidence.error, 0)} /> : null}
          {evidence.data ? <EvidenceList plan={plan} items={evidence.data} canDelete={canRecord} describe={describe} /> : null}
        </div>
      </section>

      {editing && periodId ? (
        <RealizationDialog
          plan={plan}
          item={editing}
          periodId={periodId}
          realization={current(editing) ?? null}
          policy={policy}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}

function RealizationDialog({
  plan,
  item,
  periodId,
  realization,
  policy,
  onClose,
}: {
  plan: PlanView;
  item: IndicatorRealizations;
  periodId: string;
  realization: RealizationView | null;
  policy: EvidencePolicy | undefined;
  onClose: () => void;
}) {
  const { t } = usePlansT();
  const formId = useId();
  const put = usePutRealization(plan.id);
  const evidence = useEvidence(plan.id);
  const [saved, setSaved] = useState<RealizationView | null>(realization);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const quantitative = plan.approach === 'quantitative';
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<{ value: string; body: string }>({
    defaultValues: { value: realization?.value ?? '', body: realization?.body ?? '' },
  });
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    setNotice(null);
    try {
      const r = await put.mutateAsync({
        indicatorId: item.indicator.id,
        periodId,
        body: { value: v.value.trim() === '' ? null : v.value.trim().replace(',', '.'), body: v.body.trim() === '' ? null : v.body.trim() },
      });
      setSaved(r);
      setNotice(t('real.saved'));
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422 && applyFieldErrors(problem, setError, ['value', 'body']).length === 0) return;
      setFailure(problem);
    }
  });
  const mine = (evidence.data ?? []).filter((e) => saved && e.realization_id === saved.id);
  return (
    <Dialog
      open
      title={t('real.recordTitle', { text: item.indicator.description })}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button type="submit" form={formId} busy={isSubmitting}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <div className="stack">
        <form id={formId} className="stack" onSubmit={(e) => void submit(e)} noValidate>
          <ProblemAlert problem={failure} />
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          <p className="muted">
            {t('real.target')}: {formatTarget(item.indicator, 'id')}
          </p>
          {quantitative ? (
            <TextField
              label={t('real.value')}
              inputMode="decimal"
              hint={t('ind.decimalHint')}
              error={errors.value?.message}
              {...register('value', {
                validate: (v) => (v.trim() !== '' ? /^-?\d+([.,]\d+)?$/.test(v.trim()) || t('ind.notDecimal') : t('common.required')),
              })}
            />
          ) : null}
          <TextAreaField
            label={t('real.body')}
            rows={3}
            error={errors.body?.message}
            {...register('body', { validate: (v) => quantitative || v.trim() !== '' || t('common.required') })}
          />
          {saved?.capaian_percent ? (
            <p>
              {t('real.capaian')}: <strong>{saved.capaian_percent}%</strong> <small className="muted">({t('real.capaianHint')})</small>
            </p>
          ) : null}
        </form>
        {saved ? (
          <section className="stack" aria-labelledby={`${formId}-evidence`}>
            <h3 id={`${formId}-evidence`}>{t('real.evidenceOf')}</h3>
            <EvidenceList plan={plan} items={mine} canDelete />
            <EvidenceForms planId={plan.id} realizationId={saved.id} policy={policy} />
          </section>
        ) : null}
      </div>
    </Dialog>
  );
}
