//! The appraiser's rating (PermenPANRB 6/2022): result and behaviour, three levels each, a
//! justification required for above and below (said before the server does), an optional
//! note and innovation. The predicate is never computed here: it is the server's answer.
//! A unit head's result rating follows the organisation predicate: the server says so before
//! the first rating (`allowed.leader`), and the form shows that rating read-only with why.
import { useState, type ReactNode } from 'react';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { toProblem } from '@/lib/api';
import { useRateEvaluation, type EmployeePredicate, type Evaluation, type LeaderRating, type RateBody, type Rating } from './api';
import { useEvaluationsT } from './i18n';
import { PredicatePill, RATINGS } from './labels';
import { LeaderResult } from './leader';
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
  /** The server's word that the employee leads their unit, with the rating it gives. */
  leader: LeaderRating | null;
  onReload: () => void;
}

export function RatingForm({ evaluation, etag, leader, onReload }: RatingFormProps) {
  const { t } = useEvaluationsT();
  const rerate = evaluation.status === 'rated';
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
  const [failure, setFailure] = useState<ProblemText | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState<EmployeePredicate | null>(null);
  const leaderRating = leader?.result_rating ?? null;

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
      if (p.code === 'period_not_ended' || p.code === 'annual_from_last_period' || p.code === 'organisation_predicate_missing') {
        // The server's guards moved since the page was read: its words, and a reload.
        setNotice(
          <Alert tone="warning" title={t(`problems.${p.code}`)}>
            {p.detail}
          </Alert>,
        );
        return;
      }
      if (p.status === 422 && p.fieldErrors.length > 0) {
        const fieldErrors: Partial<Record<Field, string>> = {};
        const other: string[] = [];
        for (const e of p.fieldErrors) {
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
        <LeaderResult leader={leader} />
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
