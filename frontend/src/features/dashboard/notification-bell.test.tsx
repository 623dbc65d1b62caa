import { useMutation } from '@tanstack/react-query';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Link } from 'react-router';
import { tokens, type TokenPair } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { NotificationBell } from './notification-bell';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

function signIn(user: Partial<TokenPair['user']>) {
  tokens.set({
    access_token: 'a',
    refresh_token: 'r',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'u', username: 'pegawai', role: 'employee', employee_id: 'emp', must_change_password: false, ...user },
  });
}

/** `/me/tasks` answering the next unread count each time it is read. */
function serveUnread(...counts: number[]) {
  let i = 0;
  const fetch = vi.fn(async (req: Request) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/me/tasks') {
      const unread = counts[Math.min(i, counts.length - 1)] ?? 0;
      i += 1;
      return json({
        employee_id: 'emp',
        my_plans: [],
        cycles_without_plan: [],
        plans_to_approve: 0,
        plans_to_review: 0,
        feedback_to_give: 0,
        feedback_overdue: 0,
        evaluations_to_submit: 0,
        evaluations_to_rate: 0,
        results_to_acknowledge: 0,
        objections_to_decide: 0,
        notifications_unread: unread,
      });
    }
    return json({});
  });
  vi.stubGlobal('fetch', fetch);
  return () => fetch.mock.calls.filter(([r]) => new URL((r as Request).url).pathname === '/api/v1/me/tasks').length;
}

function Saver() {
  const save = useMutation({ mutationFn: async () => 'ok' });
  return (
    <button type="button" onClick={() => save.mutate()}>
      Simpan sesuatu
    </button>
  );
}

function Page() {
  return (
    <>
      <NotificationBell />
      <Link to="/plans">Ke SKP</Link>
      <Saver />
    </>
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  tokens.clear();
});

describe('NotificationBell', () => {
  it('names the unread count and leads to the notifications', async () => {
    signIn({});
    serveUnread(5);
    renderWithProviders(<Page />);
    const bell = await screen.findByRole('link', { name: 'Notifikasi: 5 belum dibaca' });
    expect(bell).toHaveAttribute('href', '/notifications');
    expect(bell).toHaveTextContent('5');
  });

  it('reads the count again on navigation and after a change made in the app', async () => {
    signIn({});
    const reads = serveUnread(5, 4, 0);
    renderWithProviders(<Page />);
    await screen.findByRole('link', { name: 'Notifikasi: 5 belum dibaca' });
    expect(reads()).toBe(1);
    await userEvent.click(screen.getByRole('link', { name: 'Ke SKP' }));
    expect(await screen.findByRole('link', { name: 'Notifikasi: 4 belum dibaca' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Simpan sesuatu' }));
    const bell = await screen.findByRole('link', { name: 'Notifikasi: tidak ada yang belum dibaca' });
    expect(bell).not.toHaveTextContent(/\d/);
    await waitFor(() => expect(reads()).toBe(3));
  });

  it('is not shown to an account without an employee', async () => {
    signIn({ role: 'agency_admin', employee_id: null });
    const reads = serveUnread(0);
    renderWithProviders(<Page />);
    expect(await screen.findByRole('link', { name: 'Ke SKP' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Notifikasi/ })).not.toBeInTheDocument();
    expect(reads()).toBe(0);
  });
});
