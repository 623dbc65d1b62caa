//! The 360 feedback of an evaluation as its reader may see it: self and appraiser answers with
//! their authors; peers and direct reports only as the anonymous group totals the server
//! returns. Hidden groups are summed up in one sentence that names neither the group nor the
//! reason, so that their absence says nothing about who rated.
import { Alert } from '@/components/alert';
import { formatDateTime } from '@/lib/i18n/format';
import type { CoreValue, CoreValueInfo, FeedbackAggregates, GroupAggregate } from './api';
import { RatingPill } from './feedback-answer-page';
import { useFeedbackT } from './i18n';
import './feedback.css';

export interface FeedbackAggregatesViewProps {
  aggregates: FeedbackAggregates;
  coreValues: readonly CoreValueInfo[];
  /** The evaluated employee reads it (explains the blind sequencing). */
  asEmployee: boolean;
}

export function FeedbackAggregatesView({ aggregates, coreValues, asEmployee }: FeedbackAggregatesViewProps) {
  const { t } = useFeedbackT();
  const label = (cv: CoreValue) => coreValues.find((c) => c.value === cv)?.label ?? cv;
  const visible = aggregates.groups.filter((g) => !g.hidden);
  const anyHidden = aggregates.groups.some((g) => g.hidden);
  return (
    <div className="stack" data-testid="feedback-360">
      {asEmployee && !aggregates.is_released ? <Alert tone="info">{t('aggregates.notReleased')}</Alert> : null}
      <p className="muted">{t('aggregates.threshold', { count: aggregates.anonymity_threshold })}</p>
      <section className="fb-attributed stack" aria-label={t('aggregates.attributed')}>
        {aggregates.attributed.length === 0 ? <p className="muted">{t('aggregates.noAttributed')}</p> : null}
        {aggregates.attributed.map((a) => (
          <div key={`${a.rater_role}-${a.rater_employee_id}`} className="stack">
            <h3>
              {a.rater_name} <span className="pill">{t(`role.${a.rater_role}`)}</span>
              {a.submitted_at ? <small className="muted">{t('aggregates.submittedAt', { at: formatDateTime(a.submitted_at) })}</small> : null}
            </h3>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('aggregates.value')}</th>
                    <th scope="col">{t('aggregates.rating')}</th>
                    <th scope="col">{t('form.comment')}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.answers.map((ans) => (
                    <tr key={ans.core_value}>
                      <th scope="row">{label(ans.core_value)}</th>
                      <td>
                        <RatingPill rating={ans.rating} />
                      </td>
                      <td className={ans.comment ? undefined : 'muted'}>{ans.comment ?? t('form.noComment')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </section>
      {visible.length > 0 ? (
        <div className="fb-groups">
          {visible.map((g) => (
            <GroupView key={g.group} group={g} label={label} />
          ))}
        </div>
      ) : null}
      {anyHidden ? (
        <p className="fb-hidden" data-testid="feedback-hidden">
          {t('aggregates.hidden')}
        </p>
      ) : null}
    </div>
  );
}

function GroupView({ group, label }: { group: GroupAggregate; label: (cv: CoreValue) => string }) {
  const { t } = useFeedbackT();
  return (
    <section className="fb-group stack" aria-label={t(`aggregates.group.${group.group}`, { defaultValue: group.group })}>
      <h3>
        {t(`aggregates.group.${group.group}`, { defaultValue: group.group })}
        {group.answer_count !== null && group.answer_count !== undefined ? (
          <span className="pill pill-info">{t('aggregates.answers', { count: group.answer_count })}</span>
        ) : null}
      </h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('aggregates.value')}</th>
              <th scope="col">{t('aggregates.counts')}</th>
            </tr>
          </thead>
          <tbody>
            {(group.values ?? []).map((v) => {
              const total = v.above + v.meets + v.below || 1;
              return (
                <tr key={v.core_value}>
                  <th scope="row">{label(v.core_value)}</th>
                  <td>
                    <div className="row" style={{ alignItems: 'center' }}>
                      <div className="fb-bar" aria-hidden="true">
                        <span className="fb-bar-above" style={{ width: `${(v.above / total) * 100}%` }} />
                        <span className="fb-bar-meets" style={{ width: `${(v.meets / total) * 100}%` }} />
                        <span className="fb-bar-below" style={{ width: `${(v.below / total) * 100}%` }} />
                      </div>
                      <span>{t('aggregates.countsLabel', { above: v.above, meets: v.meets, below: v.below })}</span>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div>
        <strong>{t('aggregates.comments')}</strong>
        {group.comments && group.comments.length > 0 ? (
          <ul className="fb-comments">
            {group.comments.map((c, i) => (
              <li key={i}>
                <span className="muted">{label(c.core_value)} · </span>
                <RatingPill rating={c.rating} /> {c.comment}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('aggregates.noComments')}</p>
        )}
      </div>
    </section>
  );
}
