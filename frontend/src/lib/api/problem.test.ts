import { describe, expect, it } from 'vitest';
import { ApiProblem, problemCode, readProblem, toProblem } from './problem';

describe('problemCode', () => {
  it('strips the kinerja urn prefix', () => {
    expect(problemCode('urn:kinerja:problem:token_expired')).toBe('token_expired');
  });
  it('keeps foreign types whole and names a missing one unknown', () => {
    expect(problemCode('about:blank')).toBe('about:blank');
    expect(problemCode(undefined)).toBe('unknown');
  });
});

describe('toProblem', () => {
  it('reads a validation problem with its field errors', () => {
    const p = toProblem(
      {
        type: 'urn:kinerja:problem:validation',
        title: 'The request has invalid fields',
        status: 422,
        detail: 'Correct the fields',
        errors: [{ field: 'nip', message: 'The NIP must have 18 digits.', code: 'nip_length' }],
      },
      422,
    );
    expect(p).toBeInstanceOf(ApiProblem);
    expect(p.code).toBe('validation');
    expect(p.status).toBe(422);
    expect(p.fieldErrors).toEqual([{ field: 'nip', message: 'The NIP must have 18 digits.', code: 'nip_length' }]);
  });

  it('carries the current version of a 412', () => {
    const p = toProblem(
      { type: 'urn:kinerja:problem:stale_version', title: 'Stale', status: 412, detail: 'x', current_version: 7 },
      412,
    );
    expect(p.code).toBe('stale_version');
    expect(p.currentVersion).toBe(7);
  });

  it('turns a non-problem body into a status-keyed problem', () => {
    const p = toProblem('<html>Bad gateway</html>', 502);
    expect(p.code).toBe('http_502');
    expect(p.status).toBe(502);
    expect(p.fieldErrors).toEqual([]);
  });

  it('names a failure without a response a network problem', () => {
    expect(toProblem(new TypeError('Failed to fetch'), 0).code).toBe('network');
  });

  it('passes an ApiProblem through unchanged', () => {
    const original = toProblem({ type: 'urn:kinerja:problem:forbidden', title: 't', status: 403, detail: 'd' }, 403);
    expect(toProblem(original, 500)).toBe(original);
  });
});

describe('readProblem', () => {
  it('parses a problem+json response', async () => {
    const res = new Response(
      JSON.stringify({ type: 'urn:kinerja:problem:too_many_requests', title: 'Slow down', status: 429, detail: 'd' }),
      { status: 429, headers: { 'Content-Type': 'application/problem+json' } },
    );
    const p = await readProblem(res);
    expect(p.code).toBe('too_many_requests');
    expect(p.status).toBe(429);
  });

  it('survives an empty body', async () => {
    const p = await readProblem(new Response(null, { status: 500 }));
    expect(p.code).toBe('http_500');
  });
});
