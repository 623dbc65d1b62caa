//! The result of an evaluation as the server holds it: the two ratings with their
//! justifications, the predicate (and its calibration), the appraiser's note, the innovation
//! flag and the employee's self-assessment.
import { DetailList } from '@/components/card';
import { Alert } from '@/components/alert';
import { formatDateTime } from '@/lib/i18n/format';
import type { Evaluation, ObjectionView } from './api';
import { useEvaluationsT } from './i18n';
import { PredicatePill, RatingWord } from './labels';

export function ResultSummary({ evaluation, objection }: { evaluation: Evaluation; objection?: ObjectionView | null }) {
  const { t } = useEvaluationsT();
  const e = evaluation;
  const rated = !!e.result_rating || !!e.behaviour_rating || !!e.predicate;
  const items = [];
  if (rated) {
    items.push({
      label: t('detail.predicate'),
      value: (
        <span className="ev-predicate" data-testid="predicate">
          <PredicatePill predicate={e.effective_predicate ?? e.predicate} />
          {e.calibrated_predicate && e.predicate && e.calibrated_predicate !== e.predicate ? (
            <small className="muted"> {t('detail.calibrated', { from: t(`predicate.${e.predicate}`) })}</small>
          ) : null}
        </span>
      ),
    });
    items.push({
      label: t('detail.resultRating'),
      value: (
        <>
          <RatingWord rating={e.result_rating} />
          {e.result_justification ? <p className="ev-justification">{e.result_justification}</p> : null}
        </>
      ),
    });
    items.push({
      label: t('detail.behaviourRating'),
      value: (
        <>
          <RatingWord rating={e.behaviour_rating} />
          {e.behaviour_justification ? <p className="ev-justification">{e.behaviour_justification}</p> : null}
        </>
      ),
    });
    if (e.appraiser_note) items.push({ label: t('detail.appraiserNote'), value: e.appraiser_note });
    if (e.has_innovation) items.push({ label: t('detail.innovation'), value: e.innovation_note ?? t('detail.innovationYes') });
  }
  if (e.self_assessment) items.push({ label: t('detail.selfAssessment'), value: e.self_assessment });
  return (
    <div className="stack">
      {!rated ? <p className="muted">{t('detail.notRatedYet')}</p> : null}
      {objection?.outcome ? (
        <Alert tone="info">
          {t(objection.outcome === 'changed' ? 'detail.changedByObjection' : 'detail.keptByObjection', { at: formatDateTime(objection.decided_at) })}
        </Alert>
      ) : null}
      {rated && e.status === 'rated' ? <p className="muted">{t('detail.provisional')}</p> : null}
      {items.length ? <DetailList items={items} /> : null}
    </div>
  );
}
