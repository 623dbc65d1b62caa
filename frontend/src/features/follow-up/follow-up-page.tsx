//! Tindak lanjut: the reports HR acts on after the results are set, one tab each (kept in the
//! URL with its filters): award candidates, development needs, promotion eligibility, credit
//! points of functional positions, PPPK contract recommendations.
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { SelectField, TextField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { StatusBadge } from '@/components/status-badge';
import { Tabs } from '@/components/tabs';
import {
  EMPLOYEE_PREDICATES,
  PredicatePill,
  useAppraisalLabels,
  useCycle,
  useCycles,
  useUnitDirectory,
  type CycleView,
} from '@/features/cycles';
import i18n from 'i18next';
import { formatDate, formatNumber } from '@/lib/i18n/format';
import {
  useAwardCandidates,
  useCreditPoints,
  useDevelopmentNeeds,
  usePppkContracts,
  usePromotionEligibility,
  type AwardCandidate,
  type CreditPoints,
  type DevelopmentNeed,
  type PppkContract,
  type PromotionEligibility,
} from './api';
import { useFollowUpT } from './i18n';
import { ReportView, type ReportColumn } from './report-view';
import './follow-up.css';

export const TABS = ['awards', 'development', 'promotion', 'credit', 'pppk'] as const;
export type Tab = (typeof TABS)[number];
const PER_PAGE = 100;

/** The cycle whose annual results the reports read by default: the latest closed one. */
export function defaultReportCycle(cycles: readonly Pick<CycleView, 'id' | 'status'>[]): string | null {
  return (cycles.find((c) => c.status === 'closed') ?? cycles[0])?.id ?? null;
}

/** Credit points as the API gives them (2 decimals), in the reader's notation. */
export function formatCredit(value: string): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  return new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function FollowUpPage() {
  const { t } = useFollowUpT();
  const labels = useAppraisalLabels();
  const units = useUnitDirectory();
  const cycles = useCycles();
  const [search, setSearch] = useSearchParams();
  const tabParam = search.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'awards';
  const cycleId = search.get('cycle') ?? (cycles.data ? defaultReportCycle(cycles.data.items) : null);
  const cycle = useCycle(cycleId);
  const unitId = search.get('unit');
  const page = Math.max(1, Number(search.get('page')) || 1);
  const asOf = search.get('as_of') ?? todayIso();
  const predicate = search.get('predicate') ?? '';
  const eligible = search.get('eligible') ?? '';
  const recommendation = search.get('recommendation') ?? '';

  const set = (changes: Record<string, string | null>, replace = false) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setSearch(next, { replace });
  };

  useEffect(() => {
    if (!search.get('cycle') && cycleId) set({ cycle: cycleId }, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cycleId]);

  const q = { cycleId, unitId, page, perPage: PER_PAGE };
  const awards = useAwardCandidates(q, tab === 'awards');
  const development = useDevelopmentNeeds(q, tab === 'development');
  const credit = useCreditPoints(q, tab === 'credit');
  const pppk = usePppkContracts(q, tab === 'pppk');
  const promotion = usePromotionEligibility({ asOf, unitId, page, perPage: PER_PAGE }, tab === 'promotion');

  /** The server names each row's unit; the unit directory covers rows without a name. */
  const unitName = (r: { unit_id?: string | null; unit_name?: string | null }) => r.unit_name ?? (r.unit_id ? (units.names.get(r.unit_id) ?? '—') : '—');
  const periodName = (id: string) => cycle.data?.cycle.periods?.find((p) => p.id === id)?.name ?? '—';
  const year = cycle.data?.cycle.year ?? '';
  const onPage = (p: number) => set({ page: p > 1 ? String(p) : null });
  const blocked = cycles.data && cycles.data.items.length === 0 ? t('noCycle') : undefined;
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));

  const person = <T extends { name: string; nip: string; unit_id?: string | null; unit_name?: string | null }>(): ReportColumn<T>[] => [
    {
      key: 'name',
      header: t('col.nameNip'),
      csvHeader: t('col.name'),
      render: (r) => (
        <span className="fu-person">
          <span className="fu-name">{r.name}</span>
          <span className="mono muted">{r.nip}</span>
        </span>
      ),
      csv: (r) => r.name,
    },
    { key: 'nip', header: t('col.nip'), render: (r) => r.nip, csv: (r) => r.nip, csvOnly: true },
    { key: 'unit', header: t('col.unit'), render: (r) => <span className="fu-unit">{unitName(r)}</span>, csv: (r) => unitName(r) },
  ];

  const awardColumns: ReportColumn<AwardCandidate>[] = [
    ...person<AwardCandidate>(),
    { key: 'predicate', header: t('col.predicate'), render: (r) => <PredicatePill value={r.predicate} />, csv: (r) => labels.predicate(r.predicate) },
    {
      key: 'innovation',
      header: t('col.innovation'),
      render: (r) =>
        r.has_innovation ? (
          <span className="fu-innovation">
            <StatusBadge tone="success">{t('innovationYes')}</StatusBadge> {r.innovation_note ?? ''}
          </span>
        ) : (
          <span className="muted">{t('innovationNo')}</span>
        ),
      csv: (r) => (r.has_innovation ? r.innovation_note || t('innovationYes') : ''),
    },
    { key: 'status', header: t('col.status'), render: (r) => labels.evaluationState(r.status), csv: (r) => labels.evaluationState(r.status) },
  ];

  const developmentColumns: ReportColumn<DevelopmentNeed>[] = [
    ...person<DevelopmentNeed>(),
    { key: 'period', header: t('col.period'), render: (r) => (r.is_annual ? t('annual') : periodName(r.period_id)), csv: (r) => (r.is_annual ? t('annual') : periodName(r.period_id)) },
    {
      key: 'ratings',
      header: t('col.ratings'),
      render: (r) => (
        <span className="fu-ratings">
          <span>
            {t('result')}: <strong className={r.result_rating === 'below' ? 'fu-below' : undefined}>{labels.rating(r.result_rating)}</strong>
          </span>
          <span>
            {t('behaviour')}: <strong className={r.behaviour_rating === 'below' ? 'fu-below' : undefined}>{labels.rating(r.behaviour_rating)}</strong>
          </span>
        </span>
      ),
      csv: (r) => `${t('result')}: ${labels.rating(r.result_rating)}; ${t('behaviour')}: ${labels.rating(r.behaviour_rating)}`,
      csvHeader: t('col.ratings'),
    },
    { key: 'predicate', header: t('col.predicate'), render: (r) => <PredicatePill value={r.predicate ?? null} />, csv: (r) => (r.predicate ? labels.predicate(r.predicate) : '') },
    {
      key: 'values',
      header: t('col.coreValues'),
      render: (r) =>
        r.core_values.length ? (
          <ul className="fu-list">
            {r.core_values.map((v) => (
              <li key={`${v.core_value}-${v.source}`}>
                <strong>{labels.coreValue(v.core_value)}</strong>{' '}
                <span className="muted">
                  {v.source === 'feedback_360' ? t('source360', { below: v.below, answers: v.answers }) : t('sourceAppraiser')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">—</span>
        ),
      csv: (r) =>
        r.core_values
          .map((v) => `${labels.coreValue(v.core_value)} (${v.source === 'feedback_360' ? t('source360', { below: v.below, answers: v.answers }) : t('sourceAppraiser')})`)
          .join('; '),
    },
    {
      key: 'topics',
      header: t('col.topics'),
      render: (r) => {
        const topics = [...new Set([...r.result_topics, ...r.core_values.flatMap((v) => v.suggested_topics)])];
        return topics.length ? (
          <ul className="fu-list fu-topics">
            {topics.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">—</span>
        );
      },
      csv: (r) => [...new Set([...r.result_topics, ...r.core_values.flatMap((v) => v.suggested_topics)])].join('; '),
    },
  ];

  const blockerText = (b: PromotionEligibility['blockers'][number], r: PromotionEligibility) =>
    t(`blocker.${b.code}`, { defaultValue: b.message, year: b.year ?? '', since: formatDate(r.rank_since_on) });
  const promotionColumns: ReportColumn<PromotionEligibility>[] = [
    ...person<PromotionEligibility>(),
    { key: 'golongan', header: t('col.golongan'), render: (r) => r.golongan ?? '—', csv: (r) => r.golongan ?? '' },
    { key: 'since', header: t('col.rankSince'), render: (r) => <span className="nowrap">{formatDate(r.rank_since_on)}</span>, csv: (r) => r.rank_since_on ?? '' },
    {
      key: 'predicates',
      header: t('col.annualPredicates'),
      render: (r) =>
        r.annual_predicates.length ? (
          <span className="fu-years">
            {r.annual_predicates.map((y) => (
              <span key={y.year}>
                {y.year}: <PredicatePill value={y.predicate} />
              </span>
            ))}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
      csv: (r) => r.annual_predicates.map((y) => `${y.year}: ${labels.predicate(y.predicate)}`).join('; '),
    },
    {
      key: 'eligible',
      header: t('col.eligible'),
      render: (r) => <StatusBadge tone={r.is_eligible ? 'success' : 'neutral'}>{r.is_eligible ? t('eligibleYes') : t('eligibleNo')}</StatusBadge>,
      csv: (r) => yesNo(r.is_eligible),
    },
    {
      key: 'blockers',
      header: t('col.blockers'),
      render: (r) =>
        r.blockers.length ? (
          <ul className="fu-list">
            {r.blockers.map((b, i) => (
              <li key={i} title={b.message}>
                {blockerText(b, r)}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">—</span>
        ),
      csv: (r) => r.blockers.map((b) => blockerText(b, r)).join('; '),
    },
  ];

  const creditColumns: ReportColumn<CreditPoints>[] = [
    ...person<CreditPoints>(),
    { key: 'level', header: t('col.level'), render: (r) => labels.functionalLevel(r.functional_level), csv: (r) => labels.functionalLevel(r.functional_level) },
    { key: 'predicate', header: t('col.predicate'), render: (r) => <PredicatePill value={r.predicate} />, csv: (r) => labels.predicate(r.predicate) },
    { key: 'months', header: t('col.months'), render: (r) => <span className="adm-num fu-block">{formatNumber(r.months)}</span>, csv: (r) => r.months },
    {
      key: 'annual',
      header: t('col.annualCredit'),
      render: (r) => <span className="adm-num fu-block">{formatCredit(r.annual_credit_points)}</span>,
      csv: (r) => r.annual_credit_points,
    },
    {
      key: 'credit',
      header: t('col.credit'),
      render: (r) => (
        <span className="adm-num fu-block" title={r.months < 12 ? t('proRata', { months: r.months }) : undefined}>
          <strong>{formatCredit(r.credit_points)}</strong>
          {r.months < 12 ? <span className="muted fu-prorata"> {t('proRataShort', { months: r.months })}</span> : null}
        </span>
      ),
      csv: (r) => r.credit_points,
    },
  ];

  const pppkColumns: ReportColumn<PppkContract>[] = [
    ...person<PppkContract>().map((c) => (c.key === 'nip' ? { ...c, header: t('col.niPppk'), csvHeader: t('col.niPppk') } : c.key === 'name' ? { ...c, header: t('col.nameNi') } : c)),
    { key: 'predicate', header: t('col.annualPredicate'), render: (r) => <PredicatePill value={r.predicate} />, csv: (r) => labels.predicate(r.predicate) },
    {
      key: 'recommendation',
      header: t('col.recommendation'),
      render: (r) => (
        <StatusBadge tone={r.recommendation === 'extend' ? 'success' : 'warning'} title={r.rule}>
          {t(`recommendation.${r.recommendation}`, { defaultValue: r.recommendation })}
        </StatusBadge>
      ),
      csv: (r) => t(`recommendation.${r.recommendation}`, { defaultValue: r.recommendation }),
    },
    { key: 'rule', header: t('col.rule'), render: (r) => <span className="muted fu-rule">{r.rule}</span>, csv: (r) => r.rule },
  ];

  const predicateFilter = (
    <SelectField
      label={t('filter.predicate')}
      value={predicate}
      placeholder={t('filter.any')}
      onChange={(e) => set({ predicate: e.target.value })}
      options={EMPLOYEE_PREDICATES.map((p) => ({ value: p, label: labels.predicate(p) }))}
      hint={t('filter.onScreen')}
    />
  );
  const byPredicate = predicate ? (r: { predicate?: string | null }) => r.predicate === predicate : undefined;

  return (
    <div className="stack">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Tabs
        label={t('tabsLabel')}
        tabs={TABS.map((id) => ({ id, label: t(`tab.${id}`) }))}
        selected={tab}
        onSelect={(id) => set({ tab: id === 'awards' ? null : id, page: null, predicate: null, eligible: null, recommendation: null })}
      >
        <p className="muted fu-intro">{t(`intro.${tab}`)}</p>
        <div className="adm-filters row">
          {tab === 'promotion' ? (
            <TextField label={t('filter.asOf')} type="date" value={asOf} onChange={(e) => set({ as_of: e.target.value, page: null })} hint={t('filter.asOfHint')} />
          ) : (
            <SelectField
              label={t('filter.cycle')}
              value={cycleId ?? ''}
              onChange={(e) => set({ cycle: e.target.value, page: null })}
              options={(cycles.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.year} · ${c.name} (${labels.cycleState(c.status)})` }))}
            />
          )}
          <SelectField
            label={t('filter.unit')}
            value={unitId ?? ''}
            placeholder={t('filter.allUnits')}
            onChange={(e) => set({ unit: e.target.value, page: null })}
            options={units.options}
          />
          {tab === 'development' || tab === 'credit' || tab === 'pppk' ? predicateFilter : null}
          {tab === 'promotion' ? (
            <SelectField
              label={t('filter.eligible')}
              value={eligible}
              placeholder={t('filter.any')}
              onChange={(e) => set({ eligible: e.target.value })}
              options={[
                { value: 'yes', label: t('eligibleYes') },
                { value: 'no', label: t('eligibleNo') },
              ]}
              hint={t('filter.onScreen')}
            />
          ) : null}
          {tab === 'pppk' ? (
            <SelectField
              label={t('filter.recommendation')}
              value={recommendation}
              placeholder={t('filter.any')}
              onChange={(e) => set({ recommendation: e.target.value })}
              options={(['extend', 'review'] as const).map((r) => ({ value: r, label: t(`recommendation.${r}`) }))}
              hint={t('filter.onScreen')}
            />
          ) : null}
        </div>
        {tab === 'awards' ? (
          <ReportView<AwardCandidate>
            caption={t('tab.awards')}
            query={awards}
            columns={awardColumns}
            rowKey={(r) => r.evaluation_id}
            filename={t('file.awards', { year })}
            empty={t('empty.awards')}
            onPage={onPage}
            blocked={blocked}
          />
        ) : null}
        {tab === 'development' ? (
          <ReportView<DevelopmentNeed>
            caption={t('tab.development')}
            query={development}
            columns={developmentColumns}
            rowKey={(r) => r.evaluation_id}
            filter={byPredicate}
            filename={t('file.development', { year })}
            empty={t('empty.development')}
            onPage={onPage}
            blocked={blocked}
          />
        ) : null}
        {tab === 'promotion' ? (
          <ReportView<PromotionEligibility>
            caption={t('tab.promotion')}
            query={promotion}
            columns={promotionColumns}
            rowKey={(r) => r.employee_id}
            filter={eligible ? (r) => r.is_eligible === (eligible === 'yes') : undefined}
            filename={t('file.promotion', { date: asOf })}
            empty={t('empty.promotion')}
            onPage={onPage}
          />
        ) : null}
        {tab === 'credit' ? (
          <ReportView<CreditPoints>
            caption={t('tab.credit')}
            query={credit}
            columns={creditColumns}
            rowKey={(r) => r.evaluation_id}
            filter={byPredicate}
            filename={t('file.credit', { year })}
            empty={t('empty.credit')}
            onPage={onPage}
            blocked={blocked}
          />
        ) : null}
        {tab === 'pppk' ? (
          <ReportView<PppkContract>
            caption={t('tab.pppk')}
            query={pppk}
            columns={pppkColumns}
            rowKey={(r) => r.evaluation_id}
            filter={
              predicate || recommendation
                ? (r) => (!predicate || r.predicate === predicate) && (!recommendation || r.recommendation === recommendation)
                : undefined
            }
            filename={t('file.pppk', { year })}
            empty={t('empty.pppk')}
            onPage={onPage}
            blocked={blocked}
          />
        ) : null}
      </Tabs>
    </div>
  );
}
