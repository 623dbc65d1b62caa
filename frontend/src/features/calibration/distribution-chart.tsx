//! Shares per predicate as bars, with the curve's single-predicate limits drawn as markers
//! (red: at most, green: at least). The figures are the server's; the same numbers are printed
//! beside the chart, so the drawing is hidden from assistive technology.
import { Bar, Cell, ComposedChart, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { EMPLOYEE_PREDICATES, PREDICATE_COLOUR, useAppraisalLabels } from '@/features/cycles';
import type { PredicateShares } from './api';
import type { DistributionRule } from './curve';
import { useCalibrationT } from './i18n';

interface Point {
  name: string;
  /** The predicate's abbreviation, for the axis (full names do not fit). */
  abbr: string;
  share: number;
  max?: number;
  min?: number;
  colour: string;
}

function limitMarker(colour: string, key: 'max' | 'min') {
  return function Marker(props: unknown) {
    const { cx, cy, payload } = props as { cx?: number; cy?: number; payload?: Point };
    // Points without a limit of this kind are not drawn (recharts still calls the shape).
    if (cx === undefined || cy === undefined || Number.isNaN(cy) || payload?.[key] === undefined) return <g />;
    return (
      <g>
        <line x1={cx - 22} x2={cx + 22} y1={cy} y2={cy} stroke={colour} strokeWidth={3} strokeDasharray="5 3" />
      </g>
    );
  };
}

export function DistributionChart({ shares, rules, height = 220 }: { shares: PredicateShares; rules: readonly DistributionRule[]; height?: number }) {
  const { t } = useCalibrationT();
  const labels = useAppraisalLabels();
  const data: Point[] = EMPLOYEE_PREDICATES.map((p) => {
    const point: Point = { name: labels.predicate(p), abbr: t(`abbr.${p}`), share: Math.round(Number(shares[p]) * 1000) / 10, colour: PREDICATE_COLOUR[p] };
    for (const r of rules) {
      if (r.predicates.length !== 1 || r.predicates[0] !== p) continue;
      if (r.rule === 'max_share') point.max = Number(r.share) * 100;
      if (r.rule === 'min_share') point.min = Number(r.share) * 100;
      if (r.rule === 'forbidden') point.max = 0;
    }
    return point;
  });
  const hasMax = data.some((d) => d.max !== undefined);
  const hasMin = data.some((d) => d.min !== undefined);
  return (
    <figure className="cal-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <XAxis dataKey="abbr" tick={{ fontSize: 11 }} interval={0} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => `${String(v)}%`} labelFormatter={(_l, items) => String((items?.[0]?.payload as Point | undefined)?.name ?? '')} />
          <Bar dataKey="share" name={t('chart.share')} isAnimationActive={false} radius={[3, 3, 0, 0]}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.colour} />
            ))}
          </Bar>
          {hasMax ? <Scatter dataKey="max" name={t('chart.max')} shape={limitMarker('#b3261e', 'max')} isAnimationActive={false} /> : null}
          {hasMin ? <Scatter dataKey="min" name={t('chart.min')} shape={limitMarker('#1e6b34', 'min')} isAnimationActive={false} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
      {hasMax || hasMin ? (
        <figcaption className="cal-chart-legend">
          {hasMax ? <span className="cal-legend-max">{t('chart.max')}</span> : null}
          {hasMin ? <span className="cal-legend-min">{t('chart.min')}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}
