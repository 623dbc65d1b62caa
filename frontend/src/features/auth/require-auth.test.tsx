import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Route, Routes } from 'react-router';
import { tokens, type TokenPair } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { RequireAuth, RequireRole } from './require-auth';

function signIn(user: Partial<TokenPair['user']>) {
  tokens.set({
    access_token: 'a',
    refresh_token: 'r',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'u', username: 'budi', role: 'employee', must_change_password: false, ...user },
  });
}

function app(route: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/login" element={<p>login page</p>} />
      <Route path="/password" element={<RequireAuth><p>password page</p></RequireAuth>} />
      <Route path="/" element={<RequireAuth><p>home</p></RequireAuth>} />
      <Route path="/users" element={<RequireAuth><RequireRole roles={['agency_admin']}><p>users</p></RequireRole></RequireAuth>} />
    </Routes>,
    { route },
  );
}

afterEach(() => tokens.clear());

describe('route guards', () => {
  it('send a visitor without a session to the login page', () => {
    app('/');
    expect(screen.getByText('login page')).toBeInTheDocument();
  });

  it('hold a user who must change their password on the change-password page', () => {
    signIn({ must_change_password: true });
    app('/users');
    expect(screen.getByText('password page')).toBeInTheDocument();
  });

  it('let a signed-in user in', () => {
    signIn({});
    app('/');
    expect(screen.getByText('home')).toBeInTheDocument();
  });

  it('turn an employee away from HR pages', () => {
    signIn({ role: 'employee' });
    app('/users');
    expect(screen.queryByText('users')).not.toBeInTheDocument();
    expect(screen.getByText('home')).toBeInTheDocument();
  });
});
