//! The raters of one evaluation, for those the server lets manage them: HR (every request) and
//! the appraiser (attributed requests and nominations awaiting approval; peers and direct
//! reports stay hidden from them). Add, remove, approve a nomination, or let the server choose
//! raters. And the employee's side: nominating a peer. Adding or nominating answers with the
//! same receipt whether or not the person was already asked, so the words here never say
//! "added" or "already asked": trying names must not reveal who rates anonymously.
import { useState } from 'react';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { DataTable } from '@/components/data-table';
import { Dialog } from '@/components/dialog';
import { SelectField } from '@/components/field';
import { StatusBadge } from '@/components/status-badge';
import { useEmployee } from '@/features/employees';
import { toProblem } from '@/lib/api';
import { formatDate } from '@/lib/i18n/format';
import {
  useAddRater,
  useApproveNomination,
  useEvaluationRaters,
  useGenerateRaters,
  useNominatePeer,
  useRemoveRater,
  type FeedbackRequestView,
  type NominablePeer,
  type RaterGroup,
} from './api';
import { useFeedbackT } from './i18n';
import { PeerPicker } from './peer-picker';
import { describeProblem, type ProblemText } from './problem';

const GROUPS = ['self', 'appraiser', 'peer', 'subordinate'] as const satisfies readonly RaterGroup[];

export interface EvaluationRatersProps {
  evaluationId: string;
  /** HR sees every rater; the appraiser a restricted list (the server filters). */
  viewer: 'hr' | 'appraiser';
  /** False for read-only readers (auditors): no add, remove or approve. */
  canManage: boolean;
  /** The evaluated employee and the appraiser, for the self and appraiser requests. */
  subject: RaterSubject;
}

function RaterName({ id }: { id: string }) {
  const { t } = useFeedbackT();
  const person = useEmployee(id);
  if (person.isPending) return <span className="muted">…</span>;
  if (!person.data) return <span className="muted">{t('raters.unknownPerson')}</span>;
  return (
    <span>
      <strong>{person.data.employee.name}</strong>
      <br />
      <small className="mono muted">{person.data.employee.nip_display}</small>
    </span>
  );
}

function useRaterNameText(id: string | null) {
  const person = useEmployee(id);
  return person.data?.employee.name ?? '';
}

export function EvaluationRaters({ evaluationId, viewer, canManage, subject }: EvaluationRatersProps) {
  const { t } = useFeedbackT();
  const raters = useEvaluationRaters(evaluationId);
  const approve = useApproveNomination(evaluationId);
  const remove = useRemoveRater(evaluationId);
  const generate = useGenerateRaters(evaluationId);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ProblemText | null>(null);
  const [removing, setRemoving] = useState<FeedbackRequestView | null>(null);
  const removingName = useRaterNameText(removing?.rater_employee_id ?? null);

  /** Runs a change and says what it did (the message may depend on the server's answer). */
  async function run(action: () => Promise<string>) {
    setNotice(null);
    setFailure(null);
    try {
      setNotice(await action());
    } catch (err) {
      setFailure(describeProblem(t, toProblem(err, 0)));
    }
  }

  const listProblem = raters.error ? describeProblem(t, toProblem(raters.error, 0)) : null;
  return (
    <div className="stack" data-testid="feedback-raters">
      <p className="muted">{t(viewer === 'hr' ? 'raters.hrNote' : 'raters.appraiserNote')}</p>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {failure ? (
        <Alert tone="error" title={failure.title}>
          {failure.detail}
        </Alert>
      ) : null}
      {listProblem ? (
        <Alert tone="error" title={listProblem.title}>
          {listProblem.detail}
        </Alert>
      ) : null}
      {raters.data ? (
        <DataTable<FeedbackRequestView>
          caption={t('raters.title')}
          rows={raters.data}
          rowKey={(r) => r.id}
          empty={t('raters.none')}
          columns={[
            { key: 'rater', header: t('raters.rater'), render: (r) => <RaterName id={r.rater_employee_id} /> },
            { key: 'role', header: t('raters.role'), render: (r) => t(`role.${r.rater_role}`) },
            {
              key: 'approval',
              header: t('raters.approval'),
              render: (r) =>
                r.is_approved ? (
                  <StatusBadge tone="success">{t('raters.approved')}</StatusBadge>
                ) : (
                  <span className="stack" style={{ gap: 2 }}>
                    <StatusBadge tone="warning">{t('raters.awaitingApproval')}</StatusBadge>
                    <small className="muted">{t('raters.nominated')}</small>
                  </span>
                ),
            },
            { key: 'status', header: t('raters.status'), render: (r) => t(`status.${r.status}`, { defaultValue: r.status }) },
            { key: 'due', header: t('raters.due'), render: (r) => formatDate(r.due_on) },
            {
              key: 'actions',
              header: t('common.actions'),
              render: (r) =>
                canManage ? (
                  <span className="row" style={{ flexWrap: 'nowrap', alignItems: 'center' }}>
                    {!r.is_approved ? (
                      <Button
                        variant="secondary"
                        busy={approve.isPending && approve.variables === r.id}
                        onClick={() =>
                          void run(async () => {
                            await approve.mutateAsync(r.id);
                            // An approved peer leaves the appraiser's list: say why, as after a request.
                            return viewer === 'appraiser' ? `${t('raters.approvedDone')} ${t('raters.receivedHidden')}` : t('raters.approvedDone');
                          })
                        }
                      >
                        {t('raters.approve')}
                      </Button>
                    ) : null}
                    {r.status !== 'submitted' ? (
                      <Button variant="link" onClick={() => setRemoving(r)}>
                        {t('raters.remove')}
                      </Button>
                    ) : null}
                  </span>
                ) : null,
            },
          ]}
        />
      ) : null}
      {canManage ? (
        <>
          <AddRaterForm
            evaluationId={evaluationId}
            viewer={viewer}
            subject={subject}
            onDone={(msg) => {
              setFailure(null);
              setNotice(msg);
            }}
          />
          <div className="row" style={{ alignItems: 'center' }}>
            <Button
              variant="secondary"
              busy={generate.isPending}
              onClick={() =>
                void run(async () => {
                  const s = await generate.mutateAsync();
                  return t('raters.generated', {
                    count: s.created,
                    self: s.created_self,
                    appraiser: s.created_appraiser,
                    peer: s.created_peer,
                    subordinate: s.created_subordinate,
                  });
                })
              }
            >
              {t('raters.generate')}
            </Button>
            <small className="muted">{t('raters.generateHint')}</small>
          </div>
        </>
      ) : null}
      <Dialog
        open={removing !== null}
        title={t('raters.removeTitle')}
        onClose={() => setRemoving(null)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button variant="secondary" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              variant="danger"
              busy={remove.isPending}
              onClick={() => {
                const r = removing;
                setRemoving(null);
                if (r)
                  void run(async () => {
                    await remove.mutateAsync(r.id);
                    return t('raters.removed');
                  });
              }}
            >
              {t('raters.remove')}
            </Button>
          </>
        }
      >
        <p>{t('raters.removeBody', { name: removingName || t('raters.unknownPerson') })}</p>
      </Dialog>
    </div>
  );
}

/** Who the evaluation is about: the self-assessment is theirs, the appraiser's request the appraiser's. */
export interface RaterSubject {
  employeeId: string;
  employeeName: string;
  /** Null when the appraiser is an external official (no employee record to ask). */
  appraiserId: string | null;
  appraiserName: string;
}

function AddRaterForm({
  evaluationId,
  viewer,
  subject,
  onDone,
}: {
  evaluationId: string;
  viewer: 'hr' | 'appraiser';
  subject: RaterSubject;
  onDone: (message: string) => void;
}) {
  const { t } = useFeedbackT();
  const add = useAddRater(evaluationId);
  const [person, setPerson] = useState<NominablePeer | null>(null);
  const [group, setGroup] = useState<RaterGroup>('peer');
  const [personError, setPersonError] = useState<string | undefined>();
  const [groupError, setGroupError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ProblemText | null>(null);
  // A new picker after each request: the search text and its results go with the old one.
  const [round, setRound] = useState(0);
  // Self and appraiser are one person each: named, not chosen.
  const fixed =
    group === 'self'
      ? { id: subject.employeeId, name: subject.employeeName }
      : group === 'appraiser'
        ? subject.appraiserId
          ? { id: subject.appraiserId, name: subject.appraiserName }
          : null
        : undefined;

  async function submit() {
    setPersonError(undefined);
    setGroupError(undefined);
    setFailure(null);
    const rater = fixed ?? person;
    if (!rater) {
      if (fixed === undefined) setPersonError(t('peers.required'));
      return;
    }
    try {
      const receipt = await add.mutateAsync({ rater_employee_id: rater.id, rater_role: group });
      setPerson(null);
      setRound((r) => r + 1);
      const role = t(`role.${receipt.rater_role}`).toLowerCase();
      // The appraiser's list shows attributed raters only: say why a peer does not appear in it.
      const hidden = viewer === 'appraiser' && (receipt.rater_role === 'peer' || receipt.rater_role === 'subordinate');
      onDone(`${t('raters.received', { name: rater.name, role })}${hidden ? ` ${t('raters.receivedHidden')}` : ''}`);
    } catch (err) {
      const p = toProblem(err, 0);
      const fieldMsg = (field: string) => {
        const e = p.fieldErrors.find((f) => f.field === field);
        return e ? t(`problems.${e.code}`, { defaultValue: e.message }) : undefined;
      };
      if (p.status === 422 && (fieldMsg('rater_employee_id') || fieldMsg('rater_role'))) {
        setPersonError(fieldMsg('rater_employee_id'));
        setGroupError(fieldMsg('rater_role'));
        return;
      }
      setFailure(describeProblem(t, p));
    }
  }

  return (
    <form
      className="card fb-rater-form"
      noValidate
      aria-labelledby={`add-rater-${evaluationId}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="stack">
        <strong id={`add-rater-${evaluationId}`}>{t('raters.add')}</strong>
        {failure ? (
          <Alert tone="error" title={failure.title}>
            {failure.detail}
          </Alert>
        ) : null}
        <div className="row">
          <SelectField
            label={t('raters.addRole')}
            value={group}
            error={groupError}
            onChange={(e) => {
              setGroup(e.target.value as RaterGroup);
              setPersonError(undefined);
              setGroupError(undefined);
            }}
            options={GROUPS.map((g) => ({ value: g, label: t(`role.${g}`) }))}
          />
        </div>
        {group === 'self' ? <p className="fb-rater-fixed">{t('raters.fixedSelf', { name: subject.employeeName })}</p> : null}
        {group === 'appraiser' ? (
          <p className="fb-rater-fixed">
            {subject.appraiserId ? t('raters.fixedAppraiser', { name: subject.appraiserName }) : t('raters.externalAppraiser')}
          </p>
        ) : null}
        {fixed === undefined ? (
          <PeerPicker
            key={round}
            evaluationId={evaluationId}
            label={t('raters.addPerson')}
            value={person}
            onChange={(p) => {
              setPerson(p);
              setPersonError(undefined);
            }}
            error={personError}
            audience="manager"
          />
        ) : null}
        <div className="row">
          <Button type="submit" busy={add.isPending} disabled={fixed === null}>
            {t('raters.add')}
          </Button>
        </div>
      </div>
    </form>
  );
}

/** The evaluated employee proposes a peer; the appraiser approves before the peer is asked. */
export function NominatePeer({ evaluationId }: { evaluationId: string }) {
  const { t } = useFeedbackT();
  const nominate = useNominatePeer(evaluationId);
  const [person, setPerson] = useState<NominablePeer | null>(null);
  const [personError, setPersonError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ProblemText | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  async function submit() {
    setPersonError(undefined);
    setFailure(null);
    setDone(null);
    if (!person) {
      setPersonError(t('peers.required'));
      return;
    }
    try {
      await nominate.mutateAsync(person.id);
      // The same words whether or not the colleague is already a rater (202 receipt either way).
      setDone(t('nominate.done', { name: person.name }));
      setPerson(null);
      setRound((r) => r + 1);
    } catch (err) {
      const p = toProblem(err, 0);
      const e = p.fieldErrors.find((f) => f.field === 'rater_employee_id' || f.field === 'rater_role');
      if (p.status === 422 && e) {
        setPersonError(t(`problems.${e.code}`, { defaultValue: e.message }));
        return;
      }
      setFailure(describeProblem(t, p));
    }
  }

  return (
    <form
      className="stack"
      noValidate
      data-testid="nominate-peer"
      aria-labelledby={`nominate-${evaluationId}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id={`nominate-${evaluationId}`} className="fb-nominate-title">
        {t('nominate.title')}
      </h3>
      <p className="muted">{t('nominate.intro')}</p>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {failure ? (
        <Alert tone="error" title={failure.title}>
          {failure.detail}
        </Alert>
      ) : null}
      <PeerPicker
        key={round}
        evaluationId={evaluationId}
        label={t('nominate.person')}
        value={person}
        onChange={(p) => {
          setPerson(p);
          setPersonError(undefined);
          if (p) setDone(null);
        }}
        error={personError}
        audience="employee"
      />
      <div className="row">
        <Button type="submit" busy={nominate.isPending}>
          {t('nominate.submit')}
        </Button>
      </div>
    </form>
  );
}
