import { renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import type { DistributionViolation } from './api';
import { defaultCycleId, defaultPeriodId, type PeriodContext } from './calibration-page';
import { FinaliseTab, missingReasons, overrideReasons } from './finalise-tab';
import { OrgPredicateDialog } from './org-predicate-dialog';
import { useViolationText, violationOf } from './violations';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

beforeEach(() => {
  tokens.set({
    access_token: 'a',
    refresh_token: 'r',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'me', username: 'admin', role: 'agency_admin', must_change_password: false },
  });
});
afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

const tooManyGood: DistributionViolation = {
  code: 'max_share_exceeded',
  organisation_predicate: 'good',
  predicates: ['good'],
  limit_share: '0.70',
  limit_count: '11.2',
  actual_count: 16,
  actual_share: '1',
  total: 16,
  message: 'In a unit whose organisation predicate is Baik, at most 70% may be Baik; 16 of 16 (100%) are.',
};
const nobodyBelow: DistributionViolation = {
  code: 'required_presence_missing',
  organisation_predicate: 'good',
  predicates: ['needs_improvement', 'poor'],
  limit_share: null,
  limit_count: '1',
  actual_count: 0,
  actual_share: '0',
  total: 16,
  message: 'At least one employee must be Butuh Perbaikan or Kurang; none is.',
};

describe('violations in words', () => {
  it('says each violation from the server’s figures, in Indonesian', () => {
    const { result } = renderHook(() => useViolationText());
    expect(result.current(tooManyGood)).toBe(
      '16 dari 16 pegawai (100%) berpredikat Baik, padahal unit berpredikat organisasi Baik paling banyak 70% (11,2 orang).',
    );
    expect(result.current(nobodyBelow)).toBe(
      'Tidak ada pegawai berpredikat Butuh Perbaikan atau Kurang, padahal unit berpredikat organisasi Baik harus memiliki paling sedikit satu.',
    );
    expect(result.current({ ...tooManyGood, code: 'something_new', message: 'Server sentence.' })).toBe('Server sentence.');
  });

  it('finds the violation of a rule of the curve', () => {
    expect(violationOf({ rule: 'required_presence', predicates: ['poor', 'needs_improvement'] }, [tooManyGood, nobodyBelow])).toBe(nobodyBelow);
    expect(violationOf({ rule: 'max_share', predicates: ['very_good'], share: '0.70' }, [tooManyGood])).toBeUndefined();
  });
});

describe('defaults of the page', () => {
  it('opens the running cycle and the first ended period not finalised yet', () => {
    expect(defaultCycleId([{ id: 'c27', status: 'draft' }, { id: 'c26', status: 'running' }])).toBe('c26');
    expect(defaultCycleId([{ id: 'c25', status: 'closed' }])).toBe('c25');
    const periods = [
      { id: 'q1', ends_on: '2026-03-31', finalised_at: '2026-04-15T00:00:00Z', is_final: false },
      { id: 'q2', ends_on: '2026-06-30', finalised_at: '2026-07-15T00:00:00Z', is_final: false },
      { id: 'q3', ends_on: '2026-09-30', finalised_at: null, is_final: false },
      { id: 'q4', ends_on: '2026-12-31', finalised_at: null, is_final: false },
    ];
    expect(defaultPeriodId(periods, '2026-12-02')).toBe('q3');
    expect(defaultPeriodId(periods.slice(0, 2), '2026-12-02')).toBe('q2');
  });

  it('sends a reason only for violating units and reports the ones still missing', () => {
    const units = [
      { unit_id: 'u1', override_reason: null },
      { unit_id: 'u2', override_reason: 'Tersimpan' },
    ];
    expect(overrideReasons(units, { u1: '  Alasan  ', u3: 'x' })).toEqual({ u1: 'Alasan' });
    expect(missingReasons(units, {})).toEqual(['u1']);
    expect(missingReasons(units, { u1: 'ok' })).toEqual([]);
  });
});

const unit = (id: string, name: string, violations: DistributionViolation[]) => ({
  unit_id: id,
  period_id: 'q3',
  unit_name: name,
  parent_id: null,
  depth: 1,
  organisation_predicate: 'good',
  counts: { very_good: 0, good: 16, needs_improvement: 0, poor: 0, very_poor: 0 },
  total: 16,
  shares: { very_good: '0', good: '1', needs_improvement: '0', poor: '0', very_poor: '0' },
  violations,
  enforcement: 'soft',
  override_reason: null,
  is_acceptable: violations.length === 0,
});

function finaliseFetch(enforcement: 'soft' | 'hard', finalised: unknown[], overrides: string[] = [], refusal?: object) {
  return vi.fn(async (req: Request) => {
    const url = new URL(req.url);
    if (url.pathname.endsWith('/override')) {
      overrides.push(`${url.pathname} ${JSON.stringify(await req.json())}`);
      return json({ id: 'o', unit_id: 'u-seksi', period_id: 'q3', predicate: 'good', set_by: 'admin', set_at: '2026-12-01T00:00:00Z', version: 1 });
    }
    if (url.pathname === '/api/v1/periods/q3/distribution')
      return json({
        period_id: 'q3',
        enforcement,
        include_unit_heads: false,
        regulation: 'SE MenPANRB 3/2023',
        source: 's',
        agency: { counts: {}, total: 0, shares: { very_good: '0', good: '0', needs_improvement: '0', poor: '0', very_poor: '0' } },
        units: [unit('u-seksi', 'Seksi Pelayanan Kesehatan Primer', [tooManyGood, nobodyBelow]), unit('u-ok', 'Bagian Hukum', [])],
      });
    if (url.pathname === '/api/v1/evaluations') {
      const status = url.searchParams.get('status');
      return json({ items: [], total: status === 'rated' ? 303 : status === 'awaiting_rating' ? 2 : 0, page: 1, per_page: 1 });
    }
    if (url.pathname === '/api/v1/periods/q3/finalise') {
      finalised.push(await req.json());
      if (refusal) return json(refusal, 422);
      return json({ period_id: 'q3', finalised: 303, unrated: 2, units: [{ unit_id: 'u-seksi', finalised: 16, violations: ['max_share_exceeded', 'required_presence_missing'], override_reason: 'Capaian puskesmas.' }] });
    }
    return json({ type: 'urn:kinerja:problem:not_found', title: 'x', status: 404, detail: '' }, 404);
  });
}

const ctx = (canWrite = true): PeriodContext => ({
  cycle: { id: 'c26', policies: {}, status: 'running' } as unknown as PeriodContext['cycle'],
  period: { id: 'q3', name: 'Triwulan III', status: 'open', finalised_at: null } as unknown as PeriodContext['period'],
  canWrite,
  unitId: null,
  setParams: () => undefined,
  search: new URLSearchParams(),
});

describe('FinaliseTab', () => {
  it('shows what will happen, asks a reason for each violating unit, and reports the result', async () => {
    const finalised: unknown[] = [];
    const overrides: string[] = [];
    vi.stubGlobal('fetch', finaliseFetch('soft', finalised, overrides));
    renderWithProviders(<FinaliseTab ctx={ctx()} />);
    expect(await screen.findByText('303', undefined, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText('Belum dimulai 0 · pengisian 0 · menunggu penilaian 2')).toBeInTheDocument();
    expect(screen.queryByLabelText('Pertimbangan untuk Bagian Hukum')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Finalisasi Triwulan III' }));
    expect(await screen.findByText('Isi pertimbangan untuk unit ini.', undefined, { timeout: 4000 })).toBeInTheDocument();
    expect(finalised).toHaveLength(0);

    await userEvent.click(screen.getByLabelText('Pertimbangan untuk Seksi Pelayanan Kesehatan Primer'));
    await userEvent.paste('Capaian puskesmas.');
    await userEvent.click(screen.getByRole('button', { name: 'Finalisasi Triwulan III' }));
    const dialog = await screen.findByRole('dialog', undefined, { timeout: 4000 });
    expect(dialog).toHaveTextContent('303 evaluasi yang sudah dinilai akan dikunci');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ya, finalisasi' }));
    await waitFor(() => expect(finalised).toEqual([{ override_reasons: { 'u-seksi': 'Capaian puskesmas.' } }]), { timeout: 4000 });
    expect(overrides).toEqual(['/api/v1/units/u-seksi/org-performance/q3/override {"reason":"Capaian puskesmas."}']);
    expect(await screen.findByText('303 evaluasi difinalisasi; 2 belum dinilai dan dibiarkan.', undefined, { timeout: 4000 })).toBeInTheDocument();
  });

  it('puts the server’s refusal beside each unit it names, and says so when it names a unit not listed', async () => {
    const refusal = {
      type: 'urn:kinerja:problem:distribution_violated',
      title: 'Refused by a rule',
      status: 422,
      detail: 'The distribution of 2 unit(s) breaks the curve.',
      errors: [
        { field: 'override_reasons.u-seksi', code: 'override_reason_required', message: 'Seksi Pelayanan Kesehatan Primer breaks the curve: nobody may be Baik.' },
        { field: 'override_reasons.u-new', code: 'override_reason_required', message: 'Seksi Baru breaks the curve.' },
      ],
    };
    vi.stubGlobal('fetch', finaliseFetch('soft', [], [], refusal));
    renderWithProviders(<FinaliseTab ctx={ctx()} />);
    await userEvent.click(await screen.findByLabelText('Pertimbangan untuk Seksi Pelayanan Kesehatan Primer', undefined, { timeout: 4000 }));
    await userEvent.paste('Capaian puskesmas.');
    await userEvent.click(screen.getByRole('button', { name: 'Finalisasi Triwulan III' }));
    const dialog = await screen.findByRole('dialog', undefined, { timeout: 4000 });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ya, finalisasi' }));
    expect(await screen.findByText('Seksi Pelayanan Kesehatan Primer breaks the curve: nobody may be Baik.', undefined, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByLabelText('Pertimbangan untuk Seksi Pelayanan Kesehatan Primer')).toHaveAttribute('aria-invalid', 'true');
    // u-new is not in the list read before: the general message is shown too.
    expect(screen.getByText('Distribusi beberapa unit melanggar kurva. Isi alasan untuk setiap unit yang melanggar.')).toBeInTheDocument();
  });

  it('in hard mode lists the blocking violations and does not offer finalisation', async () => {
    vi.stubGlobal('fetch', finaliseFetch('hard', []));
    renderWithProviders(<FinaliseTab ctx={ctx()} />);
    expect(await screen.findByText('Pelanggaran yang menghalangi finalisasi', undefined, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText(/16 dari 16 pegawai \(100%\) berpredikat Baik/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Finalisasi Triwulan III' })).toBeDisabled();
    expect(screen.queryByLabelText(/Pertimbangan untuk/)).not.toBeInTheDocument();
  });
});

function OrgDialogHarness({ onDone }: { onDone: (m: string) => void }) {
  const [open, setOpen] = useState(true);
  return (
    <OrgPredicateDialog
      target={open ? { unitId: 'u-hukum', unitName: 'Bagian Hukum', current: 'good' } : null}
      periodId="q3"
      periodName="Triwulan III"
      onClose={() => setOpen(false)}
      onDone={(m) => {
        onDone(m);
        setOpen(false);
      }}
    />
  );
}

describe('OrgPredicateDialog', () => {
  it('needs a reason to change a predicate already set, and puts the server’s 422 on the field', async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        bodies.push(await req.json());
        if (bodies.length === 1)
          return json(
            { type: 'urn:kinerja:problem:validation', title: 'x', status: 422, detail: 'x', errors: [{ field: 'reason', code: 'length', message: 'Must be at most 2000 characters long.' }] },
            422,
          );
        return json({ id: 'o', unit_id: 'u-hukum', period_id: 'q3', predicate: 'outstanding', set_by: 'admin', set_at: '2026-12-01T00:00:00Z', version: 2 });
      }),
    );
    const onDone = vi.fn();
    renderWithProviders(<OrgDialogHarness onDone={onDone} />);
    await userEvent.click(screen.getByRole('radio', { name: 'Istimewa' }));
    await userEvent.click(screen.getByRole('button', { name: 'Simpan predikat' }));
    expect(await screen.findByText('Perubahan predikat yang sudah ditetapkan memerlukan alasan.', undefined, { timeout: 4000 })).toBeInTheDocument();
    expect(bodies).toHaveLength(0);

    await userEvent.click(screen.getByLabelText('Alasan perubahan'));
    await userEvent.paste('Koreksi SAKIP');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan predikat' }));
    expect(await screen.findByText('Must be at most 2000 characters long.', undefined, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByLabelText('Alasan perubahan')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Simpan predikat' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Predikat organisasi Bagian Hukum: Istimewa.'), { timeout: 4000 });
    expect(bodies[1]).toEqual({ predicate: 'outstanding', basis: null, reason: 'Koreksi SAKIP' });
  });
});
