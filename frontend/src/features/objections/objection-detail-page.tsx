//! One objection: the reasons, the contested result, and the decision. The appraiser's
//! superior starts the review, then decides kept or changed (new ratings; the server computes
//! the new predicate) with a required note, after confirming that the decision is final.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card, DetailList } from '@/components/card';
import { Dialog } from '@/components/dialog';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { isAdmin, useSession } from '@/features/auth';
import { PredicatePill, RATINGS, RatingWord, type Evaluation, type Rating } from '@/features/evaluations';
import { toProblem } from '@/lib/api';
import { formatDateTime } from '@/lib/i18n/format';
import { useDecideObjection, useObjection, useReviewObjection, type ObjectionView } from './api';
import { useObjectionsT } from './i18n';
import { ObjectionStatePill, useObjectionSubject } from './labels';
import { describeProblem, type ProblemText } from './problem';
import './objections.css';

export function ObjectionDetailPage() {
  const { objectionId = '' } = useParams();
  const { t } = useObjectionsT();
  const query = useObjection(objectionId);
  const problem = query.error ? toProblem(query.error, 0) : null;
  return (
    <div className="stack">
      <p>
        <Link to="/objections">← {t('detail.back')}</Link>
      </p>
      {query.isPending ? <Spinner label={t('common.loading')} /> : null}
      {problem ? (
        problem.status === 404 ? (
          <Alert tone="error">{t('detail.notFound')}</Alert>
        ) : (
          <Alert tone="error" title={describeProblem(t, problem).title}>
            {describeProblem(t, problem).detail}
          </Alert>
        )
      ) : null}
      {query.data ? <ObjectionScreen objection={query.data.objection} etag={query.data.etag} onReload={() => void query.refetch()} /> : null}
    </div>
  );
}

export function ObjectionScreen({ objection, etag, onReload }: { objection: ObjectionView; etag: string; onReload: () => void }) {
  const { t } = useObjectionsT();
  const { user } = useSession();
  const subject = useObjectionSubject(objection.evaluation_id);
  const mine = user?.employee_id === objection.submitted_by;
  const decider = !!user?.employee_id && user.employee_id === objection.decider_employee_id;
  const decided = objection.status === 'decided_kept' || objection.status === 'decided_changed';
  // HR records the decision of a superior without an account (the server checks which).
  const hrRecorder = isAdmin(user) && !decider;
  const [onBehalf, setOnBehalf] = useState(hrRecorder && !!objection.decider_external_id);
  return (
    <>
      <PageHeader
        title={mine ? t('detail.titleMine') : t('detail.title', { name: subject.name || '…' })}
        subtitle={t('detail.subtitle', { period: subject.period || '…' })}
        actions={<ObjectionStatePill status={objection.status} />}
      />
      <div className="ob-layout">
        <div className="stack">
          <Card title={t('detail.reasons')}>
            <div className="stack">
              <p className="ob-reasons">{objection.reasons}</p>
              <DetailList
                items={[
                  { label: t('detail.submittedBy'), value: subject.name || '…' },
                  { label: t('detail.submittedAt'), value: formatDateTime(objection.submitted_at) },
                  {
                    label: t('detail.decider'),
                    value: (
                      <>
                        {subject.superior ? (
                          <>
                            {subject.superior}
                            <br />
                          </>
                        ) : null}
                        <small className="muted">{objection.decider_external_id ? t('detail.deciderExternal') : t('detail.deciderRole')}</small>
                      </>
                    ),
                  },
                ]}
              />
            </div>
          </Card>
          {subject.evaluation ? <Contested evaluation={subject.evaluation} decided={decided} /> : null}
        </div>
        <div className="stack">
          {decided ? <Decision objection={objection} superior={subject.superior} /> : null}
          {!decided && decider ? (
            <DeciderPanel objection={objection} etag={etag} current={subject.evaluation} onReload={onReload} onBehalf={false} />
          ) : null}
          {!decided && !decider && !onBehalf ? (
            <Alert tone="info">{objection.status === 'submitted' ? t('detail.waiting') : t('detail.underReview')}</Alert>
          ) : null}
          {!decided && hrRecorder && !onBehalf ? (
            <div className="card ob-offer">
              <p>{t('decide.onBehalfOffer')}</p>
              <div>
                <Button variant="secondary" onClick={() => setOnBehalf(true)}>
                  {t('decide.onBehalfOpen')}
                </Button>
              </div>
              <small className="muted">{t('decide.onBehalfHint')}</small>
            </div>
          ) : null}
          {!decided && hrRecorder && onBehalf ? (
            <DeciderPanel objection={objection} etag={etag} current={subject.evaluation} onReload={onReload} onBehalf />
          ) : null}
        </div>
      </div>
    </>
  );
}

function Contested({ evaluation, decided }: { evaluation: Evaluation; decided: boolean }) {
  const { t } = useObjectionsT();
  return (
    <Card
      title={t(decided ? 'detail.finalResult' : 'detail.contested')}
      actions={
        <Link className="btn btn-link" to={`/evaluations/${evaluation.id}`}>
          {t('detail.openEvaluation')}
        </Link>
      }
    >
      <DetailList
        items={[
          {
            label: t('detail.result'),
            value: (
              <>
                <RatingWord rating={evaluation.result_rating} />
                {evaluation.result_justification ? <p className="ob-quote">{evaluation.result_justification}</p> : null}
              </>
            ),
          },
          {
            label: t('detail.behaviour'),
            value: (
              <>
                <RatingWord rating={evaluation.behaviour_rating} />
                {evaluation.behaviour_justification ? <p className="ob-quote">{evaluation.behaviour_justification}</p> : null}
              </>
            ),
          },
          { label: t('detail.predicate'), value: <PredicatePill predicate={evaluation.effective_predicate} /> },
        ]}
      />
    </Card>
  );
}

function Decision({ objection, superior }: { objection: ObjectionView; superior: string | null }) {
  const { t } = useObjectionsT();
  const changed = objection.outcome === 'changed';
  return (
    <section className="card ob-decision" aria-labelledby="ob-decision-title" data-testid="objection-decision">
      <div className="card-header">
        <h2 id="ob-decision-title">{t('detail.decision')}</h2>
      </div>
      <div className="card-body stack">
        <Alert tone={changed ? 'success' : 'info'} title={objection.outcome ? t(`outcome.${objection.outcome}`) : t(`state.${objection.status}`)}>
          {t('detail.final')}
        </Alert>
        <DetailList
          items={[
            { label: t('detail.decidedAt'), value: formatDateTime(objection.decided_at) },
            // Recorded by HR: the server names the superior; in person: the superior named by the evaluation.
            ...(objection.recorded_by || superior || objection.decided_by
              ? [{ label: t('detail.decidedBy'), value: objection.recorded_by ? objection.decided_by : (superior ?? objection.decided_by) }]
              : []),
            ...(objection.decision_document ? [{ label: t('detail.document'), value: <span data-testid="decision-document">{objection.decision_document}</span> }] : []),
            ...(objection.recorded_by
              ? [{ label: t('detail.recordedBy'), value: <span data-testid="recorded-by">{t('detail.recordedByValue', { who: objection.recorded_by })}</span> }]
              : []),
            { label: t('detail.note'), value: <span className="ob-reasons">{objection.decision_note ?? '—'}</span> },
            ...(changed
              ? [
                  { label: t('detail.newResult'), value: <RatingWord rating={objection.new_result_rating} /> },
                  { label: t('detail.newBehaviour'), value: <RatingWord rating={objection.new_behaviour_rating} /> },
                  { label: t('detail.newPredicate'), value: <PredicatePill predicate={objection.new_predicate} /> },
                ]
              : []),
          ]}
        />
      </div>
    </section>
  );
}

type Outcome = 'kept' | 'changed';

function DeciderPanel({
  objection,
  etag,
  current,
  onReload,
  onBehalf,
}: {
  objection: ObjectionView;
  etag: string;
  /** The contested evaluation, for the current ratings. */
  current: Evaluation | undefined;
  onReload: () => void;
  /** HR records the decision of a superior who has no account: the decision letter is required. */
  onBehalf: boolean;
}) {
  const { t } = useObjectionsT();
  const review = useReviewObjection(objection.id);
  const decide = useDecideObjection(objection.id);
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [result, setResult] = useState<Rating | ''>('');
  const [behaviour, setBehaviour] = useState<Rating | ''>('');
  const [note, setNote] = useState('');
  const [letter, setLetter] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'outcome' | 'result' | 'behaviour' | 'note' | 'document', string>>>({});
  const [failure, setFailure] = useState<ProblemText | null>(null);
  const [stale, setStale] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  function onProblem(err: unknown) {
    const p = toProblem(err, 0);
    if (p.status === 412) {
      setStale(true);
      return;
    }
    if (p.status === 422 && p.fieldErrors.length) {
      const map: Record<string, 'outcome' | 'result' | 'behaviour' | 'note' | 'document'> = {
        outcome: 'outcome',
        result_rating: 'result',
        behaviour_rating: 'behaviour',
        note: 'note',
        decision_document: 'document',
      };
      const next: typeof errors = {};
      const other: string[] = [];
      for (const e of p.fieldErrors) {
        const f = map[e.field];
        if (f) next[f] = e.message;
        else other.push(`${e.field}: ${e.message}`);
      }
      setErrors(next);
      if (other.length) setFailure({ title: t('problem.validation'), detail: other.join(' · ') });
      return;
    }
    setFailure(describeProblem(t, p));
  }

  async function startReview() {
    setFailure(null);
    setStale(false);
    try {
      await review.mutateAsync(etag);
      setNotice(t('decide.reviewed'));
    } catch (err) {
      onProblem(err);
    }
  }

  function check(): boolean {
    const next: typeof errors = {};
    if (outcome === '') next.outcome = t('decide.outcomeRequired');
    if (outcome === 'changed' && result === '') next.result = t('decide.ratingRequired');
    if (outcome === 'changed' && behaviour === '') next.behaviour = t('decide.ratingRequired');
    if (note.trim() === '') next.note = t('decide.noteRequired');
    if (onBehalf && letter.trim() === '') next.document = t('decide.documentRequired');
    setErrors(next);
    return Object.keys(next).length === 0;
  }

  async function submit() {
    setFailure(null);
    setStale(false);
    try {
      const after = await decide.mutateAsync({
        etag,
        body: {
          outcome: outcome as Outcome,
          note: note.trim(),
          result_rating: outcome === 'changed' ? (result as Rating) : null,
          behaviour_rating: outcome === 'changed' ? (behaviour as Rating) : null,
          ...(onBehalf ? { decision_document: letter.trim() } : {}),
        },
      });
      setConfirming(false);
      setNotice(
        after.outcome === 'changed' && after.new_predicate
          ? t('decide.decidedChanged', { predicate: t(`evaluations:predicate.${after.new_predicate}`) })
          : t('decide.decided'),
      );
    } catch (err) {
      setConfirming(false);
      onProblem(err);
    }
  }

  const alerts = (
    <>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {stale ? (
        <Alert
          tone="warning"
          action={
            <Button variant="secondary" onClick={onReload}>
              {t('common.reload')}
            </Button>
          }
        >
          {t('decide.stale')}
        </Alert>
      ) : null}
      {failure ? (
        <Alert tone="error" title={failure.title}>
          {failure.detail}
        </Alert>
      ) : null}
    </>
  );

  if (objection.status === 'submitted') {
    return (
      <Card title={t(onBehalf ? 'decide.onBehalfTitle' : 'decide.title')}>
        <div className="stack">
          {alerts}
          {onBehalf ? <Alert tone="info">{t('decide.onBehalfExternal')}</Alert> : null}
          <p>{t('decide.reviewIntro')}</p>
          <div>
            <Button busy={review.isPending} onClick={() => void startReview()}>
              {t('decide.review')}
            </Button>
          </div>
        </div>
      </Card>
    );
  }

  return (
    <section className="card ob-decide" aria-labelledby="ob-decide-title" data-testid="decide-form">
      <div className="card-header">
        <h2 id="ob-decide-title">{t(onBehalf ? 'decide.onBehalfTitle' : 'decide.title')}</h2>
      </div>
      <form
        className="card-body stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (check()) setConfirming(true);
        }}
      >
        {alerts}
        {onBehalf ? <Alert tone="info">{t('decide.onBehalfExternal')}</Alert> : null}
        <p className="muted">{t('decide.intro')}</p>
        <fieldset className="ob-choice" aria-invalid={errors.outcome ? true : undefined}>
          <legend className="field-label">{t('decide.outcome')}</legend>
          {(['kept', 'changed'] as const).map((o) => (
            <label key={o} className={outcome === o ? 'ob-option selected' : 'ob-option'}>
              <input type="radio" name="ob-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
              <span>
                <strong>{t(`decide.${o}`)}</strong>
                <small className="muted">{t(o === 'kept' ? 'decide.keptHint' : 'decide.changedHint')}</small>
              </span>
            </label>
          ))}
          {errors.outcome ? (
            <p className="field-error" role="alert">
              {errors.outcome}
            </p>
          ) : null}
        </fieldset>
        {outcome === 'changed' ? (
          <>
            <RatingChoice name="result" legend={t('decide.newResult')} current={current?.result_rating} value={result} error={errors.result} onChange={setResult} />
            <RatingChoice
              name="behaviour"
              legend={t('decide.newBehaviour')}
              current={current?.behaviour_rating}
              value={behaviour}
              error={errors.behaviour}
              onChange={setBehaviour}
            />
          </>
        ) : null}
        <div className={errors.note ? 'field field-invalid' : 'field'}>
          <label htmlFor="ob-note">
            {t('decide.note')} <span className="ob-required">*</span>
          </label>
          <textarea
            id="ob-note"
            rows={4}
            value={note}
            required
            aria-required
            aria-invalid={errors.note ? true : undefined}
            aria-describedby="ob-note-msg"
            onChange={(e) => {
              setNote(e.target.value);
              setErrors((x) => ({ ...x, note: undefined }));
            }}
          />
          {errors.note ? (
            <p className="field-error" id="ob-note-msg" role="alert">
              {errors.note}
            </p>
          ) : (
            <p className="field-hint" id="ob-note-msg">
              {t('decide.noteHint')}
            </p>
          )}
        </div>
        {onBehalf ? (
          <div className={errors.document ? 'field field-invalid' : 'field'}>
            <label htmlFor="ob-document">
              {t('decide.document')} <span className="ob-required">*</span>
            </label>
            <input
              id="ob-document"
              value={letter}
              required
              aria-required
              aria-invalid={errors.document ? true : undefined}
              aria-describedby="ob-document-msg"
              onChange={(e) => {
                setLetter(e.target.value);
                setErrors((x) => ({ ...x, document: undefined }));
              }}
            />
            {errors.document ? (
              <p className="field-error" id="ob-document-msg" role="alert">
                {errors.document}
              </p>
            ) : (
              <p className="field-hint" id="ob-document-msg">
                {t('decide.documentHint')}
              </p>
            )}
          </div>
        ) : null}
        <div>
          <Button type="submit">{t('decide.submit')}</Button>
        </div>
      </form>
      <Dialog
        open={confirming}
        title={t('decide.confirmTitle')}
        onClose={() => setConfirming(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button busy={decide.isPending} onClick={() => void submit()}>
              {t('decide.confirm')}
            </Button>
          </>
        }
      >
        <p>
          {outcome === 'changed'
            ? t('decide.confirmChanged', {
                result: result ? t(`evaluations:rating.${result}`).toLowerCase() : '',
                behaviour: behaviour ? t(`evaluations:rating.${behaviour}`).toLowerCase() : '',
              })
            : t('decide.confirmKept')}
        </p>
      </Dialog>
    </section>
  );
}

function RatingChoice({
  name,
  legend,
  current,
  value,
  error,
  onChange,
}: {
  name: string;
  legend: string;
  current: Rating | null | undefined;
  value: Rating | '';
  error?: string;
  onChange: (r: Rating) => void;
}) {
  const { t } = useObjectionsT();
  return (
    <fieldset className="ob-choice" aria-invalid={error ? true : undefined}>
      <legend className="field-label">{legend}</legend>
      {current ? <small className="muted">{t('decide.current', { rating: t(`evaluations:rating.${current}`) })}</small> : null}
      <div className="ob-scale">
        {RATINGS.map((r) => (
          <label key={r} className={value === r ? 'ob-option selected' : 'ob-option'}>
            <input type="radio" name={`ob-${name}`} value={r} checked={value === r} onChange={() => onChange(r)} />
            <span>{t(`evaluations:rating.${r}`)}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
