//! The login form: username or NIP and password, client-side required checks, and the server's
//! answer (wrong credentials, lockout, field errors) shown in place.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import type { ApiProblem} from '@/lib/api';
import { applyFieldErrors, toProblem } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';
import type { Credentials } from './api';

export function LoginForm({ onSubmit, notice }: { onSubmit: (values: Credentials) => Promise<void>; notice?: string }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Credentials>({ defaultValues: { username: '', password: '' } });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await onSubmit({ username: values.username.trim(), password: values.password });
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422) applyFieldErrors(problem, setError, ['username', 'password']);
      setFailure(problem);
    }
  });

  const failureText = failure
    ? failure.status === 429
      ? t('problem.too_many_requests')
      : failure.status === 401
        ? t('problem.invalid_credentials')
        : problemMessage(t, failure)
    : null;

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-describedby={failureText ? 'login-failure' : undefined}>
      {notice && !failure ? <Alert tone="info">{notice}</Alert> : null}
      {failureText ? (
        <div id="login-failure">
          <Alert tone={failure?.status === 429 ? 'warning' : 'error'}>{failureText}</Alert>
        </div>
      ) : null}
      <TextField
        label={t('auth.username')}
        autoComplete="username"
        autoFocus
        error={errors.username?.message}
        {...register('username', { validate: (v) => v.trim() !== '' || t('auth.usernameRequired') })}
      />
      <TextField
        label={t('auth.password')}
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...register('password', { required: t('auth.passwordRequired') })}
      />
      <Button type="submit" busy={isSubmitting}>
        {isSubmitting ? t('auth.loggingIn') : t('auth.login')}
      </Button>
    </form>
  );
}
