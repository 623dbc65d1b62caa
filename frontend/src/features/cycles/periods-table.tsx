//! The periods of a cycle with their dates and fill-in deadline (batas pengisian), and per period
//! the HR batch actions the API offers, each with its result summary.
import { Fragment, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Dialog } from '@/components/dialog';
import { TextField } from '@/components/field';
import { StatusBadge } from '@/components/status-badge';
import { ApiProblem, applyFieldErrors, toProblem } from '@/lib/api';
import { formatDate, formatDateTime, formatNumber } from '@/lib/i18n/format';
import {
  useGenerateEvaluations,
  useGenerateFeedbackRequests,
  useSendFeedbackReminders,
  useUpdatePeriod,
  type CycleView,
  type PeriodView,
} from './api';
import { useCyclesT } from './i18n';
import { problemText } from './problem-text';

export function PeriodsTable({ cycle, canWrite }: { cycle: CycleView; canWrite: boolean }) {
  const { t } = useCyclesT();
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<PeriodView | null>(null);
  const periods = cycle.periods ?? [];
  const batch = canWrite && cycle.status !== 'draft';
  return (
    <Card title={t('periods.title')}>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('periods.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('periods.name')}</th>
              <th scope="col">{t('periods.dates')}</th>
              <th scope="col">{t('periods.deadline')}</th>
              <th scope="col">{t('periods.status')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <Fragment key={p.id}>
                <tr>
                  <th scope="row" className="cy-period-name">
                    {p.name}
                    {p.is_final ? <span className="muted adm-small"> · {t('periods.final')}</span> : null}
                  </th>
                  <td className="nowrap">
                    {formatDate(p.starts_on)} – {formatDate(p.ends_on)}
                  </td>
                  <td className="nowrap">
                    {formatDate(p.fill_deadline_on)}
                    {canWrite ? (
                      <Button variant="link" onClick={() => setEditing(p)} aria-label={t('periods.editDeadlineFor', { name: p.name })}>
                        {t('periods.editDeadline')}
                      </Button>
                    ) : null}
                  </td>
                  <td>
                    {p.status === 'finalised' || p.finalised_at ? (
                      <span className="cy-finalised">
                        <StatusBadge tone="success">{t('periodStatus.finalised')}</StatusBadge>
                        <span className="muted adm-small">{formatDateTime(p.finalised_at)}</span>
                      </span>
                    ) : (
                      <StatusBadge tone="info">{t('periodStatus.open')}</StatusBadge>
                    )}
                  </td>
                  <td>
                    <span className="adm-links">
                      <Link to={`/cycles/${cycle.id}/progress?period=${p.id}`}>{t('periods.progress')}</Link>
                      <Link to={`/calibration?cycle=${cycle.id}&period=${p.id}`}>{t('periods.calibration')}</Link>
                      {batch ? (
                        <Button
                          variant="link"
                          aria-expanded={open === p.id}
                          aria-controls={`period-actions-${p.id}`}
                          onClick={() => setOpen(open === p.id ? null : p.id)}
                        >
                          {t('periods.hrActions')} {open === p.id ? '▴' : '▾'}
                        </Button>
                      ) : null}
                    </span>
                  </td>
                </tr>
                {batch && open === p.id ? (
                  <tr className="cy-period-actions">
                    <td colSpan={5} id={`period-actions-${p.id}`}>
                      <PeriodActions period={p} feedbackEnabled={cycle.policies.feedback_360?.is_enabled !== false} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <DeadlineDialog period={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

function PeriodActions({ period, feedbackEnabled }: { period: PeriodView; feedbackEnabled: boolean }) {
  const { t } = useCyclesT();
  const generate = useGenerateEvaluations();
  const feedback = useGenerateFeedbackRequests();
  const remind = useSendFeedbackReminders();
  return (
    <div className="cy-batch-grid">
      <section className="cy-batch" aria-labelledby={`gen-${period.id}`}>
        <h3 id={`gen-${period.id}`}>{t('batch.generate')}</h3>
        <p className="muted">{t('batch.generateHint')}</p>
        <Button variant="secondary" busy={generate.isPending} onClick={() => generate.mutate(period.id)}>
          {t('batch.generateRun', { name: period.name })}
        </Button>
        {generate.error ? <Alert tone="error">{problemText(t, generate.error)}</Alert> : null}
        {generate.data ? (
          <Alert tone="success">{t('batch.generateDone', { created: formatNumber(generate.data.created), skipped: formatNumber(generate.data.skipped) })}</Alert>
        ) : null}
      </section>
      {feedbackEnabled ? (
        <>
          <section className="cy-batch" aria-labelledby={`fb-${period.id}`}>
            <h3 id={`fb-${period.id}`}>{t('batch.feedback')}</h3>
            <p className="muted">{t('batch.feedbackHint')}</p>
            <Button variant="secondary" busy={feedback.isPending} onClick={() => feedback.mutate(period.id)}>
              {t('batch.feedbackRun', { name: period.name })}
            </Button>
            {feedback.error ? <Alert tone="error">{problemText(t, feedback.error)}</Alert> : null}
            {feedback.data ? (
              <Alert tone="success">
                {t('batch.feedbackDone', {
                  created: formatNumber(feedback.data.created),
                  evaluations: formatNumber(feedback.data.evaluations),
                })}
                <ul>
                  <li>{t('batch.feedbackSelf', { count: feedback.data.created_self })}</li>
                  <li>{t('batch.feedbackAppraiser', { count: feedback.data.created_appraiser })}</li>
                  <li>{t('batch.feedbackPeer', { count: feedback.data.created_peer })}</li>
                  <li>{t('batch.feedbackSubordinate', { count: feedback.data.created_subordinate })}</li>
                </ul>
              </Alert>
            ) : null}
          </section>
          <section className="cy-batch" aria-labelledby={`rem-${period.id}`}>
            <h3 id={`rem-${period.id}`}>{t('batch.remind')}</h3>
            <p className="muted">{t('batch.remindHint')}</p>
            <Button variant="secondary" busy={remind.isPending} onClick={() => remind.mutate(period.id)}>
              {t('batch.remindRun', { name: period.name })}
            </Button>
            {remind.error ? <Alert tone="error">{problemText(t, remind.error)}</Alert> : null}
            {remind.data ? (
              <Alert tone="success">
                {t('batch.remindDone', { reminded: formatNumber(remind.data.reminded), already: formatNumber(remind.data.already_reminded_today) })}
              </Alert>
            ) : null}
          </section>
        </>
      ) : (
        <p className="muted">{t('batch.feedbackOff')}</p>
      )}
    </div>
  );
}

interface DeadlineValues {
  fill_deadline_on: string;
}

export function DeadlineDialog({ period, onClose }: { period: PeriodView | null; onClose: () => void }) {
  const { t } = useCyclesT();
  return (
    <Dialog open={period !== null} title={period ? t('periods.deadlineTitle', { name: period.name }) : ''} onClose={onClose} closeLabel={t('common.close')}>
      {period ? <DeadlineForm key={period.id} period={period} onDone={onClose} /> : null}
    </Dialog>
  );
}

function DeadlineForm({ period, onDone }: { period: PeriodView; onDone: () => void }) {
  const { t } = useCyclesT();
  const update = useUpdatePeriod();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<DeadlineValues>({ defaultValues: { fill_deadline_on: period.fill_deadline_on } });
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await update.mutateAsync({ id: period.id, body: { fill_deadline_on: v.fill_deadline_on } });
      onDone();
    } catch (err) {
      const problem = toProblem(err, 0);
      const unmatched = problem instanceof ApiProblem ? applyFieldErrors(problem, setError, ['fill_deadline_on']) : [];
      if (problem.fieldErrors.length === 0 || unmatched.length) setFailure(problemText(t, problem));
    }
  });
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p className="muted">{t('periods.deadlineHint', { end: formatDate(period.ends_on) })}</p>
      <TextField
        label={t('periods.deadline')}
        type="date"
        min={period.ends_on}
        error={formState.errors.fill_deadline_on?.message}
        {...register('fill_deadline_on', {
          required: t('common.required'),
          validate: (v) => v >= period.ends_on || t('periods.deadlineBeforeEnd', { end: formatDate(period.ends_on) }),
        })}
      />
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <div className="row">
        <Button type="submit" busy={formState.isSubmitting}>
          {t('common.save')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
