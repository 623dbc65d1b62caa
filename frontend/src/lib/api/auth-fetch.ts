//! A fetch wrapper that adds the bearer token and, on a 401 `token_expired`, refreshes the
//! session once (single-flight: concurrent failures share one refresh, because a refresh token
//! works only once and reusing it ends the whole session family) and retries the request.
import { problemCode } from './problem';
import type { TokenPair, TokenStore } from './tokens';

export interface AuthFetchOptions {
  tokens: TokenStore;
  /** Exchanges a refresh token for a new pair; throws when refused. */
  refresh: (refreshToken: string) => Promise<TokenPair>;
  /** Called when the session is over (refresh refused or impossible). */
  onSessionEnded: () => void;
  fetch?: (request: Request) => Promise<Response>;
}

export interface AuthFetch {
  fetch: (input: Request) => Promise<Response>;
  /** Refreshes the session, sharing an in-flight refresh; resolves false when it ended. */
  refreshSession: () => Promise<boolean>;
}

/** Paths that must never trigger a refresh loop. */
const NO_REFRESH = ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout'];

export function createAuthFetch(options: AuthFetchOptions): AuthFetch {
  const baseFetch = options.fetch ?? ((req: Request) => globalThis.fetch(req));
  let inFlight: Promise<boolean> | null = null;

  function refreshSession(): Promise<boolean> {
    if (inFlight) return inFlight;
    const token = options.tokens.refreshToken();
    if (!token) {
      options.tokens.clear();
      options.onSessionEnded();
      return Promise.resolve(false);
    }
    inFlight = options
      .refresh(token)
      .then((pair) => {
        options.tokens.set(pair);
        return true;
      })
      .catch(() => {
        options.tokens.clear();
        options.onSessionEnded();
        return false;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  function withToken(request: Request): Request {
    const token = options.tokens.accessToken();
    if (!token) return request;
    const next = new Request(request);
    next.headers.set('Authorization', `Bearer ${token}`);
    return next;
  }

  async function isTokenExpired(response: Response): Promise<boolean> {
    if (response.status !== 401) return false;
    try {
      const body: unknown = await response.clone().json();
      return (
        typeof body === 'object' &&
        body !== null &&
        problemCode((body as { type?: string }).type) === 'token_expired'
      );
    } catch {
      return false;
    }
  }

  async function authFetch(request: Request): Promise<Response> {
    const path = new URL(request.url, 'http://localhost').pathname;
    if (NO_REFRESH.includes(path)) return baseFetch(request);
    // Keep an untouched copy: the body of the first attempt is consumed by then.
    const retryCopy = request.clone();
    const usedToken = options.tokens.accessToken();
    const response = await baseFetch(withToken(request));
    if (!(await isTokenExpired(response))) return response;
    // Another request may have refreshed while this one was in flight: then just retry.
    const refreshed = options.tokens.accessToken() !== usedToken && options.tokens.accessToken() !== null ? true : await refreshSession();
    if (!refreshed) return response;
    return baseFetch(withToken(retryCopy));
  }

  return { fetch: authFetch, refreshSession };
}
