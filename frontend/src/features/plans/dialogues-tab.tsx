//! Performance dialogues (dialog kinerja) of a plan: the records by date, and a form for the
//! appraiser or the employee to record one that was held (append-only).
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { useSession } from '@/features/auth';
import { applyFieldErrors, toProblem, type ApiProblem } from '@/lib/api';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { useCreateDialogue, useDialogues, type CreateDialogueBody, type PlanView } from './api';
import { TextAreaField } from './fields';
import { todayIso, whoLabel } from './format';
import { usePlansT } from './i18n';
import { ProblemAlert } from './problem-alert';

export const DIALOGUE_KINDS = ['planning', 'monitoring', 'coaching', 'counselling', 'mentoring'] as const;

interface Values {
  held_on: string;
  kind: CreateDialogueBody['kind'];
  notes: string;
  follow_up: string;
}

export function DialoguesTab({ plan }: { plan: PlanView }) {
  const { t } = usePlansT();
  const { user } = useSession();
  const dialogues = useDialogues(plan.id);
  const create = useCreateDialogue(plan.id);
  const canWrite = !!user?.employee_id && (user.employee_id === plan.appraiser_employee_id || user.employee_id === plan.employee_id);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const today = todayIso();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { held_on: today, kind: 'monitoring', notes: '', follow_up: '' } });

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    setNotice(null);
    try {
      await create.mutateAsync({ held_on: v.held_on, kind: v.kind, notes: v.notes.trim(), follow_up: v.follow_up.trim() || null });
      reset({ held_on: today, kind: v.kind, notes: '', follow_up: '' });
      setNotice(t('dlg.saved'));
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422 && applyFieldErrors(problem, setError, ['held_on', 'kind', 'notes', 'follow_up']).length === 0) return;
      setFailure(problem);
    }
  });

  const items = [...(dialogues.data ?? [])].sort((a, b) => (a.held_on < b.held_on ? 1 : a.held_on > b.held_on ? -1 : 0));
  return (
    <div className="split">
      <section className="stack" aria-labelledby="plans-dlg-list">
        <h2 id="plans-dlg-list" className="visually-hidden">
          {t('dlg.title')}
        </h2>
        {dialogues.isPending ? <Spinner label={t('common.loading')} /> : null}
        {dialogues.error ? <ProblemAlert problem={toProblem(dialogues.error, 0)} /> : null}
        {dialogues.data && items.length === 0 ? <p className="muted">{t('dlg.empty')}</p> : null}
        <ol className="plans-notes">
          {items.map((d) => (
            <li key={d.id} className="plans-note">
              <div className="plans-note-head">
                <strong>{formatDate(d.held_on)}</strong>
                <StatusBadge tone="info">{t(`dlg.kinds.${d.kind}`)}</StatusBadge>
              </div>
              <p className="plans-preline">{d.notes}</p>
              {d.follow_up ? (
                <p className="plans-preline">
                  <strong>{t('dlg.followUp')}:</strong> {d.follow_up}
                </p>
              ) : null}
              <small className="muted">
                {t('dlg.recordedBy')}: {whoLabel(d.recorded_by, plan)} · {formatDateTime(d.created_at)}
              </small>
            </li>
          ))}
        </ol>
      </section>
      {canWrite ? (
        <form className="card stack plans-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('dlg.add')}>
          <h2>{t('dlg.add')}</h2>
          <ProblemAlert problem={failure} />
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          <div className="form-grid plans-two">
            <TextField type="date" label={t('dlg.heldOn')} max={today} error={errors.held_on?.message} {...register('held_on', { required: t('common.required') })} />
            <SelectField label={t('dlg.kind')} options={DIALOGUE_KINDS.map((k) => ({ value: k, label: t(`dlg.kinds.${k}`) }))} error={errors.kind?.message} {...register('kind')} />
          </div>
          <TextAreaField label={t('dlg.notes')} rows={4} error={errors.notes?.message} {...register('notes', { validate: (v) => v.trim() !== '' || t('common.required') })} />
          <TextAreaField label={t('dlg.followUp')} rows={2} error={errors.follow_up?.message} {...register('follow_up')} />
          <div className="row">
            <Button type="submit" busy={isSubmitting}>
              {t('common.save')}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
