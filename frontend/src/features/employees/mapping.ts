//! Between the form's strings and the API's bodies: empty optional fields become absent (create)
//! or null (update, to clear them).
import type { CreateEmployeeBody, EmployeeView, UpdateEmployeeBody } from './api';
import type { EmployeeFormValues } from './employee-form';

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

export function toFormValues(e: EmployeeView): EmployeeFormValues {
  return {
    nip: e.nip,
    asn_type: e.asn_type,
    name: e.name,
    birth_on: e.birth_on ?? '',
    sex: e.sex ?? '',
    golongan: e.golongan ?? '',
    rank_since_on: e.rank_since_on ?? '',
    unit_id: e.unit_id ?? '',
    status: e.status,
    email: e.email ?? '',
    phone: e.phone ?? '',
  };
}

export function toCreateBody(v: EmployeeFormValues): CreateEmployeeBody {
  return {
    nip: v.nip.replace(/\s+/g, ''),
    asn_type: v.asn_type as CreateEmployeeBody['asn_type'],
    name: v.name.trim(),
    birth_on: orNull(v.birth_on),
    sex: (orNull(v.sex) as CreateEmployeeBody['sex']) ?? null,
    golongan: orNull(v.golongan),
    rank_since_on: orNull(v.rank_since_on),
    unit_id: orNull(v.unit_id),
    status: v.status as CreateEmployeeBody['status'],
    email: orNull(v.email),
    phone: orNull(v.phone),
  };
}

/** Only the fields that changed, so the audit log shows the real change. */
export function toUpdateBody(before: EmployeeFormValues, v: EmployeeFormValues): UpdateEmployeeBody {
  const body: Record<string, unknown> = {};
  const changed = (k: keyof EmployeeFormValues) => before[k].trim() !== v[k].trim();
  if (changed('nip')) body.nip = v.nip.replace(/\s+/g, '');
  if (changed('asn_type')) body.asn_type = v.asn_type;
  if (changed('name')) body.name = v.name.trim();
  if (changed('birth_on') && v.birth_on) body.birth_on = v.birth_on;
  if (changed('sex') && v.sex) body.sex = v.sex;
  if (changed('status')) body.status = v.status;
  for (const k of ['golongan', 'rank_since_on', 'unit_id', 'email', 'phone'] as const) {
    if (changed(k)) body[k] = orNull(v[k]);
  }
  return body as UpdateEmployeeBody;
}
