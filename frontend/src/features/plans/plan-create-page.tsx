//! Creating a plan: appraisal year, dates (within it; a second plan after a position change),
//! approach. The appraiser and the appraiser's superior are the server's to resolve: the page
//! shows who the assignment names on the start date, and says plainly what to do when nobody is
//! assigned (the most common complaint of e-Kinerja users).
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { SelectField, TextField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { isAdmin, useSession } from '@/features/auth';
import { EmployeePicker, type PickedEmployee } from '@/features/employees';
import { applyFieldErrors, toProblem, type ApiProblem } from '@/lib/api';
import { formatDate } from '@/lib/i18n/format';
import { useAppraiserOf, useCreatePlan, useCycles, usePlans, type PlanSummary } from './api';
import { stateLabel, todayIso } from './format';
import { usePlansT } from './i18n';
import { BackToPlans } from './plans-page';
import { ProblemAlert } from './problem-alert';
import './plans.css';

interface Values {
  cycle_id: string;
  approach: 'quantitative' | 'qualitative';
  starts_on: string;
  ends_on: string;
}

const FIELDS = ['cycle_id', 'approach', 'starts_on', 'ends_on'] as const;

export function PlanCreatePage() {
  const { t } = usePlansT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { user } = useSession();
  const admin = isAdmin(user);
  const cycles = useCycles();
  const openCycles = useMemo(() => (cycles.data?.items ?? []).filter((c) => c.status === 'planning' || c.status === 'running'), [cycles.data]);
  const [picked, setPicked] = useState<PickedEmployee | null>(null);
  const employeeId = admin ? picked?.id : user?.employee_id;
  const create = useCreatePlan();
  const [failed, setFailed] = useState<{ problem: ApiProblem; startsOn: string } | null>(null);
  const [unmatched, setUnmatched] = useState<{ field: string; message: string }[]>([]);
  const {
    register,
    handleSubmit,
    control,
    setValue,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { cycle_id: '', approach: 'quantitative', starts_on: '', ends_on: '' } });

  const cycleId = useWatch({ control, name: 'cycle_id' });
  const cycle = openCycles.find((c) => c.id === cycleId);
  useEffect(() => {
    // The year asked for in the link (`?cycle=`), else the year containing today (the usual
    // case), else the first open one.
    const today = todayIso();
    const asked = openCycles.find((c) => c.id === params.get('cycle'));
    const current = asked ?? openCycles.find((c) => c.starts_on <= today && today <= c.ends_on) ?? openCycles[0];
    if (!cycleId && current) setValue('cycle_id', current.id);
  }, [cycleId, openCycles, params, setValue]);
  useEffect(() => {
    if (cycle) {
      setValue('starts_on', cycle.starts_on);
      setValue('ends_on', cycle.ends_on);
    }
  }, [cycle, setValue]);

  const startsOn = useWatch({ control, name: 'starts_on' });
  // A refusal for other dates no longer applies once the start date changes.
  const failure = failed && failed.startsOn === startsOn ? failed.problem : null;
  const lookup = useAppraiserOf(employeeId, startsOn || undefined);
  const existing = usePlans({ employee_id: employeeId ?? undefined, cycle_id: cycleId || undefined, per_page: 50 }, !!employeeId && !!cycleId);
  const nextStart = cycle ? nextPlanStart(existing.data?.items ?? [], cycle.ends_on) : null;

  const submit = handleSubmit(async (values) => {
    setFailed(null);
    setUnmatched([]);
    if (!employeeId) return;
    try {
      const plan = await create.mutateAsync({
        cycle_id: values.cycle_id,
        employee_id: employeeId,
        approach: values.approach,
        starts_on: values.starts_on || null,
        ends_on: values.ends_on || null,
      });
      void navigate(`/plans/${plan.id}`, { state: { notice: 'created' } });
    } catch (err) {
      const problem = toProblem(err, 0);
      if (problem.status === 422 && problem.code !== 'no_appraiser') {
        setUnmatched(applyFieldErrors(problem, setError, FIELDS));
      }
      setFailed({ problem, startsOn: values.starts_on });
    }
  });

  const employeeName = admin ? picked?.name : lookup.data?.employee.name;
  const lookupProblem = lookup.error ? toProblem(lookup.error, 0) : null;
  const noAppraiser = failure?.code === 'no_appraiser' || (lookup.isSuccess && !lookup.data?.appraiser) || lookupProblem?.code === 'no_appraiser';

  return (
    <div className="stack">
      <BackToPlans />
      <PageHeader title={t('create.title')} subtitle={t('create.intro')} />
      {cycles.isPending ? <Spinner label={t('common.loading')} /> : null}
      {cycles.isSuccess && openCycles.length === 0 ? <Alert tone="warning">{t('create.noCycle')}</Alert> : null}
      <div className="split">
        <form className="card stack plans-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('create.title')}>
          {failure && failure.code === 'no_appraiser' ? (
            <Alert tone="error" title={t('noAppraiser.title')}>
              <p>{t('noAppraiser.body', { name: employeeName ?? t('noAppraiser.you') })}</p>
              <p>{t('noAppraiser.hint')}</p>
              {failure.detail ? <p className="plans-server-detail">{t('problem.serverSays', { detail: failure.detail })}</p> : null}
            </Alert>
          ) : (
            <ProblemAlert problem={failure} unmatched={unmatched} />
          )}
          {admin ? (
            <EmployeePicker label={t('create.employee')} value={picked} onChange={setPicked} />
          ) : null}
          <SelectField
            label={t('create.cycle')}
            placeholder={t('create.chooseCycle')}
            options={openCycles.map((c) => ({ value: c.id, label: `${c.name} (${c.status_label})` }))}
            error={errors.cycle_id?.message}
            {...register('cycle_id', { required: t('common.required') })}
          />
          <div className="form-grid plans-two">
            <TextField
              type="date"
              label={t('create.startsOn')}
              min={cycle?.starts_on}
              max={cycle?.ends_on}
              error={errors.starts_on?.message}
              {...register('starts_on', { required: t('common.required') })}
            />
            <TextField
              type="date"
              label={t('create.endsOn')}
              min={cycle?.starts_on}
              max={cycle?.ends_on}
              error={errors.ends_on?.message}
              {...register('ends_on', {
                required: t('common.required'),
                validate: (v, all) => !all.starts_on || v >= all.starts_on || t('create.endsBeforeStart'),
              })}
            />
          </div>
          {cycle ? <p className="field-hint">{t('create.datesHint', { from: formatDate(cycle.starts_on), until: formatDate(cycle.ends_on) })}</p> : null}
          {nextStart && nextStart !== startsOn ? (
            <Alert
              tone="info"
              action={
                <Button variant="secondary" onClick={() => setValue('starts_on', nextStart)}>
                  {t('create.useNextStart', { date: formatDate(nextStart) })}
                </Button>
              }
            >
              {t('create.hasPlans')}
            </Alert>
          ) : null}
          <Controller
            control={control}
            name="approach"
            render={({ field }) => (
              <fieldset className="plans-radio-group">
                <legend>{t('create.approach')}</legend>
                {(['quantitative', 'qualitative'] as const).map((a) => (
                  <label key={a} className="plans-radio">
                    <input type="radio" name={field.name} value={a} checked={field.value === a} onChange={() => field.onChange(a)} />
                    <span>
                      <strong>{t(`approach.${a}`)}</strong>
                      <small className="muted">{t(`approach.${a}Hint`)}</small>
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
          />
          <div className="row">
            <Button type="submit" busy={isSubmitting} disabled={!employeeId || !cycle}>
              {t('create.submit')}
            </Button>
          </div>
        </form>
        <div className="stack">
          <Card title={t('create.who')}>
            {!employeeId ? <p className="muted">{admin ? t('create.employee') : t('list.noEmployee')}</p> : null}
            {employeeId && lookup.isPending ? <Spinner label={t('create.lookingUp')} /> : null}
            {lookup.data ? (
              <PeopleList
                items={[
                  { label: t('create.employee'), value: `${lookup.data.employee.name} (${lookup.data.employee.nip_or_id_number})` },
                  { label: t('create.position'), value: lookup.data.employee.position ?? t('common.none') },
                  {
                    label: t('create.appraiser'),
                    value: lookup.data.appraiser ? (
                      <span data-testid="create-appraiser">
                        {lookup.data.appraiser.name}
                        {lookup.data.appraiser.position ? <small className="muted"> · {lookup.data.appraiser.position}</small> : null}
                      </span>
                    ) : (
                      <span className="muted">{t('doc.notAssigned')}</span>
                    ),
                  },
                  {
                    label: t('create.superior'),
                    value: lookup.data.appraiser_superior ? (
                      <>
                        {lookup.data.appraiser_superior.name}
                        {lookup.data.appraiser_superior.position ? <small className="muted"> · {lookup.data.appraiser_superior.position}</small> : null}
                      </>
                    ) : (
                      <span className="muted">{t('create.noSuperior')}</span>
                    ),
                  },
                ]}
              />
            ) : null}
            {lookupProblem && lookupProblem.code !== 'no_appraiser' ? <ProblemAlert problem={lookupProblem} /> : null}
            {noAppraiser ? (
              <>
                <PeopleList items={[{ label: t('create.appraiser'), value: <span className="plans-missing">{t('noAppraiser.onDate', { date: formatDate(startsOn) })}</span> }]} />
                {failure?.code !== 'no_appraiser' ? (
                  <Alert tone="warning" title={t('noAppraiser.title')}>
                    <p>{t('noAppraiser.body', { name: employeeName ?? t('noAppraiser.you') })}</p>
                    <p>{t('noAppraiser.hint')}</p>
                  </Alert>
                ) : null}
              </>
            ) : null}
            <p className="field-hint">
              <strong>{t('create.form')}:</strong> {t('create.formHint')}
            </p>
          </Card>
          {existing.data && existing.data.items.length > 0 ? (
            <Card title={t('list.mine')}>
              <ul className="plain-list">
                {existing.data.items.map((p) => (
                  <li key={p.id}>
                    {formatDate(p.starts_on)} – {formatDate(p.ends_on)} · {t('doc.revisionN', { n: p.revision })} · {stateLabel(t, p.status, p.status_label)}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** Label above value: the narrow side card has no room for two columns. */
function PeopleList({ items }: { items: readonly { label: ReactNode; value: ReactNode }[] }) {
  return (
    <dl className="plans-people">
      {items.map((item, i) => (
        <div key={i}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The day after the last live plan of the employee in the cycle ends, when that is still within
 * the cycle: where a second plan (after a position change) starts.
 */
export function nextPlanStart(plans: readonly Pick<PlanSummary, 'status' | 'ends_on'>[], cycleEndsOn: string): string | null {
  const live = plans.filter((p) => p.status !== 'cancelled' && p.status !== 'superseded');
  if (live.length === 0) return null;
  const last = live.map((p) => p.ends_on).sort().at(-1) as string;
  const d = new Date(`${last}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  const next = d.toISOString().slice(0, 10);
  return next <= cycleEndsOn ? next : null;
}
