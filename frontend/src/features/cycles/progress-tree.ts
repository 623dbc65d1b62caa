//! Pure helpers for the progress tree table: depth-first order from the server's flat list,
//! which rows are visible under the expanded ones, and percentages for display.
import type { UnitProgress } from './api';

export interface ProgressRow {
  unit: UnitProgress;
  /** Depth within the list shown (a filtered subtree starts at 0). */
  level: number;
  hasChildren: boolean;
  /** Ids of the ancestors in the list, nearest last. */
  ancestors: string[];
}

/**
 * Depth-first rows. Roots are units whose parent is not in the list (the agency's top units,
 * or the chosen unit when the report is filtered to a subtree). Siblings keep the server's order.
 */
export function treeRows(units: readonly UnitProgress[]): ProgressRow[] {
  const ids = new Set(units.map((u) => u.unit_id));
  const children = new Map<string | null, UnitProgress[]>();
  for (const u of units) {
    const parent = u.parent_id && ids.has(u.parent_id) ? u.parent_id : null;
    const list = children.get(parent) ?? [];
    list.push(u);
    children.set(parent, list);
  }
  const out: ProgressRow[] = [];
  const visit = (parent: string | null, level: number, ancestors: string[]) => {
    for (const u of children.get(parent) ?? []) {
      const kids = children.get(u.unit_id) ?? [];
      out.push({ unit: u, level, hasChildren: kids.length > 0, ancestors });
      visit(u.unit_id, level + 1, [...ancestors, u.unit_id]);
    }
  };
  visit(null, 0, []);
  return out;
}

/** Rows whose every ancestor is expanded. */
export function visibleRows(rows: readonly ProgressRow[], expanded: ReadonlySet<string>): ProgressRow[] {
  return rows.filter((r) => r.ancestors.every((a) => expanded.has(a)));
}

/** The ids to expand at first: the top `levels` levels. */
export function initialExpanded(rows: readonly ProgressRow[], levels = 1): Set<string> {
  return new Set(rows.filter((r) => r.hasChildren && r.level < levels).map((r) => r.unit.unit_id));
}

/** Whole-number percentage, or null when there is nothing to count. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 100);
}

export function overdueTotal(t: { overdue_realizations: number; overdue_evaluations: number; overdue_feedback: number }): number {
  return t.overdue_realizations + t.overdue_evaluations + t.overdue_feedback;
}
