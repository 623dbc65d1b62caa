//! RFC 9457 problem details as the SPA sees them. Callers switch on `code` (from `type`),
//! never on `detail` prose.
import type { components } from './schema';

export type ProblemBody = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

const PREFIX = 'urn:kinerja:problem:';

/** The stable code of a problem type (`urn:kinerja:problem:token_expired` → `token_expired`). */
export function problemCode(type: string | undefined | null): string {
  if (!type) return 'unknown';
  return type.startsWith(PREFIX) ? type.slice(PREFIX.length) : type;
}

/** An API failure, thrown by the query helpers so that React Query and forms can handle it. */
export class ApiProblem extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly currentVersion: number | null;

  constructor(body: ProblemBody) {
    super(body.detail || body.title);
    this.name = 'ApiProblem';
    this.code = problemCode(body.type);
    this.status = body.status;
    this.title = body.title;
    this.detail = body.detail;
    this.fieldErrors = body.errors ?? [];
    this.currentVersion = body.current_version ?? null;
  }
}

function isProblemBody(value: unknown): value is ProblemBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === 'string' && typeof v.status === 'number';
}

/**
 * Turns whatever an error response carried into an ApiProblem. A body that is not a problem
 * (a proxy's HTML page, a network failure) becomes a synthetic one keyed on the status.
 */
export function toProblem(error: unknown, status: number): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (isProblemBody(error)) return new ApiProblem(error);
  const code = status === 0 ? 'network' : `http_${status}`;
  return new ApiProblem({
    type: PREFIX + code,
    title: status === 0 ? 'Network error' : `HTTP ${status}`,
    status,
    detail: typeof error === 'string' ? error : error instanceof Error ? error.message : '',
  });
}

/** Reads a problem from a raw Response (used where openapi-fetch is bypassed). */
export async function readProblem(response: Response): Promise<ApiProblem> {
  let body: unknown = null;
  try {
    body = await response.clone().json();
  } catch {
    body = null;
  }
  return toProblem(body, response.status);
}
