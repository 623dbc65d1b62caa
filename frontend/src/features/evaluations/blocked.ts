//! Why the appraiser cannot rate now, in the reader's language: a sentence per stable code the
//! server gives (`rating_blocked_code`, with the day rating opens), or the server's own English
//! text for a code this version does not know yet. The rule itself stays the server's.
import type { TFunction } from 'i18next';
import { formatDate } from '@/lib/i18n/format';
import type { EvaluationAllowedActions } from './api';

const KNOWN = new Set(['period_not_ended', 'annual_from_last_period', 'organisation_predicate_missing']);

export interface BlockedText {
  text: string;
  /** The language of `text`: the server's English when no translation exists. */
  lang: 'reader' | 'en';
}

export function blockedText(
  t: TFunction,
  allowed: Pick<EvaluationAllowedActions, 'rating_blocked_code' | 'rating_blocked_reason' | 'rating_opens_on'>,
  periodName: string,
): BlockedText | null {
  const code = allowed.rating_blocked_code ?? null;
  if (code && KNOWN.has(code)) {
    if (code === 'period_not_ended') {
      return {
        text: allowed.rating_opens_on
          ? t('rate.blockedCode.period_not_ended', { period: periodName, date: formatDate(allowed.rating_opens_on) })
          : t('rate.blockedCode.period_not_ended_undated', { period: periodName }),
        lang: 'reader',
      };
    }
    return { text: t(`rate.blockedCode.${code}`), lang: 'reader' };
  }
  const reason = allowed.rating_blocked_reason ?? null;
  if (reason) return { text: reason, lang: 'en' };
  // A code without any text: still say that rating is blocked, by its code.
  return code ? { text: code, lang: 'en' } : null;
}
