//! Continuous feedback on a plan: the appraiser writes notes on a work result, an indicator, a
//! BerAKHLAK value or in general, in a period, for the employee or privately; the employee sees
//! what is addressed to them and may write self notes. Append-only, oldest first.
import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField } from '@/components/field';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { useSession } from '@/features/auth';
import { applyFieldErrors, toProblem, type ApiProblem } from '@/lib/api';
import { formatDateTime } from '@/lib/i18n/format';
import { useContinuousFeedback, useCoreValues, useCreateFeedback, useCycle, type ContinuousFeedbackView, type PlanView } from './api';
import { TextAreaField } from './fields';
import { defaultPeriod, todayIso } from './format';
import { usePlansT } from './i18n';
import { ProblemAlert } from './problem-alert';

const TARGET_TYPES = ['work_result', 'indicator', 'core_value', 'general'] as const;
type TargetType = (typeof TARGET_TYPES)[number];

interface Values {
  target_type: TargetType;
  target: string;
  period_id: string;
  body: string;
  visibility: 'employee' | 'private_to_appraiser';
}

export function FeedbackTab({ plan }: { plan: PlanView }) {
  const { t } = usePlansT();
  const { user } = useSession();
  const feedback = useContinuousFeedback(plan.id);
  const cycle = useCycle(plan.cycle_id);
  const coreValues = useCoreValues();
  const create = useCreateFeedback(plan.id);
  const isAppraiser = !!user?.employee_id && user.employee_id === plan.appraiser_employee_id;
  const isOwner = !!user?.employee_id && user.employee_id === plan.employee_id;
  const canWrite = isAppraiser || isOwner;
  const periods = useMemo(() => (cycle.data?.periods ?? []).filter((p) => !p.is_final), [cycle.data]);
  const [filter, setFilter] = useState('');
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const indicators = plan.work_results.flatMap((w) => w.indicators.map((i) => ({ id: i.id, label: `${w.description} — ${i.description}` })));
  const targetLabel = (f: ContinuousFeedbackView): string => {
    if (f.target_type === 'work_result') return plan.work_results.find((w) => w.id === f.target_id)?.description ?? '';
    if (f.target_type === 'indicator') return indicators.find((i) => i.id === f.target_id)?.label ?? '';
    if (f.target_type === 'core_value') return coreValues.data?.find((c) => c.value === f.core_value)?.label ?? f.core_value ?? '';
    return '';
  };
  const periodName = (id: string | null | undefined) => (id ? (cycle.data?.periods?.find((p) => p.id === id)?.name ?? '') : '');

  const {
    register,
    handleSubmit,
    control,
    reset,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    defaultValues: { target_type: 'work_result', target: '', period_id: '', body: '', visibility: 'employee' },
  });
  const targetType = useWatch({ control, name: 'target_type' });
  const currentPeriodId = defaultPeriod(periods, todayIso())?.id;
  useEffect(() => {
    if (currentPeriodId) setValue('period_id', currentPeriodId);
  }, [currentPeriodId, setValue]);

  const targetOptions =
    targetType === 'work_result'
      ? plan.work_results.map((w) => ({ value: w.id, label: w.description }))
      : targetType === 'indicator'
        ? indicators.map((i) => ({ value: i.id, label: i.label }))
        : targetType === 'core_value'
          ? (coreValues.data ?? []).map((c) => ({ value: c.value, label: c.label }))
          : [];

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    setNotice(null);
    try {
      await create.mutateAsync({
        target_type: v.target_type,
        target_id: v.target_type === 'work_result' || v.target_type === 'indicator' ? v.target || null : null,
        core_value: v.target_type === 'core_value' ? ((v.target || null) as ContinuousFeedbackView['core_value']) : null,
        period_id: v.period_id || null,
        body: v.body.trim(),
        visibility: isAppraiser ? v.visibility : 'employee',
      });
      reset({ ...v, body: '' });
      setNotice(t('fb.saved'));
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422) {
        const rest = applyFieldErrors(problem, setError, ['body', 'visibility', 'period_id'], { target_id: 'target', core_value: 'target' });
        if (rest.length === 0) return;
      }
      setFailure(problem);
    }
  });

  const items = (feedback.data ?? []).filter((f) => !filter || f.period_id === filter);

  return (
    <div className="split plans-feedback">
      <section className="stack" aria-labelledby="plans-fb-list">
        <h2 id="plans-fb-list" className="visually-hidden">
          {t('fb.title')}
        </h2>
        <p className="muted">{isOwner ? t('fb.employeeIntro') : t('fb.intro')}</p>
        <SelectField
          label={t('fb.filterPeriod')}
          value={filter}
          placeholder={t('common.all')}
          options={periods.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(e) => setFilter(e.target.value)}
        />
        {feedback.isPending ? <Spinner label={t('common.loading')} /> : null}
        {feedback.error ? <ProblemAlert problem={toProblem(feedback.error, 0)} /> : null}
        {feedback.data && items.length === 0 ? <p className="muted">{t('fb.empty')}</p> : null}
        <ol className="plans-notes">
          {items.map((f) => (
            <li key={f.id} className={f.author_role === 'appraiser' ? 'plans-note plans-note-appraiser' : 'plans-note'}>
              <div className="plans-note-head">
                <StatusBadge tone={f.author_role === 'appraiser' ? 'info' : 'neutral'}>
                  {t(`fb.by.${f.author_role === 'appraiser' ? 'appraiser' : 'employee'}`)}
                </StatusBadge>
                <span>
                  {t(`fb.targetTypes.${f.target_type}`)}
                  {targetLabel(f) ? `: ${targetLabel(f)}` : ''}
                </span>
                {f.visibility === 'private_to_appraiser' ? <StatusBadge tone="warning">{t('fb.visibilities.private_to_appraiser')}</StatusBadge> : null}
              </div>
              <p className="plans-preline">{f.body}</p>
              <small className="muted">
                {periodName(f.period_id) ? `${periodName(f.period_id)} · ` : ''}
                {formatDateTime(f.created_at)}
              </small>
            </li>
          ))}
        </ol>
      </section>
      {canWrite ? (
        <form className="card stack plans-form" onSubmit={(e) => void submit(e)} noValidate aria-label={isAppraiser ? t('fb.add') : t('fb.addSelf')}>
          <h2>{isAppraiser ? t('fb.add') : t('fb.addSelf')}</h2>
          <ProblemAlert problem={failure} />
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          <SelectField label={t('fb.targetType')} options={TARGET_TYPES.map((tt) => ({ value: tt, label: t(`fb.targetTypes.${tt}`) }))} {...register('target_type')} />
          {targetType !== 'general' ? (
            <SelectField
              label={t('fb.target')}
              placeholder={t('fb.chooseTarget')}
              options={targetOptions}
              error={errors.target?.message}
              {...register('target', { validate: (v, all) => all.target_type === 'general' || v !== '' || t('common.required') })}
            />
          ) : null}
          <SelectField
            label={t('fb.period')}
            placeholder={t('fb.anyPeriod')}
            options={periods.map((p) => ({ value: p.id, label: p.name }))}
            error={errors.period_id?.message}
            {...register('period_id')}
          />
          <TextAreaField label={t('fb.body')} rows={4} error={errors.body?.message} {...register('body', { validate: (v) => v.trim() !== '' || t('common.required') })} />
          {isAppraiser ? (
            <SelectField
              label={t('fb.visibility')}
              options={(['employee', 'private_to_appraiser'] as const).map((v) => ({ value: v, label: t(`fb.visibilities.${v}`) }))}
              error={errors.visibility?.message}
              {...register('visibility')}
            />
          ) : null}
          <div className="row">
            <Button type="submit" busy={isSubmitting}>
              {t('common.save')}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
