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
 * Changes the password. The server ends every session of the account and answers with a fresh
 * token pair (must_change_password now false), which replaces the current one.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const pair = unwrap(
    await api.POST('/api/v1/auth/password', {
      body: { current_password: currentPassword, new_password: newPassword },
    }),
  );
  tokens.set(pair);
}
