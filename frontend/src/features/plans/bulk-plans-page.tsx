//! Bulk plan creation (HR): draft plans from a template for every active employee of a unit
//! without a plan in the cycle, with the server's per-row report (created, skipped and why).
import { useMemo, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { SelectField, TextField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { unitOptions, useUnitTree } from '@/features/units';
import { applyFieldErrors, toProblem, type ApiProblem } from '@/lib/api';
import { useBulkCreatePlans, useCycles, type BulkPlansReport, type BulkCreatePlansBody } from './api';
import { TextAreaField } from './fields';
import { usePlansT } from './i18n';
import { ASPECTS } from './indicator-dialog';
import { BackToPlans } from './plans-page';
import { ProblemAlert } from './problem-alert';
import './plans.css';

interface TemplateRow {
  kind: 'main' | 'additional';
  description: string;
  assigned_by: string;
  ind_aspect: (typeof ASPECTS)[number];
  ind_description: string;
  ind_target: string;
  ind_unit: string;
}

interface Values {
  cycle_id: string;
  unit_id: string;
  include_subunits: boolean;
  approach: 'quantitative' | 'qualitative';
  rows: TemplateRow[];
}

const EMPTY_ROW: TemplateRow = { kind: 'main', description: '', assigned_by: '', ind_aspect: 'quantity', ind_description: '', ind_target: '', ind_unit: '' };

/** The API body of the form: template rows with their one optional indicator. */
export function bulkBody(v: Values): BulkCreatePlansBody {
  return {
    unit_id: v.unit_id,
    include_subunits: v.include_subunits,
    template: {
      approach: v.approach,
      work_results: v.rows
        .filter((r) => r.description.trim() !== '')
        .map((r) => ({
          kind: r.kind,
          description: r.description.trim(),
          assigned_by: r.assigned_by.trim() || null,
          indicators:
            r.ind_description.trim() === ''
              ? []
              : [
                  {
                    aspect: r.ind_aspect,
                    description: r.ind_description.trim(),
                    target: v.approach === 'quantitative' && r.ind_target.trim() ? r.ind_target.trim().replace(',', '.') : null,
                    target_text: v.approach === 'qualitative' ? r.ind_target.trim() || null : null,
                    unit: r.ind_unit.trim() || null,
                  },
                ],
        })),
    },
  };
}

export function BulkPlansPage() {
  const { t } = usePlansT();
  const cycles = useCycles();
  const tree = useUnitTree();
  const units = useMemo(() => (tree.data ? unitOptions(tree.data) : []), [tree.data]);
  const openCycles = (cycles.data?.items ?? []).filter((c) => c.status === 'planning' || c.status === 'running');
  const bulk = useBulkCreatePlans();
  const [report, setReport] = useState<BulkPlansReport | null>(null);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [unmatched, setUnmatched] = useState<{ field: string; message: string }[]>([]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { cycle_id: '', unit_id: '', include_subunits: true, approach: 'quantitative', rows: [EMPTY_ROW] } });
  const { fields, append, remove } = useFieldArray({ control, name: 'rows' });
  const approach = useWatch({ control, name: 'approach' });
  const cycleId = useWatch({ control, name: 'cycle_id' });
  const unitId = useWatch({ control, name: 'unit_id' });

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    setUnmatched([]);
    setReport(null);
    try {
      setReport(await bulk.mutateAsync({ cycleId: v.cycle_id, body: bulkBody(v) }));
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422) setUnmatched(applyFieldErrors(problem, setError, ['unit_id', 'cycle_id']));
      setFailure(problem);
    }
  });

  return (
    <div className="stack">
      <BackToPlans />
      <PageHeader title={t('bulk.title')} subtitle={t('bulk.intro')} />
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-label={t('bulk.title')}>
        <ProblemAlert problem={failure} unmatched={unmatched} />
        <div className="card stack plans-form">
          <div className="form-grid plans-two">
            <SelectField
              label={t('bulk.cycle')}
              placeholder={t('create.chooseCycle')}
              options={openCycles.map((c) => ({ value: c.id, label: c.name }))}
              error={errors.cycle_id?.message}
              {...register('cycle_id', { required: t('common.required') })}
            />
            <SelectField
              label={t('bulk.unit')}
              placeholder={t('bulk.chooseUnit')}
              options={units}
              error={errors.unit_id?.message}
              {...register('unit_id', { required: t('common.required') })}
            />
            <SelectField
              label={t('bulk.approach')}
              options={(['quantitative', 'qualitative'] as const).map((a) => ({ value: a, label: t(`approach.${a}`) }))}
              hint={t(`approach.${approach}Hint`)}
              {...register('approach')}
            />
            <label className="checkbox">
              <input type="checkbox" {...register('include_subunits')} /> {t('bulk.includeSubunits')}
            </label>
          </div>
        </div>
        <fieldset className="card stack plans-fieldset">
          <legend>{t('bulk.template')}</legend>
          {fields.map((f, i) => (
            <div key={f.id} className="plans-template-row stack" role="group" aria-label={t('bulk.resultN', { n: i + 1 })}>
              <div className="plans-part-head">
                <strong>{t('bulk.resultN', { n: i + 1 })}</strong>
                {fields.length > 1 ? (
                  <Button variant="link" aria-label={t('bulk.removeResult', { n: i + 1 })} onClick={() => remove(i)}>
                    {t('delete')}
                  </Button>
                ) : null}
              </div>
              <div className="form-grid plans-two">
                <SelectField
                  label={t('wr.kind')}
                  options={[
                    { value: 'main', label: t('kind.main') },
                    { value: 'additional', label: t('kind.additional') },
                  ]}
                  {...register(`rows.${i}.kind`)}
                />
                <TextField label={`${t('wr.assignedBy')} ${t('common.optional')}`} hint={t('wr.assignedByHint')} {...register(`rows.${i}.assigned_by`)} />
              </div>
              <TextAreaField label={t('wr.description')} rows={2} {...register(`rows.${i}.description`)} />
              <div className="form-grid plans-four">
                <SelectField label={t('ind.aspect')} options={ASPECTS.map((a) => ({ value: a, label: t(`aspect.${a}`) }))} {...register(`rows.${i}.ind_aspect`)} />
                <TextField label={t('ind.description')} {...register(`rows.${i}.ind_description`)} />
                <TextField label={approach === 'qualitative' ? t('ind.targetText') : t('ind.target')} {...register(`rows.${i}.ind_target`)} />
                <TextField label={t('ind.unit')} {...register(`rows.${i}.ind_unit`)} />
              </div>
            </div>
          ))}
          <div>
            <Button variant="secondary" onClick={() => append(EMPTY_ROW)}>
              + {t('bulk.addResult')}
            </Button>
          </div>
        </fieldset>
        <div className="row">
          <Button type="submit" busy={isSubmitting}>
            {t('bulk.submit')}
          </Button>
        </div>
      </form>
      {report ? (
        <Card title={t('bulk.report')}>
          <div className="stack" data-testid="bulk-report">
            <Alert tone="success" title={t('bulk.created', { count: report.created.length })}>
              {report.created.length > 0 ? (
                <Link to={`/plans?view=all&cycle=${cycleId}&unit=${unitId}&status=draft`}>{t('bulk.viewCreated')}</Link>
              ) : null}
            </Alert>
            {report.skipped.length > 0 ? (
              <div className="table-wrap">
                <table>
                  <caption className="plans-report-caption">{t('bulk.skipped', { count: report.skipped.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('list.employee')}</th>
                      <th scope="col">{t('bulk.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.skipped.map((s) => (
                      <tr key={s.employee_id}>
                        <td>{s.employee_name}</td>
                        <td>
                          <strong>{t(`bulk.skipCodes.${s.code}`, { defaultValue: s.code })}</strong>
                          <br />
                          <small className="muted">{s.reason}</small>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
