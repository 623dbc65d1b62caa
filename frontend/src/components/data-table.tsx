//! A table of rows with optional sortable columns; sorting is the caller's (server-side).
import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** The server's sort field for this column, when it can be sorted. */
  sortKey?: string;
}

export interface DataTableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The current sort, `field` or `-field`. */
  sort?: string;
  onSort?: (sort: string) => void;
  empty: ReactNode;
}

export function DataTable<T>({ caption, columns, rows, rowKey, sort, onSort, empty }: DataTableProps<T>) {
  const desc = sort?.startsWith('-') ?? false;
  const sortField = sort?.replace(/^-/, '');
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = c.sortKey !== undefined && c.sortKey === sortField;
              const ariaSort = active ? (desc ? 'descending' : 'ascending') : undefined;
              return (
                <th key={c.key} scope="col" aria-sort={ariaSort}>
                  {c.sortKey && onSort ? (
                    <button
                      type="button"
                      className="sort"
                      onClick={() => onSort(active && !desc ? `-${c.sortKey}` : (c.sortKey as string))}
                    >
                      {c.header}
                      <span aria-hidden="true">{active ? (desc ? ' ▼' : ' ▲') : ' ↕'}</span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.key}>{c.render(row)}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
