//! A problem met on a plan screen, said plainly: our sentence, the server's own words when they
//! add something, every field error the form could not place, and a reload on 412.
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import type { ApiProblem } from '@/lib/api';
import { planProblemMessage, showsServerDetail, type ProblemContext } from './format';
import { usePlansT } from './i18n';

export interface ProblemAlertProps {
  problem: ApiProblem | null | undefined;
  context?: ProblemContext;
  /** Field errors not shown on a field (from `applyFieldErrors`); default: all of them. */
  unmatched?: readonly { field: string; message: string }[];
  onReload?: () => void;
}

export function ProblemAlert({ problem, context, unmatched, onReload }: ProblemAlertProps) {
  const { t, i18n } = usePlansT();
  if (!problem) return null;
  const stale = problem.status === 412 || problem.status === 428;
  const fieldErrors = unmatched ?? problem.fieldErrors;
  return (
    <Alert
      tone={stale ? 'warning' : 'error'}
      action={
        stale && onReload ? (
          <Button variant="secondary" onClick={onReload}>
            {t('common.reload')}
          </Button>
        ) : undefined
      }
    >
      <p>{planProblemMessage(t, problem, { lang: i18n.language, ...context })}</p>
      {fieldErrors.length > 0 ? (
        <ul className="plans-field-errors">
          {fieldErrors.map((e, i) => (
            <li key={i}>
              <span className="mono">{e.field}</span>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {showsServerDetail(problem) ? <p className="plans-server-detail">{t('problem.serverSays', { detail: problem.detail })}</p> : null}
    </Alert>
  );
}
