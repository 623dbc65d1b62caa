//! The appraiser's rating (PermenPANRB 6/2022): result and behaviour, three levels each, a
//! justification required for above and below (said before the server does), an optional
//! note and innovation. The predicate is never computed here: it is the server's answer.
//! A unit head's result rating follows the organisation predicate: once the server says so
//! (the explanation's `leader_result_mapping` step, or its refusal of a chosen rating), the
//! result rating is shown read-only with the server's reason.
import { useState, type ReactNode } from 'react';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { toProblem } from '@/lib/api';
import { useExplanation, useRateEvaluation, type Evaluation, type EmployeePredicate, type RateBody, type Rating } from './api';
import { useEvaluationsT } from './i18n';
import { PredicatePill, RATINGS } from './labels';
import { describeProblem, type ProblemText } from './problem';

interface Values {
  result: Rating | '';
  resultJustification: string;
  behaviour: Rating | '';
  behaviourJustification: string;
  note: string;
  hasInnovation: boolean;
  innovationNote: string;
}

type Field = 'result' | 'resultJustification' | 'behaviour' | 'behaviourJustification' | 'note' | 'innovationNote';

const SERVER_FIELDS: Record<string, Field> = {
  result_rating: 'result',
  result_justification: 'resultJustification',
  behaviour_rating: 'behaviour',
  behaviour_justification: 'behaviourJustification',
  appraiser_note: 'note',
  innovation_note: 'innovationNote',
};

function needsJustification(r: Rating | '' | null | undefined) {
  return r === 'above' || r === 'below';
}

/** Client-side checks mirroring the API's documented 422s (required ratings, justifications). */
export function checkRating(v: Values, leader: boolean, leaderRating: Rating | null): Partial<Record<Field, 'ratingMissing' | 'justificationMissing'>> {
  const errors: Partial<Record<Field, 'ratingMissing' | 'justificationMissing'>> = {};
  if (!leader && v.result === '') errors.result = 'ratingMissing';
  if (v.behaviour === '') errors.behaviour = 'ratingMissing';
  const result = leader ? leaderRating : v.result;
  if (needsJustification(result) && v.resultJustification.trim() === '') errors.resultJustification = 'justificationMissing';
  if (needsJustification(v.behaviour) && v.behaviourJustification.trim() === '') errors.behaviourJustification = 'justificationMissing';
  return errors;
}

export interface RatingFormProps {
  evaluation: Evaluation;
  etag: string;
  onReload: () => void;
}

export function RatingForm({ evaluation, etag, onReload }: RatingFormProps) {
  const { t } = useEvaluationsT();
  const rerate = evaluation.status === 'rated';
  const explanation = useExplanation(evaluation.id, rerate);
  const leaderStep = explanation.data?.steps.find((s) => s.rule === 'leader_result_mapping');
  const rate = useRateEvaluation(evaluation.id);
  const [values, setValues] = useState<Values>({
    result: evaluation.result_rating ?? '',
    resultJustification: evaluation.result_justification ?? '',
    behaviour: evaluation.behaviour_rating ?? '',
    behaviourJustification: evaluation.behaviour_justification ?? '',
    note: evaluation.appraiser_note ?? '',
    hasInnovation: evaluation.has_innovation,
    innovationNote: evaluation.innovation_note ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  /** Set once the server says the result rating follows the organisation predicate. */
  const [leaderSaid, setLeaderSaid] = useState<{ reason: string | null } | null>(null);
  const [failure, setFailure] = useState<ProblemText | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState<EmployeePredicate | null>(null);
  const leader = leaderSaid ?? (leaderStep ? { reason: leaderStep.outcome } : null);
  const leaderRating = leader ? (evaluation.result_rating ?? null) : null;

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    setSaved(null);
    if (key in errors) setErrors((e) => ({ ...e, [key]: undefined }));
  }

  async function submit() {
    setFailure(null);
    setNotice(null);
    setStale(false);
    setSaved(null);
    const found = checkRating(values, !!leader, leaderRating);
    const next: Partial<Record<Field, string>> = {};
    for (const [f, code] of Object.entries(found) as [Field, string][]) next[f] = t(`rate.${code}`);
    setErrors(next);
    if (Object.keys(next).length > 0) {
      focusField(Object.keys(next)[0] as Field);
      return;
    }
    const body: RateBody = {
      result_rating: leader ? null : (values.result as Rating),
      behaviour_rating: values.behaviour as Rating,
      result_justification: values.resultJustification.trim() || null,
      behaviour_justification: values.behaviourJustification.trim() || null,
      appraiser_note: values.note.trim() || null,
      has_innovation: values.hasInnovation,
      innovation_note: values.hasInnovation ? values.innovationNote.trim() || null : null,
    };
    try {
      const after = await rate.mutateAsync({ etag, body });
      setSaved(after.effective_predicate ?? after.predicate ?? null);
    } catch (err) {
      const p = toProblem(err, 0);
      if (p.status === 412 || p.code === 'stale_version' || p.code === 'if_match_required') {
        setStale(true);
        return;
      }
      if (p.code === 'organisation_predicate_missing') {
        setLeaderSaid({ reason: null });
        setNotice(<Alert tone="warning">{t('rate.orgMissing')}</Alert>);
        return;
      }
      if (p.code === 'period_not_ended' || p.code === 'annual_from_last_period' || p.code === 'self_rating_not_allowed') {
        const key = p.code === 'period_not_ended' ? 'rate.periodNotEnded' : p.code === 'annual_from_last_period' ? 'rate.annualFromLastPeriod' : 'rate.selfRating';
        setNotice(
          <Alert tone="warning" title={t(key)}>
            {p.detail}
          </Alert>,
        );
        return;
      }
      if (p.status === 422 && p.fieldErrors.length > 0) {
        const fieldErrors: Partial<Record<Field, string>> = {};
        const other: string[] = [];
        for (const e of p.fieldErrors) {
          if (e.field === 'result_rating' && e.code === 'leader_result_from_organisation') {
            setLeaderSaid({ reason: e.message });
            setValues((v) => ({ ...v, result: '' }));
            continue;
          }
          const f = SERVER_FIELDS[e.field];
          const message = e.code === 'required' && f?.endsWith('Justification') ? t('rate.justificationMissing') : e.message;
          if (f) fieldErrors[f] = message;
          else other.push(`${e.field}: ${e.message}`);
        }
        setErrors(fieldErrors);
        if (other.length) setFailure({ title: t('problem.validation'), detail: other.join(' · ') });
        const first = Object.keys(fieldErrors)[0] as Field | undefined;
        if (first) focusField(first);
        return;
      }
      setFailure(describeProblem(t, p));
    }
  }

  function focusField(f: Field) {
    const el = document.getElementById(`ev-rate-${f}`) ?? document.querySelector<HTMLElement>(`input[name="ev-rate-${f}"]`);
    el?.focus();
  }

  return (
    <form
      className="stack ev-rating-form"
      noValidate
      aria-labelledby="ev-rate-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="ev-rate-title">{t(rerate ? 'rate.titleRerate' : 'rate.title')}</h2>
      <p className="muted">{t(rerate ? 'rate.rerateIntro' : 'rate.intro')}</p>
      {stale ? (
        <Alert
          tone="warning"
          action={
            <Button variant="secondary" onClick={onReload}>
              {t('common.reload')}
            </Button>
          }
        >
          {t('rate.stale')}
        </Alert>
      ) : null}
      {notice}
      {failure ? (
        <Alert tone="error" title={failure.title}>
          {failure.detail}
        </Alert>
      ) : null}
      {saved ? (
        <Alert tone="success" title={t('rate.saved', { predicate: t(`predicate.${saved}`) })}>
          <PredicatePill predicate={saved} />
        </Alert>
      ) : null}

      {leader ? (
        <div className="ev-readonly" data-testid="leader-result">
          <span className="field-label">{t('rate.result')}</span>
          <div className="row" style={{ alignItems: 'center' }}>
            {leaderRating ? <strong>{t(`rating.${leaderRating}`)}</strong> : <strong>{t('rate.leaderFollows')}</strong>}
          </div>
          <p className="field-hint">{t('rate.leader')}</p>
          {leader.reason ? (
            <p className="field-hint">
              {t('rate.leaderReason')}: {leader.reason}
            </p>
          ) : null}
        </div>
      ) : (
        <RatingChoice name="result" legend={t('rate.result')} value={values.result} error={errors.result} onChange={(r) => set('result', r)} />
      )}
      <Justification
        id="ev-rate-resultJustification"
        label={t('rate.resultJustification')}
        required={needsJustification(leader ? leaderRating : values.result)}
        what={t('rate.resultWhat')}
        rating={leader ? leaderRating : values.result}
        value={values.resultJustification}
        error={errors.resultJustification}
        onChange={(v) => set('resultJustification', v)}
      />
      <RatingChoice name="behaviour" legend={t('rate.behaviour')} value={values.behaviour} error={errors.behaviour} onChange={(r) => set('behaviour', r)} />
      <Justification
        id="ev-rate-behaviourJustification"
        label={t('rate.behaviourJustification')}
        required={needsJustification(values.behaviour)}
        what={t('rate.behaviourWhat')}
        rating={values.behaviour}
        value={values.behaviourJustification}
        error={errors.behaviourJustification}
        onChange={(v) => set('behaviourJustification', v)}
      />
      <div className={errors.note ? 'field field-invalid' : 'field'}>
        <label htmlFor="ev-rate-note">{t('rate.note')}</label>
        <textarea id="ev-rate-note" rows={2} value={values.note} onChange={(e) => set('note', e.target.value)} />
        {errors.note ? <p className="field-error">{errors.note}</p> : null}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={values.hasInnovation} onChange={(e) => set('hasInnovation', e.target.checked)} />
        {t('rate.innovation')}
      </label>
      {values.hasInnovation ? (
        <div className={errors.innovationNote ? 'field field-invalid' : 'field'}>
          <label htmlFor="ev-rate-innovationNote">{t('rate.innovationNote')}</label>
          <textarea id="ev-rate-innovationNote" rows={2} value={values.innovationNote} onChange={(e) => set('innovationNote', e.target.value)} />
          {errors.innovationNote ? <p className="field-error">{errors.innovationNote}</p> : null}
        </div>
      ) : null}
      <div>
        <Button type="submit" busy={rate.isPending}>
          {rate.isPending ? t('common.saving') : t(rerate ? 'rate.saveRerate' : 'rate.save')}
        </Button>
      </div>
    </form>
  );
}

function RatingChoice({
  name,
  legend,
  value,
  error,
  onChange,
}: {
  name: string;
  legend: string;
  value: Rating | '';
  error?: string;
  onChange: (r: Rating) => void;
}) {
  const { t } = useEvaluationsT();
  const errId = `ev-rate-${name}-err`;
  return (
    <fieldset className="ev-scale" aria-invalid={error ? true : undefined} aria-describedby={error ? errId : undefined}>
      <legend className="field-label">{legend}</legend>
      <div className="ev-scale-options">
        {RATINGS.map((r) => (
          <label key={r} className={value === r ? `ev-option ev-option-${r} selected` : `ev-option ev-option-${r}`}>
            <input type="radio" name={`ev-rate-${name}`} value={r} checked={value === r} onChange={() => onChange(r)} />
            <span>{t(`rating.${r}`)}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" id={errId} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function Justification({
  id,
  label,
  required,
  what,
  rating,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  required: boolean;
  what: string;
  rating: Rating | '' | null;
  value: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  const { t } = useEvaluationsT();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label} <span className={required ? 'ev-required' : 'muted'}>{t(required ? 'rate.requiredSuffix' : 'rate.optionalSuffix')}</span>
      </label>
      <textarea
        id={id}
        rows={3}
        value={value}
        required={required}
        aria-required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-msg`}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p className="field-error" id={`${id}-msg`} role="alert">
          {error}
        </p>
      ) : (
        <p className={required && value.trim() === '' ? 'field-hint ev-required' : 'field-hint'} id={`${id}-msg`}>
          {required && rating ? t('rate.justificationRequiredHint', { what, rating: t(`rating.${rating}`).toLowerCase() }) : t('rate.justificationHint')}
        </p>
      )}
    </div>
  );
}
