//! Puts a 422 problem's field errors onto react-hook-form fields.
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ApiProblem } from './problem';

/**
 * Sets each `errors[{field, message}]` on the form field of the same name. Returns the errors
 * that match no field (to show in a summary), so nothing the server said is lost.
 */
export function applyFieldErrors<T extends FieldValues>(
  problem: ApiProblem,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  /** API field names that a form calls differently (`appraiser_employee_id` → `appraiser`). */
  aliases: Readonly<Record<string, Path<T>>> = {},
): { field: string; message: string }[] {
  const unmatched: { field: string; message: string }[] = [];
  let focused = false;
  for (const e of problem.fieldErrors) {
    const wanted = aliases[e.field] ?? e.field;
    const name = fields.find((f) => f === wanted);
    if (name) {
      setError(name, { type: 'server', message: e.message }, { shouldFocus: !focused });
      focused = true;
    } else {
      unmatched.push({ field: e.field, message: e.message });
    }
  }
  return unmatched;
}
