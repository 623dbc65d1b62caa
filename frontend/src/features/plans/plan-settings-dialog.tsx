//! Changing a draft plan's dates or approach. The update carries If-Match with the ETag read:
//! a 412 means someone changed the plan meanwhile, so the dialog offers a reload instead of
//! overwriting their change.
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { SelectField, TextField } from '@/components/field';
import { applyFieldErrors, toProblem, type ApiProblem } from '@/lib/api';
import { useUpdatePlan, type PlanView } from './api';
import { usePlansT } from './i18n';
import { ProblemAlert } from './problem-alert';

interface Values {
  starts_on: string;
  ends_on: string;
  approach: 'quantitative' | 'qualitative';
}

export function PlanSettingsDialog({ plan, etag, onClose, onReload }: { plan: PlanView; etag: string; onClose: () => void; onReload: () => void }) {
  const { t } = usePlansT();
  const formId = useId();
  const update = useUpdatePlan(plan.id);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [unmatched, setUnmatched] = useState<{ field: string; message: string }[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { starts_on: plan.starts_on, ends_on: plan.ends_on, approach: plan.approach } });
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    setUnmatched([]);
    try {
      await update.mutateAsync({ etag, body: v });
      onClose();
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422) setUnmatched(applyFieldErrors(problem, setError, ['starts_on', 'ends_on', 'approach']));
      setFailure(problem);
    }
  });
  return (
    <Dialog
      open
      title={t('settings.title')}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={formId} busy={isSubmitting}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <form id={formId} className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <ProblemAlert
          problem={failure}
          unmatched={unmatched}
          onReload={() => {
            setFailure(null);
            onReload();
            onClose();
          }}
        />
        <div className="form-grid plans-two">
          <TextField type="date" label={t('create.startsOn')} error={errors.starts_on?.message} {...register('starts_on', { required: t('common.required') })} />
          <TextField
            type="date"
            label={t('create.endsOn')}
            error={errors.ends_on?.message}
            {...register('ends_on', { required: t('common.required'), validate: (v, all) => v >= all.starts_on || t('create.endsBeforeStart') })}
          />
        </div>
        <SelectField
          label={t('create.approach')}
          options={(['quantitative', 'qualitative'] as const).map((a) => ({ value: a, label: t(`approach.${a}`) }))}
          hint={t('settings.approachHint')}
          error={errors.approach?.message}
          {...register('approach')}
        />
      </form>
    </Dialog>
  );
}
