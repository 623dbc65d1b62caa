//! One evaluation, for whoever may read it: the employee (their result, the explanation, the
//! next step: start, submit, acknowledge, object), the appraiser (the rating inputs beside the
//! rating form, or why rating is not possible now), the appraiser's superior and HR (read-only,
//! calibration, integrity check). Every move is one of the server's `allowed.actions`, and
//! the names come with the evaluation; the page only arranges them.
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '@/components/alert';
import { Card, DetailList } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { useSession } from '@/features/auth';
import { EvaluationRaters, FeedbackAggregatesView, NominatePeer, useCoreValues, useFeedbackAggregates } from '@/features/feedback';
import { toProblem } from '@/lib/api';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { useCycle, useEvaluation, useObjectionFor, usePlan, type EvaluationDetail, type PlanView } from './api';
import { EvaluationTrail } from './audit-trail';
import { blockedText } from './blocked';
import { EmployeeActions } from './employee-actions';
import { ExplanationPanel } from './explanation';
import { useEvaluationsT } from './i18n';
import { EvaluationStatePill, PredicatePill } from './labels';
import { useEvaluationMaterial } from './material';
import { EvidenceList, NotesList, WorkResultsTable } from './material-view';
import { NumericBehaviourForm, NumericSnapshot } from './numeric';
import { describeProblem } from './problem';
import { RatingForm } from './rating-form';
import { ResultSummary } from './result-card';
import { VerifyPanel } from './verify-card';
import { CalibratePanel } from './calibrate-panel';
import { LeaderResult, LeaderSummary } from './leader';
import { can, viewerOf } from './viewer';
import './evaluations.css';

export function EvaluationDetailPage() {
  const { evaluationId = '' } = useParams();
  const { t } = useEvaluationsT();
  const query = useEvaluation(evaluationId);
  const problem = query.error ? toProblem(query.error, 0) : null;
  return (
    <div className="stack">
      <p>
        <Link to="/evaluations">← {t('detail.back')}</Link>
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
      {query.data ? <EvaluationScreen detail={query.data.evaluation} etag={query.data.etag} onReload={() => void query.refetch()} /> : null}
    </div>
  );
}

function Section({ title, children, actions, testId }: { title: ReactNode; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Card title={title} actions={actions}>
        {children}
      </Card>
    </div>
  );
}

export function EvaluationScreen({ detail, etag, onReload }: { detail: EvaluationDetail; etag: string; onReload: () => void }) {
  const { t } = useEvaluationsT();
  const { user } = useSession();
  const viewer = viewerOf(detail, user);
  const plan = usePlan(detail.plan_id);
  const cycle = useCycle(detail.cycle_id);
  const objection = useObjectionFor(detail.id);
  const period = cycle.data?.periods?.find((p) => p.id === detail.period_id);
  const periodName = detail.period_name ?? period?.name ?? (detail.is_annual ? t('detail.annualPeriod') : '…');
  const name = detail.employee_name ?? '';
  const title = viewer.isEmployee ? t('detail.titleMine') : t('detail.title', { name: name || t('list.unknownEmployee') });
  const subtitle = t('detail.subtitle', { period: periodName, cycle: cycle.data?.name ?? '…' });
  const deadlineDays = cycle.data?.policies.objection?.deadline_days ?? null;
  const labelFor = indicatorLabels(plan.data);
  const numeric = detail.regime !== 'pmpanrb6_2022';
  const { leader } = detail.allowed;
  const blocked = blockedText(t, detail.allowed, periodName);
  const rate = can(detail, 'rate');
  const rateNumeric = can(detail, 'rate_numeric_behaviour');
  const appraiserView = viewer.isAppraiser && !viewer.isEmployee;
  // Before the employee hands the evaluation in, the appraiser has nothing to rate yet.
  const notHandedIn = appraiserView && !rate && !rateNumeric && !blocked && (detail.status === 'not_started' || detail.status === 'filling');
  // The leader's rating is shown once: in the form, in the blocked card, or in the summary.
  const leaderInSide = !!leader && (rate || !!blocked || notHandedIn);

  const result = (
    <Section title={t('detail.result')} testId="result">
      <div className="stack">
        <ResultSummary evaluation={detail} objection={objection.data} />
        {detail.result_rating || detail.predicate ? <ExplanationPanel evaluation={detail} mine={viewer.isEmployee} labelFor={labelFor} /> : null}
        {numeric ? <NumericSnapshot evaluation={detail} labelFor={labelFor} /> : null}
      </div>
    </Section>
  );
  const material = <Material detail={detail} plan={plan.data} canOpenPlan={viewer.isEmployee || viewer.isAppraiser || viewer.isHr} />;
  const feedback = <Feedback360 detail={detail} asEmployee={viewer.isEmployee} nominate={can(detail, 'nominate_peer')} />;
  const manageRaters = can(detail, 'manage_raters');
  const raters =
    manageRaters || appraiserView || viewer.isHr ? (
      <Section title={t('detail.raters')}>
        <EvaluationRaters
          evaluationId={detail.id}
          viewer={viewer.isHr && !viewer.isAppraiser ? 'hr' : 'appraiser'}
          canManage={manageRaters}
          subject={{
            employeeId: detail.employee_id,
            employeeName: name || t('list.unknownEmployee'),
            appraiserId: detail.appraiser_employee_id ?? null,
            appraiserName: detail.appraiser_name ?? '—',
          }}
        />
      </Section>
    ) : null;
  const trail = viewer.isEmployee ? (
    <Section title={t('trail.titleEvaluation')} testId="evaluation-trail">
      <EvaluationTrail evaluationId={detail.id} />
    </Section>
  ) : null;
  // The forms stay mounted across the refetch that follows a save: their confirmation stays.
  const side = (
    <>
      {viewer.isEmployee ? <EmployeeActions evaluation={detail} etag={etag} deadlineDays={deadlineDays} objection={objection.data ?? null} /> : null}
      {rate ? (
        <section className="card ev-rate-card" data-testid="rating-form">
          <div className="card-body">
            <RatingForm key={detail.id} evaluation={detail} etag={etag} leader={leader ?? null} onReload={onReload} />
          </div>
        </section>
      ) : null}
      {rateNumeric ? (
        <section className="card ev-rate-card">
          <div className="card-body">
            <NumericBehaviourForm key={detail.id} evaluation={detail} etag={etag} onReload={onReload} />
          </div>
        </section>
      ) : null}
      {!rate && !rateNumeric && blocked ? (
        <section className="card ev-rate-card" aria-labelledby="ev-blocked-title" data-testid="rating-blocked">
          <div className="card-body stack">
            <h2 id="ev-blocked-title">{t('rate.blockedTitle')}</h2>
            {blocked.lang === 'en' ? (
              <Alert tone="warning" title={t('rate.blockedLead')}>
                <span lang="en">{blocked.text}</span>
              </Alert>
            ) : (
              <Alert tone="warning">{blocked.text}</Alert>
            )}
            {leader ? <LeaderResult leader={leader} /> : null}
          </div>
        </section>
      ) : null}
      {notHandedIn ? (
        <Section title={t('rate.title')} testId="rating-not-handed-in">
          <div className="stack">
            <Alert tone="info">{t('rate.notRateable')}</Alert>
            {leader ? <LeaderResult leader={leader} /> : null}
          </div>
        </Section>
      ) : null}
      {can(detail, 'calibrate') ? (
        <Section title={t('calibrate.title')} testId="calibrate">
          <CalibratePanel key={detail.id} evaluation={detail} />
        </Section>
      ) : null}
      <Section title={t('detail.summary')}>
        <DetailList
          items={[
            { label: t('detail.status'), value: <EvaluationStatePill status={detail.status} /> },
            {
              label: t('detail.period'),
              value: (
                <>
                  {periodName}
                  {period ? (
                    <>
                      <br />
                      <small className="muted">{t('detail.periodDates', { from: formatDate(period.starts_on), until: formatDate(period.ends_on) })}</small>
                    </>
                  ) : null}
                </>
              ),
            },
            ...(viewer.isEmployee ? [] : [{ label: t('detail.employee'), value: name || '—' }]),
            { label: t('detail.appraiser'), value: detail.appraiser_name ?? '—' },
            { label: t('detail.superior'), value: detail.superior_name ?? '—' },
            ...(leader && !leaderInSide ? [{ label: t('leader.summaryLabel'), value: <LeaderSummary leader={leader} /> }] : []),
            { label: t('detail.regime'), value: t(`regime.${detail.regime}`) },
            ...(detail.rated_at ? [{ label: t('detail.ratedAt'), value: formatDateTime(detail.rated_at) }] : []),
            ...(detail.finalised_at ? [{ label: t('detail.finalisedAt'), value: formatDateTime(detail.finalised_at) }] : []),
            ...(detail.received_at ? [{ label: t('detail.receivedAt'), value: formatDateTime(detail.received_at) }] : []),
            ...(detail.final_at ? [{ label: t('detail.finalAt'), value: formatDateTime(detail.final_at) }] : []),
          ]}
        />
      </Section>
      {objection.data && !viewer.isEmployee ? (
        <Section title={t('objection.title')}>
          <p>{t('objection.submittedAt', { at: formatDateTime(objection.data.submitted_at) })}</p>
          <Link to={`/objections/${objection.data.id}`}>{t('objection.open')}</Link>
        </Section>
      ) : null}
      {can(detail, 'verify') ? (
        <Section title={t('verify.title')}>
          <VerifyPanel evaluationId={detail.id} />
        </Section>
      ) : null}
    </>
  );

  return (
    <>
      <PageHeader
        title={title}
        subtitle={viewer.isEmployee && name ? `${name} · ${subtitle}` : subtitle}
        actions={
          <div className="row" style={{ alignItems: 'center' }}>
            <EvaluationStatePill status={detail.status} />
            {detail.effective_predicate ? <PredicatePill predicate={detail.effective_predicate} /> : null}
          </div>
        }
      />
      {rate || rateNumeric ? (
        <div className="ev-layout">
          <div className="stack ev-main">
            {result}
            {material}
            {feedback}
            {raters}
            {trail}
          </div>
          <aside className="stack ev-side ev-sticky">{side}</aside>
        </div>
      ) : (
        <>
          <div className="ev-layout">
            <div className="stack ev-main">{result}</div>
            <aside className="stack ev-side">{side}</aside>
          </div>
          {material}
          {feedback}
          {raters}
          {trail}
        </>
      )}
    </>
  );
}

/** Indicator and work-result descriptions by id, from the plan. */
function indicatorLabels(plan: PlanView | undefined): (id: string) => string | undefined {
  const map = new Map<string, string>();
  for (const w of plan?.work_results ?? []) {
    map.set(w.id, w.description);
    for (const i of w.indicators ?? []) map.set(i.id, i.description);
  }
  return (id) => map.get(id);
}

function Material({ detail, plan, canOpenPlan }: { detail: EvaluationDetail; plan: PlanView | undefined; canOpenPlan: boolean }) {
  const { t } = useEvaluationsT();
  const m = useEvaluationMaterial(detail, plan);
  const problem = m.error ? describeProblem(t, toProblem(m.error, 0)) : null;
  return (
    <>
      <Section
        title={t('detail.workResults')}
        testId="work-results"
        actions={
          canOpenPlan ? (
            <Link className="btn btn-link" to={`/plans/${detail.plan_id}`}>
              {t('detail.openPlan')}
            </Link>
          ) : undefined
        }
      >
        <div className="stack">
          <p className="muted">{t('detail.workResultsHint')}</p>
          {problem ? (
            <Alert tone="warning" title={t('detail.materialError')}>
              {problem.title} {problem.detail}
            </Alert>
          ) : null}
          {m.isPending ? <Spinner label={t('common.loading')} /> : <WorkResultsTable rows={m.indicators} />}
        </div>
      </Section>
      <div className="grid ev-pair">
        <Section title={t('detail.evidence')}>{m.isPending ? <Spinner label={t('common.loading')} /> : <EvidenceList rows={m.evidence} indicators={m.indicators} />}</Section>
        <Section title={t('detail.continuousFeedback')}>{m.isPending ? <Spinner label={t('common.loading')} /> : <NotesList rows={m.notes} />}</Section>
      </div>
    </>
  );
}

function Feedback360({ detail, asEmployee, nominate }: { detail: EvaluationDetail; asEmployee: boolean; nominate: boolean }) {
  const { t } = useEvaluationsT();
  // The appraiser and HR get the aggregates in `inputs`; others read them on their own.
  const own = useFeedbackAggregates(detail.id, !detail.inputs);
  const coreValues = useCoreValues();
  const aggregates = detail.inputs?.feedback_360 ?? own.data;
  const error = detail.inputs ? null : own.error;
  const problem = error ? describeProblem(t, toProblem(error, 0)) : null;
  return (
    <Section title={t('detail.feedback360')} testId="feedback-360-section">
      <div className="stack">
        {problem ? (
          <Alert tone="error" title={problem.title}>
            {problem.detail}
          </Alert>
        ) : null}
        {!aggregates || !coreValues.data ? (
          problem ? null : (
            <Spinner label={t('common.loading')} />
          )
        ) : (
          <FeedbackAggregatesView aggregates={aggregates} coreValues={coreValues.data} asEmployee={asEmployee} />
        )}
        {nominate ? <NominatePeer evaluationId={detail.id} /> : null}
      </div>
    </Section>
  );
}
