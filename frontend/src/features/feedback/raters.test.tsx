import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { EvaluationRaters, NominatePeer } from './raters';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

const hendra = { id: 'hendra', name: 'Hendra, S.Psi.', nip: '199606162024031001', nip_display: '19960616 202403 1 001', position_name: 'Analis SDM' };
const unit = 'Bidang Mutasi dan Promosi';
const peers = [
  { id: 'ayu', name: 'Ayu Wulandari, S.E.', position_name: 'Analis SDM Aparatur', unit_name: unit, is_same_unit: true },
  { id: 'hendra', name: 'Hendra, S.Psi.', position_name: 'Analis SDM Aparatur Ahli Pertama', unit_name: unit, is_same_unit: true },
];
const subject = { employeeId: 'emp', employeeName: 'Dimas, S.Psi.', appraiserId: 'boss', appraiserName: 'H. Joko Lubis, S.IP., M.AP.' };
let calls: string[] = [];
let bodies: unknown[] = [];

beforeEach(() => {
  calls = [];
  bodies = [];
  tokens.set({
    access_token: 'a',
    refresh_token: 'r',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'u', username: 'x', role: 'employee', must_change_password: false, employee_id: 'me' },
  });
});
afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

/** Answers by method, path and query string; records `METHOD /path?query` and the bodies sent. */
function stub(handler: (method: string, path: string, query: URLSearchParams) => Response | undefined) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      calls.push(`${req.method} ${url.pathname}${url.search}`);
      if (req.method !== 'GET') bodies.push(JSON.parse((await req.text()) || 'null'));
      return (
        handler(req.method, url.pathname, url.searchParams) ??
        json({ type: 'urn:kinerja:problem:not_found', title: 'nf', status: 404, detail: '' }, 404)
      );
    }),
  );
}

/** The server's nominable peers: the unit without `q`, a search across the agency with it. */
const nominable = (query: URLSearchParams) => {
  const q = query.get('q')?.toLowerCase();
  if (!q) return json(peers);
  if (q === 'zz') return json([]);
  return json([
    ...peers.filter((p) => p.name.toLowerCase().includes(q)),
    { id: 'budi', name: 'Budi Santoso, S.T.', position_name: 'Pengawas Jalan', unit_name: 'Dinas PUPR', is_same_unit: false },
  ]);
};

// Form stories click through several steps; a loaded CI machine must not make them flaky.
vi.setConfig({ testTimeout: 15_000 });

describe('NominatePeer', () => {
  it('lists the own unit without typing, and answers a nomination with the neutral receipt', async () => {
    stub((method, path, query) => {
      if (path === '/api/v1/evaluations/e1/nominable-peers') return nominable(query);
      // The server answers the same receipt whether or not Hendra is already asked.
      if (method === 'POST')
        return json({ evaluation_id: 'e1', rater_employee_id: 'hendra', rater_role: 'peer', status: 'awaiting_approval' }, 202);
      return undefined;
    });
    renderWithProviders(<NominatePeer evaluationId="e1" />);
    const group = await screen.findByRole('group', { name: 'Rekan kerja' });
    expect(await within(group).findByText(`Rekan di unit kerja Anda: ${unit}`)).toBeInTheDocument();
    expect(calls).toContain('GET /api/v1/evaluations/e1/nominable-peers');
    expect(within(group).getAllByRole('radio')).toHaveLength(2);
    // Submitting without a choice says so on the group.
    await userEvent.click(screen.getByRole('button', { name: 'Usulkan' }));
    expect(await within(group).findByText('Pilih satu orang dari daftar.')).toBeInTheDocument();

    await userEvent.click(within(group).getByRole('radio', { name: 'Hendra, S.Psi.' }));
    expect(screen.getByText('Dipilih:')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Usulkan' }));
    expect(await screen.findByText('Usulan untuk Hendra, S.Psi. diterima; pejabat penilai Anda yang memutuskan.')).toBeInTheDocument();
    expect(screen.queryByText(/ditambahkan|sudah diminta|already/i)).not.toBeInTheDocument();
    expect(calls).toContain('POST /api/v1/evaluations/e1/feedback-requests/nominate');
    expect(bodies).toEqual([{ rater_employee_id: 'hendra' }]);
    // The picker starts afresh: nothing chosen.
    expect(screen.getAllByRole('radio').every((r) => !(r as HTMLInputElement).checked)).toBe(true);
  });

  it('searches the agency after two characters, own unit first, and says when nothing matches', async () => {
    stub((_method, path, query) => (path === '/api/v1/evaluations/e1/nominable-peers' ? nominable(query) : undefined));
    renderWithProviders(<NominatePeer evaluationId="e1" />);
    const search = screen.getByRole('searchbox', { name: 'Cari nama atau NIP' });
    await screen.findByRole('radio', { name: 'Ayu Wulandari, S.E.' });

    await userEvent.type(search, 'h');
    expect(screen.getByText('Ketik sedikitnya 2 karakter untuk mencari di seluruh instansi.')).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 400));
    expect(calls.filter((c) => c.includes('?q='))).toHaveLength(0);

    await userEvent.type(search, 'en');
    expect(await screen.findByText('2 pegawai cocok dengan “hen”', {}, { timeout: 3000 })).toBeInTheDocument();
    // Debounced: one search for the settled text, not one per key.
    expect(calls.filter((c) => c.includes('?q='))).toEqual(['GET /api/v1/evaluations/e1/nominable-peers?q=hen']);
    expect(screen.getByText('Unit kerja yang sama')).toBeInTheDocument();
    expect(screen.getByText('Unit kerja lain')).toBeInTheDocument();
    const budi = screen.getByRole('radio', { name: 'Budi Santoso, S.T.' });
    expect(budi).toHaveAccessibleDescription('Pengawas Jalan · Dinas PUPR');

    await userEvent.clear(search);
    await userEvent.type(search, 'zz');
    expect(await screen.findByText('Tidak ada pegawai aktif yang cocok dengan “zz”. Periksa ejaan nama atau NIP.', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
  });

  it('shows the server’s problem when the list cannot be read', async () => {
    stub((_method, path) =>
      path === '/api/v1/evaluations/e1/nominable-peers'
        ? json({ type: 'urn:kinerja:problem:forbidden', title: 'Forbidden', status: 403, detail: 'Only the evaluated employee, the appraiser and HR look for raters.' }, 403)
        : undefined,
    );
    renderWithProviders(<NominatePeer evaluationId="e1" />);
    expect(await screen.findByText('Only the evaluated employee, the appraiser and HR look for raters.')).toBeInTheDocument();
  });
});

describe('EvaluationRaters', () => {
  it('lets the appraiser approve a nomination and names the nominee', async () => {
    const nomination = {
      id: 'r9',
      evaluation_id: 'e1',
      rater_employee_id: 'hendra',
      rater_role: 'peer',
      status: 'pending',
      is_approved: false,
      nominated_by: 'emp',
      due_on: '2027-01-07',
      created_at: '2026-12-01T00:00:00Z',
    };
    stub((method, path) => {
      if (path === '/api/v1/evaluations/e1/feedback-requests') return json([nomination]);
      if (path === '/api/v1/employees/hendra') return json({ ...hendra, agency_id: 'a', asn_type: 'pns', birth_on: '1996-06-16', sex: 'male', status: 'active', warnings: [], created_at: '', updated_at: '', version: 1 });
      if (method === 'POST' && path === '/api/v1/feedback-requests/r9/approve') return json({ ...nomination, is_approved: true });
      return undefined;
    });
    renderWithProviders(<EvaluationRaters evaluationId="e1" viewer="appraiser" canManage subject={subject} />);
    const row = (await screen.findByText('Hendra, S.Psi.')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Menunggu persetujuan')).toBeInTheDocument();
    await userEvent.click(within(row).getByRole('button', { name: 'Setujui' }));
    expect(
      await screen.findByText('Nominasi disetujui; rekan tersebut diberi tahu. Rekan kerja dan bawahan tidak tampil dalam daftar ini, agar penilaian mereka tetap anonim.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(calls).toContain('POST /api/v1/feedback-requests/r9/approve'));
  });

  it('lets the appraiser ask a peer from the unit list, refreshes the list and says why the peer is not listed', async () => {
    stub((method, path, query) => {
      if (method === 'GET' && path === '/api/v1/evaluations/e1/feedback-requests') return json([]);
      if (path === '/api/v1/evaluations/e1/nominable-peers') return nominable(query);
      if (method === 'POST' && path === '/api/v1/evaluations/e1/feedback-requests')
        return json({ evaluation_id: 'e1', rater_employee_id: 'hendra', rater_role: 'peer', status: 'requested' }, 202);
      return undefined;
    });
    renderWithProviders(<EvaluationRaters evaluationId="e1" viewer="appraiser" canManage subject={subject} />);
    expect(await screen.findByText('Belum ada penilai yang dapat ditampilkan.', {}, { timeout: 3000 })).toBeInTheDocument();
    const group = screen.getByRole('group', { name: 'Pegawai' });
    expect(await within(group).findByText(`Rekan di unit kerja pegawai yang dinilai: ${unit}`)).toBeInTheDocument();
    await userEvent.click(within(group).getByRole('radio', { name: 'Hendra, S.Psi.' }));
    await userEvent.click(screen.getByRole('button', { name: 'Tambah penilai' }));
    expect(
      await screen.findByText(
        'Permintaan tercatat: Hendra, S.Psi. diminta memberi umpan balik sebagai rekan kerja. Rekan kerja dan bawahan tidak tampil dalam daftar ini, agar penilaian mereka tetap anonim.',
        {},
        { timeout: 3000 },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/ditambahkan|sudah diminta/)).not.toBeInTheDocument();
    expect(bodies).toEqual([{ rater_employee_id: 'hendra', rater_role: 'peer' }]);
    // The list is read again after the request.
    await waitFor(() => expect(calls.filter((c) => c === 'GET /api/v1/evaluations/e1/feedback-requests')).toHaveLength(2));
  });

  it('names the one person of the self and appraiser groups instead of offering a choice', async () => {
    stub((method, path, query) => {
      if (method === 'GET' && path === '/api/v1/evaluations/e1/feedback-requests') return json([]);
      if (path === '/api/v1/evaluations/e1/nominable-peers') return nominable(query);
      if (method === 'POST') return json({ evaluation_id: 'e1', rater_employee_id: 'emp', rater_role: 'self', status: 'requested' }, 202);
      return undefined;
    });
    renderWithProviders(<EvaluationRaters evaluationId="e1" viewer="appraiser" canManage subject={{ ...subject, appraiserId: null }} />);
    const kind = await screen.findByLabelText('Kelompok penilai');
    await userEvent.selectOptions(kind, 'appraiser');
    expect(screen.getByText(/bukan pegawai instansi/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tambah penilai' })).toBeDisabled();
    await userEvent.selectOptions(kind, 'self');
    expect(screen.getByText('Penilaian diri diisi oleh Dimas, S.Psi., pegawai yang dinilai.')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Pegawai' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Tambah penilai' }));
    expect(await screen.findByText('Permintaan tercatat: Dimas, S.Psi. diminta memberi umpan balik sebagai penilaian diri.')).toBeInTheDocument();
    expect(bodies).toEqual([{ rater_employee_id: 'emp', rater_role: 'self' }]);
  });
});
