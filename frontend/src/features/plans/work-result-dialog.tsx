//! Adding or changing a work result (RHK) of a draft plan. A non-JPT main result picks the
//! leader's work result it cascades from (the appraiser's approved plan, from the server's
//! cascade options); when the appraiser has none yet the server's `appraiser_plan_not_approved`
//! is explained with what to do. A JPT result records who assigned it, its perspective and
//! classification.
import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { SelectField, TextField } from '@/components/field';
import { Spinner } from '@/components/spinner';
import { applyFieldErrors, toProblem, type ApiProblem } from '@/lib/api';
import {
  useCascadeOptions,
  useCreateWorkResult,
  useUpdateWorkResult,
  type PlanView,
  type WorkResultView,
} from './api';
import { TextAreaField } from './fields';
import { usePlansT } from './i18n';
import { ProblemAlert } from './problem-alert';

export const PERSPECTIVES = ['penerima_layanan', 'proses_bisnis', 'penguatan_internal', 'anggaran'] as const;

interface Values {
  kind: 'main' | 'additional';
  description: string;
  cascades_from_id: string;
  assigned_by: string;
  perspective: string;
  classification: string;
}

const FIELDS = ['kind', 'description', 'cascades_from_id', 'assigned_by', 'perspective', 'classification'] as const;

export interface WorkResultDialogProps {
  plan: Pick<PlanView, 'id' | 'form' | 'approach' | 'appraiser_name'>;
  /** The result to change; null to add one. */
  workResult: WorkResultView | null;
  /** The kind a new result starts with. */
  initialKind?: 'main' | 'additional';
  open: boolean;
  onClose: () => void;
  onSaved?: (wr: WorkResultView) => void;
}

export function WorkResultDialog({ plan, workResult, initialKind = 'main', open, onClose, onSaved }: WorkResultDialogProps) {
  const { t } = usePlansT();
  const formId = useId();
  const jpt = plan.form === 'jpt';
  const create = useCreateWorkResult(plan.id);
  const update = useUpdateWorkResult(plan.id);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [unmatched, setUnmatched] = useState<{ field: string; message: string }[]>([]);
  const {
    register,
    handleSubmit,
    control,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    values: {
      kind: workResult?.kind ?? initialKind,
      description: workResult?.description ?? '',
      cascades_from_id: workResult?.cascades_from_id ?? '',
      assigned_by: workResult?.assigned_by ?? '',
      perspective: workResult?.perspective ?? '',
      classification: workResult?.classification ?? '',
    },
  });
  const kind = useWatch({ control, name: 'kind' });
  const needsCascade = !jpt && kind === 'main';
  const options = useCascadeOptions(plan.id, open && needsCascade);
  const optionsProblem = options.error ? toProblem(options.error, 0) : null;

  const close = () => {
    setFailure(null);
    setUnmatched([]);
    reset();
    onClose();
  };

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    setUnmatched([]);
    const body = {
      kind: v.kind,
      description: v.description.trim(),
      cascades_from_id: needsCascade ? v.cascades_from_id || null : null,
      assigned_by: jpt ? v.assigned_by.trim() || null : null,
      perspective: jpt && plan.approach === 'quantitative' && v.perspective ? (v.perspective as (typeof PERSPECTIVES)[number]) : null,
      classification: jpt ? v.classification.trim() || null : null,
    };
    try {
      const saved = workResult ? await update.mutateAsync({ id: workResult.id, body }) : await create.mutateAsync(body);
      onSaved?.(saved);
      close();
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422) setUnmatched(applyFieldErrors(problem, setError, FIELDS));
      setFailure(problem);
    }
  });

  return (
    <Dialog
      open={open}
      title={workResult ? t('wr.editTitle') : t('wr.addTitle')}
      onClose={close}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={formId} busy={isSubmitting}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <form id={formId} className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <ProblemAlert problem={failure} unmatched={unmatched} context={{ appraiserName: plan.appraiser_name }} />
        <SelectField
          label={t('wr.kind')}
          options={[
            { value: 'main', label: t('kind.main') },
            { value: 'additional', label: t('kind.additional') },
          ]}
          error={errors.kind?.message}
          {...register('kind')}
        />
        {needsCascade ? (
          options.isPending ? (
            <Spinner label={t('common.loading')} />
          ) : optionsProblem ? (
            optionsProblem.code === 'appraiser_plan_not_approved' ? (
              <Alert tone="warning" title={t('cascadeBlocked.title')}>
                <p>{t('cascadeBlocked.body', { name: plan.appraiser_name || t('cascadeBlocked.fallbackName') })}</p>
                <p className="plans-server-detail">{t('problem.serverSays', { detail: optionsProblem.detail })}</p>
              </Alert>
            ) : (
              <ProblemAlert problem={optionsProblem} />
            )
          ) : (
            <SelectField
              label={t('wr.cascadesFrom')}
              placeholder={t('wr.chooseParent')}
              hint={t('wr.cascadeHint', { name: options.data?.appraiser_name ?? '' })}
              options={(options.data?.work_results ?? []).map((w) => ({ value: w.id, label: w.description }))}
              error={errors.cascades_from_id?.message}
              {...register('cascades_from_id', { validate: (v) => !needsCascade || v !== '' || t('common.required') })}
            />
          )
        ) : null}
        <TextAreaField
          label={t('wr.description')}
          error={errors.description?.message}
          {...register('description', { validate: (v) => v.trim() !== '' || t('common.required') })}
        />
        {jpt ? (
          <>
            <TextField
              label={t('wr.assignedBy')}
              hint={t('wr.assignedByHint')}
              error={errors.assigned_by?.message}
              {...register('assigned_by', { validate: (v, all) => all.kind !== 'main' || v.trim() !== '' || t('common.required') })}
            />
            {plan.approach === 'quantitative' ? (
              <SelectField
                label={t('wr.perspective')}
                hint={t('wr.perspectiveHint')}
                placeholder={t('common.none')}
                options={PERSPECTIVES.map((p) => ({ value: p, label: t(`perspective.${p}`) }))}
                error={errors.perspective?.message}
                {...register('perspective')}
              />
            ) : null}
            <TextField label={t('wr.classification')} error={errors.classification?.message} {...register('classification')} />
          </>
        ) : null}
      </form>
    </Dialog>
  );
}
