//! Setting or changing a unit's organisation predicate for a period (SE MenPANRB 3/2023). A
//! change needs a reason (the server says so with a 422 on `reason`, which lands on the field).
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ORGANISATION_PREDICATES, problemText, useAppraisalLabels, type OrganisationPredicate } from '@/features/cycles';
import { ApiProblem, applyFieldErrors, toProblem } from '@/lib/api';
import { useSetOrgPredicate } from './api';
import { useCalibrationT } from './i18n';

export interface OrgPredicateTarget {
  unitId: string;
  unitName: string;
  current: OrganisationPredicate | null;
}

interface Values {
  predicate: OrganisationPredicate | '';
  basis: string;
  reason: string;
}

export function OrgPredicateDialog({
  target,
  periodId,
  periodName,
  onClose,
  onDone,
}: {
  target: OrgPredicateTarget | null;
  periodId: string;
  periodName: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useCalibrationT();
  return (
    <Dialog
      open={target !== null}
      title={target ? t(target.current ? 'org.changeTitle' : 'org.setTitle', { unit: target.unitName, period: periodName }) : ''}
      onClose={onClose}
      closeLabel={t('common.close')}
    >
      {target ? <OrgPredicateForm key={target.unitId} target={target} periodId={periodId} onCancel={onClose} onDone={onDone} /> : null}
    </Dialog>
  );
}

function OrgPredicateForm({
  target,
  periodId,
  onCancel,
  onDone,
}: {
  target: OrgPredicateTarget;
  periodId: string;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useCalibrationT();
  const labels = useAppraisalLabels();
  const set = useSetOrgPredicate();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: { predicate: target.current ?? '', basis: '', reason: '' },
  });
  const changing = target.current !== null;
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    if (!v.predicate) return;
    try {
      await set.mutateAsync({
        unitId: target.unitId,
        periodId,
        predicate: v.predicate,
        basis: v.basis.trim() || null,
        reason: v.reason.trim() || null,
      });
      onDone(t('org.saved', { unit: target.unitName, predicate: labels.orgPredicate(v.predicate) }));
    } catch (err) {
      const problem = toProblem(err, 0);
      const unmatched = problem instanceof ApiProblem ? applyFieldErrors(problem, setError, ['predicate', 'basis', 'reason']) : [];
      if (problem.fieldErrors.length === 0 || unmatched.length) setFailure(problemText(t, problem));
    }
  });
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <fieldset className="cal-choices">
        <legend>{t('org.predicate')}</legend>
        {ORGANISATION_PREDICATES.map((p) => (
          <label key={p} className="cal-choice">
            <input type="radio" value={p} {...register('predicate', { required: t('org.choose') })} />
            <span>
              <strong>{labels.orgPredicate(p)}</strong>
              {p === target.current ? <span className="muted"> · {t('org.current')}</span> : null}
            </span>
          </label>
        ))}
        {formState.errors.predicate ? (
          <p className="field-error" role="alert">
            {formState.errors.predicate.message}
          </p>
        ) : null}
      </fieldset>
      <div className={formState.errors.basis ? 'field field-invalid' : 'field'}>
        <label htmlFor="org-basis">
          {t('org.basis')} <span className="muted">{t('common.optional')}</span>
        </label>
        <textarea
          id="org-basis"
          rows={2}
          aria-describedby="org-basis-hint"
          aria-invalid={formState.errors.basis ? true : undefined}
          {...register('basis', { maxLength: { value: 4000, message: t('tooLong', { max: 4000 }) } })}
        />
        {formState.errors.basis ? (
          <p className="field-error" role="alert">
            {formState.errors.basis.message}
          </p>
        ) : (
          <p className="field-hint" id="org-basis-hint">
            {t('org.basisHint')}
          </p>
        )}
      </div>
      {changing ? (
        <div className={formState.errors.reason ? 'field field-invalid' : 'field'}>
          <label htmlFor="org-reason">{t('org.reason')}</label>
          <textarea
            id="org-reason"
            rows={3}
            aria-invalid={formState.errors.reason ? true : undefined}
            aria-describedby={formState.errors.reason ? 'org-reason-error' : 'org-reason-hint'}
            {...register('reason', {
              validate: (v) => v.trim().length > 0 || t('org.reasonRequired'),
              maxLength: { value: 2000, message: t('tooLong', { max: 2000 }) },
            })}
          />
          {formState.errors.reason ? (
            <p className="field-error" id="org-reason-error" role="alert">
              {formState.errors.reason.message}
            </p>
          ) : (
            <p className="field-hint" id="org-reason-hint">
              {t('org.reasonHint')}
            </p>
          )}
        </div>
      ) : null}
      <p className="muted">{t('org.effect')}</p>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <div className="row">
        <Button type="submit" busy={formState.isSubmitting}>
          {t('org.submit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
