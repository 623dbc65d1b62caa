//! HR's calibration sheet: every rated evaluation's predicate as the appraiser rated it and after
//! calibration, side by side (filter by unit); a change needs a reason, and the unit's
//! distribution beside the sheet updates as soon as the server has it.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Dialog } from '@/components/dialog';
import { SelectField } from '@/components/field';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { EMPLOYEE_PREDICATES, PredicatePill, problemText, useAppraisalLabels, useUnitDirectory, type EmployeePredicate } from '@/features/cycles';
import { ApiProblem, applyFieldErrors, toProblem } from '@/lib/api';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { useCalibrate, useCalibrationSheet, useDistribution, type CalibrationRow } from './api';
import type { PeriodContext } from './calibration-page';
import { CurveStatus } from './distribution-tab';
import { useCalibrationT } from './i18n';
import { CountsTable, UnitDetail } from './unit-detail';

const PER_PAGE = 50;

export function CalibrationTab({ ctx }: { ctx: PeriodContext }) {
  const { t } = useCalibrationT();
  const labels = useAppraisalLabels();
  const pageLabels = usePaginationLabels();
  const units = useUnitDirectory();
  const { period, unitId } = ctx;
  const page = Math.max(1, Number(ctx.search.get('page')) || 1);
  const sheet = useCalibrationSheet(period.id, unitId, page, PER_PAGE);
  const [target, setTarget] = useState<CalibrationRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div className="stack">
      <div className="row">
        <SelectField
          label={t('sheet.unit')}
          value={unitId ?? ''}
          placeholder={t('sheet.allUnits')}
          onChange={(e) => ctx.setParams({ unit: e.target.value, page: null })}
          options={units.options}
        />
      </div>
      {notice ? (
        <Alert tone="success" action={<Button variant="link" onClick={() => setNotice(null)}>{t('common.close')}</Button>}>
          {notice}
        </Alert>
      ) : null}
      <div className="cal-split">
        <section className="stack adm-tight" aria-labelledby="sheet-title">
          <h2 id="sheet-title">{t('sheet.title')}</h2>
          {sheet.error ? <Alert tone="error">{problemText(t, sheet.error)}</Alert> : null}
          {sheet.isPending ? <Spinner label={t('common.loading')} /> : null}
          {sheet.data ? (
            <>
              <div className="table-wrap" aria-busy={sheet.isFetching || undefined}>
                <table className="cal-sheet">
                  <caption className="visually-hidden">{t('sheet.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('sheet.employee')}</th>
                      <th scope="col">{t('sheet.before')}</th>
                      <th scope="col">{t('sheet.after')}</th>
                      <th scope="col">{ctx.canWrite ? t('common.actions') : t('sheet.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sheet.data.items.length === 0 ? (
                      <tr>
                        <td colSpan={4} className="muted">
                          {t('sheet.empty')}
                        </td>
                      </tr>
                    ) : null}
                    {sheet.data.items.map((r) => (
                      <tr key={r.evaluation_id} className={r.predicate_after ? 'cal-calibrated' : undefined}>
                        <th scope="row" className="cal-person">
                          {r.employee_name}
                          <span className="mono muted">{r.nip}</span>
                          <span className="muted cal-person-unit">{r.unit_id ? (units.names.get(r.unit_id) ?? '—') : '—'}</span>
                        </th>
                        <td>
                          <PredicatePill value={r.predicate_before ?? null} />
                        </td>
                        <td className="cal-after">
                          {r.predicate_after ? <PredicatePill value={r.predicate_after} /> : <span className="muted">{t('sheet.notCalibrated')}</span>}
                          {r.reason ? (
                            <span className="cal-reason">
                              <span className="visually-hidden">{t('sheet.reason')}: </span>
                              {r.reason}
                            </span>
                          ) : null}
                        </td>
                        <td>
                          {ctx.canWrite && r.status === 'rated' ? (
                            <Button variant="secondary" onClick={() => setTarget(r)} aria-label={t('sheet.calibrateFor', { name: r.employee_name })}>
                              {t('sheet.calibrate')}
                            </Button>
                          ) : (
                            <StatusBadge tone={r.status === 'rated' ? 'info' : 'neutral'} title={t('sheet.statusHint')}>
                              {labels.evaluationState(r.status)}
                            </StatusBadge>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination
                page={page}
                perPage={PER_PAGE}
                total={sheet.data.total}
                onPage={(p) => ctx.setParams({ page: p > 1 ? String(p) : null })}
                labels={pageLabels}
              />
            </>
          ) : null}
        </section>
        <LiveDistribution ctx={ctx} />
      </div>
      <CalibrateDialog
        row={target}
        periodId={period.id}
        unitName={target?.unit_id ? (units.names.get(target.unit_id) ?? '') : ''}
        onClose={() => setTarget(null)}
        onDone={(m) => {
          setTarget(null);
          setNotice(m);
        }}
      />
    </div>
  );
}

/** The distribution of the unit being calibrated (or the agency), refreshed after each change. */
function LiveDistribution({ ctx }: { ctx: PeriodContext }) {
  const { t } = useCalibrationT();
  const dist = useDistribution(ctx.period.id, ctx.unitId);
  const unit = ctx.unitId ? dist.data?.units.find((u) => u.unit_id === ctx.unitId) : undefined;
  const violating = dist.data?.units.filter((u) => !u.is_acceptable) ?? [];
  return (
    <aside className="cal-live" aria-label={t('live.label')} aria-live="polite" aria-busy={dist.isFetching || undefined}>
      <Card title={unit ? t('live.unitTitle', { unit: unit.unit_name }) : t('live.agencyTitle')}>
        {dist.error ? <Alert tone="error">{problemText(t, dist.error)}</Alert> : null}
        {dist.isPending ? <Spinner label={t('common.loading')} /> : null}
        {dist.data && unit ? (
          <div className="stack adm-tight">
            <CurveStatus unit={unit} />
            <UnitDetail unit={unit} policies={ctx.cycle.policies} canOverride={false} onOverride={() => undefined} />
          </div>
        ) : null}
        {dist.data && !unit ? (
          <div className="stack adm-tight">
            <CountsTable counts={dist.data.agency.counts} shares={dist.data.agency.shares} total={dist.data.agency.total} caption={t('agency')} />
            {violating.length ? (
              <>
                <h3 className="cal-live-sub">{t('live.violating')}</h3>
                <ul className="plain-list">
                  {violating.map((u) => (
                    <li key={u.unit_id}>
                      <Button variant="link" onClick={() => ctx.setParams({ unit: u.unit_id, page: null })}>
                        {u.unit_name}
                      </Button>{' '}
                      <CurveStatus unit={u} />
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted">{t('live.allKeep')}</p>
            )}
          </div>
        ) : null}
      </Card>
    </aside>
  );
}

interface CalibrateValues {
  predicate: EmployeePredicate | '';
  reason: string;
}

export function CalibrateDialog({
  row,
  periodId,
  unitName,
  onClose,
  onDone,
}: {
  row: CalibrationRow | null;
  periodId: string;
  unitName: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useCalibrationT();
  return (
    <Dialog open={row !== null} title={row ? t('calibrate.title', { name: row.employee_name }) : ''} onClose={onClose} closeLabel={t('common.close')}>
      {row ? <CalibrateForm key={row.evaluation_id} row={row} periodId={periodId} unitName={unitName} onCancel={onClose} onDone={onDone} /> : null}
    </Dialog>
  );
}

function CalibrateForm({
  row,
  periodId,
  unitName,
  onCancel,
  onDone,
}: {
  row: CalibrationRow;
  periodId: string;
  unitName: string;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useCalibrationT();
  const labels = useAppraisalLabels();
  const calibrate = useCalibrate();
  const [failure, setFailure] = useState<string | null>(null);
  const current = row.predicate_after ?? row.predicate_before ?? null;
  const { register, handleSubmit, setError, formState } = useForm<CalibrateValues>({ defaultValues: { predicate: '', reason: '' } });
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    if (!v.predicate) return;
    try {
      await calibrate.mutateAsync({ evaluationId: row.evaluation_id, periodId, predicate: v.predicate, reason: v.reason.trim() });
      onDone(t('calibrate.done', { name: row.employee_name, predicate: labels.predicate(v.predicate) }));
    } catch (err) {
      const problem = toProblem(err, 0);
      const unmatched = problem instanceof ApiProblem ? applyFieldErrors(problem, setError, ['predicate', 'reason']) : [];
      if (problem.fieldErrors.length === 0 || unmatched.length) setFailure(problemText(t, problem));
    }
  });
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <dl className="cal-dl">
        <div>
          <dt>{t('sheet.employee')}</dt>
          <dd>
            {row.employee_name} <span className="mono muted">{row.nip}</span>
          </dd>
        </div>
        <div>
          <dt>{t('sheet.unitCol')}</dt>
          <dd>{unitName || '—'}</dd>
        </div>
        <div>
          <dt>{t('sheet.before')}</dt>
          <dd>
            <PredicatePill value={row.predicate_before ?? null} />
          </dd>
        </div>
        {row.predicate_after ? (
          <div>
            <dt>{t('sheet.after')}</dt>
            <dd>
              <PredicatePill value={row.predicate_after} />
            </dd>
          </div>
        ) : null}
      </dl>
      <fieldset className="cal-choices">
        <legend>{t('calibrate.newPredicate')}</legend>
        {EMPLOYEE_PREDICATES.map((p) => (
          <label key={p} className="cal-choice">
            <input type="radio" value={p} disabled={p === current} {...register('predicate', { required: t('calibrate.choose') })} />
            <span>
              <PredicatePill value={p} />
              {p === current ? <span className="muted"> · {t('calibrate.current')}</span> : null}
            </span>
          </label>
        ))}
        {formState.errors.predicate ? (
          <p className="field-error" role="alert">
            {formState.errors.predicate.message}
          </p>
        ) : null}
      </fieldset>
      <div className={formState.errors.reason ? 'field field-invalid' : 'field'}>
        <label htmlFor="calibrate-reason">{t('calibrate.reason')}</label>
        <textarea
          id="calibrate-reason"
          rows={3}
          aria-invalid={formState.errors.reason ? true : undefined}
          aria-describedby={formState.errors.reason ? 'calibrate-reason-error' : 'calibrate-reason-hint'}
          {...register('reason', {
            validate: (v) => v.trim().length > 0 || t('reasonRequired'),
            maxLength: { value: 2000, message: t('tooLong', { max: 2000 }) },
          })}
        />
        {formState.errors.reason ? (
          <p className="field-error" id="calibrate-reason-error" role="alert">
            {formState.errors.reason.message}
          </p>
        ) : (
          <p className="field-hint" id="calibrate-reason-hint">
            {t('calibrate.reasonHint')}
          </p>
        )}
      </div>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <div className="row">
        <Button type="submit" busy={formState.isSubmitting}>
          {t('calibrate.submit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
