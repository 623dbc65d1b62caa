//! The employee form, for creating and for editing. Server 422 errors land on their fields.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField, type SelectOption } from '@/components/field';
import { applyFieldErrors, toProblem, type ApiProblem } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';
import { ASN_TYPES, EMPLOYEE_STATUSES, SEXES } from './enums';

export interface EmployeeFormValues {
  nip: string;
  asn_type: string;
  name: string;
  birth_on: string;
  sex: string;
  golongan: string;
  rank_since_on: string;
  unit_id: string;
  status: string;
  email: string;
  phone: string;
}

export const FIELDS = ['nip', 'asn_type', 'name', 'birth_on', 'sex', 'golongan', 'rank_since_on', 'unit_id', 'status', 'email', 'phone'] as const;

export const blankEmployee: EmployeeFormValues = {
  nip: '',
  asn_type: 'pns',
  name: '',
  birth_on: '',
  sex: '',
  golongan: '',
  rank_since_on: '',
  unit_id: '',
  status: 'active',
  email: '',
  phone: '',
};

export interface EmployeeFormProps {
  initial: EmployeeFormValues;
  units: readonly SelectOption[];
  submitLabel: string;
  onSubmit: (values: EmployeeFormValues) => Promise<void>;
  /** Rendered above the form when the server answers 412 (someone else changed the record). */
  onReload?: () => void;
}

export function EmployeeForm({ initial, units, submitLabel, onSubmit, onReload }: EmployeeFormProps) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [unmatched, setUnmatched] = useState<{ field: string; message: string }[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<EmployeeFormValues>({ values: initial });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    setUnmatched([]);
    try {
      await onSubmit(values);
    } catch (err) {
      const p = toProblem(err, 0);
      if (p.status === 422 && p.fieldErrors.length) {
        setUnmatched(applyFieldErrors(p, setError, FIELDS));
        return;
      }
      setFailure(p);
    }
  });

  const required = { validate: (v: string) => v.trim() !== '' || t('common.required') };
  const enumOptions = (group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`enums.${group}.${v}`) }));

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      {failure?.status === 412 ? (
        <Alert tone="warning" action={onReload ? <Button variant="secondary" onClick={() => { setFailure(null); onReload(); }}>{t('common.reload')}</Button> : null}>
          {t('problem.stale_version')}
        </Alert>
      ) : failure ? (
        <Alert tone="error" title={problemMessage(t, failure)}>
          {failure.detail}
        </Alert>
      ) : null}
      {unmatched.length ? (
        <Alert tone="error" title={t('common.fieldErrorsSummary')}>
          <ul>
            {unmatched.map((e) => (
              <li key={e.field}>
                <code>{e.field}</code>: {e.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="form-grid">
        <TextField label={t('employee.nip')} inputMode="numeric" autoComplete="off" error={errors.nip?.message} {...register('nip', required)} />
        <SelectField label={t('employee.asnType')} options={enumOptions('asn_type', ASN_TYPES)} error={errors.asn_type?.message} {...register('asn_type')} />
        <TextField label={t('employee.name')} error={errors.name?.message} {...register('name', required)} />
        <TextField
          label={`${t('employee.birthOn')} ${t('common.optional')}`}
          type="date"
          error={errors.birth_on?.message}
          {...register('birth_on')}
        />
        <SelectField
          label={`${t('employee.sex')} ${t('common.optional')}`}
          options={enumOptions('sex', SEXES)}
          placeholder={t('common.none')}
          error={errors.sex?.message}
          {...register('sex')}
        />
        <TextField label={t('employee.golongan')} placeholder="III/a" error={errors.golongan?.message} {...register('golongan')} />
        <TextField label={t('employee.rankSinceOn')} type="date" error={errors.rank_since_on?.message} {...register('rank_since_on')} />
        <SelectField label={t('employee.unit')} options={units} placeholder={t('common.none')} error={errors.unit_id?.message} {...register('unit_id')} />
        <SelectField
          label={t('employee.status')}
          options={enumOptions('employee_status', EMPLOYEE_STATUSES)}
          error={errors.status?.message}
          {...register('status')}
        />
        <TextField label={t('employee.email')} type="email" autoComplete="off" error={errors.email?.message} {...register('email')} />
        <TextField label={t('employee.phone')} type="tel" autoComplete="off" error={errors.phone?.message} {...register('phone')} />
      </div>
      <div>
        <Button type="submit" busy={isSubmitting}>
          {isSubmitting ? t('common.saving') : submitLabel}
        </Button>
      </div>
    </form>
  );
}
