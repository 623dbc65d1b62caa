import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/api';
import type { Evaluation } from './api';
import { movesOf, objectionLastDay, todayWib, viewerOf } from './viewer';

const base: Evaluation = {
  id: 'e1',
  agency_id: 'a',
  cycle_id: 'c',
  period_id: 'p',
  plan_id: 'pl',
  employee_id: 'emp',
  appraiser_employee_id: 'boss',
  superior_employee_id: 'bigboss',
  is_annual: false,
  status: 'awaiting_rating',
  has_innovation: false,
  regime: 'pmpanrb6_2022',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 1,
};

const user = (employee_id: string | null, role: SessionUser['role'] = 'employee'): SessionUser => ({
  id: 'u',
  username: 'x',
  role,
  must_change_password: false,
  employee_id,
});

describe('movesOf', () => {
  it('lets the appraiser rate and re-rate, never the employee, and the numeric regime uses its own form', () => {
    const appraiser = viewerOf(base, user('boss'));
    expect(movesOf(base, appraiser, false)).toMatchObject({ rate: true, rateNumeric: false, manageRaters: true });
    expect(movesOf({ ...base, status: 'rated' }, appraiser, false).rate).toBe(true);
    expect(movesOf({ ...base, status: 'finalised' }, appraiser, false).rate).toBe(false);
    expect(movesOf({ ...base, regime: 'pp46_2011' }, appraiser, false)).toMatchObject({ rate: false, rateNumeric: true });
    const employee = viewerOf(base, user('emp'));
    expect(movesOf(base, employee, false)).toMatchObject({ rate: false, nominate: true, manageRaters: false });
  });

  it('walks the employee through start, submit, acknowledge and object', () => {
    const employee = viewerOf(base, user('emp'));
    expect(movesOf({ ...base, status: 'not_started' }, employee, false).start).toBe(true);
    expect(movesOf({ ...base, status: 'filling' }, employee, false).submit).toBe(true);
    const finalised = { ...base, status: 'finalised' as const };
    expect(movesOf(finalised, employee, false)).toMatchObject({ acknowledge: true, object: false });
    const received = { ...finalised, received_at: '2026-07-20T03:00:00Z' };
    expect(movesOf(received, employee, false)).toMatchObject({ acknowledge: false, object: true });
    expect(movesOf(received, employee, true).object).toBe(false);
  });

  it('offers HR the integrity check of a sealed result only', () => {
    const hr = viewerOf(base, user(null, 'auditor'));
    expect(hr).toMatchObject({ isHr: true, isHrWriter: false });
    expect(movesOf({ ...base, status: 'final', content_hash: 'abc' }, hr, false).verify).toBe(true);
    expect(movesOf({ ...base, status: 'rated' }, hr, false).verify).toBe(false);
  });
});

describe('objectionLastDay', () => {
  it('counts calendar days in WIB from the day of receipt', () => {
    // 20:00 UTC on 19 July is already 20 July in Jakarta.
    expect(objectionLastDay('2026-07-19T20:00:00Z', 14)).toBe('2026-08-03');
    expect(objectionLastDay('2026-07-19T10:00:00Z', 14)).toBe('2026-08-02');
    expect(todayWib(new Date('2026-12-31T18:00:00Z'))).toBe('2027-01-01');
  });
});
