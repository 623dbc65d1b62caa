//! One plan: the SKP document with its workflow (from the server's allowed actions), the
//! revision history, and tabs for realizations and evidence, continuous feedback and
//! performance dialogues. A plan the caller may not see is "not found", as the server says.
import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { Tabs } from '@/components/tabs';
import { isAdmin, useSession } from '@/features/auth';
import { toProblem } from '@/lib/api';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { useAppraisees, usePlan, usePlanActions, useSkpPeople, type PlanView } from './api';
import { DialoguesTab } from './dialogues-tab';
import { FeedbackTab } from './feedback-tab';
import { stateLabel, stateTone } from './format';
import { usePlansT } from './i18n';
import { PlanDocument } from './plan-document';
import { PlanSettingsDialog } from './plan-settings-dialog';
import { BackToPlans } from './plans-page';
import { ProblemAlert } from './problem-alert';
import { RealizationsTab } from './realizations-tab';
import { WorkflowBar } from './workflow-bar';
import './plans.css';

const TABS = ['document', 'realizations', 'feedback', 'dialogues'] as const;
type Tab = (typeof TABS)[number];

export function PlanPage() {
  const { planId = '' } = useParams();
  const { t } = usePlansT();
  const location = useLocation();
  const { user } = useSession();
  const plan = usePlan(planId);
  const actions = usePlanActions(planId);
  const [search, setSearch] = useSearchParams();
  const requested = search.get('tab') as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : 'document';
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice === 'created' ? t('create.created') : null);
  const people = useSkpPeople(plan.data?.plan, user?.employee_id);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Only a leader (someone who appraises others) shares work results through the matrix.
  const mySubordinates = useAppraisees(plan.data && user?.employee_id === plan.data.plan.employee_id ? user.employee_id : null);

  if (plan.isPending) return <Spinner label={t('common.loading')} />;
  if (plan.error) {
    const problem = toProblem(plan.error, 0);
    return (
      <div className="stack">
        <BackToPlans />
        <PageHeader title={t('title')} />
        {problem.status === 404 ? (
          <Alert tone="error" title={t('problem.plan_not_found')}>
            {t('common.notFound')}
          </Alert>
        ) : (
          <ProblemAlert problem={problem} onReload={() => void plan.refetch()} />
        )}
      </div>
    );
  }
  const p: PlanView = plan.data.plan;
  const allowed = actions.data;
  const canEdit = allowed?.can_edit ?? false;
  const isOwner = !!user?.employee_id && user.employee_id === p.employee_id;
  const live = p.status !== 'superseded' && p.status !== 'cancelled';
  const canShare = isOwner && (p.status === 'approved' || p.status === 'in_appraisal') && (mySubordinates.data?.items.length ?? 0) > 0;
  const tabLabels: Record<Tab, string> = {
    document: t('doc.tabDocument'),
    realizations: t('doc.tabRealizations'),
    feedback: t('doc.tabFeedback'),
    dialogues: t('doc.tabDialogues'),
  };
  const newer = p.history.filter((h) => h.revision > p.revision);

  return (
    <div className="stack plans-print-root">
      <BackToPlans />
      <PageHeader
        title={
          <>
            {t('doc.subtitle', { employee: p.employee_name, revision: p.revision })}{' '}
            <StatusBadge tone={stateTone(p.status)}>{stateLabel(t, p.status, p.status_label)}</StatusBadge>
          </>
        }
        subtitle={`${formatDate(p.starts_on)} – ${formatDate(p.ends_on)} · ${t(`approach.${p.approach}`)} · ${t(`form.${p.form}`)}`}
        actions={
          <Button variant="secondary" className="no-print" onClick={() => window.print()}>
            {t('doc.print')}
          </Button>
        }
      />
      {notice ? (
        <Alert tone="success" action={<Button variant="link" onClick={() => setNotice(null)} aria-label={t('common.close')}>×</Button>}>
          {notice}
        </Alert>
      ) : null}
      {p.status === 'draft' && p.return_reason ? (
        <Alert tone="warning" title={t('doc.returnedTitle')}>
          <span className="plans-preline" data-testid="return-reason">
            {p.return_reason}
          </span>
        </Alert>
      ) : null}
      {p.status === 'submitted' && !allowed?.actions.includes('approve') && p.appraiser_name ? (
        <Alert tone="info">{t('flow.waitingFor', { name: p.appraiser_name })}</Alert>
      ) : null}
      {p.status === 'superseded' && newer.length > 0 ? <Alert tone="info">{t('doc.supersededNote')}</Alert> : null}
      {actions.error ? <ProblemAlert problem={toProblem(actions.error, 0)} /> : null}
      {allowed ? (
        <WorkflowBar plan={p} actions={allowed.actions} canReassign={isAdmin(user) && live} onDone={setNotice} />
      ) : null}

      <Tabs
        label={t('doc.tabs')}
        tabs={TABS.map((id) => ({ id, label: tabLabels[id] }))}
        selected={tab}
        onSelect={(id) => setSearch(id === 'document' ? {} : { tab: id }, { replace: true })}
      >
        {tab === 'document' ? (
          <div className="stack">
            {!canEdit && allowed && p.status === 'draft' ? <p className="muted no-print">{t('doc.readOnly')}</p> : null}
            {canEdit ? (
              <div className="row no-print">
                <Button variant="secondary" onClick={() => setSettingsOpen(true)}>
                  {t('settings.edit')}
                </Button>
              </div>
            ) : null}
            {settingsOpen ? <PlanSettingsDialog plan={p} etag={plan.data.etag} onClose={() => setSettingsOpen(false)} onReload={() => void plan.refetch()} /> : null}
            <PlanDocument plan={p} canEdit={canEdit} people={people} canShare={canShare} />
            <section className="card no-print" aria-labelledby="plans-revisions">
              <div className="card-header">
                <h2 id="plans-revisions">{t('doc.revisions')}</h2>
              </div>
              <div className="card-body">
                <ul className="plans-revisions">
                  {p.history.map((h) => (
                    <li key={h.id}>
                      {h.id === p.id ? (
                        <strong aria-current="page">
                          {t('doc.revisionN', { n: h.revision })} ({t('doc.current')})
                        </strong>
                      ) : (
                        <Link to={`/plans/${h.id}`}>{t('doc.revisionN', { n: h.revision })}</Link>
                      )}{' '}
                      <StatusBadge tone={stateTone(h.status)}>{stateLabel(t, h.status)}</StatusBadge>{' '}
                      <small className="muted">
                        {t('doc.createdAt', { at: formatDateTime(h.created_at) })}
                        {h.approved_at ? ` · ${t('doc.approvedAt', { at: formatDateTime(h.approved_at) })}` : ''}
                      </small>
                    </li>
                  ))}
                </ul>
              </div>
            </section>
          </div>
        ) : null}
        {tab === 'realizations' ? <RealizationsTab plan={p} isOwner={isOwner} /> : null}
        {tab === 'feedback' ? <FeedbackTab plan={p} /> : null}
        {tab === 'dialogues' ? <DialoguesTab plan={p} /> : null}
      </Tabs>
    </div>
  );
}
