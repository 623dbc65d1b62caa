import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '@/lib/api';
import { NS } from './i18n';
import { bulkBody } from './bulk-plans-page';
import { linesOf } from './content-dialogs';
import { daysBetween, defaultPeriod, formatTarget, planProblemMessage, trimDecimal, whoLabel } from './format';
import { indicatorBody, indicatorValues } from './indicator-dialog';
import { groupByText } from './matrix-page';
import { queryFor, viewsFor } from './plans-page';
import { nextPlanStart } from './plan-create-page';
import type { IndicatorView, PeriodView } from './api';

const t = i18n.getFixedT('id', NS);

function period(seq: number, starts: string, ends: string, extra: Partial<PeriodView> = {}): PeriodView {
  return { id: `p${seq}`, cycle_id: 'c', kind: 'quarterly', seq, name: `Q${seq}`, starts_on: starts, ends_on: ends, fill_deadline_on: ends, is_final: false, status: 'open', ...extra };
}

const quarters = [
  period(1, '2026-01-01', '2026-03-31'),
  period(2, '2026-04-01', '2026-06-30'),
  period(3, '2026-07-01', '2026-09-30'),
  period(4, '2026-10-01', '2026-12-31'),
  period(5, '2026-01-01', '2026-12-31', { is_final: true, kind: 'annual' }),
];

describe('targets and numbers', () => {
  it('shows a single target, a range and a narrative target', () => {
    expect(formatTarget({ target_min: '12.00', target_max: '12.00', unit: 'dokumen', target_text: null }, 'id')).toBe('12 dokumen');
    expect(formatTarget({ target_min: '10', target_max: '14.5', unit: 'hari', target_text: null }, 'id')).toBe('10 – 14,5 hari');
    expect(formatTarget({ target_min: '10', target_max: '14.5', unit: 'hari', target_text: null }, 'en')).toBe('10 – 14.5 hari');
    expect(formatTarget({ target_min: null, target_max: null, unit: null, target_text: 'Laporan diterima tanpa revisi' }, 'id')).toBe('Laporan diterima tanpa revisi');
    expect(formatTarget({ target_min: null, target_max: null, unit: null, target_text: null }, 'id')).toBe('—');
  });

  it('trims decimal zeros without touching integers or text', () => {
    expect(trimDecimal('12.50')).toBe('12.5');
    expect(trimDecimal('100')).toBe('100');
    expect(trimDecimal('90.00')).toBe('90');
    expect(trimDecimal('abc')).toBe('abc');
  });

  it('counts calendar days', () => {
    expect(daysBetween('2026-12-01', '2027-01-10')).toBe(40);
    expect(daysBetween('2026-12-01', '2026-12-01')).toBe(0);
    expect(daysBetween('2026-12-05', '2026-12-01')).toBe(-4);
  });
});

describe('defaultPeriod', () => {
  it('takes the quarter containing today, never the annual period', () => {
    expect(defaultPeriod(quarters, '2026-12-01')?.id).toBe('p4');
    expect(defaultPeriod(quarters, '2026-05-15')?.id).toBe('p2');
  });
  it('falls back on the last started quarter, then the first', () => {
    expect(defaultPeriod(quarters, '2027-01-05')?.id).toBe('p4');
    expect(defaultPeriod(quarters, '2025-12-01')?.id).toBe('p1');
  });
});

describe('planProblemMessage', () => {
  const problem = (code: string, status: number, detail = 'server words') =>
    new ApiProblem({ type: `urn:kinerja:problem:${code}`, title: code, status, detail });

  it('names the appraiser whose plan is not approved and says what to do', () => {
    const text = planProblemMessage(t, problem('appraiser_plan_not_approved', 422), { appraiserName: 'H. Joko Lubis' });
    expect(text).toContain('H. Joko Lubis, pejabat penilai Anda, belum memiliki SKP yang disetujui');
    expect(text).toContain('Minta H. Joko Lubis mengajukan SKP-nya');
  });

  it('names the evidence limits on 413 and 415', () => {
    const limits = { maxBytes: 10 * 1024 * 1024, types: ['application/pdf', 'image/png'], lang: 'id' };
    expect(planProblemMessage(t, problem('evidence_too_large', 413), limits)).toBe('Berkas terlalu besar. Ukuran maksimum: 10 MB.');
    expect(planProblemMessage(t, problem('evidence_type_not_allowed', 415), limits)).toBe('Jenis berkas ini tidak diterima. Jenis yang diterima: PDF, PNG.');
  });

  it('shows the server’s detail for a code it does not know, and "not found" for 404', () => {
    expect(planProblemMessage(t, problem('brand_new_rule', 409, 'Something the server explains'))).toBe('Something the server explains');
    expect(planProblemMessage(t, problem('not_found', 404))).toBe('SKP tidak ditemukan, atau Anda tidak berhak melihatnya.');
  });

  it('asks for a reload on 412', () => {
    expect(planProblemMessage(t, problem('stale_version', 412))).toContain('Muat ulang');
  });
});

describe('whoLabel', () => {
  const plan = { employee_id: 'e1', employee_name: 'Dimas', appraiser_employee_id: 'a1', appraiser_name: 'Joko' };
  it('names the plan’s employee and appraiser, and keeps anything else', () => {
    expect(whoLabel('employee:e1', plan)).toBe('Dimas');
    expect(whoLabel('employee:a1', plan)).toBe('Joko');
    expect(whoLabel('client:absensi', plan)).toBe('client:absensi');
  });
});

describe('list views and queries', () => {
  it('gives HR the agency view and employees their own three views', () => {
    expect(viewsFor(true, false)).toEqual(['all']);
    expect(viewsFor(false, true)).toEqual(['mine', 'to-approve', 'appraisees']);
    expect(viewsFor(true, true)).toEqual(['all', 'mine', 'to-approve', 'appraisees']);
  });

  it('keeps the appraiser’s views from staff who appraise nobody', () => {
    expect(viewsFor(false, true, false)).toEqual(['mine']);
    expect(viewsFor(true, true, false)).toEqual(['all', 'mine']);
  });

  it('asks for submitted plans of the caller’s appraisees in the to-approve view', () => {
    const q = queryFor('to-approve', new URLSearchParams('status=draft&cycle=c1'), 'me-id');
    expect(q).toMatchObject({ appraiser_employee_id: 'me', status: 'submitted', cycle_id: 'c1', page: 1 });
  });

  it('filters HR’s view by unit, employee, status and page', () => {
    const q = queryFor('all', new URLSearchParams('unit=u1&employee=e9&status=approved&page=3'), null);
    expect(q).toMatchObject({ unit_id: 'u1', employee_id: 'e9', status: 'approved', page: 3 });
    expect(queryFor('mine', new URLSearchParams('unit=u1'), 'e1')).toMatchObject({ employee_id: 'e1' });
    expect(queryFor('mine', new URLSearchParams('unit=u1'), 'e1').unit_id).toBeUndefined();
  });
});

describe('indicator bodies', () => {
  const base = indicatorValues(null);
  it('sends one target as `target`, a range as min and max', () => {
    expect(indicatorBody({ ...base, description: ' Jumlah laporan ', target: '12,5', unit: 'laporan' })).toMatchObject({
      description: 'Jumlah laporan',
      target: '12.5',
      unit: 'laporan',
      direction: 'higher',
    });
    const range = indicatorBody({ ...base, description: 'Waktu', targetKind: 'range', target_min: '10', target_max: '14', direction: 'lower' });
    expect(range).toMatchObject({ target_min: '10', target_max: '14', direction: 'lower' });
    expect(range).not.toHaveProperty('target');
  });

  it('reads a stored range back as a range', () => {
    const ind = { id: 'i', work_result_id: 'w', seq: 1, aspect: 'time', description: 'd', direction: 'lower', target_min: '10.00', target_max: '14.00', unit: 'hari', target_text: null, is_target_maximum: false, source_system: null } satisfies IndicatorView;
    expect(indicatorValues(ind)).toMatchObject({ targetKind: 'range', target_min: '10', target_max: '14' });
    expect(indicatorValues({ ...ind, target_min: '12', target_max: '12' })).toMatchObject({ targetKind: 'single', target: '12' });
  });
});

describe('matrix, annexes and bulk bodies', () => {
  it('groups the chosen rows by their text, the empty text meaning the leader’s', () => {
    const groups = groupByText(
      {
        e1: { checked: true, text: 'Peran A' },
        e2: { checked: true, text: '' },
        e3: { checked: false, text: 'Peran A' },
        e4: { checked: true, text: 'Peran A' },
      },
      'Hasil pimpinan',
    );
    expect(groups).toEqual([
      { text: 'Peran A', employeeIds: ['e1', 'e4'] },
      { text: 'Hasil pimpinan', employeeIds: ['e2'] },
    ]);
  });

  it('turns annex text into items, one per non-empty line', () => {
    expect(linesOf(' Anggaran \n\nAplikasi SIASN\n  ')).toEqual(['Anggaran', 'Aplikasi SIASN']);
  });

  it('builds the bulk template, dropping empty rows and empty indicators', () => {
    const body = bulkBody({
      cycle_id: 'c',
      unit_id: 'u',
      include_subunits: false,
      approach: 'quantitative',
      rows: [
        { kind: 'main', description: 'Pengawasan', assigned_by: '', ind_aspect: 'quantity', ind_description: 'Jumlah audit', ind_target: '4', ind_unit: 'audit' },
        { kind: 'additional', description: ' ', assigned_by: '', ind_aspect: 'quantity', ind_description: '', ind_target: '', ind_unit: '' },
      ],
    });
    expect(body.template.work_results).toHaveLength(1);
    expect(body.template.work_results?.[0]).toMatchObject({ kind: 'main', assigned_by: null, indicators: [{ aspect: 'quantity', target: '4', unit: 'audit' }] });
  });
});

describe('nextPlanStart', () => {
  it('starts a second plan the day after the last live one ends, within the cycle', () => {
    const plans = [
      { status: 'in_appraisal', ends_on: '2026-09-30' },
      { status: 'cancelled', ends_on: '2026-11-30' },
    ] as const;
    expect(nextPlanStart(plans, '2026-12-31')).toBe('2026-10-01');
    expect(nextPlanStart([{ status: 'approved', ends_on: '2026-12-31' }], '2026-12-31')).toBeNull();
    expect(nextPlanStart([], '2026-12-31')).toBeNull();
  });
});
