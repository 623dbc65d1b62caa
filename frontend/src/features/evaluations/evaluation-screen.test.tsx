import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens, type SessionUser } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import type { EvaluationAllowedActions, EvaluationDetail, EvaluationUserAction } from './api';
import { EvaluationScreen } from './evaluation-detail-page';
import { evaluationDetail, json, signInAs, stubFetch, type Handler } from './test-support';

const page = (items: unknown[] = []) => json({ items, total: items.length, page: 1, per_page: 50 });

/** The context every screen reads: the plan, the cycle, the objection, 360, the trail. */
const context: Handler = ({ method, path }) => {
  if (method !== 'GET') return undefined;
  const p = path.split('?')[0] ?? '';
  if (p === '/api/v1/plans/pl') return json({ id: 'pl', employee_name: 'Dimas, S.Psi.', work_results: [] });
  if (p === '/api/v1/cycles/c')
    return json({
      id: 'c',
      year: 2026,
      name: 'Tahun Penilaian 2026',
      periods: [{ id: 'p', name: 'Triwulan II', seq: 2, is_final: false, starts_on: '2026-04-01', ends_on: '2026-06-30' }],
      policies: { objection: { deadline_days: 14 } },
    });
  if (p === '/api/v1/objections' || p === '/api/v1/me/audit-trail' || p === '/api/v1/employees') return page();
  if (p === '/api/v1/evaluations/e1/feedback') return json({ evaluation_id: 'e1', anonymity_threshold: 3, is_released: true, attributed: [], groups: [] });
  if (p === '/api/v1/evaluations/e1/feedback-requests') return json([]);
  if (p === '/api/v1/reference/core-values') return json([]);
  if (p === '/api/v1/evaluations/e1/explanation') return json({ evaluation_id: 'e1', regime: 'pmpanrb6_2022', inputs: {}, steps: [], predicate: 'good', summary_id: '', summary_en: '' });
  if (p.startsWith('/api/v1/plans/pl/')) return json(p.endsWith('realizations') ? { items: [] } : []);
  return undefined;
};

const as = (who: 'employee' | 'appraiser' | 'hr'): Partial<SessionUser> =>
  who === 'employee'
    ? { username: 'pegawai', employee_id: 'emp' }
    : who === 'appraiser'
      ? { username: 'penilai', employee_id: 'boss' }
      : { username: 'admin', role: 'agency_admin', employee_id: null };

function show(who: 'employee' | 'appraiser' | 'hr', overrides: Partial<EvaluationDetail>, allowed: Partial<EvaluationAllowedActions>, extra?: Handler) {
  signInAs(as(who));
  const calls = stubFetch((req) => extra?.(req) ?? context(req));
  const view = renderWithProviders(<EvaluationScreen detail={evaluationDetail(overrides, allowed)} etag={'"3"'} onReload={vi.fn()} />);
  return { calls, ...view };
}

afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

vi.setConfig({ testTimeout: 15_000 });

/** Each action the server may list, who sees it in which state, and the control it becomes. */
const ACTIONS: { action: EvaluationUserAction; who: 'employee' | 'appraiser' | 'hr'; state: Partial<EvaluationDetail>; control: () => HTMLElement | null }[] = [
  { action: 'start', who: 'employee', state: { status: 'not_started' }, control: () => screen.queryByRole('button', { name: 'Mulai pengisian' }) },
  { action: 'submit', who: 'employee', state: { status: 'filling' }, control: () => screen.queryByRole('button', { name: 'Ajukan untuk dinilai' }) },
  {
    action: 'acknowledge',
    who: 'employee',
    state: { status: 'finalised', result_rating: 'meets', behaviour_rating: 'meets', predicate: 'good', effective_predicate: 'good' },
    control: () => screen.queryByRole('button', { name: 'Konfirmasi penerimaan hasil' }),
  },
  {
    action: 'object',
    who: 'employee',
    state: { status: 'finalised', received_at: '2026-07-20T03:00:00Z', result_rating: 'meets', behaviour_rating: 'meets', predicate: 'good' },
    control: () => screen.queryByRole('button', { name: 'Ajukan keberatan' }),
  },
  { action: 'rate', who: 'appraiser', state: { status: 'awaiting_rating' }, control: () => screen.queryByRole('button', { name: 'Simpan penilaian' }) },
  {
    action: 'rate_numeric_behaviour',
    who: 'appraiser',
    state: { status: 'awaiting_rating', regime: 'pp46_2011' },
    control: () => screen.queryByRole('button', { name: 'Simpan dan hitung' }),
  },
  {
    action: 'calibrate',
    who: 'hr',
    state: { status: 'rated', result_rating: 'meets', behaviour_rating: 'meets', predicate: 'good', effective_predicate: 'good' },
    control: () => screen.queryByRole('button', { name: 'Simpan kalibrasi' }),
  },
  { action: 'manage_raters', who: 'appraiser', state: { status: 'filling' }, control: () => screen.queryByRole('button', { name: 'Pilih penilai otomatis' }) },
  { action: 'nominate_peer', who: 'employee', state: { status: 'filling' }, control: () => screen.queryByRole('button', { name: 'Usulkan' }) },
  {
    action: 'verify',
    who: 'hr',
    state: { status: 'final', content_hash: 'abc', result_rating: 'meets', behaviour_rating: 'meets', predicate: 'good', effective_predicate: 'good' },
    control: () => screen.queryByRole('button', { name: 'Periksa keutuhan' }),
  },
];

describe('EvaluationScreen renders the moves the server allows', () => {
  it.each(ACTIONS)('offers "$action" only when the server lists it', ({ action, who, state, control }) => {
    const { unmount } = show(who, state, { actions: [action], objection_last_day_on: action === 'object' ? '2026-08-03' : null });
    expect(control()).toBeInTheDocument();
    unmount();
    vi.unstubAllGlobals();
    // The same reader, the same state: without the server's word, no control.
    show(who, state, { actions: [] });
    expect(control()).not.toBeInTheDocument();
  });
});

describe('EvaluationScreen for the appraiser', () => {
  it('shows why rating is not possible where the form would be', () => {
    show('appraiser', { status: 'awaiting_rating', period_name: 'Triwulan IV' }, { actions: ['manage_raters'], rating_blocked_reason: 'The period Triwulan IV ends on 2026-12-31; rating opens the day after.' });
    const blocked = screen.getByTestId('rating-blocked');
    expect(within(blocked).getByRole('heading', { name: 'Penilaian belum dapat dilakukan' })).toBeInTheDocument();
    expect(blocked).toHaveTextContent('The period Triwulan IV ends on 2026-12-31; rating opens the day after.');
    expect(screen.queryByTestId('rating-form')).not.toBeInTheDocument();
  });

  it('says in the reader’s language, from the server’s code, when the period ends and rating opens', () => {
    show(
      'appraiser',
      { status: 'awaiting_rating', period_name: 'Triwulan IV' },
      {
        actions: ['manage_raters'],
        rating_blocked_code: 'period_not_ended',
        rating_opens_on: '2027-01-01',
        rating_blocked_reason: 'The period Triwulan IV ends on 2026-12-31; rating opens the day after.',
      },
    );
    const blocked = screen.getByTestId('rating-blocked');
    expect(blocked).toHaveTextContent('Periode Triwulan IV belum berakhir. Penilaian dapat dilakukan mulai 1 Jan 2027.');
    expect(blocked).not.toHaveTextContent('ends on');
    expect(blocked.querySelector('[lang="en"]')).toBeNull();
  });

  it.each([
    ['annual_from_last_period', 'hasil tahunan mengikuti periode terakhir yang dinilai'],
    ['organisation_predicate_missing', 'Predikat kinerja organisasi unit untuk periode ini belum ditetapkan.'],
  ])('translates the blocked code %s', (code, words) => {
    show('appraiser', { status: 'awaiting_rating' }, { actions: [], rating_blocked_code: code, rating_blocked_reason: 'English reason' });
    expect(screen.getByTestId('rating-blocked')).toHaveTextContent(words);
    expect(screen.getByTestId('rating-blocked')).not.toHaveTextContent('English reason');
  });

  it('falls back to the server’s English text, marked as English, for a code it does not know', () => {
    show('appraiser', { status: 'awaiting_rating' }, { actions: [], rating_blocked_code: 'moon_phase', rating_blocked_reason: 'Wait for the full moon.' });
    const blocked = screen.getByTestId('rating-blocked');
    expect(blocked).toHaveTextContent('Alasan yang diberikan server (dalam bahasa Inggris):');
    expect(within(blocked).getByText('Wait for the full moon.')).toHaveAttribute('lang', 'en');
  });

  it('says plainly that a unit head’s organisation predicate is not set yet', () => {
    show(
      'appraiser',
      { status: 'awaiting_rating' },
      {
        actions: [],
        rating_blocked_reason: "The unit's organisation predicate for this period is not set yet; the unit head's result rating follows it.",
        leader: { unit_id: 'u1', organisation_predicate: null, result_rating: null },
      },
    );
    const leader = within(screen.getByTestId('rating-blocked')).getByTestId('leader-result');
    expect(leader).toHaveTextContent('Menunggu predikat kinerja organisasi');
    expect(leader).toHaveTextContent('Predikat kinerja organisasi untuk periode ini belum ditetapkan');
  });

  it('shows a unit head’s result rating read-only in the form before the first rating', () => {
    show('appraiser', { status: 'awaiting_rating' }, { actions: ['rate'], leader: { unit_id: 'u1', organisation_predicate: 'good', result_rating: 'meets' } });
    const form = screen.getByTestId('rating-form');
    expect(within(form).getByTestId('leader-result')).toHaveTextContent('predikat organisasi Baik memberi rating hasil kerja sesuai ekspektasi');
    expect(within(form).queryByRole('group', { name: 'Rating hasil kerja' })).not.toBeInTheDocument();
    expect(within(form).getByRole('group', { name: 'Rating perilaku kerja' })).toBeInTheDocument();
  });

  it('names the people from the evaluation itself', () => {
    show('appraiser', { status: 'rated', result_rating: 'meets', behaviour_rating: 'meets', predicate: 'good' }, { actions: [] });
    expect(screen.getByRole('heading', { name: 'Evaluasi kinerja: Dimas, S.Psi.' })).toBeInTheDocument();
    expect(screen.getByText('Irfan, S.Sos., M.Si.')).toBeInTheDocument();
    expect(screen.getAllByText('H. Joko Lubis, S.IP., M.AP.').length).toBeGreaterThan(0);
  });
});

describe('EvaluationScreen for HR', () => {
  it('calibrates a rated predicate with a reason', async () => {
    const { calls } = show(
      'hr',
      { status: 'rated', result_rating: 'meets', behaviour_rating: 'meets', predicate: 'good', effective_predicate: 'good' },
      { actions: ['calibrate', 'manage_raters'] },
      ({ method, path }) => (method === 'POST' && path === '/api/v1/evaluations/e1/calibrate' ? json({ evaluation_id: 'e1' }) : undefined),
    );
    const panel = screen.getByTestId('calibrate');
    await userEvent.click(within(panel).getByRole('button', { name: 'Simpan kalibrasi' }));
    expect(within(panel).getByText('Pilih predikat.')).toBeInTheDocument();
    expect(within(panel).getByText('Alasan kalibrasi wajib diisi.')).toBeInTheDocument();
    await userEvent.selectOptions(within(panel).getByLabelText('Predikat setelah kalibrasi'), 'needs_improvement');
    await userEvent.click(within(panel).getByLabelText('Alasan kalibrasi'));
    await userEvent.paste('Rapat kalibrasi 2 Des 2026: unit wajib memiliki satu Butuh Perbaikan.');
    await userEvent.click(within(panel).getByRole('button', { name: 'Simpan kalibrasi' }));
    expect(await within(panel).findByText('Predikat dikalibrasi menjadi Butuh Perbaikan.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      predicate: 'needs_improvement',
      reason: 'Rapat kalibrasi 2 Des 2026: unit wajib memiliki satu Butuh Perbaikan.',
    });
  });
});
