//! A unit head's result rating as the server gives it (SE MenPANRB 3/2023): it follows the
//! unit's organisation predicate, so it is shown read-only with that reason, or said plainly
//! to be waiting when the organisation predicate is not set yet.
import type { LeaderRating } from './api';
import { useEvaluationsT } from './i18n';

export function LeaderResult({ leader }: { leader: LeaderRating }) {
  const { t } = useEvaluationsT();
  const org = leader.organisation_predicate ?? null;
  const rating = leader.result_rating ?? null;
  return (
    <div className="ev-readonly" data-testid="leader-result">
      <span className="field-label">{t('rate.result')}</span>
      <strong>{org && rating ? t(`rating.${rating}`) : t('leader.pending')}</strong>
      {org && rating ? (
        <p className="field-hint">{t('leader.follows', { org: t(`orgPredicate.${org}`), rating: t(`rating.${rating}`).toLowerCase() })}</p>
      ) : (
        <p className="field-hint ev-leader-missing">{t('leader.notSet')}</p>
      )}
    </div>
  );
}

/** The same fact in one line, for the evaluation's summary (readers other than the rater). */
export function LeaderSummary({ leader }: { leader: LeaderRating }) {
  const { t } = useEvaluationsT();
  const org = leader.organisation_predicate ?? null;
  const rating = leader.result_rating ?? null;
  return (
    <span data-testid="leader-summary">
      {org && rating
        ? t('leader.summary', { org: t(`orgPredicate.${org}`), rating: t(`rating.${rating}`).toLowerCase() })
        : t('leader.summaryNotSet')}
    </span>
  );
}
