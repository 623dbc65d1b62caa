//! The employee's own audit trail (`GET /me/audit-trail`): who changed what on their records,
//! newest first, with each change's before and after. On an evaluation page it keeps the
//! entries about that evaluation and its objection.
import { useState } from 'react';
import { Alert } from '@/components/alert';
import { SelectField } from '@/components/field';
import { JsonDiff } from '@/components/json-diff';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { toProblem } from '@/lib/api';
import { formatDateTime } from '@/lib/i18n/format';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { useMyAuditTrail, type AuditEntry } from './api';
import { useEvaluationsT } from './i18n';
import { describeProblem } from './problem';

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

function TrailList({ entries }: { entries: AuditEntry[] }) {
  const { t } = useEvaluationsT();
  if (entries.length === 0) return <p className="muted">{t('trail.none')}</p>;
  return (
    <ol className="ev-trail" data-testid="audit-trail">
      {entries.map((e) => (
        <li key={`${e.chain}-${e.seq}`} className="ev-trail-item">
          <div className="row" style={{ alignItems: 'center', gap: '0.5rem' }}>
            <time className="muted" dateTime={e.at}>
              {formatDateTime(e.at)}
            </time>
            <span className="pill">{t(`trail.entityType.${e.entity_type}`, { defaultValue: e.entity_type })}</span>
          </div>
          <strong>{t(`trail.actionLabel.${e.action.replace(/\./g, '_')}`, { defaultValue: e.action })}</strong>
          <small className="muted">
            {t('trail.actor')}: <span className="mono">{e.actor_label}</span>
          </small>
          {e.before || e.after ? (
            <details>
              <summary>{t('trail.details')}</summary>
              <JsonDiff before={e.before} after={e.after} labels={{ field: t('trail.field'), before: t('trail.before'), after: t('trail.after') }} />
            </details>
          ) : null}
        </li>
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
