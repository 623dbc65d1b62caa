//! "Why is the predicate what it is?": the server's explanation as a readable list of steps in
//! the reader's language. Known rules get this feature's sentence; the server's own wording,
//! the regulation it cites and any figures stay visible, so nothing it said is lost.
import { Alert } from '@/components/alert';
import { Spinner } from '@/components/spinner';
import { toProblem } from '@/lib/api';
import { useExplanation, type Evaluation, type Explanation } from './api';
import { decimal } from './format';
import { useEvaluationsT } from './i18n';
import { PredicatePill } from './labels';
import { describeProblem } from './problem';

/** i18n keys cannot contain dots: `kuadran.result_below` → `kuadran_result_below`. */
export function ruleKey(rule: string): string {
  return rule.replace(/\./g, '_');
}

const NUMERIC_FIELDS = ['capaian_percent', 'category', 'nilai', 'kind', 'total'] as const;

/** The figures of a numeric step (its outcome is a JSON object). */
function numericFigures(outcome: string): { key: string; value: string }[] | null {
  if (!outcome.startsWith('{')) return null;
  try {
    const v = JSON.parse(outcome) as Record<string, unknown>;
    const out: { key: string; value: string }[] = [];
    for (const k of NUMERIC_FIELDS) {
      if (typeof v[k] === 'string' || typeof v[k] === 'number') out.push({ key: k, value: decimal(String(v[k])) });
    }
    const score = v.score as Record<string, unknown> | undefined;
    if (score && typeof score === 'object') {
      for (const k of ['quantity', 'quality', 'time', 'cost', 'total', 'nilai']) {
        if (typeof score[k] === 'string' || typeof score[k] === 'number') out.push({ key: k, value: decimal(String(score[k])) });
      }
    }
    return out;
  } catch {
    return null;
  }
}

export function ExplanationView({
  explanation,
  mine,
  labelFor,
}: {
  explanation: Explanation;
  mine: boolean;
  /** Indicator and work-result descriptions by id, for numeric steps. */
  labelFor?: (id: string) => string | undefined;
}) {
  const { t, i18n } = useEvaluationsT();
  const predicate = explanation.predicate ? t(`predicate.${explanation.predicate}`) : '—';
  const summary = i18n.language === 'en' ? explanation.summary_en : explanation.summary_id;
  return (
    <section className="ev-explanation stack" aria-labelledby="ev-explain-title" data-testid="explanation">
      <h3 id="ev-explain-title">{t(mine ? 'explain.titleMine' : 'explain.title', { predicate })}</h3>
      <div className="ev-summary">
        <PredicatePill predicate={explanation.predicate} />
        <p>{summary}</p>
      </div>
      <h4>{t('explain.steps')}</h4>
      <ol className="ev-steps">
        {explanation.steps.map((step, i) => {
          const key = ruleKey(step.rule);
          const title = t(`explain.rule.${key}`, { defaultValue: step.rule });
          const text = t(`explain.ruleText.${key}`, { defaultValue: '' });
          const figures = numericFigures(step.outcome);
          const ids = figures ? (JSON.parse(step.outcome) as Record<string, unknown>) : null;
          // The server's own words add facts only where the rule carries some (which predicate).
          const showServer = !text || step.rule === 'leader_result_mapping' || step.rule === 'calibration';
          const about = ids && labelFor ? labelFor(String(ids.indicator_id ?? ids.work_result_id ?? '')) : undefined;
          return (
            <li key={i} className="ev-step">
              <strong>{title}</strong>
              {about ? <div>{about}</div> : null}
              {text ? <p>{text}</p> : null}
              {figures ? (
                <dl className="ev-figures">
                  {figures.map((f) => (
                    <div key={f.key}>
                      <dt>{t(`explain.stepValue.${f.key}`, { defaultValue: f.key })}</dt>
                      <dd>{f.value}</dd>
                    </div>
                  ))}
                </dl>
              ) : showServer ? (
                <p className={text ? 'muted ev-server-text' : undefined}>
                  {text ? <span>{t('explain.serverText')}: </span> : null}
                  {step.outcome}
                </p>
              ) : null}
              <small className="muted">{t('explain.citation', { citation: step.citation })}</small>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Loads and shows the explanation of a rated evaluation. */
export function ExplanationPanel({ evaluation, mine, labelFor }: { evaluation: Evaluation; mine: boolean; labelFor?: (id: string) => string | undefined }) {
  const { t } = useEvaluationsT();
  const rated = !['not_started', 'filling', 'awaiting_rating'].includes(evaluation.status);
  const explanation = useExplanation(evaluation.id, rated);
  if (!rated) return <p className="muted">{t('explain.notRated')}</p>;
  if (explanation.isPending) return <Spinner label={t('common.loading')} />;
  if (explanation.error) {
    const p = describeProblem(t, toProblem(explanation.error, 0));
    return (
      <Alert tone="error" title={p.title}>
        {p.detail}
      </Alert>
    );
  }
  return <ExplanationView explanation={explanation.data} mine={mine} labelFor={labelFor} />;
}
