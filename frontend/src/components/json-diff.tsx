//! Before/after of a record, one row per top-level field, changed fields highlighted.
export interface JsonDiffProps {
  before: unknown;
  after: unknown;
  labels: { field: string; before: string; after: string };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function show(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 1);
}

export function JsonDiff({ before, after, labels }: JsonDiffProps) {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  if (keys.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="diff-table">
        <thead>
          <tr>
            <th scope="col">{labels.field}</th>
            <th scope="col">{labels.before}</th>
            <th scope="col">{labels.after}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const changed = JSON.stringify(b[k]) !== JSON.stringify(a[k]);
            return (
              <tr key={k} className={changed ? 'diff-changed' : undefined} data-changed={changed || undefined}>
                <th scope="row" className="mono">
                  {k}
                </th>
                <td className="mono">{show(b[k])}</td>
                <td className="mono">{show(a[k])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
