//! Creating an account. Without a password the server makes a temporary one, shown once.
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { applyFieldErrors, toProblem, type ApiProblem, type components } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';
import type { CreateUserBody } from './api';

type Role = components['schemas']['Role'];

interface Values {
  username: string;
  role: Role;
  password: string;
}

export function CreateUserForm({
  roles,
  onCreate,
  extraFields,
}: {
  roles: readonly Role[];
  onCreate: (body: CreateUserBody) => Promise<void>;
  extraFields?: ReactNode;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { username: '', role: 'employee', password: '' } });

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await onCreate({ username: v.username.trim(), role: v.role, password: v.password || null });
      reset();
    } catch (err) {
      const p = toProblem(err, 0);
      if (p.status === 422 && applyFieldErrors(p, setError, ['username', 'role', 'password']).length === 0) return;
      setFailure(p);
    }
  });

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      {failure ? <Alert tone="error">{failure.fieldErrors.length ? failure.fieldErrors.map((e) => `${e.field}: ${e.message}`).join(' · ') : problemMessage(t, failure)}</Alert> : null}
      <div className="row">
        <TextField
          label={t('users.username')}
          autoComplete="off"
          error={errors.username?.message}
          {...register('username', { validate: (v) => v.trim() !== '' || t('common.required') })}
        />
        <SelectField
          label={t('users.role')}
          options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          error={errors.role?.message}
          {...register('role')}
        />
        <TextField
          label={`${t('users.initialPassword')} ${t('common.optional')}`}
          type="password"
          autoComplete="new-password"
          error={errors.password?.message}
          {...register('password')}
        />
        {extraFields}
        <Button type="submit" busy={isSubmitting}>
          {t('users.create')}
        </Button>
      </div>
    </form>
  );
}
