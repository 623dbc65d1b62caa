import { describe, expect, it } from 'vitest';
import { blankEmployee } from './employee-form';
import { toCreateBody, toUpdateBody } from './mapping';

const before = {
  ...blankEmployee,
  nip: '199306152021011001',
  name: 'Dimas',
  golongan: 'III/b',
  unit_id: 'u1',
  email: 'dimas@example.go.id',
};

describe('employee form mapping', () => {
  it('sends only the fields that changed, clearing emptied ones with null', () => {
    const body = toUpdateBody(before, { ...before, name: ' Dimas Pratama ', email: '', unit_id: 'u2' });
    expect(body).toEqual({ name: 'Dimas Pratama', email: null, unit_id: 'u2' });
  });

  it('sends nothing when nothing changed', () => {
    expect(toUpdateBody(before, { ...before })).toEqual({});
  });

  it('creates with spaces removed from the NIP and empty optionals as null', () => {
    const body = toCreateBody({ ...blankEmployee, nip: '19930615 202101 1 001', name: ' Siti ' });
    expect(body.nip).toBe('199306152021011001');
    expect(body.name).toBe('Siti');
    expect(body.birth_on).toBeNull();
    expect(body.sex).toBeNull();
    expect(body.unit_id).toBeNull();
    expect(body.asn_type).toBe('pns');
  });
});
