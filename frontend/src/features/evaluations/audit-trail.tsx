//! The employee's own audit trail (`GET /me/audit-trail`) in plain words: what happened (the
//! action named in the reader's language), who did it (you, or the person behind the account), when,
//! and what changed, field by field with the values as the app names them elsewhere. On an
//! evaluation page it keeps the entries about that evaluation and its objection.
import { useState } from 'react';
import { Alert } from '@/components/alert';
import { SelectField } from '@/components/field';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { useSession } from '@/features/auth';
import { toProblem } from '@/lib/api';
import { formatDate, formatDateTime, formatNumber } from '@/lib/i18n/format';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { useMyAuditTrail, type AuditEntry } from './api';
import { useEvaluationsT } from './i18n';
import { describeProblem } from './problem';
import { actionKey, changesOf } from './trail-words';

const ENTITY_TYPES = [
  'evaluation',
  'objection',
  'plan',
  'work_result',
  'indicator',
  'realization',
  'evidence',
  'continuous_feedback',
  'dialogue',
  'feedback_request',
  'employee',
  'appraiser_assignment',
] as const;

const RATING_FIELDS = new Set(['result_rating', 'behaviour_rating', 'new_result_rating', 'new_behaviour_rating', 'rating']);
const PREDICATE_FIELDS = new Set(['predicate', 'calibrated_predicate', 'new_predicate']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One value as the app names it elsewhere: states, ratings, predicates, dates, yes/no. */
function useValueWords() {
  const { t } = useEvaluationsT();
  return (entityType: string, field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return t(value ? 'trail.yes' : 'trail.no');
    if (typeof value === 'number') return formatNumber(value);
    const text = String(value);
    if (field === 'status') {
      const states: Record<string, string> = { evaluation: 'state', objection: 'trail.objectionState', plan: 'trail.planState', feedback_request: 'trail.requestState' };
      const ns = states[entityType];
      return ns ? t(`${ns}.${text}`, { defaultValue: text }) : text;
    }
    if (RATING_FIELDS.has(field)) return t(`rating.${text}`, { defaultValue: text });
    if (PREDICATE_FIELDS.has(field)) return t(`predicate.${text}`, { defaultValue: text });
    if (field === 'outcome') return t(`trail.outcome.${text}`, { defaultValue: text });
    if (field === 'visibility') return t(`trail.visibility.${text}`, { defaultValue: text });
    if (field === 'target_type') return t(`detail.feedbackTarget.${text}`, { defaultValue: text });
    if (field === 'aspect') return t(`aspect.${text}`, { defaultValue: text });
    if (field === 'kind') return t(entityType === 'dialogue' ? `trail.dialogueKind.${text}` : `workResultKind.${text}`, { defaultValue: text });
    if (field === 'core_value') return t(`trail.coreValue.${text}`, { defaultValue: text });
    if (ISO_INSTANT.test(text)) return formatDateTime(text);
    if (ISO_DATE.test(text)) return formatDate(text);
    return text;
  };
}

function fieldLabel(t: ReturnType<typeof useEvaluationsT>['t'], field: string): string {
  const fallback = field.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return t(`trail.fields.${field}`, { defaultValue: fallback });
}

function TrailItem({ entry }: { entry: AuditEntry }) {
  const { t } = useEvaluationsT();
  const { user } = useSession();
  const words = useValueWords();
  const changes = changesOf(entry);
  // The person behind the account when it is linked to one; its username otherwise.
  const who =
    entry.actor_kind === 'user' && entry.actor_id === user?.id
      ? t('trail.you')
      : entry.actor_kind === 'user'
        ? entry.actor_name || entry.actor_label
        : t('trail.system', { label: entry.actor_label });
  const deleted = entry.before && !entry.after;
  return (
    <li className="ev-trail-item">
      <div className="ev-trail-head">
        <strong>{t(`trail.actionLabel.${actionKey(entry.action)}`, { defaultValue: t('trail.actionFallback', { what: t(`trail.entityType.${entry.entity_type}`, { defaultValue: entry.entity_type }) }) })}</strong>
        <span className="pill">{t(`trail.entityType.${entry.entity_type}`, { defaultValue: entry.entity_type })}</span>
      </div>
      <small className="muted">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · {t('trail.by', { who })}
      </small>
      {deleted ? <small className="muted">{t('trail.deleted')}</small> : null}
      {changes.length ? (
        <dl className="ev-trail-changes">
          {changes.map((c) => (
            <div key={c.field} className="ev-trail-change">
              <dt>{fieldLabel(t, c.field)}</dt>
              <dd>
                {'before' in c && c.before !== null && c.before !== '' ? (
                  <>
                    <span className="ev-trail-old">
                      <span className="visually-hidden">{t('trail.before')} </span>
                      {words(entry.entity_type, c.field, c.before)}
                    </span>
                    <span aria-hidden="true"> → </span>
                    <span className="visually-hidden">, {t('trail.after')} </span>
                  </>
                ) : null}
                <span className="ev-trail-new">{words(entry.entity_type, c.field, c.after)}</span>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

function TrailList({ entries }: { entries: AuditEntry[] }) {
  const { t } = useEvaluationsT();
  if (entries.length === 0) return <p className="muted">{t('trail.none')}</p>;
  return (
    <ol className="ev-trail" data-testid="audit-trail">
      {entries.map((e) => (
        <TrailItem key={`${e.chain}-${e.seq}`} entry={e} />
      ))}
    </ol>
  );
}

function TrailProblem({ error }: { error: unknown }) {
  const { t } = useEvaluationsT();
  const p = toProblem(error, 0);
  // A server without the endpoint yet answers 404: say so rather than fail.
  if (p.status === 404) return <Alert tone="info">{t('trail.unavailable')}</Alert>;
  const d = describeProblem(t, p);
  return (
    <Alert tone="error" title={d.title}>
      {d.detail}
    </Alert>
  );
}

/** The whole trail, filterable by kind of record. */
export function MyAuditTrail() {
  const { t } = useEvaluationsT();
  const pageLabels = usePaginationLabels();
  const [entityType, setEntityType] = useState('');
  const [page, setPage] = useState(1);
  const trail = useMyAuditTrail({ entity_type: entityType || undefined, page, per_page: 25 });
  return (
    <div className="stack">
      <p className="muted">{t('trail.intro')}</p>
      <div className="row">
        <SelectField
          label={t('trail.type')}
          value={entityType}
          placeholder={t('trail.allTypes')}
          options={ENTITY_TYPES.map((e) => ({ value: e, label: t(`trail.entityType.${e}`) }))}
          onChange={(e) => {
            setEntityType(e.target.value);
            setPage(1);
          }}
        />
      </div>
      {trail.isPending ? <Spinner label={t('common.loading')} /> : null}
      {trail.error ? <TrailProblem error={trail.error} /> : null}
      {trail.data ? (
        <>
          <TrailList entries={trail.data.items} />
          {trail.data.total > trail.data.per_page ? (
            <Pagination page={trail.data.page} perPage={trail.data.per_page} total={trail.data.total} onPage={setPage} labels={pageLabels} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function about(entry: AuditEntry, evaluationId: string): boolean {
  if (entry.entity_type === 'evaluation') return entry.entity_id === evaluationId;
  const of = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>).evaluation_id : undefined);
  return entry.entity_type === 'objection' && (of(entry.after) === evaluationId || of(entry.before) === evaluationId);
}

/** The entries about one evaluation and its objection. */
export function EvaluationTrail({ evaluationId }: { evaluationId: string }) {
  const { t } = useEvaluationsT();
  const evaluations = useMyAuditTrail({ entity_type: 'evaluation', per_page: 500 });
  const objections = useMyAuditTrail({ entity_type: 'objection', per_page: 500 });
  const error = evaluations.error ?? objections.error;
  if (error) return <TrailProblem error={error} />;
  if (!evaluations.data || !objections.data) return <Spinner label={t('common.loading')} />;
  const entries = [...evaluations.data.items, ...objections.data.items]
    .filter((e) => about(e, evaluationId))
    .sort((a, b) => b.at.localeCompare(a.at));
  return <TrailList entries={entries} />;
}
