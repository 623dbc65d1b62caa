//! The filter bar of the employee list. It edits a draft and applies it on submit, so typing a
//! name does not fire a request per keystroke; applying goes back to page 1.
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/button';
import { SelectField, TextField, type SelectOption } from '@/components/field';
import { emptyFilters, type EmployeeFilters } from './filters';

export interface EmployeeFilterFormProps {
  value: EmployeeFilters;
  onApply: (filters: EmployeeFilters) => void;
  units: readonly SelectOption[];
  positionKinds: readonly string[];
  statuses: readonly string[];
  asnTypes: readonly string[];
}

type Draft = Pick<EmployeeFilters, 'q' | 'unit_id' | 'include_subtree' | 'position_kind' | 'status' | 'asn_type'>;

export function EmployeeFilterForm({ value, onApply, units, positionKinds, statuses, asnTypes }: EmployeeFilterFormProps) {
  const { t } = useTranslation();
  const { register, handleSubmit, reset, control } = useForm<Draft>({ values: value });
  const unitChosen = useWatch({ control, name: 'unit_id' }) !== '';
  const apply = handleSubmit((draft) => onApply({ ...value, ...draft, q: draft.q.trim(), page: 1 }));
  const enumOptions = (group: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: t(`enums.${group}.${v}`) }));

  return (
    <form className="card card-body filters" role="search" aria-label={t('employees.filters')} onSubmit={(e) => void apply(e)}>
      <div className="row">
        <TextField label={t('employees.search')} type="search" {...register('q')} />
        <SelectField label={t('employee.unit')} options={units} placeholder={t('employees.anyUnit')} {...register('unit_id')} />
        <label className="checkbox">
          <input type="checkbox" disabled={!unitChosen} {...register('include_subtree')} />
          {t('employees.includeSubtree')}
        </label>
      </div>
      <div className="row">
        <SelectField
          label={t('employee.positionKind')}
          options={enumOptions('position_kind', positionKinds)}
          placeholder={t('common.all')}
          {...register('position_kind')}
        />
        <SelectField
          label={t('employee.status')}
          options={enumOptions('employee_status', statuses)}
          placeholder={t('common.all')}
          {...register('status')}
        />
        <SelectField
          label={t('employee.asnType')}
          options={enumOptions('asn_type', asnTypes)}
          placeholder={t('common.all')}
          {...register('asn_type')}
        />
        <div className="row">
          <Button type="submit">{t('common.apply')}</Button>
          <Button
            variant="secondary"
            onClick={() => {
              reset(emptyFilters);
              onApply({ ...emptyFilters, sort: value.sort });
            }}
          >
            {t('common.reset')}
          </Button>
        </div>
      </div>
    </form>
  );
}
