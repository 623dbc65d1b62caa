import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { toCsv } from './csv';
import { defaultReportCycle, FollowUpPage } from './follow-up-page';

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

describe('CSV', () => {
  it('writes a header and quotes what needs quoting', () => {
    const csv = toCsv(
      [
        { header: 'Nama', value: (r: { name: string; n: number | null }) => r.name },
        { header: 'Nilai', value: (r: { name: string; n: number | null }) => r.n },
      ],
      [
        { name: 'Dimas, S.Psi.', n: 1.5 },
        { name: 'Ani "Ina"', n: null },
      ],
    );
    expect(csv.split('\r\n')).toEqual(['Nama,Nilai', '"Dimas, S.Psi.",1.5', '"Ani ""Ina""",']);
  });

  it('reads the latest closed cycle by default', () => {
    expect(defaultReportCycle([{ id: 'c26', status: 'running' }, { id: 'c25', status: 'closed' }])).toBe('c25');
  });
});

const person = (name: string, eligible: boolean) => ({
  employee_id: name,
  name,
  nip: '199001012015031001',
  unit_id: 'u1',
  golongan: 'III/a',
  rank_since_on: '2020-04-01',
  is_eligible: eligible,
  blockers: eligible ? [] : [{ code: 'annual_predicate_below_minimum', year: 2025, message: 'The 2025 predicate is below Baik.' }],
  annual_predicates: [{ year: 2025, predicate: eligible ? 'good' : 'needs_improvement' }],
});

function reportsFetch(asked: string[], cycles: unknown[] = []) {
  return vi.fn(async (req: Request) => {
    const url = new URL(req.url);
    asked.push(url.pathname + url.search);
    if (url.pathname === '/api/v1/cycles') return json({ items: cycles, total: cycles.length, page: 1, per_page: 100 });
    if (url.pathname === '/api/v1/units/tree') return json([{ id: 'u1', code: 'U1', name: 'Bagian Umum', kind: 'bagian', is_active: true, children: [] }]);
    if (url.pathname === '/api/v1/follow-up/promotion-eligibility')
      return json({
        items: [person('Ani', true), person('Budi', false), { ...person('Citra', true), unit_id: 'u9', unit_name: 'Seksi Kurikulum' }],
        total: 3,
        page: 1,
        per_page: 100,
      });
    if (url.pathname === '/api/v1/follow-up/award-candidates')
      return json({ type: 'urn:kinerja:problem:internal', title: 'x', status: 500, detail: 'boom' }, 500);
    return json({ type: 'urn:kinerja:problem:not_found', title: 'x', status: 404, detail: '' }, 404);
  });
}

describe('FollowUpPage', () => {
  it('shows promotion eligibility as of the chosen day, with reasons in words and an on-screen filter', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', reportsFetch(asked));
    renderWithProviders(<FollowUpPage />, { route: '/follow-up?tab=promotion&as_of=2026-12-01' });
    const table = await screen.findByRole('table', { name: 'Kenaikan pangkat' }, { timeout: 4000 });
    expect(await within(table).findByText('Ani', undefined, { timeout: 4000 })).toBeInTheDocument();
    expect(asked).toContain('/api/v1/follow-up/promotion-eligibility?as_of=2026-12-01&page=1&per_page=100');
    expect(within(table).getByText('Predikat tahunan 2025 di bawah batas minimal.')).toBeInTheDocument();
    expect(within(table).getAllByText('Bagian Umum', { selector: '.fu-unit' })).toHaveLength(2);
    // A unit the directory does not list (a subunit, say) is named by the server.
    expect(within(table).getByText('Seksi Kurikulum', { selector: '.fu-unit' })).toBeInTheDocument();
    expect(screen.getByText('Menampilkan 3 dari 3 baris.')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Kelayakan'), 'yes');
    expect(within(table).queryByText('Budi')).not.toBeInTheDocument();
    expect(screen.getByText('Menampilkan 2 dari 3 baris di halaman ini (3 seluruhnya).')).toBeInTheDocument();
  });

  it('says when there is no cycle', async () => {
    vi.stubGlobal('fetch', reportsFetch([]));
    renderWithProviders(<FollowUpPage />, { route: '/follow-up' });
    expect(await screen.findByText('Belum ada siklus penilaian.', undefined, { timeout: 4000 })).toBeInTheDocument();
  });

  it('shows a failing report’s error instead of an empty table', async () => {
    vi.stubGlobal('fetch', reportsFetch([], [{ id: 'c25', year: 2025, name: 'Penilaian 2025', status: 'closed' }]));
    renderWithProviders(<FollowUpPage />, { route: '/follow-up?cycle=c25' });
    expect(await screen.findByRole('alert', undefined, { timeout: 4000 })).toHaveTextContent('Terjadi kesalahan pada server. Coba lagi nanti.');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
