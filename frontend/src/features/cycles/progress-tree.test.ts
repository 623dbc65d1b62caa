import { describe, expect, it } from 'vitest';
import type { UnitProgress } from './api';
import { initialExpanded, overdueTotal, percent, treeRows, visibleRows } from './progress-tree';

const totals = { employees: 1, plans_draft: 0, plans_submitted: 0, plans_approved: 1, indicators_realized: 0, indicators_total: 0, feedback_answered: 0, feedback_total: 0, evaluations_rated: 0, evaluations_total: 0, predicates_set: 0, units: 1, overdue_realizations: 1, overdue_evaluations: 2, overdue_feedback: 3 };
const unit = (id: string, parent: string | null, depth: number): UnitProgress => ({ unit_id: id, parent_id: parent, name: id, depth, own: totals, subtree: totals });

// The server lists parents before children, not necessarily depth first.
const units = [unit('root', null, 0), unit('a', 'root', 1), unit('b', 'root', 1), unit('a1', 'a', 2), unit('b1', 'b', 2)];

describe('progress tree', () => {
  it('orders the units depth first with their level and ancestors', () => {
    const rows = treeRows(units);
    expect(rows.map((r) => r.unit.unit_id)).toEqual(['root', 'a', 'a1', 'b', 'b1']);
    expect(rows.map((r) => r.level)).toEqual([0, 1, 2, 1, 2]);
    expect(rows[2]?.ancestors).toEqual(['root', 'a']);
    expect(rows.find((r) => r.unit.unit_id === 'a1')?.hasChildren).toBe(false);
  });

  it('starts a filtered subtree at its own root', () => {
    const rows = treeRows([unit('a', 'root', 1), unit('a1', 'a', 2)]);
    expect(rows.map((r) => [r.unit.unit_id, r.level])).toEqual([
      ['a', 0],
      ['a1', 1],
    ]);
  });

  it('shows only rows whose ancestors are expanded', () => {
    const rows = treeRows(units);
    expect(visibleRows(rows, new Set()).map((r) => r.unit.unit_id)).toEqual(['root']);
    expect(visibleRows(rows, new Set(['root', 'a'])).map((r) => r.unit.unit_id)).toEqual(['root', 'a', 'a1', 'b']);
    expect([...initialExpanded(rows, 1)]).toEqual(['root']);
  });

  it('computes display percentages and overdue sums', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBeNull();
    expect(overdueTotal(totals)).toBe(6);
  });
});
