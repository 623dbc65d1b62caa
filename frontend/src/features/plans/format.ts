//! Display helpers of the plans feature: state tones, targets, sizes, and the sentence for a
//! plans problem. Pure functions (no fetching, no rules: what the server computed is shown).
import type { TFunction } from 'i18next';
import type { BadgeTone } from '@/components/status-badge';
import type { ApiProblem } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';
import type { IndicatorView, PeriodView } from './api';

export function stateTone(state: string): BadgeTone {
  switch (state) {
    case 'draft':
      return 'neutral';
    case 'submitted':
    case 'reviewed':
      return 'warning';
    case 'approved':
      return 'success';
    case 'in_appraisal':
      return 'info';
    case 'cancelled':
      return 'danger';
    default:
      return 'neutral';
  }
}

/** The state's label, falling back to the server's label for a state this build does not know. */
export function stateLabel(t: TFunction, state: string, serverLabel?: string): string {
  return t(`state.${state}`, { defaultValue: serverLabel ?? state });
}

/** Strips trailing zeros of a decimal string (`12.50` → `12.5`); keeps anything else as is. */
export function trimDecimal(value: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** Formats a decimal string for the reader without passing through floating point. */
export function formatDecimal(value: string, lang: string): string {
  const trimmed = trimDecimal(value);
  return lang === 'en' ? trimmed : trimmed.replace('.', ',');
}

/** `12 dokumen`, `10 – 14 hari`, or the narrative target. */
export function formatTarget(ind: Pick<IndicatorView, 'target_min' | 'target_max' | 'unit' | 'target_text'>, lang: string): string {
  const unit = ind.unit ? ` ${ind.unit}` : '';
  const min = ind.target_min ? formatDecimal(ind.target_min, lang) : null;
  const max = ind.target_max ? formatDecimal(ind.target_max, lang) : null;
  let numeric = '';
  if (min !== null && max !== null && min !== max) numeric = `${min} – ${max}${unit}`;
  else if (min !== null || max !== null) numeric = `${min ?? max}${unit}`;
  if (numeric && ind.target_text) return `${numeric} (${ind.target_text})`;
  return numeric || ind.target_text || '—';
}

export function formatBytes(bytes: number, lang: string): string {
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${nf.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} KB`;
  return `${nf.format(bytes / (1024 * 1024))} MB`;
}

/** Short names of content types for people (`application/pdf` → `PDF`). */
export function contentTypeName(type: string): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'image/png': 'PNG',
    'image/jpeg': 'JPEG',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
    'text/csv': 'CSV',
  };
  return known[type] ?? type;
}

/** Today as a calendar date in the browser's zone (`2026-12-01`). */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whole days from `from` to `to` (calendar dates). */
export function daysBetween(from: string, to: string): number {
  const a = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10));
  const b = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

/**
 * The period to show first: the one containing today, else the last one already started,
 * else the first. The annual period comes last; a plan whose dates exclude a period is the
 * server's to refuse.
 */
export function defaultPeriod(periods: readonly PeriodView[], today: string): PeriodView | undefined {
  const regular = periods.filter((p) => !p.is_final);
  const current = regular.find((p) => p.starts_on <= today && today <= p.ends_on);
  if (current) return current;
  const started = regular.filter((p) => p.starts_on <= today);
  return started[started.length - 1] ?? regular[0] ?? periods[0];
}

export interface ProblemContext {
  /** The appraiser's name, for `appraiser_plan_not_approved`. */
  appraiserName?: string | null;
  maxBytes?: number;
  types?: readonly string[];
  lang?: string;
}

/** Codes this feature explains in its own words (the server's detail is shown beside them). */
const PLAN_CODES = new Set([
  'plan_overlaps',
  'cycle_closed',
  'cycle_not_open_for_plans',
  'plan_not_draft',
  'illegal_transition',
  'revision_exists',
  'no_main_work_result',
  'work_result_without_indicator',
  'work_result_not_cascaded',
  'work_result_cascaded',
  'plan_not_approved',
  'period_closed',
  'fill_deadline_passed',
  'period_outside_plan',
  'evidence_too_large',
  'evidence_type_not_allowed',
  'evidence_is_link',
  'plan_terminal',
]);

/**
 * The sentence for a problem met on a plan screen: this feature's words for the codes it knows,
 * the shared words for generic ones, and otherwise the server's own detail (never nothing).
 */
export function planProblemMessage(t: TFunction, problem: ApiProblem, ctx: ProblemContext = {}): string {
  const lang = ctx.lang ?? 'id';
  if (problem.code === 'appraiser_plan_not_approved') {
    return t('cascadeBlocked.body', { name: ctx.appraiserName || t('cascadeBlocked.fallbackName') });
  }
  if (PLAN_CODES.has(problem.code)) {
    return t(`problem.${problem.code}`, {
      max: ctx.maxBytes ? formatBytes(ctx.maxBytes, lang) : '—',
      types: ctx.types ? ctx.types.map(contentTypeName).join(', ') : '—',
    });
  }
  if (problem.status === 412 || problem.status === 428 || problem.code === 'network' || problem.status >= 500) {
    return problemMessage(t, problem);
  }
  if (problem.status === 404) return t('problem.plan_not_found');
  if (problem.detail) return problem.detail;
  return problemMessage(t, problem);
}

/** Whether the server's detail adds something next to our sentence. */
export function showsServerDetail(problem: ApiProblem): boolean {
  return !!problem.detail && (PLAN_CODES.has(problem.code) || problem.code === 'appraiser_plan_not_approved' || problem.code === 'no_appraiser');
}

/**
 * Who recorded something, for people: the server names accounts as `employee:<id>` (or a
 * username, or an API client); the plan's employee and appraiser are shown by name.
 */
export function whoLabel(who: string, plan: { employee_id: string; employee_name: string; appraiser_employee_id?: string | null; appraiser_name?: string | null }): string {
  const id = who.startsWith('employee:') ? who.slice('employee:'.length) : null;
  if (id && id === plan.employee_id) return plan.employee_name;
  if (id && id === plan.appraiser_employee_id && plan.appraiser_name) return plan.appraiser_name;
  return who;
}
