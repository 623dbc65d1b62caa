//! Display of the server's decimal strings and targets; never recomputes anything.
import { formatNumber } from '@/lib/i18n/format';

/** A decimal string (`"91.67"`) in the reader's number format; other text as is. */
export function decimal(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? formatNumber(n) : value;
}

/** A target: the narrative one, a single value, or a range, with its unit. */
export function target(row: { targetMin: string | null; targetMax: string | null; unit: string | null; targetText: string | null }): string {
  const unit = row.unit ? ` ${row.unit}` : '';
  if (row.targetMin !== null && row.targetMax !== null && row.targetMin !== row.targetMax) {
    return `${decimal(row.targetMin)}–${decimal(row.targetMax)}${unit}`;
  }
  const single = row.targetMin ?? row.targetMax;
  if (single !== null) return `${decimal(single)}${unit}`;
  return row.targetText ?? '—';
}
