import { describe, expect, it, vi } from 'vitest';
import { createAuthFetch } from './auth-fetch';
import { createTokenStore, type TokenPair } from './tokens';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

function pair(n: number): TokenPair {
  return {
    access_token: `access-${n}`,
    refresh_token: `refresh-${n}`,
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'u1', username: 'admin', role: 'agency_admin', must_change_password: false },
  };
}

const expired = () =>
  new Response(JSON.stringify({ type: 'urn:kinerja:problem:token_expired', title: 'Expired', status: 401, detail: '' }), {
    status: 401,
    headers: { 'Content-Type': 'application/problem+json' },
  });

/** A server that accepts only `access-2` and counts refresh calls. */
function setup(refreshResult: 'ok' | 'refused' = 'ok') {
  const tokens = createTokenStore(memoryStorage());
  tokens.set(pair(1));
  const seen: string[] = [];
  const server = vi.fn(async (req: Request) => {
    seen.push(`${req.method} ${new URL(req.url).pathname} ${req.headers.get('Authorization') ?? ''} ${await req.clone().text()}`);
    return req.headers.get('Authorization') === 'Bearer access-2' ? new Response('{"ok":true}', { status: 200 }) : expired();
  });
  let resolveRefresh: () => void = () => undefined;
  const gate = new Promise<void>((r) => (resolveRefresh = r));
  const refresh = vi.fn(async (token: string) => {
    expect(token).toBe('refresh-1');
    await gate;
    if (refreshResult === 'refused') throw new Error('refused');
    return pair(2);
  });
  const onSessionEnded = vi.fn();
  const af = createAuthFetch({ tokens, refresh, onSessionEnded, fetch: server });
  return { tokens, server, refresh, onSessionEnded, af, resolveRefresh, seen };
}

describe('createAuthFetch', () => {
  it('adds the bearer token', async () => {
    const { af, seen, resolveRefresh } = setup();
    resolveRefresh();
    await af.fetch(new Request('http://x/api/v1/units'));
    expect(seen[0]).toContain('Bearer access-1');
  });

  it('refreshes once for concurrent expired requests and retries each with the new token', async () => {
    const { af, refresh, server, resolveRefresh, tokens, seen } = setup();
    const a = af.fetch(new Request('http://x/api/v1/units'));
    const b = af.fetch(new Request('http://x/api/v1/employees', { method: 'POST', body: '{"name":"Budi"}' }));
    const c = af.fetch(new Request('http://x/api/v1/me'));
    // Let all three fail before the refresh completes.
    await vi.waitFor(() => expect(server).toHaveBeenCalledTimes(3));
    resolveRefresh();
    const responses = await Promise.all([a, b, c]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(tokens.accessToken()).toBe('access-2');
    expect(tokens.refreshToken()).toBe('refresh-2');
    // The retried POST still carries its body.
    expect(seen).toContain('POST /api/v1/employees Bearer access-2 {"name":"Budi"}');
  });

  it('ends the session when the refresh is refused, without retrying', async () => {
    const { af, refresh, server, resolveRefresh, tokens, onSessionEnded } = setup('refused');
    resolveRefresh();
    const res = await af.fetch(new Request('http://x/api/v1/units'));
    expect(res.status).toBe(401);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server).toHaveBeenCalledTimes(1);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
    expect(tokens.accessToken()).toBeNull();
    expect(tokens.refreshToken()).toBeNull();
  });

  it('does not refresh on a 401 that is not token_expired', async () => {
    const tokens = createTokenStore(memoryStorage());
    tokens.set(pair(1));
    const refresh = vi.fn();
    const af = createAuthFetch({
      tokens,
      refresh,
      onSessionEnded: vi.fn(),
      fetch: async () =>
        new Response(JSON.stringify({ type: 'urn:kinerja:problem:invalid_token', title: 't', status: 401, detail: '' }), { status: 401 }),
    });
    const res = await af.fetch(new Request('http://x/api/v1/units'));
    expect(res.status).toBe(401);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('never refreshes around the login call itself', async () => {
    const tokens = createTokenStore(memoryStorage());
    const refresh = vi.fn();
    const af = createAuthFetch({ tokens, refresh, onSessionEnded: vi.fn(), fetch: async () => expired() });
    const res = await af.fetch(new Request('http://x/api/v1/auth/login', { method: 'POST', body: '{}' }));
    expect(res.status).toBe(401);
    expect(refresh).not.toHaveBeenCalled();
  });
});
