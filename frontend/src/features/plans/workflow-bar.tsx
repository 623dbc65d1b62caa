//! The plan's workflow buttons, exactly those the server allows the caller now
//! (`/plans/{id}/allowed-actions`): submit, approve, return with a reason, revise, cancel; and
//! for HR the change of appraiser. Every refusal is shown where the action was taken.
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { SelectField } from '@/components/field';
import { EmployeePicker, type PickedEmployee } from '@/features/employees';
import { applyFieldErrors, toProblem, type ApiProblem } from '@/lib/api';
import { useExternalAppraisers, usePlanMove, useReassignAppraiser, useReturnPlan, useReviewPlan, type PlanAction, type PlanView } from './api';
import { ConfirmDialog, TextAreaField } from './fields';
import { usePlansT } from './i18n';
import { ProblemAlert } from './problem-alert';

type Open = 'submit' | 'review' | 'approve' | 'return' | 'revise' | 'cancel' | 'reassign' | null;

export interface WorkflowBarProps {
  plan: PlanView;
  actions: readonly PlanAction[];
  /** HR may change the appraiser of a live plan (no allowed-action flag exists for it). */
  canReassign: boolean;
  onDone: (message: string) => void;
}

export function WorkflowBar({ plan, actions, canReassign, onDone }: WorkflowBarProps) {
  const { t } = usePlansT();
  const navigate = useNavigate();
  const [open, setOpen] = useState<Open>(null);
  const move = usePlanMove(plan.id);
  const review = useReviewPlan(plan.id);
  const has = (a: PlanAction) => actions.includes(a);
  const close = () => setOpen(null);
  const ctx = { appraiserName: plan.appraiser_name };

  const any = actions.some((a) => a !== 'end_period') || canReassign;
  return (
    <>
      {any ? (
        <div className="plans-workflow no-print" role="group" aria-label={t('flow.actions')}>
          {has('submit') ? <Button onClick={() => setOpen('submit')}>{t('flow.submit')}</Button> : null}
          {has('review') ? <Button onClick={() => setOpen('review')}>{t('flow.review')}</Button> : null}
          {has('approve') ? <Button onClick={() => setOpen('approve')}>{t('flow.approve')}</Button> : null}
          {has('return') ? (
            <Button variant="secondary" onClick={() => setOpen('return')}>
              {t('flow.return')}
            </Button>
          ) : null}
          {has('revise') ? (
            <Button variant="secondary" onClick={() => setOpen('revise')}>
              {t('flow.revise')}
            </Button>
          ) : null}
          {canReassign ? (
            <Button variant="secondary" onClick={() => setOpen('reassign')}>
              {t('flow.reassign')}
            </Button>
          ) : null}
          {has('cancel') ? (
            <Button variant="danger" onClick={() => setOpen('cancel')}>
              {t('flow.cancel')}
            </Button>
          ) : null}
        </div>
      ) : null}

      <ConfirmDialog
        open={open === 'submit'}
        title={t('flow.submit')}
        message={t('flow.confirmSubmit')}
        confirmLabel={t('flow.submit')}
        context={ctx}
        onConfirm={async () => {
          const p = await move.mutateAsync('submit');
          onDone(t('flow.submitted', { name: p.appraiser_name ?? '' }));
        }}
        onClose={close}
      />
      <ConfirmDialog
        open={open === 'review'}
        title={t('flow.review')}
        message={t('flow.confirmReview', { name: plan.employee_name })}
        confirmLabel={t('flow.review')}
        onConfirm={async () => {
          await review.mutateAsync();
          onDone(t('flow.reviewed'));
        }}
        onClose={close}
      />
      <ConfirmDialog
        open={open === 'approve'}
        title={t('flow.approve')}
        message={t('flow.confirmApprove', { name: plan.employee_name })}
        confirmLabel={t('flow.approve')}
        onConfirm={async () => {
          await move.mutateAsync('approve');
          onDone(t('flow.approved'));
        }}
        onClose={close}
      />
      <ConfirmDialog
        open={open === 'revise'}
        title={t('flow.revise')}
        message={t('flow.confirmRevise')}
        confirmLabel={t('flow.revise')}
        onConfirm={async () => {
          const p = await move.mutateAsync('revise');
          onDone(t('flow.revised'));
          void navigate(`/plans/${p.id}`);
        }}
        onClose={close}
      />
      <ConfirmDialog
        open={open === 'cancel'}
        danger
        title={t('flow.cancel')}
        message={t('flow.confirmCancel', { name: plan.employee_name })}
        confirmLabel={t('flow.cancel')}
        onConfirm={async () => {
          await move.mutateAsync('cancel');
          onDone(t('flow.cancelled'));
        }}
        onClose={close}
      />
      {open === 'return' ? <ReturnDialog planId={plan.id} onClose={close} onDone={() => onDone(t('flow.returned'))} /> : null}
      {open === 'reassign' ? <ReassignDialog planId={plan.id} onClose={close} onDone={() => onDone(t('flow.reassigned'))} /> : null}
    </>
  );
}

/** Returning a submitted plan: the reason is required and shown to the employee. */
export function ReturnDialog({ planId, onClose, onDone }: { planId: string; onClose: () => void; onDone: () => void }) {
  const { t } = usePlansT();
  const formId = useId();
  const ret = useReturnPlan(planId);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [unmatched, setUnmatched] = useState<{ field: string; message: string }[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await ret.mutateAsync(v.reason.trim());
      onDone();
      onClose();
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422) setUnmatched(applyFieldErrors(problem, setError, ['reason']));
      setFailure(problem);
    }
  });
  return (
    <Dialog
      open
      title={t('flow.returnTitle')}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={formId} busy={isSubmitting}>
            {t('flow.return')}
          </Button>
        </>
      }
    >
      <form id={formId} className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <ProblemAlert problem={failure} unmatched={unmatched} />
        <TextAreaField
          label={t('flow.reason')}
          hint={t('flow.reasonHint')}
          rows={4}
          error={errors.reason?.message}
          {...register('reason', { validate: (v) => v.trim() !== '' || t('common.required') })}
        />
      </form>
    </Dialog>
  );
}

function ReassignDialog({ planId, onClose, onDone }: { planId: string; onClose: () => void; onDone: () => void }) {
  const { t } = usePlansT();
  const reassign = useReassignAppraiser(planId);
  const [kind, setKind] = useState<'employee' | 'external'>('employee');
  const externals = useExternalAppraisers(kind === 'external');
  const [picked, setPicked] = useState<PickedEmployee | null>(null);
  const [external, setExternal] = useState('');
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = kind === 'employee' ? !!picked : external !== '';
  const save = async () => {
    if (!ready) return;
    setBusy(true);
    setFailure(null);
    try {
      await reassign.mutateAsync(kind === 'employee' ? { appraiser_employee_id: picked?.id } : { appraiser_external_id: external });
      onDone();
      onClose();
    } catch (err) {
      setFailure(toProblem(err, 0));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      title={t('flow.reassignTitle')}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button busy={busy} disabled={!ready} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <div className="stack">
        <ProblemAlert problem={failure} />
        <p className="field-hint">{t('flow.reassignHint')}</p>
        <fieldset className="plans-radio-group plans-inline">
          <legend>{t('flow.appraiserKind')}</legend>
          <label className="plans-radio">
            <input type="radio" name="appraiser-kind" checked={kind === 'employee'} onChange={() => setKind('employee')} /> {t('flow.kindEmployee')}
          </label>
          <label className="plans-radio">
            <input type="radio" name="appraiser-kind" checked={kind === 'external'} onChange={() => setKind('external')} /> {t('flow.kindExternal')}
          </label>
        </fieldset>
        {kind === 'employee' ? (
          <EmployeePicker label={t('flow.newAppraiser')} value={picked} onChange={setPicked} />
        ) : (
          <SelectField
            label={t('flow.newAppraiser')}
            placeholder={t('common.none')}
            value={external}
            options={(externals.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} (${x.id_number})${x.position_title ? ` · ${x.position_title}` : ''}` }))}
            onChange={(e) => setExternal(e.target.value)}
          />
        )}
      </div>
    </Dialog>
  );
}
