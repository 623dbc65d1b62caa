//! Form controls the plan screens need beyond the shared ones: a labelled textarea with its
//! error wired for assistive technology, and a confirmation dialog.
import { forwardRef, useId, useState, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import type { ApiProblem } from '@/lib/api';
import { toProblem } from '@/lib/api';
import type { ProblemContext } from './format';
import { usePlansT } from './i18n';
import { ProblemAlert } from './problem-alert';

export interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
}

export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField(
  { label, error, hint, id, rows = 3, ...rest },
  ref,
) {
  const generated = useId();
  const fieldId = id ?? generated;
  const described = error ? `${fieldId}-error` : hint ? `${fieldId}-hint` : undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={fieldId}>{label}</label>
      <textarea ref={ref} id={fieldId} rows={rows} aria-invalid={error ? true : undefined} aria-describedby={described} {...rest} />
      {hint && !error ? (
        <p className="field-hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
});

/** Asks before a consequential action; shows the server's refusal in place. */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  danger = false,
  onConfirm,
  onClose,
  context,
}: {
  open: boolean;
  title: ReactNode;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  context?: ProblemContext;
}) {
  const { t } = usePlansT();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const close = () => {
    setFailure(null);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm();
      close();
    } catch (err) {
      setFailure(toProblem(err, 0));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} busy={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="stack">
        <ProblemAlert problem={failure} context={context} />
        <p>{message}</p>
      </div>
    </Dialog>
  );
}
