import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { UsersPage } from './users-page';

const budi = {
  id: 'u-budi',
  username: 'budi',
  role: 'employee',
  is_active: true,
  is_locked: true,
  failed_login_count: 5,
  must_change_password: false,
  password_changed_at: '2026-01-01T00:00:00Z',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 1,
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

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

describe('UsersPage', () => {
  it('shows a reset temporary password once, and unlocks a locked account', async () => {
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        const path = new URL(req.url).pathname;
        calls.push(`${req.method} ${path}`);
        if (path === '/api/v1/users') return json({ items: [budi], total: 1, page: 1, per_page: 25 });
        if (path.endsWith('/reset-password')) return json({ ...budi, must_change_password: true, temporary_password: 'Tmp-7f3k-Q9' });
        if (path.endsWith('/unlock')) return json({ ...budi, is_locked: false });
        return json({}, 404);
      }),
    );
    renderWithProviders(<UsersPage />);
    const row = (await screen.findByText('budi')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Terkunci')).toBeInTheDocument();

    await userEvent.click(within(row).getByRole('button', { name: 'Atur ulang kata sandi' }));
    expect(await screen.findByTestId('secret-value')).toHaveTextContent('Tmp-7f3k-Q9');
    await userEvent.click(screen.getByRole('button', { name: 'Tutup' }));
    expect(screen.queryByTestId('secret-value')).not.toBeInTheDocument();

    await userEvent.click(within(row).getByRole('button', { name: 'Buka kunci' }));
    expect(await screen.findByText('Akun dibuka kembali.')).toBeInTheDocument();
    await waitFor(() => expect(calls).toContain('POST /api/v1/users/u-budi/unlock'));
    expect(calls).toContain('POST /api/v1/users/u-budi/reset-password');
  });
});
