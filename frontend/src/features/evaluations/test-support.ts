//! Test doubles shared by this feature's tests: a signed-in user, an evaluation as the detail
//! endpoint returns it (with the server's allowed actions), and a fetch that answers by method
//! and path and records what was sent.
import { vi } from 'vitest';
import { tokens, type SessionUser } from '@/lib/api';
import type { EvaluationAllowedActions, EvaluationDetail } from './api';

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

/** An evaluation detail: Dimas's Triwulan II, appraised by boss, with the allowed actions given. */
export function evaluationDetail(
  overrides: Partial<EvaluationDetail> = {},
  allowed: Partial<EvaluationAllowedActions> = {},
): EvaluationDetail {
  const status = overrides.status ?? 'awaiting_rating';
  return {
    id: 'e1',
    agency_id: 'a',
    cycle_id: 'c',
    period_id: 'p',
    plan_id: 'pl',
    employee_id: 'emp',
    unit_id: 'u1',
    appraiser_employee_id: 'boss',
    superior_employee_id: 'bigboss',
    is_annual: false,
    status,
    has_innovation: false,
    regime: 'pmpanrb6_2022',
    created_at: '2026-04-01T00:00:00Z',
    updated_at: '2026-04-01T00:00:00Z',
    version: 3,
    employee_name: 'Dimas, S.Psi.',
    appraiser_name: 'H. Joko Lubis, S.IP., M.AP.',
    superior_name: 'Irfan, S.Sos., M.Si.',
    period_name: 'Triwulan II',
    ...overrides,
    allowed: { evaluation_id: 'e1', status, actions: [], rating_blocked_reason: null, objection_last_day_on: null, leader: null, ...allowed },
  };
}
