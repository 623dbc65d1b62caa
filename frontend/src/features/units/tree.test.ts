import { describe, expect, it } from 'vitest';
import type { UnitNode } from './api';
import { find, flatten, subtreeIds, unitOptions } from './tree';

function node(id: string, depth: number, children: UnitNode[] = []): UnitNode {
  return { id, parent_id: null, code: id.toUpperCase(), name: `Unit ${id}`, kind: 'bidang', is_active: true, depth, version: 1, children };
}

const tree = [node('a', 0, [node('b', 1, [node('c', 2)]), node('d', 1)]), node('e', 0)];

describe('unit tree helpers', () => {
  it('flatten depth-first in tree order with depths', () => {
    expect(flatten(tree).map((u) => `${u.id}${u.depth}`)).toEqual(['a0', 'b1', 'c2', 'd1', 'e0']);
  });

  it('find a node anywhere', () => {
    expect(find(tree, 'c')?.name).toBe('Unit c');
    expect(find(tree, 'zz')).toBeNull();
  });

  it('collect a subtree, so a unit cannot move under its own descendants', () => {
    expect([...subtreeIds(tree, 'b')].sort()).toEqual(['b', 'c']);
    expect(subtreeIds(tree, 'zz').size).toBe(0);
  });

  it('indent options by depth', () => {
    expect(unitOptions(tree)[2]).toEqual({ value: 'c', label: '\u00a0\u00a0\u00a0\u00a0Unit c' });
  });
});
