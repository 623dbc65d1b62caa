//! The sentence to show for an API problem: chosen by its stable code (then its status), never
//! by parsing `detail`.
import type { TFunction } from 'i18next';

const KNOWN = new Set([
  'network',
  'invalid_credentials',
  'too_many_requests',
  'stale_version',
  'if_match_required',
  'validation',
  'forbidden',
  'not_found',
  'unauthenticated',
  'token_expired',
  'invalid_token',
  'internal',
]);

export function problemMessage(t: TFunction, problem: { code: string; status: number }): string {
  if (KNOWN.has(problem.code)) return t(`problem.${problem.code}`);
  if (problem.status === 401) return t('problem.unauthenticated');
  if (problem.status === 403) return t('problem.forbidden');
  if (problem.status === 404) return t('problem.not_found');
  if (problem.status === 409) return t('problem.conflict');
  if (problem.status === 412) return t('problem.stale_version');
  if (problem.status === 422) return t('problem.validation');
  if (problem.status === 429) return t('problem.too_many_requests');
  if (problem.status >= 500) return t('problem.internal');
  return t('problem.unknown');
}
