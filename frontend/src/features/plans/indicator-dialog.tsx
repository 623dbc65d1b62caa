//! Adding or changing an indicator (IKI) of a work result: aspect, direction, a target or a
//! target range with its unit (quantitative), the narrative target (qualitative), whether the
//! target is a ceiling, and the system that feeds its realizations.
import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { SelectField, TextField } from '@/components/field';
import { applyFieldErrors, toProblem, type ApiProblem } from '@/lib/api';
import { useCreateIndicator, useUpdateIndicator, type CreateIndicatorBody, type IndicatorView, type PlanView } from './api';
import { trimDecimal } from './format';
import { TextAreaField } from './fields';
import { usePlansT } from './i18n';
import { ProblemAlert } from './problem-alert';

export const ASPECTS = ['quantity', 'quality', 'time', 'cost'] as const;
export const DIRECTIONS = ['higher', 'lower'] as const;

export interface IndicatorValues {
  aspect: (typeof ASPECTS)[number];
  description: string;
  direction: (typeof DIRECTIONS)[number];
  targetKind: 'single' | 'range';
  target: string;
  target_min: string;
  target_max: string;
  unit: string;
  target_text: string;
  is_target_maximum: boolean;
  source_system: string;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function indicatorValues(ind: IndicatorView | null): IndicatorValues {
  const range = !!ind && ind.target_min !== null && ind.target_max !== null && ind.target_min !== ind.target_max;
  return {
    aspect: ind?.aspect ?? 'quantity',
    description: ind?.description ?? '',
    direction: ind?.direction ?? 'higher',
    targetKind: range ? 'range' : 'single',
    target: ind?.target_min ? trimDecimal(ind.target_min) : ind?.target_max ? trimDecimal(ind.target_max) : '',
    target_min: range && ind?.target_min ? trimDecimal(ind.target_min) : '',
    target_max: range && ind?.target_max ? trimDecimal(ind.target_max) : '',
    unit: ind?.unit ?? '',
    target_text: ind?.target_text ?? '',
    is_target_maximum: ind?.is_target_maximum ?? false,
    source_system: ind?.source_system ?? '',
  };
}

/** The API body of the form's values: one target, or a range; empty strings become null. */
export function indicatorBody(v: IndicatorValues): CreateIndicatorBody {
  const opt = (s: string) => (s.trim() === '' ? null : s.trim().replace(',', '.'));
  const body: CreateIndicatorBody = {
    aspect: v.aspect,
    description: v.description.trim(),
    direction: v.direction,
    unit: opt(v.unit),
    target_text: opt(v.target_text),
    is_target_maximum: v.is_target_maximum,
    source_system: opt(v.source_system),
  };
  if (v.targetKind === 'range') {
    body.target_min = opt(v.target_min);
    body.target_max = opt(v.target_max);
  } else {
    body.target = opt(v.target);
  }
  return body;
}

const FIELDS = ['aspect', 'description', 'direction', 'target', 'target_min', 'target_max', 'unit', 'target_text', 'is_target_maximum', 'source_system'] as const;

/** The indicator fields, shared by this dialog and the matrix and template forms. */
export function useIndicatorFieldRules() {
  const { t } = usePlansT();
  const decimal = (v: string) => v.trim() === '' || DECIMAL.test(v.trim().replace(',', '.')) || t('ind.notDecimal');
  return { decimal };
}

export function IndicatorDialog({
  plan,
  workResultId,
  indicator,
  open,
  onClose,
}: {
  plan: Pick<PlanView, 'id' | 'approach'>;
  workResultId: string;
  indicator: IndicatorView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = usePlansT();
  const formId = useId();
  const qualitative = plan.approach === 'qualitative';
  const create = useCreateIndicator(plan.id);
  const update = useUpdateIndicator(plan.id);
  const { decimal } = useIndicatorFieldRules();
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [unmatched, setUnmatched] = useState<{ field: string; message: string }[]>([]);
  const {
    register,
    handleSubmit,
    control,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<IndicatorValues>({ values: indicatorValues(indicator) });
  const targetKind = useWatch({ control, name: 'targetKind' });

  const close = () => {
    setFailure(null);
    setUnmatched([]);
    reset();
    onClose();
  };

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    setUnmatched([]);
    try {
      const body = indicatorBody(v);
      if (indicator) await update.mutateAsync({ id: indicator.id, body });
      else await create.mutateAsync({ workResultId, body });
      close();
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422) setUnmatched(applyFieldErrors(problem, setError, FIELDS));
      setFailure(problem);
    }
  });

  const required = (v: string) => v.trim() !== '' || t('common.required');
  return (
    <Dialog
      open={open}
      title={indicator ? t('ind.editTitle') : t('ind.addTitle')}
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
        <ProblemAlert problem={failure} unmatched={unmatched} />
        <TextAreaField label={t('ind.description')} rows={2} error={errors.description?.message} {...register('description', { validate: required })} />
        <div className="form-grid plans-two">
          <SelectField label={t('ind.aspect')} options={ASPECTS.map((a) => ({ value: a, label: t(`aspect.${a}`) }))} error={errors.aspect?.message} {...register('aspect')} />
          <SelectField
            label={t('ind.direction')}
            options={DIRECTIONS.map((d) => ({ value: d, label: t(`direction.${d}`) }))}
            error={errors.direction?.message}
            {...register('direction')}
          />
        </div>
        {qualitative ? (
          <TextAreaField
            label={t('ind.targetText')}
            hint={t('ind.targetTextHint')}
            rows={2}
            error={errors.target_text?.message}
            {...register('target_text', { validate: required })}
          />
        ) : null}
        <fieldset className="plans-radio-group plans-inline">
          <legend>{t('ind.targetKind')}</legend>
          <label className="plans-radio">
            <input type="radio" value="single" {...register('targetKind')} /> {t('ind.single')}
          </label>
          <label className="plans-radio">
            <input type="radio" value="range" {...register('targetKind')} /> {t('ind.range')}
          </label>
        </fieldset>
        <div className="form-grid plans-three">
          {targetKind === 'range' ? (
            <>
              <TextField
                label={t('ind.targetMin')}
                inputMode="decimal"
                error={errors.target_min?.message}
                {...register('target_min', { validate: (v) => (qualitative ? decimal(v) : required(v) === true ? decimal(v) : required(v)) })}
              />
              <TextField
                label={t('ind.targetMax')}
                inputMode="decimal"
                error={errors.target_max?.message}
                {...register('target_max', { validate: (v) => (qualitative ? decimal(v) : required(v) === true ? decimal(v) : required(v)) })}
              />
            </>
          ) : (
            <TextField
              label={t('ind.target')}
              inputMode="decimal"
              hint={t('ind.decimalHint')}
              error={errors.target?.message}
              {...register('target', { validate: (v) => (qualitative ? decimal(v) : required(v) === true ? decimal(v) : required(v)) })}
            />
          )}
          <TextField label={t('ind.unit')} error={errors.unit?.message} {...register('unit')} />
        </div>
        <label className="checkbox">
          <input type="checkbox" {...register('is_target_maximum')} /> {t('ind.isMaximum')}
        </label>
        <TextField label={t('ind.sourceSystem')} hint={t('ind.sourceSystemHint')} error={errors.source_system?.message} {...register('source_system')} />
      </form>
    </Dialog>
  );
}
