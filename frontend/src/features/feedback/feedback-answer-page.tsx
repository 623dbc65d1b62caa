//! Answering one feedback request: the seven BerAKHLAK core values with their guidelines, a
//! three-level rating and a comment each (required for above and below, said before the
//! server does); save a draft any time, submit once (final, after a confirmation).
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { toProblem, type ApiProblem } from '@/lib/api';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import {
  useCoreValues,
  useMyFeedbackRequest,
  useSaveAnswers,
  useSubmitAnswers,
  type CoreValue,
  type CoreValueInfo,
  type MyFeedbackRequest,
  type Rating,
} from './api';
import {
  CORE_VALUES,
  RATINGS,
  checkAnswers,
  mapAnswerErrors,
  needsComment,
  toFormValues,
  toPayload,
  type AnswerValues,
} from './answers';
import { useFeedbackT } from './i18n';
import { describeProblem, type ProblemText } from './problem';
import './feedback.css';

export function FeedbackAnswerPage() {
  const { requestId = '' } = useParams();
  const { t } = useFeedbackT();
  const request = useMyFeedbackRequest(requestId);
  const coreValues = useCoreValues();
  const error = request.error ?? coreValues.error;
  const problem = error ? toProblem(error, 0) : null;

  return (
    <div className="stack">
      <p>
        <Link to="/feedback">← {t('form.back')}</Link>
      </p>
      {request.isPending || coreValues.isPending ? <Spinner label={t('common.loading')} /> : null}
      {problem ? (
        <Alert tone="error" title={problem.status === 404 ? t('form.notFound') : describeProblem(t, problem).title}>
          {problem.status === 404 ? null : describeProblem(t, problem).detail}
        </Alert>
      ) : null}
      {request.data && coreValues.data ? (
        <AnswerScreen key={request.data.id} request={request.data} coreValues={coreValues.data} />
      ) : null}
    </div>
  );
}

function isAnonymous(role: MyFeedbackRequest['rater_role']) {
  return role === 'peer' || role === 'subordinate';
}

export function AnswerScreen({ request, coreValues }: { request: MyFeedbackRequest; coreValues: readonly CoreValueInfo[] }) {
  const { t } = useFeedbackT();
  const role = t(`role.${request.rater_role}`);
  const submitted = request.status === 'submitted';
  return (
    <>
      <PageHeader
        title={t('form.title', { name: request.employee_name })}
        subtitle={t('form.subtitle', { period: request.period_name, role: role.toLowerCase() })}
        actions={<StatusBadge tone={submitted ? 'success' : 'info'}>{t(`status.${request.status}`, { defaultValue: request.status })}</StatusBadge>}
      />
      <Alert tone="info">{t(isAnonymous(request.rater_role) ? 'form.anonymous' : 'form.attributed', { role: role.toLowerCase() })}</Alert>
      {submitted ? (
        <SubmittedAnswers request={request} coreValues={coreValues} />
      ) : (
        <AnswerForm request={request} coreValues={coreValues} />
      )}
    </>
  );
}

function SubmittedAnswers({ request, coreValues }: { request: MyFeedbackRequest; coreValues: readonly CoreValueInfo[] }) {
  const { t } = useFeedbackT();
  const byValue = new Map(request.answers.map((a) => [a.core_value, a]));
  return (
    <section className="card" aria-labelledby="fb-your-answers">
      <div className="card-header">
        <h2 id="fb-your-answers">{t('form.yourAnswers')}</h2>
      </div>
      <div className="card-body stack">
        <Alert tone="success">{t('form.submittedOn', { at: formatDateTime(request.submitted_at) })}</Alert>
        <dl className="fb-answers">
          {coreValues.map((cv) => {
            const a = byValue.get(cv.value);
            return (
              <div key={cv.value} className="fb-answer-row">
                <dt>{cv.label}</dt>
                <dd>
                  {a ? <RatingPill rating={a.rating} /> : t('common.none')}
                  <p className={a?.comment ? undefined : 'muted'}>{a?.comment ?? t('form.noComment')}</p>
                </dd>
              </div>
            );
          })}
        </dl>
      </div>
    </section>
  );
}

export function RatingPill({ rating }: { rating: Rating }) {
  const { t } = useFeedbackT();
  const tone = rating === 'above' ? 'success' : rating === 'below' ? 'warning' : 'info';
  return <StatusBadge tone={tone}>{t(`rating.${rating}`)}</StatusBadge>;
}

type FieldErrors = Partial<Record<CoreValue, { field: 'rating' | 'comment'; message: string }>>;

function AnswerForm({ request, coreValues }: { request: MyFeedbackRequest; coreValues: readonly CoreValueInfo[] }) {
  const { t } = useFeedbackT();
  const [values, setValues] = useState<AnswerValues>(() => toFormValues(request.answers));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [failure, setFailure] = useState<ProblemText | null>(null);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSaveAnswers(request.id);
  const submit = useSubmitAnswers(request.id);
  const info = new Map(coreValues.map((c) => [c.value, c]));
  const done = CORE_VALUES.filter((cv) => values[cv].rating !== '').length;

  function update(cv: CoreValue, patch: Partial<AnswerValues[CoreValue]>) {
    setValues((v) => ({ ...v, [cv]: { ...v[cv], ...patch } }));
    setSaved(false);
    setErrors((e) => (e[cv] ? { ...e, [cv]: undefined } : e));
  }

  /** Shows the problems found before sending; true when there are none. */
  function check(final: boolean): boolean {
    const found = checkAnswers(values, final);
    const next: FieldErrors = {};
    for (const [cv, code] of Object.entries(found) as [CoreValue, string][]) {
      next[cv] = { field: code === 'rating_missing' || code === 'comment_without_rating' ? 'rating' : 'comment', message: t(`problems.${code}`) };
    }
    setErrors(next);
    const count = Object.keys(next).length;
    if (count === 0) return true;
    setSummary(final ? t('form.fixBeforeSubmit', { count }) : t('form.fixBeforeSave'));
    focusFirst(next);
    return false;
  }

  function focusFirst(errs: FieldErrors) {
    const first = CORE_VALUES.find((cv) => errs[cv]);
    if (!first) return;
    const err = errs[first];
    const el = formRef.current?.querySelector<HTMLElement>(err?.field === 'comment' ? `#fb-comment-${first}` : `input[name="fb-rating-${first}"]`);
    el?.focus();
  }

  function onServerError(err: unknown, order: CoreValue[]) {
    const p: ApiProblem = toProblem(err, 0);
    if (p.status === 422 && p.fieldErrors.length > 0) {
      const mapped = mapAnswerErrors(p.fieldErrors, order);
      const next: FieldErrors = {};
      for (const [cv, e] of Object.entries(mapped.byValue) as [CoreValue, { field: 'rating' | 'comment'; code: string; message: string }][]) {
        next[cv] = { field: e.field, message: t(`problems.${e.code}`, { defaultValue: e.message }) };
      }
      setErrors(next);
      focusFirst(next);
      const general = mapped.general.map((g) => t(`problems.${g.code}`, { defaultValue: g.message }));
      setSummary(general.length ? general.join(' ') : t('form.fixBeforeSubmit', { count: Object.keys(next).length }));
      return;
    }
    setFailure(describeProblem(t, p));
  }

  async function onSaveDraft() {
    setSummary(null);
    setFailure(null);
    if (!check(false)) return;
    const { answers, order } = toPayload(values);
    try {
      await save.mutateAsync(answers);
      setSaved(true);
    } catch (err) {
      onServerError(err, order);
    }
  }

  function onSubmitClick() {
    setSummary(null);
    setFailure(null);
    setSaved(false);
    if (check(true)) setConfirming(true);
  }

  async function onConfirm() {
    const { answers, order } = toPayload(values);
    try {
      await submit.mutateAsync(answers);
      setConfirming(false);
    } catch (err) {
      setConfirming(false);
      onServerError(err, order);
    }
  }

  return (
    <form
      ref={formRef}
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmitClick();
      }}
    >
      <p>{t('form.intro', { name: request.employee_name })}</p>
      {request.due_on ? (
        request.is_overdue ? (
          <Alert tone="warning">{t('form.overdue', { date: formatDate(request.due_on) })}</Alert>
        ) : (
          <p className="muted">{t('form.due', { date: formatDate(request.due_on) })}</p>
        )
      ) : null}
      <div className="fb-progress" aria-live="polite">
        <progress max={7} value={done} aria-hidden="true" />
        <span>{t('form.progress', { done })}</span>
      </div>
      {summary ? <Alert tone="error">{summary}</Alert> : null}
      {failure ? (
        <Alert tone="error" title={failure.title}>
          {failure.detail}
        </Alert>
      ) : null}
      <ol className="fb-values">
        {CORE_VALUES.map((cv, i) => (
          <CoreValueQuestion
            key={cv}
            index={i + 1}
            value={cv}
            info={info.get(cv)}
            answer={values[cv]}
            error={errors[cv]}
            onChange={(patch) => update(cv, patch)}
          />
        ))}
      </ol>
      <div className="fb-actions">
        {saved ? <span role="status" className="fb-saved">{t('form.draftSaved')}</span> : <span />}
        <div className="row">
          <Button variant="secondary" onClick={() => void onSaveDraft()} busy={save.isPending}>
            {save.isPending ? t('common.saving') : t('form.saveDraft')}
          </Button>
          <Button type="submit" busy={submit.isPending}>
            {t('form.submit')}
          </Button>
        </div>
      </div>
      <Dialog
        open={confirming}
        title={t('form.confirmTitle')}
        onClose={() => setConfirming(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void onConfirm()} busy={submit.isPending}>
              {t('form.confirm')}
            </Button>
          </>
        }
      >
        <p>{t('form.confirmBody', { name: request.employee_name })}</p>
      </Dialog>
    </form>
  );
}

function CoreValueQuestion({
  index,
  value,
  info,
  answer,
  error,
  onChange,
}: {
  index: number;
  value: CoreValue;
  info: CoreValueInfo | undefined;
  answer: AnswerValues[CoreValue];
  error: { field: 'rating' | 'comment'; message: string } | undefined;
  onChange: (patch: Partial<AnswerValues[CoreValue]>) => void;
}) {
  const { t } = useFeedbackT();
  const label = info?.label ?? value;
  const required = needsComment(answer.rating);
  const headingId = `fb-h-${value}`;
  const commentId = `fb-comment-${value}`;
  const ratingError = error?.field === 'rating' ? error.message : undefined;
  const commentError = error?.field === 'comment' ? error.message : undefined;
  return (
    <li className={error ? 'fb-value card fb-invalid' : 'fb-value card'}>
      <section aria-labelledby={headingId}>
        <div className="fb-value-head">
          <h3 id={headingId}>
            <span className="fb-index" aria-hidden="true">
              {index}
            </span>
            {label}
          </h3>
        </div>
        {info?.guidelines.length ? (
          <div className="fb-guidelines">
            <span className="muted">{t('form.guidelines')}</span>
            <ul>
              {info.guidelines.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <fieldset className="fb-scale" aria-invalid={ratingError ? true : undefined} aria-describedby={ratingError ? `${headingId}-err` : undefined}>
          <legend className="visually-hidden">{t('form.ratingLegend', { value: label })}</legend>
          {RATINGS.map((r) => (
            <label key={r} className={answer.rating === r ? `fb-option fb-option-${r} selected` : `fb-option fb-option-${r}`}>
              <input type="radio" name={`fb-rating-${value}`} value={r} checked={answer.rating === r} onChange={() => onChange({ rating: r })} />
              <span>{t(`rating.${r}`)}</span>
            </label>
          ))}
        </fieldset>
        {ratingError ? (
          <p className="field-error" id={`${headingId}-err`} role="alert">
            {ratingError}
          </p>
        ) : null}
        <div className={commentError ? 'field field-invalid' : 'field'}>
          <label htmlFor={commentId}>{required ? t('form.commentRequired') : t('form.commentOptional')}</label>
          <textarea
            id={commentId}
            rows={required ? 3 : 2}
            value={answer.comment}
            required={required}
            aria-required={required}
            aria-invalid={commentError ? true : undefined}
            aria-describedby={`${commentId}-msg`}
            onChange={(e) => onChange({ comment: e.target.value })}
          />
          {commentError ? (
            <p className="field-error" id={`${commentId}-msg`} role="alert">
              {commentError}
            </p>
          ) : (
            <p className={required && answer.comment.trim() === '' ? 'field-hint fb-required-hint' : 'field-hint'} id={`${commentId}-msg`}>
              {required ? t('form.commentRequiredHint', { rating: t(`rating.${answer.rating as Rating}`).toLowerCase() }) : t('form.commentHint')}
            </p>
          )}
        </div>
      </section>
    </li>
  );
}
