//! Employee list filters: kept in the URL (shareable, back-button friendly) and turned into the
//! list endpoint's query.
import type { EmployeesQuery } from './api';
import { ASN_TYPES, EMPLOYEE_STATUSES, POSITION_KINDS } from './enums';

/** A value from the URL if it is one the API knows, else nothing (a hand-edited URL is not a 422). */
function known<T extends string>(value: string, values: readonly T[]): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

export interface EmployeeFilters {
  q: string;
  unit_id: string;
  /** With a unit: its whole subtree (subtree_of) rather than the unit alone (unit_id). */
  include_subtree: boolean;
  position_kind: string;
  status: string;
  asn_type: string;
  sort: string;
  page: number;
}

export const DEFAULT_SORT = 'name';

export const emptyFilters: EmployeeFilters = {
  q: '',
  unit_id: '',
  include_subtree: true,
  position_kind: '',
  status: '',
  asn_type: '',
  sort: DEFAULT_SORT,
  page: 1,
};

export function filtersFromSearch(search: URLSearchParams): EmployeeFilters {
  const page = Number.parseInt(search.get('page') ?? '1', 10);
  return {
    q: search.get('q') ?? '',
    unit_id: search.get('unit') ?? '',
    include_subtree: search.get('subtree') !== '0',
    position_kind: search.get('position_kind') ?? '',
    status: search.get('status') ?? '',
    asn_type: search.get('asn_type') ?? '',
    sort: search.get('sort') || DEFAULT_SORT,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function filtersToSearch(f: EmployeeFilters): URLSearchParams {
  const s = new URLSearchParams();
  if (f.q.trim()) s.set('q', f.q.trim());
  if (f.unit_id) s.set('unit', f.unit_id);
  if (f.unit_id && !f.include_subtree) s.set('subtree', '0');
  if (f.position_kind) s.set('position_kind', f.position_kind);
  if (f.status) s.set('status', f.status);
  if (f.asn_type) s.set('asn_type', f.asn_type);
  if (f.sort !== DEFAULT_SORT) s.set('sort', f.sort);
  if (f.page > 1) s.set('page', String(f.page));
  return s;
}

/** The list endpoint's query: only the filters that are set. */
export function filtersToQuery(f: EmployeeFilters, perPage: number): EmployeesQuery {
  return {
    q: f.q.trim() || undefined,
    unit_id: f.unit_id && !f.include_subtree ? f.unit_id : undefined,
    subtree_of: f.unit_id && f.include_subtree ? f.unit_id : undefined,
    position_kind: known(f.position_kind, POSITION_KINDS),
    status: known(f.status, EMPLOYEE_STATUSES),
    asn_type: known(f.asn_type, ASN_TYPES),
    sort: f.sort,
    page: f.page,
    per_page: perPage,
  };
}
