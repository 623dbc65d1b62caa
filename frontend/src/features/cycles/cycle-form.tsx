//! The cycle form: on creation the year, name, period kind, regime and dates; on both creation
//! and edit the policies, pre-filled with their documented defaults and explained in plain
//! words. The server validates; its 422 field errors land on the fields, the rest in a summary.
import { useState } from 'react';
import { useForm, useWatch, type Path } from 'react-hook-form';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { ApiProblem, applyFieldErrors, toProblem } from '@/lib/api';
import type { components } from '@/lib/api';
import { EMPLOYEE_PREDICATES, ORGANISATION_PREDICATES, RATINGS, useAppraisalLabels } from './labels';
import { useCyclesT } from './i18n';
import { POLICY_FIELD_ALIASES, RATER_GROUPS, type PolicyFormValues } from './policies';
import { problemText } from './problem-text';
import { CurveEditor } from './curve-editor';

type S = components['schemas'];

export interface CycleFormValues {
  year: string;
  name: string;
  period_kind: S['PeriodKind'];
  regime: S['Regime'];
  starts_on: string;
  ends_on: string;
  fill_deadline_days: string;
  policies: PolicyFormValues;
}

const BASE_FIELDS = ['year', 'name', 'period_kind', 'regime', 'starts_on', 'ends_on', 'fill_deadline_days'] as const;

/** Every field path of the form, for matching the server's 422 errors. */
function fieldPaths(values: CycleFormValues): Path<CycleFormValues>[] {
  const out: string[] = [...BASE_FIELDS];
  const visit = (prefix: string, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, inner] of Object.entries(v)) visit(`${prefix}.${k}`, inner);
    } else out.push(prefix);
  };
  visit('policies', values.policies);
  return out as Path<CycleFormValues>[];
}

export interface CycleFormProps {
  mode: 'create' | 'edit';
  defaultValues: CycleFormValues;
  onSubmit: (values: CycleFormValues) => Promise<void>;
  onCancel?: () => void;
  submitLabel: string;
}

export function CycleForm({ mode, defaultValues, onSubmit, onCancel, submitLabel }: CycleFormProps) {
  const { t } = useCyclesT();
  const labels = useAppraisalLabels();
  const form = useForm<CycleFormValues>({ defaultValues });
  const { register, handleSubmit, setError, setValue, formState, control } = form;
  const { errors, isSubmitting, dirtyFields } = formState;
  const [failure, setFailure] = useState<{ message: string; unmatched: { field: string; message: string }[] } | null>(null);
  const feedbackOn = useWatch({ control, name: 'policies.feedback_360.is_enabled' });
  const regime = useWatch({ control, name: 'regime' });
  const periodKind = useWatch({ control, name: 'period_kind' });
  const rounding = useWatch({ control, name: 'policies.distribution.policy.rounding' });
  const numeric = regime !== 'pmpanrb6_2022';
  const e = errors.policies;

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await onSubmit(values);
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem instanceof ApiProblem && problem.fieldErrors.length > 0) {
        const unmatched = applyFieldErrors(problem, setError, fieldPaths(values), POLICY_FIELD_ALIASES as Record<string, Path<CycleFormValues>>);
        setFailure({ message: t('form.fixFields'), unmatched });
      } else {
        setFailure({ message: problemText(t, problem), unmatched: [] });
      }
    }
  });

  const num = (min: number, max?: number) => ({
    required: t('common.required'),
    validate: (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n)) return t('form.wholeNumber');
      if (n < min) return t('form.atLeast', { min });
      if (max !== undefined && n > max) return t('form.atMost', { max });
      return true;
    },
  });

  const onYear = (value: string) => {
    const y = Number(value);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) return;
    if (!dirtyFields.name) setValue('name', t('form.defaultName', { year: y }));
    setValue('starts_on', `${y}-01-01`);
    setValue('ends_on', `${y}-12-31`);
  };

  return (
    <form className="stack cy-form" onSubmit={submit} noValidate>
      {failure ? (
        <Alert tone="error" title={failure.message}>
          {failure.unmatched.length ? (
            <ul>
              {failure.unmatched.map((u) => (
                <li key={u.field}>
                  <span className="mono">{u.field}</span>: {u.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}

      <fieldset className="cy-section">
        <legend>{t('form.basics')}</legend>
        <div className="form-grid">
          {mode === 'create' ? (
            <TextField
              label={t('form.year')}
              type="number"
              inputMode="numeric"
              error={errors.year?.message}
              {...register('year', { ...num(2000, 2100), onChange: (ev) => onYear(ev.target.value) })}
            />
          ) : null}
          <TextField label={t('form.name')} error={errors.name?.message} {...register('name', { required: t('common.required'), maxLength: { value: 200, message: t('form.atMostChars', { max: 200 }) } })} />
          {mode === 'create' ? (
            <>
              <SelectField
                label={t('form.periodKind')}
                hint={t(`periodKindHint.${periodKind}`)}
                error={errors.period_kind?.message}
                options={(['monthly', 'quarterly', 'semester'] as const).map((k) => ({ value: k, label: labels.periodKind(k) }))}
                {...register('period_kind')}
              />
              <SelectField
                label={t('form.regime')}
                hint={t(`regimeHint.${regime}`)}
                error={errors.regime?.message}
                options={(['pmpanrb6_2022', 'pmpanrb8_2021', 'pp46_2011'] as const).map((k) => ({ value: k, label: labels.regime(k) }))}
                {...register('regime')}
              />
              <TextField label={t('form.startsOn')} type="date" error={errors.starts_on?.message} {...register('starts_on', { required: t('common.required') })} />
              <TextField label={t('form.endsOn')} type="date" error={errors.ends_on?.message} {...register('ends_on', { required: t('common.required') })} />
              <TextField
                label={t('form.fillDeadlineDays')}
                type="number"
                inputMode="numeric"
                hint={t('form.fillDeadlineDaysHint')}
                error={errors.fill_deadline_days?.message}
                {...register('fill_deadline_days', num(0, 365))}
              />
            </>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="cy-section">
        <legend>{t('policy.planning')}</legend>
        <label className="checkbox">
          <input type="checkbox" {...register('policies.require_hr_review')} />
          {t('policy.requireHrReview')}
        </label>
        <p className="field-hint">{t('policy.requireHrReviewHint')}</p>
        <label className="checkbox">
          <input type="checkbox" {...register('policies.allow_early_rating')} />
          {t('policy.allowEarlyRating')}
        </label>
        <p className="field-hint">{t('policy.allowEarlyRatingHint')}</p>
      </fieldset>

      <fieldset className="cy-section">
        <legend>{t('policy.annualResult')}</legend>
        <div className="cy-radios" role="radiogroup" aria-label={t('policy.annualResult')}>
          {(['last_period', 'appraiser_judgement'] as const).map((v) => (
            <label key={v} className="cy-radio">
              <input type="radio" value={v} {...register('policies.annual_result')} />
              <span>
                <strong>{t(`policy.annual.${v}`)}</strong>
                <span className="muted">{t(`policy.annualHint.${v}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="cy-section">
        <legend>{t('policy.feedback360')}</legend>
        <label className="checkbox">
          <input type="checkbox" {...register('policies.feedback_360.is_enabled')} />
          {t('policy.feedbackEnabled')}
        </label>
        <p className="field-hint">{t('policy.feedbackEnabledHint')}</p>
        {feedbackOn ? (
          <>
            <fieldset className="scopes">
              <legend>{t('policy.raterGroups')}</legend>
              {RATER_GROUPS.map((g) => (
                <label key={g} className="checkbox">
                  <input type="checkbox" value={g} {...register('policies.feedback_360.rater_groups')} />
                  {t(`raterGroup.${g}`)}
                </label>
              ))}
            </fieldset>
            <div className="form-grid">
              <TextField
                label={t('policy.peerCount')}
                type="number"
                hint={t('policy.peerCountHint')}
                error={e?.feedback_360?.peer_count?.message}
                {...register('policies.feedback_360.peer_count', num(0, 20))}
              />
              <TextField
                label={t('policy.anonymityThreshold')}
                type="number"
                hint={t('policy.anonymityThresholdHint')}
                error={e?.feedback_360?.anonymity_threshold?.message}
                {...register('policies.feedback_360.anonymity_threshold', num(2, 20))}
              />
              <TextField
                label={t('policy.feedbackDueDays')}
                type="number"
                hint={t('policy.feedbackDueDaysHint')}
                error={e?.feedback_360?.due_days_after_period_end?.message}
                {...register('policies.feedback_360.due_days_after_period_end', num(1, 90))}
              />
            </div>
          </>
        ) : null}
      </fieldset>

      <fieldset className="cy-section">
        <legend>{t('policy.distribution')}</legend>
        <p className="field-hint">{t('policy.distributionIntro')}</p>
        <div className="cy-radios" role="radiogroup" aria-label={t('policy.enforcement')}>
          {(['soft', 'hard'] as const).map((v) => (
            <label key={v} className="cy-radio">
              <input type="radio" value={v} {...register('policies.distribution.enforcement')} />
              <span>
                <strong>{t(`policy.enforcementKind.${v}`)}</strong>
                <span className="muted">{t(`policy.enforcementHint.${v}`)}</span>
              </span>
            </label>
          ))}
        </div>
        <div className="form-grid">
          <SelectField
            label={t('policy.rounding')}
            hint={t(`policy.roundingHint.${rounding}`)}
            options={(['exact', 'whole_person_in_favour'] as const).map((v) => ({ value: v, label: t(`policy.roundingKind.${v}`) }))}
            {...register('policies.distribution.policy.rounding')}
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" {...register('policies.distribution.include_unit_heads')} />
          {t('policy.includeUnitHeads')}
        </label>
        <p className="field-hint">{t('policy.includeUnitHeadsHint')}</p>
        <CurveEditor form={form} />
      </fieldset>

      <fieldset className="cy-section">
        <legend>{t('policy.leaderMapping')}</legend>
        <p className="field-hint">{t('policy.leaderMappingHint')}</p>
        <div className="form-grid">
          {ORGANISATION_PREDICATES.map((p) => (
            <SelectField
              key={p}
              label={t('policy.leaderMappingFor', { predicate: labels.orgPredicate(p) })}
              options={RATINGS.map((r) => ({ value: r, label: labels.rating(r) }))}
              {...register(`policies.leader_result_mapping.${p}`)}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="cy-section">
        <legend>{t('policy.objection')}</legend>
        <div className="form-grid">
          <TextField
            label={t('policy.objectionDays')}
            type="number"
            hint={t('policy.objectionDaysHint')}
            error={e?.objection?.deadline_days?.message}
            {...register('policies.objection.deadline_days', num(1, 365))}
          />
          <TextField
            label={t('policy.decisionDays')}
            type="number"
            hint={t('policy.decisionDaysHint')}
            error={e?.objection?.decision_days?.message}
            {...register('policies.objection.decision_days', {
              validate: (v: string) => v.trim() === '' || (Number.isInteger(Number(v)) && Number(v) >= 1) || t('form.atLeast', { min: 1 }),
            })}
          />
        </div>
      </fieldset>

      <details className="cy-section cy-advanced">
        <summary>{t('policy.advanced')}</summary>
        <div className="stack">
          <fieldset className="cy-section">
            <legend>{t('policy.promotion')}</legend>
            <p className="field-hint">{t('policy.promotionHint')}</p>
            <div className="form-grid">
              <TextField label={t('policy.minYearsInRank')} type="number" error={e?.promotion?.min_years_in_rank?.message} {...register('policies.promotion.min_years_in_rank', num(0, 40))} />
              <TextField label={t('policy.yearsOfPredicates')} type="number" error={e?.promotion?.years_of_predicates?.message} {...register('policies.promotion.years_of_predicates', num(0, 10))} />
              <SelectField
                label={t('policy.minPredicate')}
                options={EMPLOYEE_PREDICATES.map((p) => ({ value: p, label: labels.predicate(p) }))}
                {...register('policies.promotion.min_predicate')}
              />
            </div>
          </fieldset>
          <fieldset className="cy-section">
            <legend>{t('policy.evidence')}</legend>
            <div className="form-grid">
              <TextField
                label={t('policy.maxFileMb')}
                type="number"
                step="0.5"
                hint={t('policy.maxFileMbHint')}
                error={e?.evidence?.max_file_mb?.message}
                {...register('policies.evidence.max_file_mb', {
                  required: t('common.required'),
                  validate: (v: string) => (Number(v) > 0 && Number(v) <= 50) || t('policy.maxFileMbRange'),
                })}
              />
            </div>
          </fieldset>
          {numeric ? (
            <fieldset className="cy-section">
              <legend>{t('policy.numeric')}</legend>
              <p className="field-hint">{t('policy.numericHint')}</p>
              <div className="form-grid">
                <SelectField
                  label={t('policy.behaviourWeighting')}
                  options={(['standard', 'three_sixty'] as const).map((v) => ({ value: v, label: t(`policy.weighting.${v}`) }))}
                  {...register('policies.numeric.behaviour_weighting')}
                />
                {(['very_good_min', 'good_min', 'fair_min', 'poor_min'] as const).map((k) => (
                  <TextField
                    key={k}
                    label={t(`policy.bounds.${k}`)}
                    inputMode="decimal"
                    error={e?.numeric?.predicate_bounds?.[k]?.message}
                    {...register(`policies.numeric.predicate_bounds.${k}`, { required: t('common.required') })}
                  />
                ))}
              </div>
            </fieldset>
          ) : null}
        </div>
      </details>

      <div className="row cy-form-actions">
        <Button type="submit" busy={isSubmitting}>
          {isSubmitting ? t('common.saving') : submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
