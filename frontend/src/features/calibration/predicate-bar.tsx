//! A distribution as one stacked bar (the shares per predicate, best first) with its words for
//! screen readers; and the colour legend.
import { EMPLOYEE_PREDICATES, PREDICATE_COLOUR, formatShare, useAppraisalLabels } from '@/features/cycles';
import type { PredicateShares } from './api';

export function PredicateBar({ shares, label }: { shares: PredicateShares; label?: string }) {
  const labels = useAppraisalLabels();
  const parts = EMPLOYEE_PREDICATES.map((p) => ({ p, share: Number(shares[p]) || 0 }));
  const words = parts
    .filter((x) => x.share > 0)
    .map((x) => `${labels.predicate(x.p)} ${formatShare(String(x.share))}`)
    .join(', ');
  return (
    <span className="cal-stack" role="img" aria-label={label ? `${label}: ${words || '—'}` : words || '—'} title={words}>
      {parts.map((x) =>
        x.share > 0 ? <span key={x.p} style={{ width: `${x.share * 100}%`, background: PREDICATE_COLOUR[x.p] }} /> : null,
      )}
    </span>
  );
}

export function PredicateLegend() {
  const labels = useAppraisalLabels();
  return (
    <ul className="cal-legend" aria-hidden="true">
      {EMPLOYEE_PREDICATES.map((p) => (
        <li key={p}>
          <span className="cal-swatch" style={{ background: PREDICATE_COLOUR[p] }} />
          {labels.predicate(p)}
        </li>
      ))}
    </ul>
  );
}
