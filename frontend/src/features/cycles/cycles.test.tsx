import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { CycleCreatePage } from './cycle-create-page';
import { CyclePage } from './cycle-page';
import { DEFAULT_POLICIES } from './policies';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ETag: '"3"' } });

function signInAs(role: 'agency_admin' | 'auditor') {
  tokens.set({
    access_token: 'a',
    refresh_token: 'r',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'me', username: role, role, must_change_password: false },
  });
}

afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

const period = (seq: number, name: string, finalised_at: string | null = null) => ({
  id: `p${seq}`,
  cycle_id: 'c26',
  kind: seq === 5 ? 'annual' : 'quarterly',
  seq,
  name,
  starts_on: '2026-01-01',
  ends_on: '2026-03-31',
  fill_deadline_on: '2026-04-10',
  is_final: seq === 5,
  status: 'open',
  finalised_at,
});

const cycle2026 = {
  id: 'c26',
  agency_id: 'ag',
  year: 2026,
  name: 'Penilaian Kinerja ASN Tahun 2026',
  status: 'running',
  status_label: 'Berjalan',
  regime: 'pmpanrb6_2022',
  period_kind: 'quarterly',
  starts_on: '2026-01-01',
  ends_on: '2026-12-31',
  policies: DEFAULT_POLICIES,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 3,
  periods: [period(1, 'Triwulan I', '2026-04-15T02:00:00Z'), period(2, 'Triwulan II'), period(5, 'Tahunan 2026')],
};

describe('CycleCreatePage', () => {
  it('proposes the next year with the defaults, puts 422 errors on their fields and sends the policies', async () => {
    signInAs('agency_admin');
    const posted: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        const path = new URL(req.url).pathname;
        if (req.method === 'GET' && path === '/api/v1/cycles') return json({ items: [cycle2026], total: 1, page: 1, per_page: 100 });
        if (req.method === 'POST' && path === '/api/v1/cycles') {
          posted.push(await req.json());
          if (posted.length === 1)
            return json(
              {
                type: 'urn:kinerja:problem:validation',
                title: 'Invalid',
                status: 422,
                detail: 'Invalid fields',
                errors: [
                  { field: 'starts_on', code: 'outside_year', message: 'The date must lie in 2027.' },
                  { field: 'policies.numeric.capaian_scale.on_target', code: 'range', message: 'Out of range.' },
                ],
              },
              422,
            );
          return json({ ...cycle2026, id: 'c27', year: 2027, name: 'Penilaian Kinerja 2027', status: 'draft' }, 201);
        }
        return json({ type: 'urn:kinerja:problem:not_found', title: 'x', status: 404, detail: '' }, 404);
      }),
    );
    renderWithProviders(
      <Routes>
        <Route path="/cycles/new" element={<CycleCreatePage />} />
        <Route path="/cycles/:cycleId" element={<p>cycle page</p>} />
      </Routes>,
      { route: '/cycles/new' },
    );
    expect(await screen.findByLabelText('Tahun penilaian', undefined, { timeout: 4000 })).toHaveValue(2027);
    expect(screen.getByLabelText('Nama siklus')).toHaveValue('Penilaian Kinerja 2027');
    expect(screen.getByLabelText('Mulai')).toHaveValue('2027-01-01');
    expect(screen.getByLabelText('Ambang anonimitas')).toHaveValue(3);

    await userEvent.clear(screen.getByLabelText('Ambang anonimitas'));
    await userEvent.type(screen.getByLabelText('Ambang anonimitas'), '1');
    await userEvent.click(screen.getByRole('button', { name: 'Buat siklus' }));
    expect(await screen.findByText('Paling sedikit 2.', undefined, { timeout: 4000 })).toBeInTheDocument();
    expect(posted).toHaveLength(0);

    await userEvent.clear(screen.getByLabelText('Ambang anonimitas'));
    await userEvent.type(screen.getByLabelText('Ambang anonimitas'), '5');
    await userEvent.click(screen.getByRole('button', { name: 'Buat siklus' }));
    expect(await screen.findByText('The date must lie in 2027.', undefined, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByLabelText('Mulai')).toHaveAttribute('aria-invalid', 'true');
    // An error the form has no field for is still shown.
    expect(screen.getByText('policies.numeric.capaian_scale.on_target')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Buat siklus' }));
    expect(await screen.findByText('cycle page', undefined, { timeout: 4000 })).toBeInTheDocument();
    const body = posted[1] as { year: number; period_kind: string; regime: string; fill_deadline_days: number; policies: { feedback_360: { anonymity_threshold: number } } };
    expect(body.year).toBe(2027);
    expect(body.period_kind).toBe('quarterly');
    expect(body.regime).toBe('pmpanrb6_2022');
    expect(body.fill_deadline_days).toBe(10);
    expect(body.policies.feedback_360.anonymity_threshold).toBe(5);
  });
});

function cycleFetch(actions: string[], transitions: unknown[] = []) {
  return vi.fn(async (req: Request) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/cycles/c26') return json(cycle2026);
    if (path === '/api/v1/cycles/c26/allowed-actions') return json({ status: 'running', actions });
    if (path === '/api/v1/cycles/c26/transitions') {
      transitions.push(await req.json());
      return json({ ...cycle2026, status: 'closing' });
    }
    return json({ type: 'urn:kinerja:problem:not_found', title: 'x', status: 404, detail: '' }, 404);
  });
}

function renderCycle() {
  renderWithProviders(
    <Routes>
      <Route path="/cycles/:cycleId" element={<CyclePage />} />
    </Routes>,
    { route: '/cycles/c26' },
  );
}

describe('CyclePage', () => {
  it('offers the moves the server allows, each confirmed', async () => {
    signInAs('agency_admin');
    const transitions: unknown[] = [];
    vi.stubGlobal('fetch', cycleFetch(['begin_closing'], transitions));
    renderCycle();
    await userEvent.click(await screen.findByRole('button', { name: 'Mulai penutupan' }, { timeout: 4000 }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('menyelesaikan penilaian tahunan');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mulai penutupan' }));
    await waitFor(() => expect(transitions).toEqual([{ action: 'begin_closing' }]), { timeout: 4000 });
    expect(await screen.findByText('Siklus kini dalam tahap Penutupan.', undefined, { timeout: 4000 })).toBeInTheDocument();
    // A finalised period says so, although its status field still reads open.
    const rows = screen.getAllByRole('row');
    expect(rows.find((r) => r.textContent?.includes('Triwulan I'))).toHaveTextContent('Difinalisasi');
    expect(rows.find((r) => r.textContent?.includes('Triwulan II'))).toHaveTextContent('Terbuka');
    expect(screen.getByRole('button', { name: 'Ubah batas pengisian Triwulan II' })).toBeInTheDocument();
  });

  it('shows an auditor the cycle without any write action', async () => {
    signInAs('auditor');
    vi.stubGlobal('fetch', cycleFetch([]));
    renderCycle();
    expect(await screen.findByText('Anda melihat siklus ini tanpa hak ubah.', undefined, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText('Kebijakan siklus')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Ubah batas pengisian/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Tindakan HR/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Hitung sekarang' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ubah kebijakan' })).not.toBeInTheDocument();
  });
});
