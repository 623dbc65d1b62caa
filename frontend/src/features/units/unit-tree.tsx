//! The organisation tree: nested lists with expand/collapse buttons; selecting a unit is the
//! caller's business. Top two levels start expanded.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitNode } from './api';

export function UnitTree({ nodes, selectedId, onSelect }: { nodes: readonly UnitNode[]; selectedId: string | null; onSelect: (id: string) => void }) {
  return (
    <ul className="tree tree-root">
      {nodes.map((n) => (
        <TreeItem key={n.id} node={n} selectedId={selectedId} onSelect={onSelect} />
      ))}
    </ul>
  );
}

function TreeItem({ node, selectedId, onSelect }: { node: UnitNode; selectedId: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(node.depth < 1);
  const hasChildren = node.children.length > 0;
  const selected = node.id === selectedId;
  return (
    <li>
      <div className={selected ? 'tree-node selected' : 'tree-node'}>
        {hasChildren ? (
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={open}
            aria-label={t(open ? 'units.collapse' : 'units.expand', { name: node.name })}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '−' : '+'}
          </button>
        ) : (
          <span className="tree-toggle-spacer" aria-hidden="true" />
        )}
        <button type="button" className="tree-label" aria-current={selected || undefined} onClick={() => onSelect(node.id)}>
          {node.name}
        </button>
        <small className="muted mono">{node.code}</small>
        {!node.is_active ? <span className="badge badge-off">{t('common.inactive')}</span> : null}
      </div>
      {hasChildren && open ? (
        <ul className="tree">
          {node.children.map((c) => (
            <TreeItem key={c.id} node={c} selectedId={selectedId} onSelect={onSelect} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
