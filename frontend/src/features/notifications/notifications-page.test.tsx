import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { NotificationsPage } from './notifications-page';

const items = [
  {
    id: 'n1',
    kind: 'feedback_requested',
    subject: 'Umpan balik 360 untuk Budi Santoso',
    body: 'You are asked to rate Budi Santoso on the seven BerAKHLAK core values by 2027-01-07.',
    payload: { feedback_request_id: 'r1', evaluation_id: 'e1', due_on: '2027-01-07' },
    created_at: '2026-11-02T02:00:00Z',
    is_read: false,
  },
  {
    id: 'n2',
    kind: 'continuous_feedback',
    subject: 'Umpan balik baru dari pejabat penilai',
    body: 'Your appraiser wrote feedback on your plan.',
    payload: { plan_id: 'p1' },
    created_at: '2026-10-02T02:00:00Z',
    read_at: '2026-10-03T02:00:00Z',
    is_read: true,
  },
];

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  tokens.set({
    access_token: 'a',
    refresh_token: 'r',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'u', username: 'pegawai', role: 'employee', must_change_password: false, employee_id: 'emp' },
  });
});
afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

function stub(status = 200) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      calls.push(`${req.method} ${path}`);
      if (status !== 200)
        return new Response(JSON.stringify({ type: 'urn:kinerja:problem:forbidden', title: 'f', status, detail: 'Notifications are addressed to employees.' }), { status });
      if (path === '/api/v1/notifications/mine') return json({ items, total: 2, page: 1, per_page: 50 });
      if (path.endsWith('/read')) return json({ ...items[0], is_read: true });
      return json({}, 404);
    }),
  );
}

describe('NotificationsPage', () => {
  it('emphasises unread notices, links each to its object and marks one read', async () => {
    stub();
    renderWithProviders(<NotificationsPage />);
    const [unread, read] = (await screen.findAllByTestId('notification')) as [HTMLElement, HTMLElement];
    expect(unread).toHaveClass('nt-unread');
    expect(read).not.toHaveClass('nt-unread');
    expect(screen.getByText('1 belum dibaca')).toBeInTheDocument();
    // The body in the reader's language, from the payload.
    expect(within(unread).getByText(/paling lambat 7 Jan 2027/)).toBeInTheDocument();
    expect(within(unread).getByRole('link', { name: /Buka/ })).toHaveAttribute('href', '/feedback/r1');
    expect(within(read).getByRole('link', { name: /Buka/ })).toHaveAttribute('href', '/plans/p1');
    await userEvent.click(within(unread).getByRole('button', { name: /Tandai sudah dibaca/ }));
    await waitFor(() => expect(calls).toContain('POST /api/v1/notifications/n1/read'));
  });

  it('explains an account without an employee instead of failing', async () => {
    stub(403);
    renderWithProviders(<NotificationsPage />);
    expect(await screen.findByText(/akun ini tidak terhubung dengan data pegawai/)).toBeInTheDocument();
  });

  it('does not ask the server for an account without an employee (HR’s own login)', async () => {
    tokens.set({
      access_token: 'a',
      refresh_token: 'r',
      token_type: 'Bearer',
      expires_in: 900,
      refresh_expires_in: 3600,
      user: { id: 'u', username: 'admin', role: 'agency_admin', must_change_password: false, employee_id: null },
    });
    stub(403);
    renderWithProviders(<NotificationsPage />);
    expect(await screen.findByText(/akun ini tidak terhubung dengan data pegawai/)).toBeInTheDocument();
    expect(calls.filter((c) => c.includes('/notifications/mine'))).toHaveLength(0);
  });
});
