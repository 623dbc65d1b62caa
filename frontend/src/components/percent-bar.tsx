//! A thin horizontal bar for a percentage beside its figure. Decorative: the caller prints the
//! numbers as text, so the bar is hidden from assistive technology.
export interface PercentBarProps {
  /** 0–100; null draws an empty track. */
  value: number | null;
  tone?: 'primary' | 'success' | 'warning' | 'danger';
}

const FILL: Record<NonNullable<PercentBarProps['tone']>, string> = {
  primary: 'var(--c-primary)',
  success: 'var(--c-success)',
  warning: '#c58a00',
  danger: 'var(--c-danger)',
};

export function PercentBar({ value, tone = 'primary' }: PercentBarProps) {
  const width = value === null ? 0 : Math.max(0, Math.min(100, value));
  return (
    <span
      aria-hidden="true"
      style={{ display: 'block', height: 6, borderRadius: 3, background: 'var(--c-border)', overflow: 'hidden', minWidth: 48 }}
    >
      <span style={{ display: 'block', height: '100%', width: `${width}%`, background: FILL[tone] }} />
    </span>
  );
}
