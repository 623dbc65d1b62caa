import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import type { ObjectionView } from './api';
import { ObjectionScreen } from './objection-detail-page';

const objection: ObjectionView = {
  id: 'o1',
  agency_id: 'a',
  evaluation_id: 'e1',
  submitted_by: 'emp',
  submitted_at: '2026-07-21T02:00:00Z',
  reasons: 'Realisasi melampaui target; perilaku dinilai terlalu rendah.',
  status: 'under_review',
  decider_employee_id: 'bigboss',
  created_at: '2026-07-21T02:00:00Z',
  updated_at: '2026-07-21T02:00:00Z',
  version: 2,
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

let calls: { method: string; path: string; body: unknown; ifMatch: string | null }[] = [];

beforeEach(() => {
  calls = [];
  tokens.set({
    access_token: 'a',
    refresh_token: 'r',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'u', username: 'atasan', role: 'employee', must_change_password: false, employee_id: 'bigboss' },
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      const text = req.method === 'GET' ? '' : await req.text();
      calls.push({ method: req.method, path, body: text ? JSON.parse(text) : null, ifMatch: req.headers.get('If-Match') });
      if (path === '/api/v1/evaluations/e1')
        return json({
          id: 'e1',
          plan_id: 'pl',
          cycle_id: 'c',
          period_id: 'p',
          employee_id: 'emp',
          status: 'objected',
          result_rating: 'meets',
          behaviour_rating: 'meets',
          effective_predicate: 'good',
          regime: 'pmpanrb6_2022',
          employee_name: 'Dimas, S.Psi.',
          period_name: 'Triwulan II',
          superior_name: 'Irfan, S.Sos., M.Si.',
          allowed: { evaluation_id: 'e1', status: 'objected', actions: [] },
        });
      if (path === '/api/v1/cycles/c') return json({ id: 'c', year: 2026, name: '2026', periods: [{ id: 'p', name: 'Triwulan II' }] });
      if (path === '/api/v1/objections/o1/decide')
        return json({ ...objection, status: 'decided_changed', outcome: 'changed', new_predicate: 'very_good', new_result_rating: 'above', new_behaviour_rating: 'above' });
      return json({}, 404);
    }),
  );
});
afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

// Form stories click through several steps; a loaded CI machine must not make them flaky.
vi.setConfig({ testTimeout: 15_000 });

describe('ObjectionScreen', () => {
  it('asks the decider for a decision, a note and, when changing, both new ratings', async () => {
    renderWithProviders(<ObjectionScreen objection={objection} etag={'"2"'} onReload={vi.fn()} />);
    const form = await screen.findByTestId('decide-form');
    fireEvent.click(within(form).getByRole('button', { name: 'Putuskan' }));
    expect(within(form).getByText('Pilih keputusan.')).toBeInTheDocument();
    expect(within(form).getByText('Catatan keputusan wajib diisi.')).toBeInTheDocument();
    fireEvent.click(within(form).getByRole('radio', { name: /Hasil diubah/ }));
    expect(await within(form).findAllByText('Saat ini: Sesuai ekspektasi')).toHaveLength(2);
    fireEvent.click(within(form).getByRole('button', { name: 'Putuskan' }));
    expect(within(form).getAllByText('Pilih rating baru.')).toHaveLength(2);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('decides a change after confirming that it is final, and shows the predicate the server computed', async () => {
    renderWithProviders(<ObjectionScreen objection={objection} etag={'"2"'} onReload={vi.fn()} />);
    expect(await screen.findByRole('heading', { name: 'Keberatan: Dimas, S.Psi.' }, { timeout: 3000 })).toBeInTheDocument();
    const form = screen.getByTestId('decide-form');
    fireEvent.click(within(form).getByRole('radio', { name: /Hasil diubah/ }));
    fireEvent.click(within(screen.getByRole('group', { name: 'Rating hasil kerja baru' })).getByRole('radio', { name: 'Di atas ekspektasi' }));
    fireEvent.click(within(screen.getByRole('group', { name: 'Rating perilaku kerja baru' })).getByRole('radio', { name: 'Di atas ekspektasi' }));
    fireEvent.change(within(form).getByLabelText(/Catatan keputusan/), { target: { value: 'Bukti dukung lengkap.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Putuskan' }));

    const dialog = screen.getByRole('dialog', { name: 'Putuskan keberatan ini?' });
    expect(dialog).toHaveTextContent('hasil kerja di atas ekspektasi dan perilaku kerja di atas ekspektasi');
    expect(dialog).toHaveTextContent('final dan tidak dapat diubah');
    expect(calls.some((c) => c.path.endsWith('/decide'))).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ya, putuskan' }));
    expect(await screen.findByText('Keberatan diputus: hasil diubah. Predikat baru: Sangat Baik.')).toBeInTheDocument();
    const decide = calls.find((c) => c.path.endsWith('/decide'));
    expect(decide?.ifMatch).toBe('"2"');
    expect(decide?.body).toEqual({ outcome: 'changed', note: 'Bukti dukung lengkap.', result_rating: 'above', behaviour_rating: 'above' });
  });

  it('shows others the state without decision controls', async () => {
    tokens.set({
      access_token: 'a',
      refresh_token: 'r',
      token_type: 'Bearer',
      expires_in: 900,
      refresh_expires_in: 3600,
      user: { id: 'u2', username: 'pegawai', role: 'employee', must_change_password: false, employee_id: 'emp' },
    });
    renderWithProviders(<ObjectionScreen objection={{ ...objection, status: 'submitted' }} etag={'"1"'} onReload={vi.fn()} />);
    expect(await screen.findByRole('heading', { name: 'Keberatan saya' })).toBeInTheDocument();
    expect(screen.getByText('Keberatan ini menunggu pemeriksaan oleh atasan pejabat penilai.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mulai pemeriksaan' })).not.toBeInTheDocument();
  });

  it('lets HR record the decision of an external superior, with the decision letter', async () => {
    tokens.set({
      access_token: 'a',
      refresh_token: 'r',
      token_type: 'Bearer',
      expires_in: 900,
      refresh_expires_in: 3600,
      user: { id: 'hr', username: 'admin', role: 'agency_admin', must_change_password: false, employee_id: null },
    });
    const external = { ...objection, decider_employee_id: null, decider_external_id: 'bupati' };
    renderWithProviders(<ObjectionScreen objection={external} etag={'"2"'} onReload={vi.fn()} />);
    const form = await screen.findByTestId('decide-form');
    expect(within(form).getByRole('heading', { name: 'Catat keputusan atasan (tanpa akun)' })).toBeInTheDocument();
    fireEvent.click(within(form).getByRole('radio', { name: /Hasil tetap/ }));
    fireEvent.change(within(form).getByLabelText(/Catatan keputusan/), { target: { value: 'Penilaian sudah sesuai bukti.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Putuskan' }));
    expect(within(form).getByText('Nomor surat keputusan wajib diisi.')).toBeInTheDocument();
    fireEvent.change(within(form).getByLabelText(/Nomor surat keputusan/), { target: { value: 'Keputusan Bupati Nomor 800/117/BKPSDM/2026' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Putuskan' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Putuskan keberatan ini?' })).getByRole('button', { name: 'Ya, putuskan' }));
    await vi.waitFor(() => expect(calls.some((c) => c.path.endsWith('/decide'))).toBe(true));
    expect(calls.find((c) => c.path.endsWith('/decide'))?.body).toEqual({
      outcome: 'kept',
      note: 'Penilaian sudah sesuai bukti.',
      result_rating: null,
      behaviour_rating: null,
      decision_document: 'Keputusan Bupati Nomor 800/117/BKPSDM/2026',
    });
  });

  it('shows a decision HR recorded for a superior without an account: who decided, the letter and who recorded it', async () => {
    renderWithProviders(
      <ObjectionScreen
        objection={{
          ...objection,
          status: 'decided_kept',
          outcome: 'kept',
          decided_at: '2026-08-01T03:00:00Z',
          decided_by: 'Irfan, S.Sos., M.Si.',
          decision_note: 'Penilaian sudah sesuai bukti.',
          decision_document: 'Keputusan Kepala BKPSDM Nomor 800/117/BKPSDM/2026',
          recorded_by: 'admin',
        }}
        etag={'"4"'}
        onReload={vi.fn()}
      />,
    );
    const decision = await screen.findByTestId('objection-decision');
    expect(decision).toHaveTextContent('Hasil tetap');
    expect(decision).toHaveTextContent('Irfan, S.Sos., M.Si.');
    expect(within(decision).getByTestId('decision-document')).toHaveTextContent('Keputusan Kepala BKPSDM Nomor 800/117/BKPSDM/2026');
    expect(within(decision).getByTestId('recorded-by')).toHaveTextContent('admin, atas nama atasan yang tidak memiliki akun');
    expect(screen.queryByTestId('decide-form')).not.toBeInTheDocument();
  });
});
