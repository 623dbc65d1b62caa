//! The role–result matrix (matriks pembagian peran dan hasil): from one work result of the
//! leader's approved plan, cascade it to many subordinates at once, each row with its own
//! role/result text. Rows sharing a text go in one all-or-nothing request; the server's
//! per-row refusals (`employee_ids[i]`) land on their rows.
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { StatusBadge } from '@/components/status-badge';
import { toProblem, type ApiProblem } from '@/lib/api';
import { useAppraisees, useCascadeWorkResult, usePlan, usePlans, type CascadeResult, type CreateIndicatorBody, type PlanSummary } from './api';
import { formatTarget, stateLabel, stateTone } from './format';
import { usePlansT } from './i18n';
import { ASPECTS } from './indicator-dialog';
import { ProblemAlert } from './problem-alert';
import './plans.css';

interface Row {
  checked: boolean;
  text: string;
}

/** Groups the chosen rows by their text: one cascade request per distinct text. */
export function groupByText(rows: Record<string, Row>, fallback: string): { text: string; employeeIds: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const [employeeId, row] of Object.entries(rows)) {
    if (!row.checked) continue;
    const text = row.text.trim() || fallback;
    groups.set(text, [...(groups.get(text) ?? []), employeeId]);
  }
  return [...groups.entries()].map(([text, employeeIds]) => ({ text, employeeIds }));
}

export function MatrixPage() {
  const { planId = '', workResultId = '' } = useParams();
  const { t, i18n } = usePlansT();
  const plan = usePlan(planId);
  const p = plan.data?.plan;
  const wr = p?.work_results.find((w) => w.id === workResultId);
  const appraisees = useAppraisees(p?.employee_id);
  const plans = usePlans({ appraiser_employee_id: 'me', cycle_id: p?.cycle_id, per_page: 500 }, !!p);
  const cascade = useCascadeWorkResult(planId);
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [indicator, setIndicator] = useState({ aspect: 'quantity', description: '', target: '', unit: '' });
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [created, setCreated] = useState<CascadeResult['created']>([]);
  const [busy, setBusy] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);

  const draftOf = useMemo(() => {
    const map = new Map<string, PlanSummary>();
    for (const s of plans.data?.items ?? []) {
      const known = map.get(s.employee_id);
      if (s.status === 'draft' || !known) map.set(s.employee_id, known?.status === 'draft' ? known : s);
    }
    return map;
  }, [plans.data]);

  if (plan.isPending) return <Spinner label={t('common.loading')} />;
  if (plan.error || !p) return <ProblemAlert problem={toProblem(plan.error, 404)} />;
  if (!wr) return <Alert tone="error">{t('problem.plan_not_found')}</Alert>;
  const approved = p.status === 'approved' || p.status === 'in_appraisal';
  const people = appraisees.data?.items ?? [];
  const row = (id: string): Row => rows[id] ?? { checked: false, text: wr.description };
  const setRow = (id: string, change: Partial<Row>) => setRows((r) => ({ ...r, [id]: { ...row(id), ...change } }));
  const chosen = Object.values(rows).filter((r) => r.checked).length;

  const submit = async () => {
    setFailure(null);
    setRowErrors({});
    setPickError(null);
    const groups = groupByText(rows, wr.description);
    if (groups.length === 0) {
      setPickError(t('matrix.chooseSome'));
      return;
    }
    const indicators: CreateIndicatorBody[] =
      indicator.description.trim() !== ''
        ? [
            {
              aspect: indicator.aspect as CreateIndicatorBody['aspect'],
              description: indicator.description.trim(),
              target: p.approach === 'quantitative' && indicator.target.trim() ? indicator.target.trim().replace(',', '.') : null,
              target_text: p.approach === 'qualitative' ? indicator.target.trim() || null : null,
              unit: indicator.unit.trim() || null,
            },
          ]
        : [];
    setBusy(true);
    const done: CascadeResult['created'] = [];
    const errors: Record<string, string> = {};
    for (const g of groups) {
      try {
        const result = await cascade.mutateAsync({
          workResultId: wr.id,
          body: { employee_ids: g.employeeIds, description: g.text === wr.description ? null : g.text, indicators },
        });
        done.push(...result.created);
      } catch (err) {
        const problem = toProblem(err, 0);
        let placed = false;
        for (const fe of problem.fieldErrors) {
          const m = /^employee_ids\[(\d+)\]/.exec(fe.field);
          const id = m ? g.employeeIds[Number(m[1])] : undefined;
          if (id) {
            errors[id] = fe.message;
            placed = true;
          }
        }
        if (!placed) setFailure(problem);
      }
    }
    setBusy(false);
    setRowErrors(errors);
    setCreated((c) => [...c, ...done]);
    if (done.length > 0) {
      setRows((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, done.some((d) => d.employee_id === k) ? { ...v, checked: false } : v])));
    }
  };

  const nameOf = (employeeId: string) => people.find((a) => a.employee.id === employeeId)?.employee.name ?? employeeId;
  return (
    <div className="stack">
      <Link to={`/plans/${p.id}`} className="plans-back">
        ← {t('doc.subtitle', { employee: p.employee_name, revision: p.revision })}
      </Link>
      <PageHeader title={t('matrix.title')} subtitle={t('matrix.intro')} />
      <section className="card">
        <div className="card-body">
          <p className="muted">{t('matrix.source')}</p>
          <p>
            <strong>{wr.description}</strong>
          </p>
          {wr.indicators.length > 0 ? (
            <ul className="plain-list">
              {wr.indicators.map((ind) => (
                <li key={ind.id}>
                  {ind.description} — {formatTarget(ind, i18n.language)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </section>
      {!approved ? <Alert tone="warning">{t('matrix.notApproved')}</Alert> : null}
      {created.length > 0 ? (
        <Alert tone="success" title={t('matrix.done', { count: created.length })}>
          <ul className="plain-list">
            {created.map((c) => (
              <li key={c.work_result_id}>
                <Link to={`/plans/${c.plan_id}`}>{nameOf(c.employee_id)}</Link>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <ProblemAlert problem={failure} />
      {Object.keys(rowErrors).length > 0 ? <Alert tone="error">{t('matrix.rowErrors')}</Alert> : null}
      {appraisees.isPending || plans.isPending ? <Spinner label={t('common.loading')} /> : null}
      {appraisees.data && people.length === 0 ? <p className="muted">{t('matrix.noAppraisees')}</p> : null}
      {people.length > 0 ? (
        <div className="table-wrap">
          <table className="plans-matrix">
            <caption className="visually-hidden">{t('matrix.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('matrix.pick')}</th>
                <th scope="col">{t('matrix.subordinates')}</th>
                <th scope="col">{t('matrix.planStatus')}</th>
                <th scope="col">{t('matrix.role')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((a) => {
                const id = a.employee.id;
                const s = draftOf.get(id);
                const r = row(id);
                return (
                  <tr key={id} className={rowErrors[id] ? 'plans-row-error' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        className="plans-check"
                        aria-label={t('matrix.pickRow', { name: a.employee.name })}
                        checked={r.checked}
                        disabled={!approved || s?.status !== 'draft'}
                        onChange={(e) => setRow(id, { checked: e.target.checked })}
                      />
                    </td>
                    <td>
                      {a.employee.name}
                      <br />
                      <small className="muted">
                        <span className="mono">{a.employee.nip_or_id_number}</span>
                        {a.employee.position ? ` · ${a.employee.position}` : ''}
                      </small>
                    </td>
                    <td>
                      {s ? (
                        <>
                          <Link to={`/plans/${s.id}`}>
                            <StatusBadge tone={stateTone(s.status)}>{stateLabel(t, s.status, s.status_label)}</StatusBadge>
                          </Link>
                          {s.status !== 'draft' ? <small className="muted plans-block">{t('matrix.notDraft')}</small> : null}
                        </>
                      ) : (
                        <span className="muted">{t('matrix.noDraft')}</span>
                      )}
                    </td>
                    <td>
                      <TextField
                        label={<span className="visually-hidden">{`${t('matrix.role')} — ${a.employee.name}`}</span>}
                        value={r.text}
                        error={rowErrors[id]}
                        disabled={s?.status !== 'draft'}
                        onChange={(e) => setRow(id, { text: e.target.value, checked: true })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <fieldset className="card plans-fieldset">
        <legend>{t('matrix.indicator')}</legend>
        <div className="form-grid plans-four">
          <SelectField
            label={t('ind.aspect')}
            value={indicator.aspect}
            options={ASPECTS.map((a) => ({ value: a, label: t(`aspect.${a}`) }))}
            onChange={(e) => setIndicator({ ...indicator, aspect: e.target.value })}
          />
          <TextField label={t('ind.description')} value={indicator.description} onChange={(e) => setIndicator({ ...indicator, description: e.target.value })} />
          <TextField label={p.approach === 'qualitative' ? t('ind.targetText') : t('ind.target')} value={indicator.target} onChange={(e) => setIndicator({ ...indicator, target: e.target.value })} />
          <TextField label={t('ind.unit')} value={indicator.unit} onChange={(e) => setIndicator({ ...indicator, unit: e.target.value })} />
        </div>
      </fieldset>
      {pickError ? <Alert tone="error">{pickError}</Alert> : null}
      <div className="row">
        <Button busy={busy} disabled={!approved} onClick={() => void submit()}>
          {t('matrix.submit', { count: chosen })}
        </Button>
      </div>
    </div>
  );
}
