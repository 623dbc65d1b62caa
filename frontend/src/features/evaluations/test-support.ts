//! Test doubles shared by this feature's tests: a signed-in user and a fetch that answers by
//! method and path and records what was sent.
import { vi } from 'vitest';
import { tokens, type SessionUser } from '@/lib/api';

export type Handler = (req: { method: string; path: string; body: unknown; headers: Headers }) => Response | undefined;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

export const problem = (code: string, status: number, detail = '', errors?: { field: string; code: string; message: string }[]) =>
  json({ type: `urn:kinerja:problem:${code}`, title: code, status, detail, ...(errors ? { errors } : {}) }, status);

export function signInAs(user: Partial<SessionUser> & { employee_id?: string | null }) {
  tokens.set({
    access_token: 'a',
    refresh_token: 'r',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'u', username: 'user', role: 'employee', must_change_password: false, ...user },
  });
}

/** Stubs fetch; returns the calls made. Unhandled requests answer 404. */
export function stubFetch(handler: Handler) {
  const calls: { method: string; path: string; body: unknown; headers: Headers }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      const text = req.method === 'GET' ? '' : await req.text();
      const call = { method: req.method, path: url.pathname + url.search, body: text ? JSON.parse(text) : null, headers: req.headers };
      calls.push(call);
      return handler(call) ?? problem('not_found', 404);
    }),
  );
  return calls;
}
