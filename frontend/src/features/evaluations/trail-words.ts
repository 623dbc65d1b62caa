//! An audit entry in words: which fields a change touched (before → after), without the
//! bookkeeping fields (ids, versions, hashes, timestamps of the row) and without nested
//! snapshots. Values stay the server's; only their display is chosen here (labels, dates).

export interface TrailChange {
  field: string;
  /** Absent when the record was created by this change. */
  before?: unknown;
  after: unknown;
}

/** Bookkeeping of the row itself, never worth showing to the employee. */
const HIDDEN = new Set([
  'id',
  'agency_id',
  'version',
  'created_at',
  'updated_at',
  'content_hash',
  'signed_by',
  'rated_by',
  'predicate_label',
  'effective_predicate',
  'numeric_snapshot',
  'regime',
  'is_annual',
  'author_role',
  'seq',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isHidden(field: string, value: unknown): boolean {
  if (HIDDEN.has(field) || field.endsWith('_id') || field.endsWith('_ids')) return true;
  // A reference to another record (`submitted_by`, ...) means nothing to a reader as an id.
  if (typeof value === 'string' && UUID.test(value)) return true;
  // Nested snapshots (answers, steps, annexes) are summarised by the action's name.
  return typeof value === 'object' && value !== null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What the entry changed, field by field, in the server's order of fields. */
export function changesOf(entry: { before?: unknown; after?: unknown }): TrailChange[] {
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  if (!after) return [];
  const out: TrailChange[] = [];
  for (const [field, value] of Object.entries(after)) {
    if (isHidden(field, value) || (before && isHidden(field, before[field]))) continue;
    if (before) {
      if (!same(before[field], value)) out.push({ field, before: before[field] ?? null, after: value });
    } else if (value !== null && value !== '' && value !== false) {
      out.push({ field, after: value });
    }
  }
  return out;
}

/** The i18n key of an action (`evaluation.acknowledge` → `evaluation_acknowledge`). */
export function actionKey(action: string): string {
  return action.replace(/\./g, '_');
}
