//! Words and pills for the appraisal enumerations (cycle states, regimes, predicates...), shared
//! by the HR administration screens. Presentation only: no rule is derived here.
import i18n from 'i18next';
import { useMemo } from 'react';
import { StatusBadge, type BadgeTone } from '@/components/status-badge';
import { useUnitTree } from '@/features/units';
import type { components } from '@/lib/api';
import { useCyclesT } from './i18n';

export type EmployeePredicate = components['schemas']['EmployeePredicate'];
export type OrganisationPredicate = components['schemas']['OrganisationPredicate'];
export type Rating = components['schemas']['Rating'];
type UnitNode = components['schemas']['UnitNode'];

/** Best first, as the regulation lists them. */
export const EMPLOYEE_PREDICATES: readonly EmployeePredicate[] = ['very_good', 'good', 'needs_improvement', 'poor', 'very_poor'];
export const ORGANISATION_PREDICATES: readonly OrganisationPredicate[] = ['outstanding', 'good', 'needs_improvement', 'poor', 'very_poor'];
export const RATINGS: readonly Rating[] = ['above', 'meets', 'below'];

export const PREDICATE_TONE: Record<EmployeePredicate, BadgeTone> = {
  very_good: 'success',
  good: 'info',
  needs_improvement: 'warning',
  poor: 'danger',
  very_poor: 'danger',
};

/** Chart colours per predicate (colour-blind-safe ramp from green to red). */
export const PREDICATE_COLOUR: Record<EmployeePredicate, string> = {
  very_good: '#1e6b34',
  good: '#0b5394',
  needs_improvement: '#c58a00',
  poor: '#d4570f',
  very_poor: '#b3261e',
};

export const CYCLE_STATE_TONE: Record<components['schemas']['CycleState'], BadgeTone> = {
  draft: 'neutral',
  planning: 'info',
  running: 'success',
  closing: 'warning',
  closed: 'neutral',
};

/** Translations of the enumerations, as functions that accept an unknown value too. */
export function useAppraisalLabels() {
  const { t } = useCyclesT();
  return useMemo(() => {
    const label = (group: string) => (value: string | null | undefined) =>
      value ? t(`${group}.${value}`, { defaultValue: value }) : t('common.none');
    return {
      predicate: label('predicate'),
      orgPredicate: label('orgPredicate'),
      rating: label('rating'),
      cycleState: label('state'),
      regime: label('regime'),
      periodKind: label('periodKind'),
      evaluationState: label('evaluationState'),
      functionalLevel: label('functionalLevel'),
      coreValue: label('coreValue'),
    };
  }, [t]);
}

export function PredicatePill({ value }: { value: EmployeePredicate | null | undefined }) {
  const labels = useAppraisalLabels();
  if (!value) return <span className="muted">{labels.predicate(null)}</span>;
  return <StatusBadge tone={PREDICATE_TONE[value]}>{labels.predicate(value)}</StatusBadge>;
}

export function CycleStatePill({ value }: { value: components['schemas']['CycleState'] }) {
  const labels = useAppraisalLabels();
  return <StatusBadge tone={CYCLE_STATE_TONE[value]}>{labels.cycleState(value)}</StatusBadge>;
}

/** A fraction from the API ("0.7000") as a percentage for people ("70%"). */
export function formatShare(share: string | null | undefined, digits = 0): string {
  if (share === null || share === undefined || share === '') return '—';
  const n = Number(share);
  if (!Number.isFinite(n)) return share;
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(n);
}

export interface UnitName {
  id: string;
  name: string;
  depth: number;
  parentId: string | null;
}

function walk(nodes: readonly UnitNode[], depth: number, parentId: string | null, out: UnitName[]) {
  for (const n of nodes) {
    out.push({ id: n.id, name: n.name, depth, parentId });
    walk(n.children, depth + 1, n.id, out);
  }
}

/** The agency's units in tree order, and their names by id (rows of reports carry only ids). */
export function useUnitDirectory() {
  const tree = useUnitTree();
  return useMemo(() => {
    const list: UnitName[] = [];
    walk(tree.data ?? [], 0, null, list);
    const names = new Map(list.map((u) => [u.id, u.name]));
    const options = list.map((u) => ({ value: u.id, label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.name}` }));
    return { list, names, options, isPending: tree.isPending };
  }, [tree.data, tree.isPending]);
}
