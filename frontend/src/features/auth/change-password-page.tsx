//! Changing one's own password, forced after a reset (must_change_password) or by choice.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import type { ApiProblem} from '@/lib/api';
import { applyFieldErrors, toProblem } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';
import { changePassword } from './api';
import { useSession } from './session';

interface Values {
  current_password: string;
  new_password: string;
  confirm: string;
}

const MIN_LENGTH = 10;

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { current_password: '', new_password: '', confirm: '' } });

  const submit = handleSubmit(async (values) => {
    if (!user) return;
    setFailure(null);
    try {
      await changePassword(values.current_password, values.new_password);
      navigate('/', { replace: true });
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422) {
        const rest = applyFieldErrors(problem, setError, ['current_password', 'new_password']);
        if (rest.length === 0) return;
      }
      setFailure(problem);
    }
  });

  return (
    <div className="narrow stack">
      <h1>{t('auth.changePasswordTitle')}</h1>
      {user?.must_change_password ? <Alert tone="warning">{t('auth.mustChangePassword')}</Alert> : null}
      {failure ? <Alert tone="error">{problemMessage(t, failure)}</Alert> : null}
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('auth.currentPassword')}
          type="password"
          autoComplete="current-password"
          error={errors.current_password?.message}
          {...register('current_password', { required: t('common.required') })}
        />
        <TextField
          label={t('auth.newPassword')}
          type="password"
          autoComplete="new-password"
          error={errors.new_password?.message}
          {...register('new_password', {
            required: t('common.required'),
            minLength: { value: MIN_LENGTH, message: t('auth.passwordTooShort', { min: MIN_LENGTH }) },
          })}
        />
        <TextField
          label={t('auth.confirmPassword')}
          type="password"
          autoComplete="new-password"
          error={errors.confirm?.message}
          {...register('confirm', {
            validate: (v) => v === getValues('new_password') || t('auth.passwordsDiffer'),
          })}
        />
        <Button type="submit" busy={isSubmitting}>
          {isSubmitting ? t('common.saving') : t('auth.changePassword')}
        </Button>
      </form>
    </div>
  );
}
