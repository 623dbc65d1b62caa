//! Each appraiser's predicates against their unit's (with its subtree), most lenient first, with
//! the server's leniency index: the share of Sangat Baik + Baik the appraiser gave minus the
//! unit's. Positive: more lenient than the unit; negative: stricter.
import { Alert } from '@/components/alert';
import { Spinner } from '@/components/spinner';
import { EMPLOYEE_PREDICATES, problemText, useUnitDirectory } from '@/features/cycles';
import { formatNumber } from '@/lib/i18n/format';
import { useLeniency, type AppraiserLeniency } from './api';
import type { PeriodContext } from './calibration-page';
import { useCalibrationT } from './i18n';
import { PredicateBar, PredicateLegend } from './predicate-bar';

function total(a: AppraiserLeniency['counts']): number {
  return EMPLOYEE_PREDICATES.reduce((s, p) => s + (a[p] ?? 0), 0);
}

/** The index as signed percentage points ("+14 poin"). */
export function formatIndex(index: string): { text: string; tone: 'up' | 'down' | 'flat' } {
  const n = Number(index);
  if (!Number.isFinite(n)) return { text: index, tone: 'flat' };
  const points = Math.round(n * 100);
  return { text: `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)}`, tone: points > 0 ? 'up' : points < 0 ? 'down' : 'flat' };
}

export function LeniencyTab({ ctx }: { ctx: PeriodContext }) {
  const { t } = useCalibrationT();
  const units = useUnitDirectory();
  const report = useLeniency(ctx.period.id);
  if (report.isPending) return <Spinner label={t('common.loading')} />;
  if (report.error || !report.data) return <Alert tone="error">{problemText(t, report.error)}</Alert>;
  const rows = report.data.appraisers;
  return (
    <div className="stack">
      <div className="row adm-between">
        <p className="muted cal-lead">{t('leniency.intro')}</p>
        <PredicateLegend />
      </div>
      <div className="table-wrap">
        <table className="cal-leniency">
          <caption className="visually-hidden">{t('tab.leniency')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('leniency.appraiser')}</th>
              <th scope="col">{t('leniency.unit')}</th>
              <th scope="col" className="adm-num">
                {t('leniency.rated')}
              </th>
              <th scope="col">{t('leniency.theirs')}</th>
              <th scope="col">{t('leniency.unitSpread')}</th>
              <th scope="col" className="adm-num">
                {t('leniency.index')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  {t('leniency.empty')}
                </td>
              </tr>
            ) : null}
            {rows.map((a) => {
              const idx = formatIndex(a.leniency_index);
              const unitName = a.unit_id ? (units.names.get(a.unit_id) ?? '—') : '—';
              return (
                <tr key={a.appraiser_employee_id}>
                  <th scope="row" className="cal-person">
                    {a.appraiser_name}
                  </th>
                  <td>{unitName}</td>
                  <td className="adm-num">
                    {formatNumber(total(a.counts))} / {formatNumber(total(a.unit_counts))}
                  </td>
                  <td className="cal-spread">
                    <PredicateBar shares={a.shares} label={t('leniency.theirsOf', { name: a.appraiser_name })} />
                  </td>
                  <td className="cal-spread">
                    <PredicateBar shares={a.unit_shares} label={t('leniency.unitOf', { unit: unitName })} />
                  </td>
                  <td className="adm-num">
                    <span className={`cal-index cal-index-${idx.tone}`} title={t(`leniency.tone.${idx.tone}`)}>
                      {idx.text}
                      <span className="visually-hidden"> {t('leniency.points')} ({t(`leniency.tone.${idx.tone}`)})</span>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted adm-small">{t('leniency.legend')}</p>
    </div>
  );
}
