//! The evaluated employee's next step on their evaluation: start, record and submit with a
//! self-assessment, wait, acknowledge receipt of the finalised result, and object within the
//! window. Each button is one of the server's allowed actions; the window's last day is the
//! server's (`allowed.objection_last_day_on`), never computed here.
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { toProblem } from '@/lib/api';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import {
  useAcknowledgeEvaluation,
  useStartEvaluation,
  useSubmitEvaluation,
  useSubmitObjection,
  type EvaluationDetail,
  type ObjectionView,
} from './api';
import { useEvaluationsT } from './i18n';
import { describeProblem, type ProblemText } from './problem';
import { can } from './viewer';

export interface EmployeeActionsProps {
  evaluation: EvaluationDetail;
  etag: string;
  /** The cycle's objection window in days (its policy), to say how long it lasts before it starts. */
  deadlineDays: number | null;
  objection: ObjectionView | null;
}

const REASONS_MIN = 10;

export function EmployeeActions({ evaluation, etag, deadlineDays, objection }: EmployeeActionsProps) {
  const { t } = useEvaluationsT();
  const start = useStartEvaluation(evaluation.id);
  const submit = useSubmitEvaluation(evaluation.id);
  const acknowledge = useAcknowledgeEvaluation(evaluation.id);
  const object = useSubmitObjection(evaluation.id);
  const [dialog, setDialog] = useState<'submit' | 'acknowledge' | 'object' | null>(null);
  const [selfAssessment, setSelfAssessment] = useState('');
  const [reasons, setReasons] = useState('');
  const [reasonsError, setReasonsError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ProblemText | null>(null);
  const predicate = evaluation.effective_predicate ? t(`predicate.${evaluation.effective_predicate}`) : '—';
  const appraiserName = evaluation.appraiser_name ?? null;
  const lastDay = evaluation.allowed.objection_last_day_on ?? null;
  const mayObject = can(evaluation, 'object');

  async function run(action: () => Promise<unknown>, done: string) {
    setNotice(null);
    setFailure(null);
    try {
      await action();
      setNotice(done);
      setDialog(null);
    } catch (err) {
      setDialog(null);
      setFailure(describeProblem(t, toProblem(err, 0)));
    }
  }

  async function fileObjection() {
    if (reasons.trim().length < REASONS_MIN) {
      setReasonsError(t('actions.reasonsTooShort'));
      return;
    }
    setNotice(null);
    setFailure(null);
    try {
      await object.mutateAsync(reasons.trim());
      setNotice(t('actions.objected'));
      setDialog(null);
      setReasons('');
    } catch (err) {
      const p = toProblem(err, 0);
      const field = p.fieldErrors.find((f) => f.field === 'reasons');
      if (p.status === 422 && field) {
        setReasonsError(field.message);
        return;
      }
      setDialog(null);
      setFailure(describeProblem(t, p));
    }
  }

  const s = evaluation.status;
  let body: ReactNode = null;
  if (can(evaluation, 'start')) {
    body = (
      <>
        <p>{t('actions.startHint')}</p>
        <div>
          <Button busy={start.isPending} onClick={() => void run(() => start.mutateAsync(etag), t('actions.started'))}>
            {t('actions.start')}
          </Button>
        </div>
      </>
    );
  } else if (can(evaluation, 'submit')) {
    body = (
      <>
        <p>{t('actions.submitHint')}</p>
        <div className="row">
          <Link className="btn btn-secondary" to={`/plans/${evaluation.plan_id}`}>
            {t('actions.recordRealizations')}
          </Link>
          <Button onClick={() => setDialog('submit')}>{t('actions.submit')}</Button>
        </div>
      </>
    );
  } else if (can(evaluation, 'acknowledge')) {
    body = (
      <>
        <p>{deadlineDays ? t('actions.acknowledgeHint', { days: deadlineDays }) : t('actions.acknowledgeHintNoDays')}</p>
        <div>
          <Button onClick={() => setDialog('acknowledge')}>{t('actions.acknowledge')}</Button>
        </div>
      </>
    );
  } else if (s === 'awaiting_rating') {
    body = <p>{appraiserName ? t('actions.awaiting', { name: appraiserName }) : t('actions.awaitingNoName')}</p>;
  } else if (s === 'rated') {
    body = <p>{t('actions.rated')}</p>;
  } else if (s === 'finalised' && evaluation.received_at) {
    body = (
      <>
        <p>{t('actions.receivedOn', { date: formatDateTime(evaluation.received_at) })}</p>
        {objection ? (
          <p>
            <Link to={`/objections/${objection.id}`}>{t('actions.viewObjection')}</Link>
          </p>
        ) : (
          <>
            {lastDay ? (
              <p data-testid="objection-window">
                <strong>{t(mayObject ? 'actions.window' : 'actions.windowClosed', { date: formatDate(lastDay) })}</strong>
                {deadlineDays ? (
                  <>
                    <br />
                    <small className="muted">{t('actions.windowDays', { days: deadlineDays })}</small>
                  </>
                ) : null}
              </p>
            ) : null}
            {mayObject ? (
              <div>
                <Button onClick={() => setDialog('object')}>{t('actions.object')}</Button>
              </div>
            ) : null}
          </>
        )}
      </>
    );
  } else if (s === 'objected') {
    body = (
      <>
        <p>{t('actions.objectionInProgress')}</p>
        {objection ? <Link to={`/objections/${objection.id}`}>{t('actions.viewObjection')}</Link> : null}
      </>
    );
  } else if (s === 'final') {
    body = (
      <>
        <p>{objection ? t('actions.finalAfterObjection') : t('actions.final')}</p>
        {objection ? <Link to={`/objections/${objection.id}`}>{t('actions.viewObjection')}</Link> : null}
      </>
    );
  } else {
    body = <p className="muted">{t('actions.nothing')}</p>;
  }

  return (
    <section className="card" aria-labelledby="ev-actions-title" data-testid="employee-actions">
      <div className="card-header">
        <h2 id="ev-actions-title">{t('actions.title')}</h2>
      </div>
      <div className="card-body stack">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {failure ? (
          <Alert tone="error" title={failure.title}>
            {failure.detail}
          </Alert>
        ) : null}
        {body}
      </div>
      <Dialog
        open={dialog === 'submit'}
        title={t('actions.submitTitle')}
        onClose={() => setDialog(null)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button variant="secondary" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </Button>
            <Button busy={submit.isPending} onClick={() => void run(() => submit.mutateAsync({ etag, selfAssessment }), t('actions.submitted'))}>
              {t('actions.submit')}
            </Button>
          </>
        }
      >
        <div className="stack">
          <p>{t('actions.submitBody', { name: appraiserName ?? t('detail.appraiser').toLowerCase() })}</p>
          <div className="field">
            <label htmlFor="ev-self-assessment">{t('actions.selfAssessment')}</label>
            <textarea id="ev-self-assessment" rows={4} value={selfAssessment} onChange={(e) => setSelfAssessment(e.target.value)} />
          </div>
        </div>
      </Dialog>
      <Dialog
        open={dialog === 'acknowledge'}
        title={t('actions.acknowledgeTitle')}
        onClose={() => setDialog(null)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button variant="secondary" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </Button>
            <Button busy={acknowledge.isPending} onClick={() => void run(() => acknowledge.mutateAsync(), t('actions.acknowledged'))}>
              {t('actions.acknowledge')}
            </Button>
          </>
        }
      >
        <p>{deadlineDays ? t('actions.acknowledgeBody', { predicate, days: deadlineDays }) : t('actions.acknowledgeBodyNoDays', { predicate })}</p>
      </Dialog>
      <Dialog
        open={dialog === 'object'}
        title={t('actions.objectTitle')}
        onClose={() => setDialog(null)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button variant="secondary" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </Button>
            <Button busy={object.isPending} onClick={() => void fileObjection()}>
              {t('actions.objectSubmit')}
            </Button>
          </>
        }
      >
        <div className="stack">
          <p>{t('actions.objectIntro')}</p>
          {lastDay ? <p className="muted">{t('actions.window', { date: formatDate(lastDay) })}</p> : null}
          <div className={reasonsError ? 'field field-invalid' : 'field'}>
            <label htmlFor="ev-objection-reasons">{t('actions.reasons')}</label>
            <textarea
              id="ev-objection-reasons"
              rows={6}
              value={reasons}
              aria-invalid={reasonsError ? true : undefined}
              aria-describedby="ev-objection-reasons-msg"
              onChange={(e) => {
                setReasons(e.target.value);
                setReasonsError(null);
              }}
            />
            {reasonsError ? (
              <p className="field-error" id="ev-objection-reasons-msg" role="alert">
                {reasonsError}
              </p>
            ) : (
              <p className="field-hint" id="ev-objection-reasons-msg">
                {t('actions.reasonsHint')}
              </p>
            )}
          </div>
        </div>
      </Dialog>
    </section>
  );
}
