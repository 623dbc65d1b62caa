//! The SKP document as users know it (PermenPANRB 6/2022 format), screen-first and printable:
//! the header with the employee, the appraiser, the period and the approach; the Hasil Kerja
//! table split into A. Utama and B. Tambahan; the Perilaku Kerja table with the seven
//! BerAKHLAK values, their guidelines and the leader's expectations; the three annexes. While
//! the caller may edit (the server's `can_edit`), each part has its edit controls.
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/button';
import { formatDate } from '@/lib/i18n/format';
import {
  useCoreValues,
  useMyAgency,
  useDeleteIndicator,
  useDeleteWorkResult,
  type PersonView,
  type SkpPeople,
  type IndicatorView,
  type PlanView,
  type WorkResultView,
} from './api';
import { AnnexesDialog, ExpectationsDialog } from './content-dialogs';
import { ConfirmDialog } from './fields';
import { formatTarget, stateLabel } from './format';
import { usePlansT } from './i18n';
import { IndicatorDialog } from './indicator-dialog';
import { WorkResultDialog } from './work-result-dialog';


export interface PlanDocumentProps {
  plan: PlanView;
  canEdit: boolean;
  /** The assignment lookup on the plan's start (employee's position and unit; appraiser details). */
  people?: SkpPeople | null;
  /** Whether the viewer may share a work result with subordinates (the leader's approved plan). */
  canShare?: boolean;
}

type Pending =
  | { kind: 'wr'; wr: WorkResultView | null; initialKind: 'main' | 'additional' }
  | { kind: 'ind'; wr: WorkResultView; ind: IndicatorView | null }
  | { kind: 'delete-wr'; wr: WorkResultView; n: string }
  | { kind: 'delete-ind'; ind: IndicatorView }
  | { kind: 'exp' }
  | { kind: 'annex' }
  | null;

export function PlanDocument({ plan, canEdit, people, canShare = false }: PlanDocumentProps) {
  const { t, i18n } = usePlansT();
  const [pending, setPending] = useState<Pending>(null);
  const deleteWr = useDeleteWorkResult(plan.id);
  const deleteInd = useDeleteIndicator(plan.id);
  const coreValues = useCoreValues();
  const agency = useMyAgency();
  const jpt = plan.form === 'jpt';
  const main = plan.work_results.filter((w) => w.kind === 'main').sort((a, b) => a.seq - b.seq);
  const additional = plan.work_results.filter((w) => w.kind === 'additional').sort((a, b) => a.seq - b.seq);
  const expectations =
    plan.expectations.length > 0
      ? plan.expectations
      : (coreValues.data ?? []).map((c) => ({ core_value: c.value, label: c.label, guidelines: c.guidelines, expectation: null }));
  const appraiser: PersonView | null =
    people?.appraiser && (people.appraiser.id === plan.appraiser_employee_id || people.appraiser.id === plan.appraiser_external_id) ? people.appraiser : null;
  const columns = 6 + (canEdit || canShare ? 1 : 0);

  const section = (label: string, kind: 'main' | 'additional', rows: WorkResultView[], prefix: string) => (
    <tbody>
      <tr className="plans-doc-section">
        <th colSpan={columns} scope="rowgroup">
          <span>{label}</span>
          {canEdit ? (
            <Button variant="link" className="no-print" onClick={() => setPending({ kind: 'wr', wr: null, initialKind: kind })}>
              + {t('wr.add')} ({t(`kind.${kind}`)})
            </Button>
          ) : null}
        </th>
      </tr>
      {rows.length === 0 ? (
        <tr>
          <td colSpan={columns} className="muted">
            {t('doc.noResults')}
          </td>
        </tr>
      ) : null}
      {rows.map((wr, i) => {
        const n = `${prefix}${i + 1}`;
        const inds = [...wr.indicators].sort((a, b) => a.seq - b.seq);
        const span = Math.max(1, inds.length);
        const first = inds[0];
        const wrCells = (
          <>
            <td rowSpan={span} className="plans-doc-no">
              {n}
            </td>
            <td rowSpan={span} className="plans-doc-parent">
              {jpt ? (wr.assigned_by ?? '—') : (wr.cascades_from_description ?? (wr.kind === 'main' ? <span className="plans-missing">{t('doc.notAssigned')}</span> : '—'))}
            </td>
            <td rowSpan={span}>
              <div className="plans-wr-text">{wr.description}</div>
              {wr.perspective || wr.classification ? (
                <small className="muted">
                  {wr.perspective ? `${t('doc.perspective')}: ${t(`perspective.${wr.perspective}`)}` : null}
                  {wr.perspective && wr.classification ? ' · ' : null}
                  {wr.classification ? `${t('doc.classification')}: ${wr.classification}` : null}
                </small>
              ) : null}
              {canEdit || canShare ? (
                <div className="plans-row-actions no-print">
                  {canEdit ? (
                    <>
                      <Button variant="link" aria-label={t('wr.edit', { n })} onClick={() => setPending({ kind: 'wr', wr, initialKind: wr.kind })}>
                        {t('common.edit')}
                      </Button>
                      <Button variant="link" aria-label={t('wr.delete', { n })} onClick={() => setPending({ kind: 'delete-wr', wr, n })}>
                        {t('delete')}
                      </Button>
                      <Button variant="link" aria-label={t('ind.addFor', { n })} onClick={() => setPending({ kind: 'ind', wr, ind: null })}>
                        + {t('ind.add')}
                      </Button>
                    </>
                  ) : null}
                  {canShare ? (
                    <Link className="btn btn-link" to={`/plans/${plan.id}/matrix/${wr.id}`} aria-label={t('wr.matrixFor', { n })}>
                      {t('wr.matrix')}
                    </Link>
                  ) : null}
                </div>
              ) : null}
            </td>
          </>
        );
        if (!first) {
          return (
            <tr key={wr.id}>
              {wrCells}
              <td colSpan={3} className="muted">
                {t('doc.noIndicators')}
              </td>
              {canEdit || canShare ? <td className="no-print" /> : null}
            </tr>
          );
        }
        return (
          <Fragment key={wr.id}>
            {inds.map((ind, j) => (
              <tr key={ind.id}>
                {j === 0 ? wrCells : null}
                <td>{t(`aspect.${ind.aspect}`)}</td>
                <td>
                  {ind.description}
                  {ind.source_system ? <small className="muted plans-block">{t('doc.source', { source: ind.source_system })}</small> : null}
                </td>
                <td className="plans-doc-target">
                  {formatTarget(ind, i18n.language)}
                  {ind.direction === 'lower' ? <small className="plans-block plans-tag">↓ {t('doc.lowerBetter')}</small> : null}
                  {ind.is_target_maximum ? <small className="plans-block plans-tag">{t('doc.maximum')}</small> : null}
                </td>
                {canEdit || canShare ? (
                  <td className="no-print plans-actions-cell">
                    {canEdit ? (
                      <>
                        <Button variant="link" aria-label={t('ind.edit', { text: ind.description })} onClick={() => setPending({ kind: 'ind', wr, ind })}>
                          {t('common.edit')}
                        </Button>
                        <Button variant="link" aria-label={t('ind.delete', { text: ind.description })} onClick={() => setPending({ kind: 'delete-ind', ind })}>
                          {t('delete')}
                        </Button>
                      </>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </Fragment>
        );
      })}
    </tbody>
  );

  const personRows = (rows: { label: string; value: string | null | undefined }[]) =>
    rows.map((r) => (
      <div key={r.label} className="plans-party-row">
        <dt>{r.label}</dt>
        <dd>{r.value || '—'}</dd>
      </div>
    ));

  return (
    <article className="plans-doc" aria-label={t('doc.title')}>
      <header className="plans-doc-head">
        {agency.data ? <p className="plans-doc-agency">{agency.data.name.toUpperCase()}</p> : null}
        <h2>{t('doc.title').toUpperCase()}</h2>
        <p className="plans-doc-kind">{t('doc.kindLine', { approach: t(`approach.${plan.approach}`), form: t(`doc.formLine.${plan.form}`) }).toUpperCase()}</p>
        <p>
          {t('doc.periodLabel')}: <strong>{formatDate(plan.starts_on)} – {formatDate(plan.ends_on)}</strong>
          {' · '}
          {t('doc.approach')}: <strong>{t(`approach.${plan.approach}`)}</strong>
          {' · '}
          {t('doc.form')}: <strong>{t(`form.${plan.form}`)}</strong>
          {' · '}
          {t('doc.revisionN', { n: plan.revision })} ({stateLabel(t, plan.status, plan.status_label)})
        </p>
      </header>

      <div className="plans-parties">
        <section aria-labelledby="plans-party-employee">
          <h3 id="plans-party-employee">{t('doc.employee')}</h3>
          <dl>
            {personRows([
              { label: t('doc.name'), value: plan.employee_name },
              { label: t('doc.nip'), value: plan.employee_nip },
              { label: t('doc.golongan'), value: people?.employee.golongan },
              { label: t('doc.position'), value: people?.employee.position },
              { label: t('doc.unit'), value: people?.employee.unit },
            ])}
          </dl>
        </section>
        <section aria-labelledby="plans-party-appraiser">
          <h3 id="plans-party-appraiser">{t('doc.appraiser')}</h3>
          <dl>
            {personRows([
              { label: t('doc.name'), value: plan.appraiser_name ?? t('doc.notAssigned') },
              { label: t('doc.nip'), value: appraiser?.nip_or_id_number },
              { label: t('doc.golongan'), value: appraiser?.golongan },
              { label: t('doc.position'), value: appraiser?.position },
              { label: t('doc.unit'), value: appraiser?.unit },
            ])}
            {appraiser && people?.superior ? personRows([{ label: t('doc.superior'), value: people.superior.name }]) : null}
          </dl>
        </section>
      </div>

      <section className="plans-doc-part" aria-labelledby="plans-results">
        <h3 id="plans-results">{t('doc.results')}</h3>
        <div className="table-wrap">
          <table className="plans-doc-table">
            <caption className="visually-hidden">{t('doc.results')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('doc.no')}</th>
                <th scope="col">{jpt ? t('doc.assignedBy') : t('doc.parentResult')}</th>
                <th scope="col">{t('doc.workResult')}</th>
                <th scope="col">{t('doc.aspect')}</th>
                <th scope="col">{t('doc.indicator')}</th>
                <th scope="col">{t('doc.target')}</th>
                {canEdit || canShare ? (
                  <th scope="col" className="no-print">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            {section(t('doc.main'), 'main', main, '')}
            {section(t('doc.additional'), 'additional', additional, 'B')}
          </table>
        </div>
      </section>

      <section className="plans-doc-part" aria-labelledby="plans-behaviour">
        <div className="plans-part-head">
          <h3 id="plans-behaviour">{t('doc.behaviour')}</h3>
          {canEdit ? (
            <Button variant="secondary" className="no-print" onClick={() => setPending({ kind: 'exp' })}>
              {t('exp.edit')}
            </Button>
          ) : null}
        </div>
        <div className="table-wrap">
          <table className="plans-doc-table">
            <caption className="visually-hidden">{t('doc.behaviour')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('doc.no')}</th>
                <th scope="col">{t('doc.coreValue')}</th>
                <th scope="col">{t('doc.expectation')}</th>
              </tr>
            </thead>
            <tbody>
              {expectations.map((e, i) => (
                <tr key={e.core_value}>
                  <td className="plans-doc-no">{i + 1}</td>
                  <td>
                    <strong>{e.label}</strong>
                    <ul className="plans-guidelines" aria-label={t('doc.guidelines')}>
                      {e.guidelines.map((g) => (
                        <li key={g}>{g}</li>
                      ))}
                    </ul>
                  </td>
                  <td>{e.expectation ? <span className="plans-preline">{e.expectation}</span> : <span className="muted">{t('doc.noExpectation')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="plans-doc-part plans-annexes" aria-labelledby="plans-annexes">
        <div className="plans-part-head">
          <h3 id="plans-annexes">{t('doc.annexes')}</h3>
          {canEdit ? (
            <Button variant="secondary" className="no-print" onClick={() => setPending({ kind: 'annex' })}>
              {t('annex.edit')}
            </Button>
          ) : null}
        </div>
        <div className="plans-annex-grid">
          {(['resources', 'accountability', 'consequences'] as const).map((k) => (
            <section key={k} aria-labelledby={`plans-annex-${k}`}>
              <h4 id={`plans-annex-${k}`}>{t(`doc.${k}`)}</h4>
              {(plan.annexes[k] ?? []).length > 0 ? (
                <ol>
                  {(plan.annexes[k] ?? []).map((item, i) => (
                    <li key={i}>{item}</li>
                  ))}
                </ol>
              ) : (
                <p className="muted">{t('doc.emptyAnnex')}</p>
              )}
            </section>
          ))}
        </div>
      </section>

      <div className="plans-signatures print-only" aria-hidden="true">
        <div>
          <p>{t('doc.signAppraiser')}</p>
          <div className="plans-sign-space" />
          <p>
            <strong>{plan.appraiser_name ?? '—'}</strong>
          </p>
          {appraiser ? <p>NIP {appraiser.nip_or_id_number}</p> : null}
        </div>
        <div>
          <p>{t('doc.signEmployee')}</p>
          <div className="plans-sign-space" />
          <p>
            <strong>{plan.employee_name}</strong>
          </p>
          <p>NIP {plan.employee_nip}</p>
        </div>
      </div>

      {pending?.kind === 'wr' ? (
        <WorkResultDialog plan={plan} workResult={pending.wr} initialKind={pending.initialKind} open onClose={() => setPending(null)} />
      ) : null}
      {pending?.kind === 'ind' ? (
        <IndicatorDialog plan={plan} workResultId={pending.wr.id} indicator={pending.ind} open onClose={() => setPending(null)} />
      ) : null}
      {pending?.kind === 'delete-wr' ? (
        <ConfirmDialog
          open
          danger
          title={t('wr.delete', { n: pending.n })}
          message={t('wr.confirmDelete', { text: pending.wr.description })}
          confirmLabel={t('delete')}
          onConfirm={() => deleteWr.mutateAsync(pending.wr.id)}
          onClose={() => setPending(null)}
        />
      ) : null}
      {pending?.kind === 'delete-ind' ? (
        <ConfirmDialog
          open
          danger
          title={t('ind.delete', { text: pending.ind.description })}
          message={t('ind.confirmDelete', { text: pending.ind.description })}
          confirmLabel={t('delete')}
          onConfirm={() => deleteInd.mutateAsync(pending.ind.id)}
          onClose={() => setPending(null)}
        />
      ) : null}
      {pending?.kind === 'exp' ? <ExpectationsDialog planId={plan.id} expectations={expectations} open onClose={() => setPending(null)} /> : null}
      {pending?.kind === 'annex' ? <AnnexesDialog planId={plan.id} annexes={plan.annexes} open onClose={() => setPending(null)} /> : null}
    </article>
  );
}
