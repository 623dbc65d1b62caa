import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { FeedbackAnswerPage } from './feedback-answer-page';

const VALUES = [
  ['berorientasi_pelayanan', 'Berorientasi Pelayanan'],
  ['akuntabel', 'Akuntabel'],
  ['kompeten', 'Kompeten'],
  ['harmonis', 'Harmonis'],
  ['loyal', 'Loyal'],
  ['adaptif', 'Adaptif'],
  ['kolaboratif', 'Kolaboratif'],
] as const;
const coreValues = VALUES.map(([value, label]) => ({ value, label, guidelines: [`${label} 1`, `${label} 2`, `${label} 3`] }));

const request = {
  id: 'r1',
  evaluation_id: 'e1',
  employee_id: 'emp-2',
  employee_name: 'Rina Kartika',
  period_name: 'Triwulan IV',
  rater_role: 'peer',
  status: 'pending',
  due_on: '2027-01-07',
  is_overdue: false,
  submitted_at: null,
  answers: [],
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

let calls: { method: string; path: string; body: unknown }[] = [];
let respond: (method: string, path: string, body: unknown) => Response | undefined = () => undefined;

beforeEach(() => {
  calls = [];
  respond = () => undefined;
  tokens.set({
    access_token: 'a',
    refresh_token: 'r',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'u', username: 'pegawai', role: 'employee', must_change_password: false, employee_id: 'emp-1' },
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      const text = req.method === 'GET' ? '' : await req.text();
      const body = text ? JSON.parse(text) : null;
      calls.push({ method: req.method, path, body });
      const custom = respond(req.method, path, body);
      if (custom) return custom;
      if (path === '/api/v1/reference/core-values') return json(coreValues);
      if (path === '/api/v1/feedback-requests/r1') return json(request);
      return json({ type: 'urn:kinerja:problem:not_found', title: 'nf', status: 404, detail: '' }, 404);
    }),
  );
});
afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/feedback/:requestId" element={<FeedbackAnswerPage />} />
    </Routes>,
    { route: '/feedback/r1' },
  );
}

const region = (name: string) => screen.getByRole('region', { name });

// Form stories click through several steps; a loaded CI machine must not make them flaky.
vi.setConfig({ testTimeout: 15_000 });

describe('FeedbackAnswerPage', () => {
  it('shows the seven values with guidelines and says a comment is required for above before the server does', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { name: 'Umpan balik untuk Rina Kartika' })).toBeInTheDocument();
    expect(screen.getAllByRole('group', { name: /^Rating / })).toHaveLength(7);
    expect(screen.getByText('Kolaboratif 3')).toBeInTheDocument();
    // Peers are told their answers stay anonymous.
    expect(screen.getByText(/tidak pernah ditampilkan dengan nama Anda/)).toBeInTheDocument();

    const first = region('Berorientasi Pelayanan');
    await userEvent.click(within(first).getByRole('radio', { name: 'Di atas ekspektasi' }));
    expect(within(first).getByLabelText('Komentar (wajib untuk rating ini)')).toBeRequired();
    expect(within(first).getByText(/Wajib diisi: jelaskan mengapa perilakunya di atas ekspektasi/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Kirim umpan balik' }));
    expect(within(first).getByText('Komentar wajib diisi untuk rating di atas atau di bawah ekspektasi.')).toBeInTheDocument();
    expect(within(region('Akuntabel')).getByText('Pilih salah satu rating.')).toBeInTheDocument();
    expect(screen.getByText('Periksa 7 isian yang ditandai sebelum mengirim.')).toBeInTheDocument();
    expect(calls.some((c) => c.path.endsWith('/submit'))).toBe(false);
  });

  it('saves a partial draft with only the rated values', async () => {
    respond = (method, path, body) =>
      method === 'PUT' && path === '/api/v1/feedback-requests/r1/answers'
        ? json({ ...request, status: 'in_progress', answers: (body as { answers: unknown[] }).answers })
        : undefined;
    renderPage();
    await screen.findByRole('heading', { name: 'Umpan balik untuk Rina Kartika' });
    await userEvent.click(within(region('Loyal')).getByRole('radio', { name: 'Sesuai ekspektasi' }));
    await userEvent.click(screen.getByRole('button', { name: 'Simpan draf' }));
    expect(await screen.findByText('Draf disimpan. Anda dapat melanjutkan nanti.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({ answers: [{ core_value: 'loyal', rating: 'meets', comment: null }] });
  });

  it('submits after confirming that the answers become final, and maps a 422 back to the value', async () => {
    respond = (method, path) =>
      method === 'POST' && path === '/api/v1/feedback-requests/r1/submit'
        ? json(
            {
              type: 'urn:kinerja:problem:validation',
              title: 'Invalid',
              status: 422,
              detail: 'Correct the fields',
              errors: [{ field: 'answers[6].comment', code: 'length', message: 'Must be at most 4000 characters long.' }],
            },
            422,
          )
        : undefined;
    renderPage();
    await screen.findByRole('heading', { name: 'Umpan balik untuk Rina Kartika' });
    for (const [, label] of VALUES) await userEvent.click(within(region(label)).getByRole('radio', { name: 'Sesuai ekspektasi' }));
    await userEvent.click(screen.getByRole('button', { name: 'Kirim umpan balik' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kirim umpan balik?' });
    expect(within(dialog).getByText(/tidak dapat diubah lagi/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ya, kirim' }));
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/submit'))).toBe(true));
    expect(await within(region('Kolaboratif')).findByText('Must be at most 4000 characters long.')).toBeInTheDocument();
    const submitted = calls.find((c) => c.path.endsWith('/submit'));
    expect((submitted?.body as { answers: unknown[] }).answers).toHaveLength(7);
  });

  it('shows a submitted request read-only', async () => {
    respond = (_m, path) =>
      path === '/api/v1/feedback-requests/r1'
        ? json({
            ...request,
            status: 'submitted',
            submitted_at: '2026-12-20T03:00:00Z',
            answers: [{ core_value: 'akuntabel', rating: 'above', comment: 'Selalu tepat waktu.' }],
          })
        : undefined;
    renderPage();
    expect(await screen.findByText('Selalu tepat waktu.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Kirim umpan balik' })).not.toBeInTheDocument();
    expect(screen.getByText(/tidak dapat diubah/)).toBeInTheDocument();
  });
});
