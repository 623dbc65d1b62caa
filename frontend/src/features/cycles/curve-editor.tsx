//! The distribution curve (pola distribusi) of a cycle as sentences, one block per organisation
//! predicate; share rules have their percentage editable. Which rules exist is configuration
//! read from the policy, never decided here.
import { useWatch, type UseFormReturn } from 'react-hook-form';
import type { CycleFormValues } from './cycle-form';
import { useCyclesT } from './i18n';
import { useAppraisalLabels } from './labels';
import { CURVE_KEYS, type DistributionRule } from './policies';

/** "Sangat Baik" / "Butuh Perbaikan atau Kurang". */
export function usePredicateList() {
  const { t } = useCyclesT();
  const labels = useAppraisalLabels();
  return (predicates: readonly string[]) => predicates.map((p) => labels.predicate(p)).join(t('curve.or'));
}

/** One rule of the curve in words, with its share as given ("70%"). */
export function useRuleSentence() {
  const { t } = useCyclesT();
  const list = usePredicateList();
  return (rule: Pick<DistributionRule, 'rule' | 'predicates'> & { share?: string }, share?: string) =>
    t(`curve.rule.${rule.rule}`, { predicates: list(rule.predicates), share: share ?? '' });
}

export function CurveEditor({ form }: { form: UseFormReturn<CycleFormValues> }) {
  const { t } = useCyclesT();
  const labels = useAppraisalLabels();
  const list = usePredicateList();
  const { register, formState, control } = form;
  const curve = useWatch({ control, name: 'policies.distribution.policy' });
  return (
    <div className="cy-curve">
      <h3 className="cy-curve-title">{t('curve.title')}</h3>
      <div className="cy-curve-grid">
        {CURVE_KEYS.map((key) => {
          const rules = curve[key] ?? [];
          return (
            <div key={key} className="cy-curve-block">
              <h4>{t('curve.when', { predicate: labels.orgPredicate(key) })}</h4>
              {rules.length === 0 ? <p className="muted">{t('curve.noRules')}</p> : null}
              <ul className="plain-list">
                {rules.map((r, i) => {
                  const error = formState.errors.policies?.distribution?.policy?.[key]?.[i]?.percent?.message;
                  if (r.rule === 'max_share' || r.rule === 'min_share') {
                    const id = `curve-${key}-${i}`;
                    return (
                      <li key={i} className="cy-curve-rule">
                        <label htmlFor={id}>{t(`curve.ruleLead.${r.rule}`, { predicates: list(r.predicates) })}</label>
                        <span className="cy-curve-share">
                          <input
                            id={id}
                            type="number"
                            min={0}
                            max={100}
                            step="any"
                            aria-invalid={error ? true : undefined}
                            aria-label={t(`curve.shareLabel.${r.rule}`, { predicates: list(r.predicates), predicate: labels.orgPredicate(key) })}
                            {...register(`policies.distribution.policy.${key}.${i}.percent`, {
                              required: t('common.required'),
                              validate: (v: string) => (Number(v) >= 0 && Number(v) <= 100) || t('curve.percentRange'),
                            })}
                          />
                          %
                        </span>
                        {error ? (
                          <span className="field-error" role="alert">
                            {error}
                          </span>
                        ) : null}
                      </li>
                    );
                  }
                  return (
                    <li key={i} className="cy-curve-rule cy-curve-fixed">
                      {t(`curve.rule.${r.rule}`, { predicates: list(r.predicates) })}
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </div>
    </div>
  );
}
