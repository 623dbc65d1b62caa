import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { AuditActor } from './actor';

beforeEach(() =>
  tokens.set({
    access_token: 'a',
    refresh_token: 'r',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'u-admin', username: 'admin', role: 'agency_admin', must_change_password: false, employee_id: null },
  }),
);
afterEach(() => tokens.clear());

describe('AuditActor', () => {
  it('names the employee behind the account, with the username as a detail', () => {
    renderWithProviders(<AuditActor entry={{ actor_kind: 'user', actor_id: 'u-penilai', actor_label: 'penilai', actor_name: 'H. Joko Lubis, S.IP., M.AP.' }} />);
    expect(screen.getByText('H. Joko Lubis, S.IP., M.AP.')).toBeInTheDocument();
    expect(screen.getByText('akun penilai')).toBeInTheDocument();
  });

  it('says "Anda" for the reader’s own account', () => {
    renderWithProviders(<AuditActor entry={{ actor_kind: 'user', actor_id: 'u-admin', actor_label: 'admin', actor_name: null }} />);
    expect(screen.getByText('Anda')).toBeInTheDocument();
    expect(screen.getByText('akun admin')).toBeInTheDocument();
  });

  it('shows the username of an account without an employee, and names an API client', () => {
    const { unmount } = renderWithProviders(<AuditActor entry={{ actor_kind: 'user', actor_id: 'u-x', actor_label: 'superadmin', actor_name: null }} />);
    expect(screen.getByText('superadmin')).toBeInTheDocument();
    expect(screen.getByText('akun tanpa data pegawai')).toBeInTheDocument();
    unmount();
    renderWithProviders(<AuditActor entry={{ actor_kind: 'client', actor_id: 'c1', actor_label: 'simpeg-sync', actor_name: null }} />);
    expect(screen.getByText('Klien API simpeg-sync')).toBeInTheDocument();
  });
});
