//! A dialog that asks for one required reason and submits it; the server's 422 on `reason`
//! lands on the field, anything else is shown above the buttons.
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { problemText } from '@/features/cycles';
import { ApiProblem, applyFieldErrors, toProblem } from '@/lib/api';
import { useCalibrationT } from './i18n';

export function ReasonDialog({
  open,
  title,
  intro,
  label,
  hint,
  initial = '',
  submitLabel,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  intro?: ReactNode;
  label: string;
  hint?: string;
  initial?: string;
  submitLabel: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const { t } = useCalibrationT();
  return (
    <Dialog open={open} title={title} onClose={onClose} closeLabel={t('common.close')}>
      {open ? <ReasonForm intro={intro} label={label} hint={hint} initial={initial} submitLabel={submitLabel} onCancel={onClose} onSubmit={onSubmit} /> : null}
    </Dialog>
  );
}

function ReasonForm({
  intro,
  label,
  hint,
  initial,
  submitLabel,
  onCancel,
  onSubmit,
}: {
  intro?: ReactNode;
  label: string;
  hint?: string;
  initial: string;
  submitLabel: string;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const { t } = useCalibrationT();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<{ reason: string }>({ defaultValues: { reason: initial } });
  const error = formState.errors.reason?.message;
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await onSubmit(v.reason.trim());
    } catch (err) {
      const problem = toProblem(err, 0);
      const unmatched = problem instanceof ApiProblem ? applyFieldErrors(problem, setError, ['reason']) : [];
      if (problem.fieldErrors.length === 0 || unmatched.length) setFailure(problemText(t, problem));
    }
  });
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {intro}
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor="reason-text">{label}</label>
        <textarea
          id="reason-text"
          rows={3}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'reason-error' : hint ? 'reason-hint' : undefined}
          {...register('reason', {
            validate: (v) => v.trim().length > 0 || t('reasonRequired'),
            maxLength: { value: 2000, message: t('tooLong', { max: 2000 }) },
          })}
        />
        {error ? (
          <p className="field-error" id="reason-error" role="alert">
            {error}
          </p>
        ) : hint ? (
          <p className="field-hint" id="reason-hint">
            {hint}
          </p>
        ) : null}
      </div>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <div className="row">
        <Button type="submit" busy={formState.isSubmitting}>
          {submitLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
