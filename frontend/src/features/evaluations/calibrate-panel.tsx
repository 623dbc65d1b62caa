//! HR's calibration of a rated evaluation before finalisation: the predicate HR sets, with the
//! reason the distribution needs (kept beside the rated predicate, which stays as it was).
import { useState } from 'react';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField } from '@/components/field';
import { toProblem } from '@/lib/api';
import { useCalibrateEvaluation, type EmployeePredicate, type Evaluation } from './api';
import { useEvaluationsT } from './i18n';
import { PREDICATES, PredicatePill } from './labels';
import { describeProblem, type ProblemText } from './problem';

export function CalibratePanel({ evaluation }: { evaluation: Evaluation }) {
  const { t } = useEvaluationsT();
  const calibrate = useCalibrateEvaluation(evaluation.id);
  const [predicate, setPredicate] = useState<EmployeePredicate | ''>(evaluation.calibrated_predicate ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ predicate?: string; reason?: string }>({});
  const [failure, setFailure] = useState<ProblemText | null>(null);
  const [done, setDone] = useState<EmployeePredicate | null>(null);

  async function submit() {
    setFailure(null);
    setDone(null);
    const next: typeof errors = {};
    if (predicate === '') next.predicate = t('calibrate.predicateRequired');
    if (reason.trim() === '') next.reason = t('calibrate.reasonRequired');
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      await calibrate.mutateAsync({ predicate: predicate as EmployeePredicate, reason: reason.trim() });
      setDone(predicate as EmployeePredicate);
      setReason('');
    } catch (err) {
      const p = toProblem(err, 0);
      const field = (name: string) => p.fieldErrors.find((f) => f.field === name)?.message;
      if (p.status === 422 && (field('predicate') || field('reason'))) {
        setErrors({ predicate: field('predicate'), reason: field('reason') });
        return;
      }
      setFailure(describeProblem(t, p));
    }
  }

  return (
    <form
      className="stack"
      noValidate
      aria-label={t('calibrate.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="muted">{t('calibrate.intro')}</p>
      <p>
        {t('calibrate.rated')} <PredicatePill predicate={evaluation.predicate} />
      </p>
      {done ? <Alert tone="success">{t('calibrate.done', { predicate: t(`predicate.${done}`) })}</Alert> : null}
      {failure ? (
        <Alert tone="error" title={failure.title}>
          {failure.detail}
        </Alert>
      ) : null}
      <SelectField
        label={t('calibrate.predicate')}
        value={predicate}
        placeholder={t('calibrate.choose')}
        error={errors.predicate}
        options={PREDICATES.map((p) => ({ value: p, label: t(`predicate.${p}`) }))}
        onChange={(e) => {
          setPredicate(e.target.value as EmployeePredicate | '');
          setErrors((x) => ({ ...x, predicate: undefined }));
        }}
      />
      <div className={errors.reason ? 'field field-invalid' : 'field'}>
        <label htmlFor="ev-calibrate-reason">{t('calibrate.reason')}</label>
        <textarea
          id="ev-calibrate-reason"
          rows={3}
          value={reason}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby="ev-calibrate-reason-msg"
          onChange={(e) => {
            setReason(e.target.value);
            setErrors((x) => ({ ...x, reason: undefined }));
          }}
        />
        {errors.reason ? (
          <p className="field-error" id="ev-calibrate-reason-msg" role="alert">
            {errors.reason}
          </p>
        ) : (
          <p className="field-hint" id="ev-calibrate-reason-msg">
            {t('calibrate.reasonHint')}
          </p>
        )}
      </div>
      <div>
        <Button type="submit" variant="secondary" busy={calibrate.isPending}>
          {t('calibrate.submit')}
        </Button>
      </div>
    </form>
  );
}
