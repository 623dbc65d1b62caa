//! The enum values the employee screens offer, checked against the generated schema.
import type { components } from '@/lib/api';

type S = components['schemas'];

export const ASN_TYPES = ['pns', 'pppk'] as const satisfies readonly S['AsnType'][];
export const SEXES = ['male', 'female'] as const satisfies readonly S['Sex'][];
export const EMPLOYEE_STATUSES = ['active', 'on_leave', 'retired', 'transferred', 'dismissed', 'deceased'] as const satisfies readonly S['EmployeeStatus'][];
export const POSITION_KINDS = ['jpt', 'administrator', 'pengawas', 'pelaksana', 'fungsional'] as const satisfies readonly S['PositionKind'][];
