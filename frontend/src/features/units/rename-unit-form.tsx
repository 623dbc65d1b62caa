//! Renaming a unit. The update carries If-Match: a 412 means someone else changed the unit
//! since it was read, so the form offers a reload instead of overwriting their change.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { applyFieldErrors, toProblem, type ApiProblem } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';

export interface RenameUnitFormProps {
  name: string;
  onRename: (name: string) => Promise<void>;
  onReload: () => void;
}

export function RenameUnitForm({ name, onRename, onReload }: RenameUnitFormProps) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<{ name: string }>({ values: { name } });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    setDone(false);
    try {
      await onRename(values.name.trim());
      setDone(true);
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422 && applyFieldErrors(problem, setError, ['name']).length === 0) return;
      setFailure(problem);
    }
  });

  const stale = failure?.status === 412;
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      {stale ? (
        <Alert
          tone="warning"
          action={
            <Button
              variant="secondary"
              onClick={() => {
                setFailure(null);
                onReload();
              }}
            >
              {t('common.reload')}
            </Button>
          }
        >
          {t('units.staleReload')}
        </Alert>
      ) : failure ? (
        <Alert tone="error">{problemMessage(t, failure)}</Alert>
      ) : null}
      {done ? <Alert tone="success">{t('units.renamed')}</Alert> : null}
      <div className="row">
        <TextField
          label={t('units.name')}
          error={errors.name?.message}
          {...register('name', { validate: (v) => v.trim() !== '' || t('common.required') })}
        />
        <Button type="submit" busy={isSubmitting}>
          {t('units.rename')}
        </Button>
      </div>
    </form>
  );
}
