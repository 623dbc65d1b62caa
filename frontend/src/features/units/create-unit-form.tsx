//! Creating a unit under the selected one (or at the top level).
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { applyFieldErrors, toProblem, type ApiProblem, type components } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';
import type { CreateUnitBody } from './api';

type UnitKind = components['schemas']['UnitKind'];

const UNIT_KINDS = [
  'sekretariat',
  'dinas',
  'badan',
  'inspektorat',
  'kantor',
  'bagian',
  'bidang',
  'subbagian',
  'seksi',
  'kecamatan',
  'kelurahan',
  'uptd',
  'other',
] as const satisfies readonly UnitKind[];

interface Values {
  code: string;
  name: string;
  kind: UnitKind;
}

export function CreateUnitForm({ parentId, onCreate }: { parentId: string | null; onCreate: (body: CreateUnitBody) => Promise<void> }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { code: '', name: '', kind: 'bidang' } });

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await onCreate({ parent_id: parentId, code: v.code.trim(), name: v.name.trim(), kind: v.kind });
      reset();
    } catch (err) {
      const p = toProblem(err, 0);
      if (p.status === 422 && applyFieldErrors(p, setError, ['code', 'name', 'kind']).length === 0) return;
      setFailure(p);
    }
  });

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      {failure ? (
        <Alert tone="error" title={problemMessage(t, failure)}>
          {failure.detail}
        </Alert>
      ) : null}
      <div className="row">
        <TextField label={t('units.code')} error={errors.code?.message} {...register('code', { validate: (v) => v.trim() !== '' || t('common.required') })} />
        <TextField label={t('units.name')} error={errors.name?.message} {...register('name', { validate: (v) => v.trim() !== '' || t('common.required') })} />
        <SelectField
          label={t('units.kind')}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(`enums.unit_kind.${k}`) }))}
          error={errors.kind?.message}
          {...register('kind')}
        />
        <Button type="submit" busy={isSubmitting}>
          {parentId ? t('units.createChild') : t('units.createRoot')}
        </Button>
      </div>
    </form>
  );
}
