//! Pure helpers over the unit tree.
import type { UnitNode } from './api';

export interface FlatUnit {
  id: string;
  name: string;
  code: string;
  depth: number;
  is_active: boolean;
}

/** Depth-first, in the tree's order: for selects that show the hierarchy by indentation. */
export function flatten(nodes: readonly UnitNode[], depth = 0, out: FlatUnit[] = []): FlatUnit[] {
  for (const n of nodes) {
    out.push({ id: n.id, name: n.name, code: n.code, depth, is_active: n.is_active });
    flatten(n.children, depth + 1, out);
  }
  return out;
}

/** The ids of a node and everything under it (a unit cannot move under itself). */
export function subtreeIds(nodes: readonly UnitNode[], id: string): Set<string> {
  const found = find(nodes, id);
  const ids = new Set<string>();
  if (found) for (const u of flatten([found])) ids.add(u.id);
  return ids;
}

export function find(nodes: readonly UnitNode[], id: string): UnitNode | null {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = find(n.children, id);
    if (inner) return inner;
  }
  return null;
}

/** Select options with the depth shown as an indent. */
export function unitOptions(nodes: readonly UnitNode[]): { value: string; label: string }[] {
  return flatten(nodes).map((u) => ({ value: u.id, label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.name}` }));
}
