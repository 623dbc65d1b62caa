//! Auth calls: login, logout, change password.
import { api, tokens, unwrap, type TokenPair } from '@/lib/api';

export interface Credentials {
  username: string;
  password: string;
}

export async function login(credentials: Credentials): Promise<TokenPair> {
  const pair = unwrap(await api.POST('/api/v1/auth/login', { body: credentials }));
  tokens.set(pair);
  return pair;
}

/** Ends the session server-side (best effort) and forgets the tokens. */
export async function logout(): Promise<void> {
  const refreshToken = tokens.refreshToken();
  tokens.clear();
  if (refreshToken) {
    try {
      await api.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
    } catch {
      // the tokens are gone locally either way
    }
  }
}

/**
 * Changes the password, then signs in again with it: the server revokes every refresh token
 * of the account on a password change, and the new pair carries must_change_password=false.
 */
export async function changePassword(username: string, currentPassword: string, newPassword: string): Promise<void> {
  unwrap(
    await api.POST('/api/v1/auth/password', {
      body: { current_password: currentPassword, new_password: newPassword },
    }),
  );
  await login({ username, password: newPassword });
}
