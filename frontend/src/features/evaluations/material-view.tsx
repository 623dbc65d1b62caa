//! The facts an evaluation is judged on: realization against target per indicator with the
//! server's capaian, the evidence, and the continuous feedback.
import { Fragment, useState } from 'react';
import { Alert } from '@/components/alert';
import { toProblem } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';
import { formatDateTime } from '@/lib/i18n/format';
import { downloadEvidence } from './api';
import { decimal, target } from './format';
import { useEvaluationsT } from './i18n';
import type { EvidenceRow, IndicatorRow, NoteRow } from './material';

export function WorkResultsTable({ rows }: { rows: IndicatorRow[] }) {
  const { t } = useEvaluationsT();
  if (rows.length === 0) return <p className="muted">{t('detail.noIndicators')}</p>;
  const groups: { id: string; kind: string | null; description: string; rows: IndicatorRow[] }[] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last && last.id === r.workResultId) last.rows.push(r);
    else groups.push({ id: r.workResultId, kind: r.workResultKind, description: r.workResultDescription, rows: [r] });
  }
  return (
    <div className="table-wrap">
      <table className="ev-table">
        <caption className="visually-hidden">{t('detail.workResults')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('detail.indicator')}</th>
            <th scope="col">{t('detail.aspect')}</th>
            <th scope="col">{t('detail.target')}</th>
            <th scope="col">{t('detail.realization')}</th>
            <th scope="col" className="ev-num">
              {t('detail.capaian')}
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <Fragment key={g.id}>
              <tr className="ev-group-row">
                <th scope="rowgroup" colSpan={5}>
                  {g.kind ? <span className="pill">{t(`workResultKind.${g.kind}`, { defaultValue: g.kind })}</span> : null} {g.description}
                </th>
              </tr>
              {g.rows.map((r) => (
                <tr key={r.indicatorId}>
                  <td>{r.description}</td>
                  <td>{t(`aspect.${r.aspect}`, { defaultValue: r.aspect })}</td>
                  <td>
                    {target(r)}
                    {r.direction === 'lower' || r.direction === 'lower_is_better' ? (
                      <small className="muted"> ({t('detail.lowerIsBetter')})</small>
                    ) : null}
                  </td>
                  <td>
                    {r.realizationValue !== null ? (
                      <span>
                        {decimal(r.realizationValue)}
                        {r.unit ? ` ${r.unit}` : ''}
                      </span>
                    ) : null}
                    {r.realizationBody ? <div className={r.realizationValue !== null ? 'muted ev-realization-note' : undefined}>{r.realizationBody}</div> : null}
                    {r.realizationValue === null && !r.realizationBody ? <span className="muted">{t('detail.noRealization')}</span> : null}
                  </td>
                  <td className="ev-num">{r.capaianPercent !== null ? `${decimal(r.capaianPercent)}%` : '—'}</td>
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A link as `host/…/last-segment`: readable in a narrow column; the full address is its title. */
export function shortLink(uri: string): string {
  try {
    const u = new URL(uri);
    const parts = u.pathname.split('/').filter(Boolean);
    const last = parts[parts.length - 1];
    return last ? `${u.host}/…/${last}` : u.host;
  } catch {
    return uri;
  }
}

export function EvidenceList({ rows, indicators }: { rows: EvidenceRow[]; indicators: IndicatorRow[] }) {
  const { t } = useEvaluationsT();
  const [failure, setFailure] = useState<string | null>(null);
  if (rows.length === 0) return <p className="muted">{t('detail.noEvidence')}</p>;
  const byRealization = new Map(indicators.filter((i) => i.realizationId).map((i) => [i.realizationId as string, i.description]));
  const byWorkResult = new Map(indicators.map((i) => [i.workResultId, i.workResultDescription]));
  function download(id: string, name: string) {
    setFailure(null);
    downloadEvidence(id, name).catch((err: unknown) => {
      const p = toProblem(err, 0);
      setFailure(p.detail ? `${problemMessage(t, p)} ${p.detail}` : problemMessage(t, p));
    });
  }
  return (
    <div className="stack">
      {failure ? <Alert tone="error">{failure}</Alert> : null}
    <ul className="plain-list">
      {rows.map((e) => {
        const about = (e.realizationId && byRealization.get(e.realizationId)) || (e.workResultId && byWorkResult.get(e.workResultId)) || null;
        return (
          <li key={e.id} className="ev-evidence">
            <span className="pill">{e.uri ? t('detail.evidenceLink') : t('detail.evidenceFile')}</span>{' '}
            {e.uri ? (
              <a href={e.uri} target="_blank" rel="noreferrer noopener" title={e.uri}>
                {e.fileName ?? shortLink(e.uri)}
              </a>
            ) : (
              <button type="button" className="btn btn-link ev-inline-btn" onClick={() => download(e.id, e.fileName ?? e.id)}>
                {e.fileName ?? e.id}
              </button>
            )}
            <small className="muted ev-evidence-meta">
              {t('detail.uploadedAt', { at: formatDateTime(e.uploadedAt) })}
              {about ? ` · ${t('detail.forIndicator', { indicator: about })}` : ''}
            </small>
          </li>
        );
      })}
    </ul>
    </div>
  );
}

export function NotesList({ rows }: { rows: NoteRow[] }) {
  const { t } = useEvaluationsT();
  if (rows.length === 0) return <p className="muted">{t('detail.noContinuousFeedback')}</p>;
  return (
    <ul className="plain-list">
      {rows.map((n) => (
        <li key={n.id} className="ev-note">
          <div className="row" style={{ alignItems: 'center', gap: '0.4rem' }}>
            <span className="pill pill-info">{t(`detail.authorRole.${n.authorRole}`, { defaultValue: n.authorRole })}</span>
            <span className="pill">{t(`detail.feedbackTarget.${n.targetType}`, { defaultValue: n.targetType })}</span>
            {n.isPrivate ? <span className="pill pill-warning">{t('detail.privateNote')}</span> : null}
            <small className="muted">{formatDateTime(n.createdAt)}</small>
          </div>
          <p>{n.body}</p>
        </li>
      ))}
    </ul>
  );
}
