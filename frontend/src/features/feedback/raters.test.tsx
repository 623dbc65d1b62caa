import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { EvaluationRaters, NominatePeer } from './raters';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

const hendra = { id: 'hendra', name: 'Hendra, S.Psi.', nip: '199606162024031001', nip_display: '19960616 202403 1 001', position_name: 'Analis SDM' };
let calls: string[] = [];

beforeEach(() => {
  calls = [];
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

function stub(handler: (method: string, path: string) => Response | undefined) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      calls.push(`${req.method} ${path}`);
      return handler(req.method, path) ?? json({ type: 'urn:kinerja:problem:not_found', title: 'nf', status: 404, detail: '' }, 404);
    }),
  );
}

// Form stories click through several steps; a loaded CI machine must not make them flaky.
vi.setConfig({ testTimeout: 15_000 });

describe('NominatePeer', () => {
  it('says a nomination is received and that the appraiser decides, never whether the colleague already rates', async () => {
    stub((method, path) => {
      if (path === '/api/v1/employees') return json({ items: [hendra], total: 1, page: 1, per_page: 8 });
      // The server answers the same receipt whether or not Hendra is already asked.
      if (method === 'POST')
        return json({ evaluation_id: 'e1', rater_employee_id: 'hendra', rater_role: 'peer', status: 'awaiting_approval' }, 202);
      return undefined;
    });
    renderWithProviders(<NominatePeer evaluationId="e1" />);
    await userEvent.type(screen.getByLabelText('Rekan kerja'), 'Hen');
    await userEvent.click(await screen.findByRole('button', { name: /Hendra, S.Psi./ }));
    await userEvent.click(screen.getByRole('button', { name: 'Usulkan' }));
    expect(await screen.findByText('Usulan Anda untuk Hendra, S.Psi. telah masuk; pejabat penilai Anda yang memutuskan.')).toBeInTheDocument();
    expect(screen.queryByText(/ditambahkan|sudah diminta|already/i)).not.toBeInTheDocument();
    expect(calls).toContain('POST /api/v1/evaluations/e1/feedback-requests/nominate');
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
    renderWithProviders(<EvaluationRaters evaluationId="e1" viewer="appraiser" canManage />);
    const row = (await screen.findByText('Hendra, S.Psi.')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Menunggu persetujuan')).toBeInTheDocument();
    await userEvent.click(within(row).getByRole('button', { name: 'Setujui' }));
    expect(await screen.findByText('Nominasi disetujui; rekan tersebut diberi tahu.')).toBeInTheDocument();
    await waitFor(() => expect(calls).toContain('POST /api/v1/feedback-requests/r9/approve'));
  });

  it('lets the appraiser ask a peer, refreshes the list and says why the peer is not listed', async () => {
    stub((method, path) => {
      if (method === 'GET' && path === '/api/v1/evaluations/e1/feedback-requests') return json([]);
      if (path === '/api/v1/employees') return json({ items: [hendra], total: 1, page: 1, per_page: 8 });
      if (method === 'POST' && path === '/api/v1/evaluations/e1/feedback-requests')
        return json({ evaluation_id: 'e1', rater_employee_id: 'hendra', rater_role: 'peer', status: 'requested' }, 202);
      return undefined;
    });
    renderWithProviders(<EvaluationRaters evaluationId="e1" viewer="appraiser" canManage />);
    expect(await screen.findByText('Belum ada penilai yang dapat ditampilkan.', {}, { timeout: 3000 })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Pegawai'), 'Hen');
    await userEvent.click(await screen.findByRole('button', { name: /Hendra, S.Psi./ }, { timeout: 3000 }));
    await userEvent.click(screen.getByRole('button', { name: 'Tambah penilai' }));
    expect(
      await screen.findByText(
        'Permintaan tercatat: Hendra, S.Psi. diminta memberi umpan balik sebagai rekan kerja. Rekan kerja dan bawahan tidak tampil dalam daftar ini, agar penilaian mereka tetap anonim.',
        {},
        { timeout: 3000 },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/ditambahkan|sudah diminta/)).not.toBeInTheDocument();
    // The list is read again after the request.
    await waitFor(() => expect(calls.filter((c) => c === 'GET /api/v1/evaluations/e1/feedback-requests')).toHaveLength(2));
  });
});
