//! Dates and numbers in the reader's language (id-ID or en-GB), in Asia/Jakarta-neutral form:
//! `_on` dates are calendar dates and are never shifted by a time zone.
import i18n from 'i18next';

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'id-ID';
}

/** A calendar date (`2026-01-31`) as `31 Jan 2026`. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return value;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** An instant (`_at`) in the browser's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}
