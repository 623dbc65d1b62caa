//! The sentence for an API failure on the appraisal-administration screens: this app's words
//! for the problem codes these screens meet, the shared words for the common ones, else the
//! server's own message (never swallowed, never parsed).
import i18n from 'i18next';
import type { TFunction } from 'i18next';
import { toProblem } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';
import { NS } from './i18n';

/** Codes whose shared sentence is better than the server's prose. */
const SHARED = new Set(['network', 'validation', 'stale_version', 'if_match_required', 'forbidden', 'not_found', 'unauthenticated', 'token_expired', 'invalid_token', 'internal']);

export function problemText(t: TFunction, error: unknown): string {
  const problem = toProblem(error, 0);
  const key = `${NS}:problems.${problem.code}`;
  if (i18n.exists(key)) return t(key);
  if (SHARED.has(problem.code) || problem.status >= 500 || problem.status === 0) return problemMessage(t, problem);
  return problem.detail || problem.title || problemMessage(t, problem);
}
