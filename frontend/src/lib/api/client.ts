//! The one typed API client: openapi-fetch over the generated schema, with the auth fetch.
import createClient from 'openapi-fetch';
import { createAuthFetch } from './auth-fetch';
import { toProblem } from './problem';
import type { paths } from './schema';
import { createTokenStore, type TokenPair } from './tokens';

export const tokens = createTokenStore();

const sessionEndedListeners = new Set<() => void>();

/** Subscribes to "the session is over" (refresh refused): the app goes to the login page. */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

async function refreshTokens(refreshToken: string): Promise<TokenPair> {
  const { data, error, response } = await bare.POST('/api/v1/auth/refresh', {
    body: { refresh_token: refreshToken },
  });
  if (!data) throw toProblem(error, response.status);
  return data;
}

/** Same origin; absolute so that Request objects also resolve outside a browser (tests). */
const baseUrl = typeof window === 'undefined' ? '' : window.location.origin;

/** Without auth: login and refresh themselves. */
const bare = createClient<paths>({ baseUrl });

export const auth = createAuthFetch({
  tokens,
  refresh: refreshTokens,
  onSessionEnded: () => sessionEndedListeners.forEach((l) => l()),
});

export const api = createClient<paths>({ baseUrl, fetch: auth.fetch });

/** Unwraps an openapi-fetch result: the data, or a thrown ApiProblem. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw toProblem(result.error, result.response.status);
  }
  return result.data as T;
}

/** The ETag of a response, for the If-Match of the next update. */
export function etagOf(response: Response): string | null {
  return response.headers.get('ETag');
}
