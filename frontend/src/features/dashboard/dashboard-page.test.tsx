import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens, type TokenPair } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import type { MyTasks } from './api';
import { DashboardPage } from './dashboard-page';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
const problem = (code: string, status: number) => json({ type: `urn:kinerja:problem:${code}`, title: code, status, detail: `detail of ${code}` }, status);

type Handler = (url: URL) => Response;

/** A fetch answering by "METHOD /path" (query given to the handler); anything else is a 404. */
function serve(routes: Record<string, Handler>) {
  const fetch = vi.fn(async (req: Request) => {
    const url = new URL(req.url);
    const handler = routes[`${req.method} ${url.pathname}`];
    return handler ? handler(url) : problem('not_found', 404);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function signIn(user: Partial<TokenPair['user']>) {
  tokens.set({
    access_token: 'a',
    refresh_token: 'r',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 3600,
    user: { id: 'u', username: 'pegawai', role: 'employee', employee_id: 'emp', must_change_password: false, ...user },
  });
}

afterEach(() => {
  // Unmount first: clearing the tokens would otherwise update the mounted session.
  cleanup();
  vi.unstubAllGlobals();
  tokens.clear();
});

const NONE: MyTasks = {
  employee_id: 'emp',
  my_plans: [{ plan_id: 'plan-26', cycle_id: 'cy', year: 2026, status: 'approved', return_reason: null }],
  cycles_without_plan: [],
  plans_to_approve: 0,
  plans_to_review: 0,
  feedback_to_give: 0,
  feedback_overdue: 0,
  evaluations_to_submit: 0,
  evaluations_to_rate: 0,
  results_to_acknowledge: 0,
  objections_to_decide: 0,
  notifications_unread: 0,
};

const period = (id: string, seq: number, name: string, ends_on: string, finalised_at: string | null) => ({
  id,
  cycle_id: 'cy',
  kind: 'quarterly',
  seq,
  name,
  starts_on: '2026-01-01',
  ends_on,
  fill_deadline_on: '2099-01-10',
  is_final: false,
  status: 'open',
  finalised_at,
});

const CYCLE = {
  id: 'cy',
  agency_id: 'ag',
  year: 2026,
  name: 'Penilaian Kinerja ASN Tahun 2026',
  status: 'running',
  status_label: 'Berjalan',
  regime: 'pmpanrb6_2022',
  period_kind: 'quarterly',
  starts_on: '2026-01-01',
  ends_on: '2026-12-31',
  policies: {},
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 1,
  periods: [
    period('q1', 1, 'Triwulan I', '2026-03-31', '2026-04-15T02:00:00Z'),
    period('q2', 2, 'Triwulan II', '2026-06-30', '2026-07-15T02:00:00Z'),
    period('q3', 3, 'Triwulan III', '2026-09-30', null),
    period('q4', 4, 'Triwulan IV', '2099-12-31', null),
  ],
};

const evaluation = (id: string, period_id: string, status: string, received_at: string | null = null) => ({
  id,
  agency_id: 'ag',
  cycle_id: 'cy',
  period_id,
  plan_id: 'plan-26',
  employee_id: 'emp',
  is_annual: false,
  status,
  regime: 'pmpanrb6_2022',
  received_at,
});

/** The routes every employee page reads besides the tasks. */
function employeeRoutes(tasks: MyTasks, extra: Record<string, Handler> = {}) {
  return serve({
    'GET /api/v1/me/tasks': () => json(tasks),
    'GET /api/v1/me': () => json({ kind: 'user', employee: null }),
    'GET /api/v1/employees/emp': () =>
      json({ id: 'emp', name: 'Dimas, S.Psi.', nip: '199306152021011001', nip_display: '19930615 202101 1 001', asn_type: 'pns', status: 'active', unit_name: 'Bidang Mutasi dan Promosi' }),
    'GET /api/v1/employees/emp/appraiser': () => problem('no_appraiser', 404),
    'GET /api/v1/employees/emp/appraisees': () => json({ items: [] }),
    'GET /api/v1/cycles/cy': () => json(CYCLE),
    ...extra,
  });
}

/** The task tile whose link is named `name`. */
async function tile(name: string | RegExp) {
  const link = await screen.findByRole('link', { name });
  return { link, tile: link.closest('li') as HTMLElement };
}

describe('DashboardPage for an employee', () => {
  it('shows a pegawai each result to acknowledge, named by its period, and their 360 requests with the overdue ones', async () => {
    signIn({});
    const fetch = employeeRoutes(
      { ...NONE, results_to_acknowledge: 2, feedback_to_give: 7, feedback_overdue: 2, evaluations_to_submit: 1, notifications_unread: 5 },
      {
        'GET /api/v1/evaluations': (url) => {
          expect(url.searchParams.get('employee_id')).toBe('emp');
          return json({
            items: [
              evaluation('ev-q1', 'q1', 'final', '2026-04-20T00:00:00Z'),
              evaluation('ev-q3', 'q3', 'finalised'),
              evaluation('ev-q2', 'q2', 'finalised'),
              evaluation('ev-q4', 'q4', 'filling'),
            ],
            total: 4,
            page: 1,
            per_page: 200,
          });
        },
      },
    );
    renderWithProviders(<DashboardPage />);
    expect(await screen.findByRole('heading', { name: 'Yang perlu Anda kerjakan' })).toBeInTheDocument();

    const ack = await tile('Hasil Triwulan II 2026 belum Anda terima');
    expect(ack.link).toHaveAttribute('href', '/evaluations/ev-q2');
    expect(ack.tile).toHaveTextContent('Menerimanya membuka masa pengajuan keberatan');
    expect((await tile('Hasil Triwulan III 2026 belum Anda terima')).link).toHaveAttribute('href', '/evaluations/ev-q3');

    const feedback = await tile('7 permintaan umpan balik 360 menunggu jawaban Anda');
    expect(feedback.link).toHaveAttribute('href', '/feedback');
    expect(feedback.tile).toHaveTextContent('2 di antaranya sudah melewati batas waktu.');
    expect(feedback.tile).toHaveTextContent('Mendesak');

    const submit = await tile('Evaluasi Triwulan IV 2026 menunggu pengajuan Anda');
    expect(submit.link).toHaveAttribute('href', '/evaluations/ev-q4');
    expect(submit.tile).toHaveTextContent('Batas pengisian 10 Jan 2099.');

    expect((await tile('5 notifikasi belum dibaca')).link).toHaveAttribute('href', '/notifications');
    expect(screen.getByText('5 hal menunggu Anda.')).toBeInTheDocument();
    // The most urgent first.
    const names = within(screen.getByRole('list', { name: 'Tugas Anda' }))
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(names[0]).toBe('7 permintaan umpan balik 360 menunggu jawaban Anda');
    expect(names.at(-1)).toBe('5 notifikasi belum dibaca');
    // The profile cards stay below.
    expect(screen.getByRole('heading', { name: 'Profil saya' })).toBeInTheDocument();
    expect(await screen.findByText('19930615 202101 1 001')).toBeInTheDocument();
    expect(screen.getByText(/Selamat datang, Dimas, S\.Psi\./)).toBeInTheDocument();
    expect(await screen.findByText('Belum ada pejabat penilai yang ditetapkan untuk Anda.')).toBeInTheDocument();
    expect(fetch.mock.calls.some(([r]) => new URL((r as Request).url).pathname === '/api/v1/evaluations')).toBe(true);
  });

  it('shows an appraiser the evaluations to rate and the plan to approve, filtered', async () => {
    signIn({ username: 'penilai' });
    employeeRoutes({ ...NONE, evaluations_to_rate: 2, plans_to_approve: 1 });
    renderWithProviders(<DashboardPage />);
    expect((await tile('2 evaluasi menunggu penilaian Anda')).link).toHaveAttribute('href', '/evaluations?tab=appraisees&state=awaiting_rating');
    expect((await tile('1 SKP menunggu persetujuan Anda')).link).toHaveAttribute('href', '/plans?view=to-approve');
  });

  it('shows the appraiser’s superior the objection to decide', async () => {
    signIn({ username: 'atasan' });
    employeeRoutes({ ...NONE, objections_to_decide: 1 });
    renderWithProviders(<DashboardPage />);
    const { link, tile: el } = await tile('1 keberatan menunggu keputusan Anda');
    expect(link).toHaveAttribute('href', '/objections');
    expect(el).toHaveTextContent('Sebagai atasan pejabat penilai');
  });

  it('asks a newcomer to create their plan for the open cycle', async () => {
    signIn({ username: 'pegawaibaru' });
    employeeRoutes({ ...NONE, my_plans: [], cycles_without_plan: [{ cycle_id: 'cy', year: 2026, name: 'Penilaian Kinerja ASN Tahun 2026' }] });
    renderWithProviders(<DashboardPage />);
    const { link, tile: el } = await tile('SKP 2026 belum dibuat');
    expect(link).toHaveAttribute('href', '/plans/new?cycle=cy');
    expect(el).toHaveTextContent('Penilaian Kinerja ASN Tahun 2026 sudah dibuka');
    expect(screen.getByText('1 hal menunggu Anda.')).toBeInTheDocument();
  });

  it('shows why a plan was returned and what waits on others', async () => {
    signIn({});
    employeeRoutes({
      ...NONE,
      my_plans: [
        { plan_id: 'plan-27', cycle_id: 'cy27', year: 2027, status: 'draft', return_reason: 'Lengkapi indikator waktu.' },
        { plan_id: 'plan-26b', cycle_id: 'cy', year: 2026, status: 'submitted', return_reason: null },
      ],
    });
    renderWithProviders(<DashboardPage />);
    const { link, tile: el } = await tile('SKP 2027 dikembalikan kepada Anda');
    expect(link).toHaveAttribute('href', '/plans/plan-27');
    expect(el).toHaveTextContent('Catatan: “Lengkapi indikator waktu.”');
    expect(screen.getByRole('link', { name: 'SKP 2026 menunggu persetujuan pejabat penilai' })).toHaveAttribute('href', '/plans/plan-26b');
  });

  it('says clearly when there is nothing to do', async () => {
    signIn({});
    employeeRoutes(NONE);
    renderWithProviders(<DashboardPage />);
    expect(await screen.findByText('Tidak ada tugas')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Tugas Anda' })).not.toBeInTheDocument();
  });

  it('shows a failure to read the tasks and reads them again on request', async () => {
    signIn({});
    let fail = true;
    employeeRoutes(NONE, { 'GET /api/v1/me/tasks': () => (fail ? problem('internal', 500) : json(NONE)) });
    renderWithProviders(<DashboardPage />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('detail of internal');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Muat ulang' }));
    expect(await screen.findByText('Tidak ada tugas')).toBeInTheDocument();
  });
});

const PROGRESS = {
  cycle_id: 'cy',
  period_id: 'q4',
  today: '2026-12-01',
  fill_deadline_on: '2027-01-10',
  is_past_deadline: false,
  agency: {
    employees: 306,
    plans_draft: 0,
    plans_submitted: 1,
    plans_approved: 305,
    indicators_realized: 1221,
    indicators_total: 2679,
    feedback_answered: 423,
    feedback_total: 1503,
    evaluations_rated: 0,
    evaluations_total: 305,
    predicates_set: 0,
    units: 23,
    overdue_realizations: 0,
    overdue_evaluations: 0,
    overdue_feedback: 0,
  },
  units: [],
};

function hrRoutes(tasks: Partial<MyTasks> = {}) {
  return serve({
    'GET /api/v1/me/tasks': () => json({ ...NONE, employee_id: null, my_plans: [], ...tasks }),
    'GET /api/v1/me': () => json({ kind: 'user', employee: null }),
    'GET /api/v1/units': () => json({ items: [], total: 23, page: 1, per_page: 1 }),
    'GET /api/v1/employees': () => json({ items: [], total: 306, page: 1, per_page: 1 }),
    'GET /api/v1/cycles': () => json({ items: [{ ...CYCLE, year: 2027, id: 'cy27', status: 'planning' }, CYCLE], total: 2, page: 1, per_page: 100 }),
    'GET /api/v1/cycles/cy': () => json(CYCLE),
    'GET /api/v1/cycles/cy/progress': () => json(PROGRESS),
  });
}

describe('DashboardPage for HR', () => {
  it('shows the running year’s progress headline, the period to finalise, the plans to review and the shortcuts', async () => {
    signIn({ username: 'admin', role: 'agency_admin', employee_id: null });
    hrRoutes({ plans_to_review: 3 });
    renderWithProviders(<DashboardPage />);
    const headline = await screen.findByRole('region', { name: 'Progres Penilaian Kinerja ASN Tahun 2026' });
    await waitFor(() => expect(headline).toHaveTextContent('SKP disetujui100%305 dari 306'));
    expect(headline).toHaveTextContent('Realisasi terisi46%1.221 dari 2.679');
    expect(headline).toHaveTextContent('Umpan balik 360 dijawab28%423 dari 1.503');
    expect(headline).toHaveTextContent('Evaluasi dinilai0%0 dari 305');
    expect(headline).toHaveTextContent('Belum jatuh tempo');
    expect(await within(headline).findByText(/Triwulan IV · batas pengisian 10 Jan 2027/)).toBeInTheDocument();
    expect(within(headline).getByRole('link', { name: 'Lihat progres per unit' })).toHaveAttribute('href', '/cycles/cy/progress');

    expect((await tile('Triwulan III 2026 belum difinalisasi')).link).toHaveAttribute('href', '/calibration?cycle=cy&period=q3');
    expect(screen.queryByRole('link', { name: /Triwulan II 2026 belum difinalisasi/ })).not.toBeInTheDocument();
    expect((await tile('3 SKP menunggu reviu pengelola kinerja')).link).toHaveAttribute('href', '/plans?view=all&status=submitted');

    const shortcuts = screen.getByRole('navigation', { name: 'Pintasan' });
    expect(within(shortcuts).getByRole('link', { name: 'Distribusi & kalibrasi' })).toHaveAttribute('href', '/calibration');
    expect(within(shortcuts).getByRole('link', { name: 'Tindak lanjut' })).toHaveAttribute('href', '/follow-up');
    // The agency counts stay.
    expect(await screen.findByRole('link', { name: /23\s*Unit organisasi/ })).toHaveAttribute('href', '/units');
  });

  it('shows overdue figures once the fill-in deadline has passed', async () => {
    signIn({ username: 'admin', role: 'agency_admin', employee_id: null });
    hrRoutes();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        const path = new URL(req.url).pathname;
        if (path === '/api/v1/cycles/cy/progress')
          return json({ ...PROGRESS, is_past_deadline: true, agency: { ...PROGRESS.agency, overdue_realizations: 40, overdue_evaluations: 2, overdue_feedback: 5 } });
        if (path === '/api/v1/cycles') return json({ items: [CYCLE], total: 1, page: 1, per_page: 100 });
        if (path === '/api/v1/cycles/cy') return json(CYCLE);
        if (path === '/api/v1/me/tasks') return json({ ...NONE, employee_id: null, my_plans: [] });
        return json({ items: [], total: 0, page: 1, per_page: 1 });
      }),
    );
    renderWithProviders(<DashboardPage />);
    const headline = await screen.findByRole('region', { name: 'Progres Penilaian Kinerja ASN Tahun 2026' });
    await waitFor(() => expect(headline).toHaveTextContent('Terlambat47'));
    expect(headline).toHaveTextContent('40 realisasi · 2 evaluasi · 5 umpan balik');
    expect(headline).toHaveTextContent('Batas pengisian sudah lewat');
  });

  it('gives an auditor the headline without the finalisation task', async () => {
    signIn({ username: 'auditor', role: 'auditor', employee_id: null });
    hrRoutes();
    renderWithProviders(<DashboardPage />);
    const headline = await screen.findByRole('region', { name: 'Progres Penilaian Kinerja ASN Tahun 2026' });
    await waitFor(() => expect(headline).toHaveTextContent('SKP disetujui100%'));
    expect(screen.queryByRole('heading', { name: 'Yang perlu Anda kerjakan' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /belum difinalisasi/ })).not.toBeInTheDocument();
  });
});
