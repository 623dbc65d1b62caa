//! HR's integrity check of a finalised result: the server recomputes the content hash.
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { toProblem } from '@/lib/api';
import { useVerifyEvaluation } from './api';
import { useEvaluationsT } from './i18n';
import { describeProblem } from './problem';

export function VerifyPanel({ evaluationId }: { evaluationId: string }) {
  const { t } = useEvaluationsT();
  const verify = useVerifyEvaluation(evaluationId);
  const report = verify.data;
  const problem = verify.error ? describeProblem(t, toProblem(verify.error, 0)) : null;
  return (
    <div className="stack" data-testid="verify">
      <p className="muted">{t('verify.intro')}</p>
      <div>
        <Button variant="secondary" busy={verify.isPending} onClick={() => verify.mutate()}>
          {t('verify.run')}
        </Button>
      </div>
      {problem ? (
        <Alert tone="error" title={problem.title}>
          {problem.detail}
        </Alert>
      ) : null}
      {report ? (
        <Alert tone={report.is_intact ? 'success' : 'error'} title={t(report.is_intact ? 'verify.intact' : 'verify.broken')}>
          <div className="ev-hashes">
            <span>{t('verify.stored')}:</span> <code>{report.stored_hash ?? '—'}</code>
            <br />
            <span>{t('verify.computed')}:</span> <code>{report.computed_hash ?? '—'}</code>
            <br />
            <small>{report.message}</small>
          </div>
        </Alert>
      ) : null}
    </div>
  );
}
