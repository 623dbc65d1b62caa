//! Finalising a period: what will happen (evaluations locked, evaluations left unrated, units
//! breaking the curve), an override reason per violating unit in soft mode or the blocking
//! violations in hard mode, a confirmation, and the server's report. Then, once the objection
//! windows have passed, concluding the period.
import { useMemo, useState } from 'react';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Dialog } from '@/components/dialog';
import { Spinner } from '@/components/spinner';
import { problemText, useUnitDirectory } from '@/features/cycles';
import { toProblem } from '@/lib/api';
import { formatDateTime, formatNumber } from '@/lib/i18n/format';
import { useConclude, useDistribution, useFinalise, useFinaliseCounts, type FinaliseReport, type UnitDistribution } from './api';
import type { PeriodContext } from './calibration-page';
import { isFinalised } from './calibration-page';
import { useCalibrationT } from './i18n';
import { useViolationText } from './violations';

/** Reasons to send: the typed ones, trimmed, for units that break the curve. */
export function overrideReasons(units: readonly Pick<UnitDistribution, 'unit_id'>[], typed: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const u of units) {
    const r = (typed[u.unit_id] ?? '').trim();
    if (r) out[u.unit_id] = r;
  }
  return out;
}

/** Violating units still lacking a reason (none typed and none stored). */
export function missingReasons(units: readonly Pick<UnitDistribution, 'unit_id' | 'override_reason'>[], typed: Record<string, string>): string[] {
  return units.filter((u) => !(typed[u.unit_id] ?? '').trim() && !(u.override_reason ?? '').trim()).map((u) => u.unit_id);
}

/** Whether every unit a refusal names is listed with its reason box (the list read before may be stale). */
function errorsAllShown(fieldErrors: Record<string, string>, listed: readonly Pick<UnitDistribution, 'unit_id'>[]): boolean {
  const ids = Object.keys(fieldErrors);
  return ids.length > 0 && ids.every((id) => listed.some((u) => u.unit_id === id));
}

export function FinaliseTab({ ctx }: { ctx: PeriodContext }) {
  const { t } = useCalibrationT();
  const { period } = ctx;
  const dist = useDistribution(period.id);
  const counts = useFinaliseCounts(period.id);
  const finalise = useFinalise();
  const describe = useViolationText();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [showMissing, setShowMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [report, setReport] = useState<FinaliseReport | null>(null);
  const violating = useMemo(() => (dist.data?.units ?? []).filter((u) => u.violations.length > 0), [dist.data]);
  const hard = dist.data?.enforcement === 'hard';
  const missing = missingReasons(violating, typed);
  const finalised = isFinalised(period);
  const nothingToDo = counts.data ? counts.data.rated === 0 : false;

  const fieldErrors = useMemo(() => {
    const out: Record<string, string> = {};
    if (finalise.error) {
      for (const e of toProblem(finalise.error, 0).fieldErrors) {
        const m = /^override_reasons\.(.+)$/.exec(e.field);
        if (m?.[1]) out[m[1]] = e.message;
      }
    }
    return out;
  }, [finalise.error]);

  const start = () => {
    setShowMissing(true);
    if (!hard && missing.length > 0) {
      document.getElementById(`override-${missing[0]}`)?.focus();
      return;
    }
    setConfirming(true);
  };

  const run = () => {
    finalise.mutate(
      { periodId: period.id, overrideReasons: overrideReasons(violating, typed) },
      {
        onSuccess: (r) => {
          setReport(r);
          setConfirming(false);
          setTyped({});
          setShowMissing(false);
        },
        onError: () => setConfirming(false),
      },
    );
  };

  if (dist.isPending || counts.isPending) return <Spinner label={t('common.loading')} />;
  if (dist.error) return <Alert tone="error">{problemText(t, dist.error)}</Alert>;

  return (
    <div className="stack">
      {report ? <FinaliseResult report={report} periodName={period.name} /> : null}
      {finalised && !report ? (
        <Alert tone="success" title={t('finalise.alreadyTitle', { period: period.name, at: formatDateTime(period.finalised_at) })}>
          {t('finalise.alreadyHint')}
        </Alert>
      ) : null}

      <Card title={t('finalise.whatTitle', { period: period.name })}>
        {counts.error ? <Alert tone="error">{problemText(t, counts.error)}</Alert> : null}
        {counts.data ? (
          <div className="adm-tiles">
            <div className="adm-tile">
              <span className="adm-tile-label">{t('finalise.rated')}</span>
              <span className="adm-tile-value">{formatNumber(counts.data.rated)}</span>
              <span className="adm-tile-sub">{t('finalise.ratedHint')}</span>
            </div>
            <div className={`adm-tile${counts.data.unrated ? ' cal-tile-warn' : ''}`}>
              <span className="adm-tile-label">{t('finalise.unrated')}</span>
              <span className="adm-tile-value">{formatNumber(counts.data.unrated)}</span>
              <span className="adm-tile-sub">
                {t('finalise.unratedDetail', {
                  notStarted: counts.data.byState.not_started,
                  filling: counts.data.byState.filling,
                  awaiting: counts.data.byState.awaiting_rating,
                })}
              </span>
            </div>
            <div className={`adm-tile${violating.length ? ' adm-tile-danger' : ''}`}>
              <span className="adm-tile-label">{t('finalise.violating')}</span>
              <span className="adm-tile-value">{formatNumber(violating.length)}</span>
              <span className="adm-tile-sub">{t(`enforcementHint.${dist.data?.enforcement ?? 'soft'}`)}</span>
            </div>
          </div>
        ) : null}
        {counts.data?.unrated ? <p className="muted">{t('finalise.unratedNote')}</p> : null}
      </Card>

      {violating.length > 0 && !nothingToDo ? (
        <Card title={hard ? t('finalise.blockingTitle') : t('finalise.reasonsTitle')}>
          {hard ? <Alert tone="error">{t('finalise.hardIntro')}</Alert> : <p className="muted">{t('finalise.softIntro')}</p>}
          <ul className="plain-list cal-violators">
            {violating.map((u) => {
              const error = fieldErrors[u.unit_id] ?? (showMissing && missing.includes(u.unit_id) ? t('finalise.reasonMissing') : undefined);
              const id = `override-${u.unit_id}`;
              return (
                <li key={u.unit_id} className="cal-violator">
                  <h3>{u.unit_name}</h3>
                  <ul className="cal-violation-list">
                    {u.violations.map((v, i) => (
                      <li key={i}>{describe(v)}</li>
                    ))}
                  </ul>
                  {!hard && ctx.canWrite ? (
                    <div className={error ? 'field field-invalid' : 'field'}>
                      <label htmlFor={id}>{t('finalise.reasonFor', { unit: u.unit_name })}</label>
                      <textarea
                        id={id}
                        rows={2}
                        value={typed[u.unit_id] ?? ''}
                        placeholder={u.override_reason ?? ''}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${id}-error` : `${id}-hint`}
                        onChange={(e) => setTyped({ ...typed, [u.unit_id]: e.target.value })}
                      />
                      {error ? (
                        <p className="field-error" id={`${id}-error`} role="alert">
                          {error}
                        </p>
                      ) : (
                        <p className="field-hint" id={`${id}-hint`}>
                          {u.override_reason ? t('finalise.storedReason', { reason: u.override_reason }) : t('finalise.reasonHint')}
                        </p>
                      )}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </Card>
      ) : null}

      {finalise.error && !errorsAllShown(fieldErrors, violating) ? <Alert tone="error">{problemText(t, finalise.error)}</Alert> : null}

      {ctx.canWrite ? (
        <div className="row">
          <Button onClick={start} disabled={nothingToDo || (hard && violating.length > 0)} busy={finalise.isPending}>
            {finalised ? t('finalise.again', { period: period.name }) : t('finalise.submit', { period: period.name })}
          </Button>
          {nothingToDo ? <span className="muted">{t('finalise.nothingRated')}</span> : null}
          {hard && violating.length > 0 ? <span className="muted">{t('finalise.hardDisabled')}</span> : null}
        </div>
      ) : (
        <p className="muted">{t('finalise.readOnly')}</p>
      )}

      <Dialog
        open={confirming}
        title={t('finalise.confirmTitle', { period: period.name })}
        onClose={() => setConfirming(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button busy={finalise.isPending} onClick={run}>
              {t('finalise.confirm')}
            </Button>
          </>
        }
      >
        <div className="stack">
          <p>{t('finalise.confirmBody', { rated: formatNumber(counts.data?.rated ?? 0), unrated: formatNumber(counts.data?.unrated ?? 0) })}</p>
          {violating.length ? <p>{t('finalise.confirmOverrides', { count: violating.length })}</p> : null}
          <p className="muted">{t('finalise.confirmIrreversible')}</p>
        </div>
      </Dialog>

      <ConcludeCard ctx={ctx} />
    </div>
  );
}

function FinaliseResult({ report, periodName }: { report: FinaliseReport; periodName: string }) {
  const { t } = useCalibrationT();
  const units = useUnitDirectory();
  const overridden = report.units.filter((u) => u.violations.length > 0);
  return (
    <Alert tone="success" title={t('finalise.doneTitle', { period: periodName })}>
      <p className="cal-result-line">{t('finalise.done', { finalised: formatNumber(report.finalised), unrated: formatNumber(report.unrated) })}</p>
      {overridden.length ? (
        <>
          <p className="cal-result-line">{t('finalise.overridden')}</p>
          <ul>
            {overridden.map((u) => (
              <li key={u.unit_id ?? 'none'}>
                <strong>{u.unit_id ? (units.names.get(u.unit_id) ?? u.unit_id) : '—'}</strong>: {u.violations.map((c) => t(`violationCode.${c}`, { defaultValue: c })).join(', ')} —{' '}
                {u.override_reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Alert>
  );
}

function ConcludeCard({ ctx }: { ctx: PeriodContext }) {
  const { t } = useCalibrationT();
  const conclude = useConclude();
  const days = ctx.cycle.policies.objection?.deadline_days ?? 14;
  return (
    <Card title={t('conclude.title')}>
      <p className="muted">{t('conclude.hint', { days })}</p>
      {conclude.error ? <Alert tone="error">{problemText(t, conclude.error)}</Alert> : null}
      {conclude.data ? (
        <Alert tone="success" title={t('conclude.done', { count: conclude.data.concluded })}>
          {t('conclude.left', { waiting: formatNumber(conclude.data.awaiting_acknowledgement), open: formatNumber(conclude.data.window_open) })}
        </Alert>
      ) : null}
      {ctx.canWrite ? (
        <Button variant="secondary" disabled={!isFinalised(ctx.period)} busy={conclude.isPending} onClick={() => conclude.mutate(ctx.period.id)}>
          {t('conclude.run', { period: ctx.period.name })}
        </Button>
      ) : null}
      {!isFinalised(ctx.period) ? <p className="muted adm-small">{t('conclude.notFinalised')}</p> : null}
    </Card>
  );
}
