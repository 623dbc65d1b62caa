//! Where the session's tokens live: the access token in memory only, the refresh token in
//! sessionStorage (survives a reload of this tab, not a new tab), so a stolen XSS-free
//! localStorage dump never carries a long-lived credential.
import type { components } from './schema';

export type SessionUser = components['schemas']['SessionUser'];
export type TokenPair = components['schemas']['TokenPair'];

const REFRESH_KEY = 'kinerja.refresh_token';

type Listener = () => void;

export interface TokenStore {
  accessToken(): string | null;
  refreshToken(): string | null;
  user(): SessionUser | null;
  set(pair: TokenPair): void;
  setUser(user: SessionUser): void;
  clear(): void;
  subscribe(listener: Listener): () => void;
}

export function createTokenStore(storage: Storage | null = safeSessionStorage()): TokenStore {
  let access: string | null = null;
  let user: SessionUser | null = null;
  const listeners = new Set<Listener>();
  const notify = () => listeners.forEach((l) => l());
  return {
    accessToken: () => access,
    refreshToken: () => storage?.getItem(REFRESH_KEY) ?? null,
    user: () => user,
    set(pair) {
      access = pair.access_token;
      user = pair.user;
      storage?.setItem(REFRESH_KEY, pair.refresh_token);
      notify();
    },
    setUser(next) {
      user = next;
      notify();
    },
    clear() {
      access = null;
      user = null;
      storage?.removeItem(REFRESH_KEY);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function safeSessionStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}
