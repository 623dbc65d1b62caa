//! One cycle: its state and the moves the server allows now (each confirmed), the periods with
//! their fill-in deadlines and HR batch actions, the batch score, and the policies (editable
//! while the cycle is draft or planning). Auditors read the same page without write actions.
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Dialog } from '@/components/dialog';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { isAdmin, useSession } from '@/features/auth';
import { toProblem } from '@/lib/api';
import { formatDateTime, formatNumber } from '@/lib/i18n/format';
import {
  useCycle,
  useCycleAllowedActions,
  useScoreCycle,
  useTransitionCycle,
  useUpdateCycle,
  type CycleAction,
  type CycleState,
  type CycleView,
  type ScoreSummary,
} from './api';
import { CycleForm } from './cycle-form';
import { useCyclesT } from './i18n';
import { CycleStatePill, EMPLOYEE_PREDICATES, useAppraisalLabels } from './labels';
import { PeriodsTable } from './periods-table';
import { formToPolicies, policiesToForm } from './policies';
import { PolicySummary } from './policy-summary';
import { problemText } from './problem-text';


const LIFECYCLE: readonly CycleState[] = ['draft', 'planning', 'running', 'closing', 'closed'];

export function CyclePage() {
  const { cycleId = '' } = useParams();
  const { t } = useCyclesT();
  const location = useLocation();
  const cycle = useCycle(cycleId);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);

  if (cycle.isPending) return <Spinner label={t('common.loading')} />;
  if (cycle.error || !cycle.data) return <Alert tone="error">{problemText(t, cycle.error)}</Alert>;
  return <CycleDetail cycle={cycle.data.cycle} etag={cycle.data.etag} notice={notice} onNotice={setNotice} onReload={() => void cycle.refetch()} />;
}

function CycleDetail({
  cycle,
  etag,
  notice,
  onNotice,
  onReload,
}: {
  cycle: CycleView;
  etag: string;
  notice: string | null;
  onNotice: (n: string | null) => void;
  onReload: () => void;
}) {
  const { t } = useCyclesT();
  const labels = useAppraisalLabels();
  const { user } = useSession();
  const admin = isAdmin(user);
  const allowed = useCycleAllowedActions(cycle.id);
  const transition = useTransitionCycle();
  const [confirm, setConfirm] = useState<CycleAction | null>(null);
  const [editing, setEditing] = useState(false);
  const update = useUpdateCycle();
  const actions = allowed.data?.actions ?? [];
  const editable = admin && (cycle.status === 'draft' || cycle.status === 'planning');

  return (
    <div className="stack">
      <p className="adm-breadcrumb">
        <Link to="/cycles">{t('title')}</Link> / {cycle.year}
      </p>
      <PageHeader
        title={
          <span className="adm-title-pill">
            {cycle.name} <CycleStatePill value={cycle.status} />
          </span>
        }
        subtitle={t('detail.subtitle', { year: cycle.year, kind: labels.periodKind(cycle.period_kind), regime: labels.regime(cycle.regime) })}
        actions={
          <>
            <Link className="btn btn-secondary" to={`/cycles/${cycle.id}/progress`}>
              {t('detail.progress')}
            </Link>
            <Link className="btn btn-secondary" to={`/calibration?cycle=${cycle.id}`}>
              {t('detail.calibration')}
            </Link>
          </>
        }
      />
      {notice ? (
        <Alert tone="success" action={<Button variant="link" onClick={() => onNotice(null)}>{t('common.close')}</Button>}>
          {notice}
        </Alert>
      ) : null}

      <Card title={t('detail.lifecycle')}>
        <ol className="cy-lifecycle" aria-label={t('detail.lifecycle')}>
          {LIFECYCLE.map((s, i) => {
            const current = LIFECYCLE.indexOf(cycle.status);
            const cls = i < current ? 'cy-done' : i === current ? 'cy-current' : 'cy-todo';
            return (
              <li key={s} className={`cy-step ${cls}`} aria-current={i === current ? 'step' : undefined}>
                <span className="cy-step-dot" aria-hidden="true">
                  {i < current ? '✓' : i + 1}
                </span>
                <span className="cy-step-label">{labels.cycleState(s)}</span>
              </li>
            );
          })}
        </ol>
        <p className="muted">{t(`stateHint.${cycle.status}`)}</p>
        {allowed.error ? <Alert tone="error">{problemText(t, allowed.error)}</Alert> : null}
        {actions.length ? (
          <div className="row">
            {actions.map((a) => (
              <Button key={a} variant={a === 'close' ? 'danger' : 'primary'} onClick={() => setConfirm(a)}>
                {t(`action.${a}`)}
              </Button>
            ))}
          </div>
        ) : allowed.data && !admin ? (
          <p className="muted">{t('detail.readOnly')}</p>
        ) : null}
      </Card>

      <Dialog
        open={confirm !== null}
        title={confirm ? t(`action.${confirm}`) : ''}
        onClose={() => {
          setConfirm(null);
          transition.reset();
        }}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button
              variant="secondary"
              onClick={() => {
                setConfirm(null);
                transition.reset();
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button
              variant={confirm === 'close' ? 'danger' : 'primary'}
              busy={transition.isPending}
              onClick={() => {
                if (!confirm) return;
                transition.mutate(
                  { id: cycle.id, action: confirm },
                  {
                    onSuccess: (c) => {
                      onNotice(t('detail.transitioned', { state: labels.cycleState(c.status) }));
                      setConfirm(null);
                    },
                  },
                );
              }}
            >
              {confirm ? t(`action.${confirm}`) : ''}
            </Button>
          </>
        }
      >
        {confirm ? (
          <div className="stack">
            <p>{t(`actionConfirm.${confirm}`, { name: cycle.name })}</p>
            {transition.error ? <Alert tone="error">{problemText(t, transition.error)}</Alert> : null}
          </div>
        ) : null}
      </Dialog>

      <PeriodsTable cycle={cycle} canWrite={admin && cycle.status !== 'closed'} />

      {admin && cycle.status !== 'closed' && cycle.status !== 'draft' ? <ScoreCard cycleId={cycle.id} /> : null}

      <Card
        title={t('policy.title')}
        actions={
          editable && !editing ? (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {t('policy.edit')}
            </Button>
          ) : null
        }
      >
        {editing ? (
          <CycleForm
            mode="edit"
            defaultValues={{
              year: String(cycle.year),
              name: cycle.name,
              period_kind: cycle.period_kind,
              regime: cycle.regime,
              starts_on: cycle.starts_on,
              ends_on: cycle.ends_on,
              fill_deadline_days: '10',
              policies: policiesToForm(cycle.policies),
            }}
            submitLabel={t('common.save')}
            onCancel={() => setEditing(false)}
            onSubmit={async (v) => {
              try {
                await update.mutateAsync({ id: cycle.id, etag, name: v.name.trim(), policies: formToPolicies(v.policies) });
              } catch (err) {
                if (toProblem(err, 0).status === 412) onReload();
                throw err;
              }
              setEditing(false);
              onNotice(t('policy.saved'));
            }}
          />
        ) : (
          <>
            {!editable && admin && cycle.status !== 'closed' ? <p className="muted">{t('policy.lockedHint')}</p> : null}
            <PolicySummary policies={cycle.policies} regime={cycle.regime} />
          </>
        )}
      </Card>
      <p className="muted adm-small">{t('detail.updatedAt', { at: formatDateTime(cycle.updated_at), version: cycle.version })}</p>
    </div>
  );
}

function ScoreCard({ cycleId }: { cycleId: string }) {
  const { t } = useCyclesT();
  const score = useScoreCycle();
  return (
    <Card
      title={t('score.title')}
      actions={
        <Button variant="secondary" busy={score.isPending} onClick={() => score.mutate(cycleId)}>
          {score.isPending ? t('score.running') : t('score.run')}
        </Button>
      }
    >
      <p className="muted">{t('score.hint')}</p>
      {score.error ? <Alert tone="error">{problemText(t, score.error)}</Alert> : null}
      {score.data ? <ScoreResult summary={score.data} /> : null}
    </Card>
  );
}

export function ScoreResult({ summary }: { summary: ScoreSummary }) {
  const { t } = useCyclesT();
  const labels = useAppraisalLabels();
  return (
    <div className="stack" role="status">
      <Alert tone={summary.incomplete > 0 ? 'warning' : 'success'} title={t('score.done', { considered: formatNumber(summary.considered), updated: formatNumber(summary.updated) })}>
        {summary.incomplete > 0 ? t('score.incomplete', { count: summary.incomplete }) : t('score.duration', { ms: formatNumber(summary.duration_ms) })}
      </Alert>
      <div className="stats">
        {EMPLOYEE_PREDICATES.map((p) => (
          <div key={p} className="stat">
            <span className="stat-value">{formatNumber(summary.counts[p] ?? 0)}</span>
            <span className="stat-label">{labels.predicate(p)}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
