//! Appraiser assignments: pick an employee to see their history; assign an appraiser with the
//! acting kind (definitive, Plt, Plh) and the dates.
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { DataTable } from '@/components/data-table';
import { SelectField, TextField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { isAdmin, useSession } from '@/features/auth';
import { EmployeePicker, type PickedEmployee } from '@/features/employees';
import { applyFieldErrors, toProblem, type ApiProblem, type components } from '@/lib/api';
import { formatDate } from '@/lib/i18n/format';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { problemMessage } from '@/lib/i18n/problem-message';
import { useAssignments, useCreateAssignment, type AssignmentsQuery } from './api';

type Assignment = components['schemas']['AssignmentView'];
type ActingKind = components['schemas']['ActingKind'];
const ACTING_KINDS = ['definitive', 'plt', 'plh'] as const satisfies readonly ActingKind[];

interface Values {
  employee: PickedEmployee | null;
  appraiser: PickedEmployee | null;
  superior: PickedEmployee | null;
  acting_kind: ActingKind;
  valid_from: string;
  valid_until: string;
  note: string;
  close_previous: boolean;
}

export function AppraisersPage() {
  const { t } = useTranslation();
  const pageLabels = usePaginationLabels();
  const { user } = useSession();
  const [employee, setEmployee] = useState<PickedEmployee | null>(null);
  const [query, setQuery] = useState<AssignmentsQuery>({ page: 1, per_page: 25 });
  const assignments = useAssignments({ ...query, employee_id: employee?.id });

  return (
    <div className="stack">
      <PageHeader title={t('appraisers.title')} />
      <Card>
        <EmployeePicker
          label={t('appraisers.employee')}
          value={employee}
          onChange={(e) => {
            setEmployee(e);
            setQuery({ ...query, page: 1 });
          }}
        />
      </Card>
      {isAdmin(user) ? <CreateAssignment employee={employee} /> : null}
      {assignments.isPending ? <Spinner label={t('common.loading')} /> : null}
      {assignments.error ? <Alert tone="error">{problemMessage(t, toProblem(assignments.error, 0))}</Alert> : null}
      {assignments.data ? (
        <>
          <DataTable<Assignment>
            caption={t('appraisers.title')}
            rows={assignments.data.items}
            rowKey={(a) => a.id}
            empty={t('appraisers.none')}
            columns={[
              { key: 'employee', header: t('appraisers.employee'), render: (a) => a.employee.name },
              { key: 'appraiser', header: t('appraisers.appraiser'), render: (a) => a.appraiser.name },
              { key: 'superior', header: t('appraisers.superior'), render: (a) => a.appraiser_superior?.name ?? t('common.none') },
              { key: 'kind', header: t('appraisers.actingKind'), render: (a) => t(`enums.acting_kind.${a.acting_kind}`) },
              { key: 'from', header: t('appraisers.validFrom'), render: (a) => formatDate(a.valid_from) },
              { key: 'until', header: t('appraisers.validUntil'), render: (a) => formatDate(a.valid_until) },
            ]}
          />
          <Pagination
            page={assignments.data.page}
            perPage={assignments.data.per_page}
            total={assignments.data.total}
            onPage={(page) => setQuery({ ...query, page })}
            labels={pageLabels}
          />
        </>
      ) : null}
    </div>
  );
}

/** The API names ids; the form names people. */
const FIELD_ALIASES = {
  employee_id: 'employee',
  appraiser_employee_id: 'appraiser',
  superior_employee_id: 'superior',
} as const;

function CreateAssignment({ employee }: { employee: PickedEmployee | null }) {
  const { t } = useTranslation();
  const create = useCreateAssignment();
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const {
    control,
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    values: { employee, appraiser: null, superior: null, acting_kind: 'definitive', valid_from: today, valid_until: '', note: '', close_previous: true },
  });

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    setDone(false);
    if (!v.employee || !v.appraiser) return;
    try {
      await create.mutateAsync({
        employee_id: v.employee.id,
        appraiser_employee_id: v.appraiser.id,
        superior_employee_id: v.superior?.id ?? null,
        acting_kind: v.acting_kind,
        valid_from: v.valid_from,
        valid_until: v.valid_until || null,
        note: v.note.trim() || null,
        close_previous: v.close_previous,
      });
      setDone(true);
      reset();
    } catch (err) {
      const p = toProblem(err, 0);
      if (
        p.status === 422 &&
        applyFieldErrors(p, setError, ['employee', 'appraiser', 'superior', 'acting_kind', 'valid_from', 'valid_until', 'note'], FIELD_ALIASES)
          .length === 0
      )
        return;
      setFailure(p);
    }
  });

  const required = (v: PickedEmployee | null) => v !== null || t('common.required');
  return (
    <Card title={t('appraisers.create')}>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        {done ? <Alert tone="success">{t('appraisers.created')}</Alert> : null}
        {failure ? (
          <Alert tone="error" title={problemMessage(t, failure)}>
            {failure.fieldErrors.length ? failure.fieldErrors.map((e) => `${e.field}: ${e.message}`).join(' · ') : failure.detail}
          </Alert>
        ) : null}
        <div className="form-grid">
          <Controller
            control={control}
            name="employee"
            rules={{ validate: required }}
            render={({ field, fieldState }) => (
              <EmployeePicker label={t('appraisers.employee')} value={field.value} onChange={field.onChange} error={fieldState.error?.message} />
            )}
          />
          <Controller
            control={control}
            name="appraiser"
            rules={{ validate: required }}
            render={({ field, fieldState }) => (
              <EmployeePicker label={t('appraisers.appraiser')} value={field.value} onChange={field.onChange} error={fieldState.error?.message} />
            )}
          />
          <Controller
            control={control}
            name="superior"
            render={({ field, fieldState }) => (
              <EmployeePicker
                label={`${t('appraisers.superior')} ${t('common.optional')}`}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
              />
            )}
          />
          <SelectField
            label={t('appraisers.actingKind')}
            options={ACTING_KINDS.map((k) => ({ value: k, label: t(`enums.acting_kind.${k}`) }))}
            error={errors.acting_kind?.message}
            {...register('acting_kind')}
          />
          <TextField label={t('appraisers.validFrom')} type="date" error={errors.valid_from?.message} {...register('valid_from', { required: t('common.required') })} />
          <TextField
            label={`${t('appraisers.validUntil')} ${t('common.optional')}`}
            type="date"
            error={errors.valid_until?.message}
            {...register('valid_until')}
          />
          <TextField label={`${t('appraisers.note')} ${t('common.optional')}`} error={errors.note?.message} {...register('note')} />
        </div>
        <label className="checkbox">
          <input type="checkbox" {...register('close_previous')} />
          {t('appraisers.closePrevious')}
        </label>
        <div>
          <Button type="submit" busy={isSubmitting}>
            {t('appraisers.create')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
