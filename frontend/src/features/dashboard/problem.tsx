//! An API failure on the landing page: the sentence for its code, and the server's own words
//! underneath so that nothing is swallowed.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/alert';
import { toProblem } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';

export function ProblemBox({ error, action }: { error: unknown; action?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) return null;
  const p = toProblem(error, 0);
  const message = problemMessage(t, p);
  return (
    <Alert tone="error" title={message} action={action}>
      {p.detail && p.detail !== message ? p.detail : null}
    </Alert>
  );
}
