import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router';
import { tokens, type TokenPair } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import type { PlanView } from './api';
import { EvidenceForms } from './evidence';
import { PlanCreatePage } from './plan-create-page';
import { PlanPage } from './plan-page';
import { PlanSettingsDialog } from './plan-settings-dialog';
import { MatrixPage } from './matrix-page';
import { RealizationsTab } from './realizations-tab';
import { WorkflowBar } from './workflow-bar';
import { WorkResultDialog } from './work-result-dialog';

function respond(status: number, body: unknown) {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

function problem(code: string, status: number, detail = `detail of ${code}`) {
  return respond(status, { type: `urn:kinerja:problem:${code}`, title: code, status, detail });
}

type Handler = (req: Request) => Response | Promise<Response>;

/** A fetch answering by "METHOD /path" (query ignored); anything else is a 404. */
function serve(routes: Record<string, Handler>) {
  const fetch = vi.fn(async (req: Request) => {
    const url = new URL(req.url);
    const handler = routes[`${req.method} ${url.pathname}`];
    return handler ? handler(req) : problem('not_found', 404);
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
    user: { id: 'u', username: 'dimas', role: 'employee', employee_id: 'emp-1', must_change_password: false, ...user },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  tokens.clear();
});

const PLAN: PlanView = {
  id: 'plan-1',
  agency_id: 'ag',
  cycle_id: 'cy',
  employee_id: 'emp-1',
  employee_name: 'Dimas, S.Psi.',
  employee_nip: '199306152021011001',
  revision: 1,
  starts_on: '2026-01-01',
  ends_on: '2026-12-31',
  approach: 'quantitative',
  form: 'non_jpt',
  appraiser_employee_id: 'emp-2',
  appraiser_name: 'H. Joko Lubis, S.IP., M.AP.',
  status: 'draft',
  status_label: 'Draf',
  created_at: '2026-01-05T00:00:00Z',
  updated_at: '2026-01-05T00:00:00Z',
  version: 1,
  work_results: [
    {
      id: 'wr-1',
      plan_id: 'plan-1',
      kind: 'main',
      seq: 1,
      description: 'Terverifikasinya usulan mutasi',
      cascades_from_id: 'lead-1',
      cascades_from_description: 'Terlaksananya mutasi berbasis merit',
      indicators: [
        {
          id: 'ind-1',
          work_result_id: 'wr-1',
          seq: 1,
          aspect: 'quantity',
          description: 'Jumlah berkas',
          direction: 'higher',
          target_min: '30',
          target_max: '30',
          unit: 'berkas',
          is_target_maximum: false,
        },
      ],
    },
  ],
  expectations: [{ core_value: 'kolaboratif', label: 'Kolaboratif', guidelines: ['Memberi kesempatan'], expectation: 'Aktif berbagi data' }],
  annexes: { resources: ['Aplikasi SIASN'], accountability: [], consequences: [] },
  history: [{ id: 'plan-1', revision: 1, status: 'draft', created_at: '2026-01-05T00:00:00Z' }],
};

describe('WorkResultDialog', () => {
  it('explains, naming the appraiser, that their plan must be approved before cascading', async () => {
    serve({ 'GET /api/v1/plans/plan-1/cascade-options': () => problem('appraiser_plan_not_approved', 422, 'H. Joko Lubis, your appraiser, has no approved plan') });
    renderWithProviders(<WorkResultDialog plan={PLAN} workResult={null} open onClose={vi.fn()} />);
    expect(await screen.findByText('SKP pejabat penilai belum disetujui')).toBeInTheDocument();
    expect(screen.getByText(/H\. Joko Lubis, S\.IP\., M\.AP\., pejabat penilai Anda, belum memiliki SKP yang disetujui/)).toBeInTheDocument();
    expect(screen.getByText(/Pesan server: H\. Joko Lubis, your appraiser/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Hasil kerja pimpinan yang diintervensi')).not.toBeInTheDocument();
  });

  it('offers the leader’s approved work results and sends the chosen one', async () => {
    let sent: unknown = null;
    serve({
      'GET /api/v1/plans/plan-1/cascade-options': () =>
        respond(200, {
          appraiser_plan_id: 'lead-plan',
          appraiser_name: 'H. Joko Lubis',
          work_results: [{ id: 'lead-1', plan_id: 'lead-plan', kind: 'main', seq: 1, description: 'Terlaksananya mutasi berbasis merit', indicators: [] }],
        }),
      'POST /api/v1/plans/plan-1/work-results': async (req) => {
        sent = await req.json();
        return respond(201, { ...(sent as object), id: 'wr-9', plan_id: 'plan-1', seq: 2, indicators: [] });
      },
    });
    const onClose = vi.fn();
    renderWithProviders(<WorkResultDialog plan={PLAN} workResult={null} open onClose={onClose} />);
    await userEvent.selectOptions(await screen.findByLabelText('Hasil kerja pimpinan yang diintervensi'), 'lead-1');
    await userEvent.type(screen.getByLabelText('Rencana hasil kerja'), 'Tersusunnya rekomendasi');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toMatchObject({ kind: 'main', description: 'Tersusunnya rekomendasi', cascades_from_id: 'lead-1', assigned_by: null });
  });

  it('asks a JPT main result who assigned it, and never for a cascade', async () => {
    const fetch = serve({});
    renderWithProviders(<WorkResultDialog plan={{ ...PLAN, form: 'jpt' }} workResult={null} open onClose={vi.fn()} />);
    expect(screen.getByLabelText('Penugasan dari')).toBeInTheDocument();
    expect(screen.getByLabelText('Perspektif')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Rencana hasil kerja'), 'Meningkatnya kualitas layanan');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Wajib diisi')).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('WorkflowBar', () => {
  it('shows only the allowed actions, and a return needs a reason', async () => {
    const fetch = serve({ 'POST /api/v1/plans/plan-1/return': () => respond(200, { ...PLAN, status: 'draft' }) });
    const onDone = vi.fn();
    renderWithProviders(<WorkflowBar plan={{ ...PLAN, status: 'submitted' }} actions={['approve', 'return']} canReassign={false} onDone={onDone} />);
    const bar = screen.getByRole('group', { name: 'Tindakan SKP' });
    expect(within(bar).getByRole('button', { name: 'Setujui' })).toBeInTheDocument();
    expect(within(bar).queryByRole('button', { name: 'Ajukan ke pejabat penilai' })).not.toBeInTheDocument();
    expect(within(bar).queryByRole('button', { name: 'Batalkan SKP' })).not.toBeInTheDocument();

    await userEvent.click(within(bar).getByRole('button', { name: 'Kembalikan' }));
    const dialog = screen.getByRole('dialog', { name: 'Kembalikan SKP' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Kembalikan' }));
    expect(await within(dialog).findByText('Wajib diisi')).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
    await userEvent.type(within(dialog).getByLabelText('Alasan pengembalian'), 'Lengkapi indikator waktu.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Kembalikan' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('SKP dikembalikan kepada pegawai.'));
    expect(await (fetch.mock.calls[0]?.[0] as Request).json()).toEqual({ reason: 'Lengkapi indikator waktu.' });
  });

  it('records HR’s review through the typed endpoint when the server offers it', async () => {
    const fetch = serve({ 'POST /api/v1/plans/plan-1/review': () => respond(200, { ...PLAN, status: 'reviewed', status_label: 'Direviu' }) });
    const onDone = vi.fn();
    renderWithProviders(<WorkflowBar plan={{ ...PLAN, status: 'submitted' }} actions={['review', 'return']} canReassign={false} onDone={onDone} />);
    const bar = screen.getByRole('group', { name: 'Tindakan SKP' });
    expect(within(bar).queryByRole('button', { name: 'Setujui' })).not.toBeInTheDocument();
    await userEvent.click(within(bar).getByRole('button', { name: 'Catat reviu' }));
    const dialog = screen.getByRole('dialog', { name: 'Catat reviu' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Catat reviu' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Reviu SKP dicatat; pejabat penilai kini dapat menyetujuinya.'));
    const req = fetch.mock.calls[0]?.[0] as Request;
    expect(req.method).toBe('POST');
    expect(new URL(req.url).pathname).toBe('/api/v1/plans/plan-1/review');
  });

  it('renders nothing when the caller may do nothing', () => {
    renderWithProviders(<WorkflowBar plan={PLAN} actions={[]} canReassign={false} onDone={vi.fn()} />);
    expect(screen.queryByRole('group', { name: 'Tindakan SKP' })).not.toBeInTheDocument();
  });

  it('says why a submission was refused', async () => {
    serve({ 'POST /api/v1/plans/plan-1/submit': () => problem('work_result_without_indicator', 422) });
    renderWithProviders(<WorkflowBar plan={PLAN} actions={['submit']} canReassign={false} onDone={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Ajukan ke pejabat penilai' }));
    const dialog = screen.getByRole('dialog', { name: 'Ajukan ke pejabat penilai' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ajukan ke pejabat penilai' }));
    expect(await within(dialog).findByText('Setiap hasil kerja harus memiliki paling sedikit satu indikator sebelum SKP diajukan.')).toBeInTheDocument();
  });
});

function planPage(planId = 'plan-1') {
  return renderWithProviders(
    <Routes>
      <Route path="/plans/:planId" element={<PlanPage />} />
    </Routes>,
    { route: `/plans/${planId}` },
  );
}

describe('PlanPage', () => {
  it('says "not found" for a plan the caller may not see', async () => {
    signIn({});
    serve({});
    planPage('someone-else');
    expect(await screen.findByText('SKP tidak ditemukan, atau Anda tidak berhak melihatnya.')).toBeInTheDocument();
  });

  it('offers edit controls only when the server allows editing', async () => {
    signIn({});
    serve({
      'GET /api/v1/plans/plan-1': () => respond(200, PLAN),
      'GET /api/v1/plans/plan-1/allowed-actions': () => respond(200, { status: 'draft', actions: [], can_edit: false }),
      'GET /api/v1/reference/core-values': () => respond(200, []),
    });
    planPage();
    expect(await screen.findByText('Terverifikasinya usulan mutasi')).toBeInTheDocument();
    expect(screen.getByText('30 berkas')).toBeInTheDocument();
    expect(screen.getByText('Terlaksananya mutasi berbasis merit')).toBeInTheDocument();
    expect(screen.getByText('Aktif berbagi data')).toBeInTheDocument();
    expect(screen.getByText('Aplikasi SIASN')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ubah hasil kerja 1' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ubah ekspektasi khusus pimpinan' })).not.toBeInTheDocument();
  });

  it('shows the appraiser’s return reason on a draft and the edit controls', async () => {
    signIn({});
    serve({
      'GET /api/v1/plans/plan-1': () => respond(200, { ...PLAN, return_reason: 'Tambahkan indikator kualitas.' }),
      'GET /api/v1/plans/plan-1/allowed-actions': () => respond(200, { status: 'draft', actions: ['submit'], can_edit: true }),
      'GET /api/v1/reference/core-values': () => respond(200, []),
    });
    planPage();
    expect(await screen.findByText('Tambahkan indikator kualitas.')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Ubah hasil kerja 1' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tambah indikator untuk hasil kerja 1' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ajukan ke pejabat penilai' })).toBeInTheDocument();
  });
});

describe('PlanCreatePage', () => {
  it('tells the employee what to do when no appraiser is assigned', async () => {
    signIn({});
    serve({
      'GET /api/v1/cycles': () =>
        respond(200, {
          items: [{ id: 'cy', name: 'Penilaian Kinerja 2026', status: 'running', status_label: 'Pelaksanaan', starts_on: '2026-01-01', ends_on: '2026-12-31' }],
          total: 1,
          page: 1,
          per_page: 100,
        }),
      'GET /api/v1/employees/emp-1/appraiser': () => problem('no_appraiser', 404, 'No appraiser is assigned to Dimas on 2026-01-01; ask HR to assign one.'),
      'GET /api/v1/plans': () => respond(200, { items: [], total: 0, page: 1, per_page: 50 }),
      'POST /api/v1/plans': () => problem('no_appraiser', 422, 'No appraiser is assigned to Dimas on 2026-01-01; ask HR to assign one.'),
    });
    renderWithProviders(<PlanCreatePage />);
    expect(await screen.findByText(/Belum ditetapkan pada 1 Jan 2026/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Tanggal mulai')).toHaveValue('2026-01-01'));
    await userEvent.click(screen.getByRole('button', { name: 'Buat SKP' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Hubungi admin kepegawaian (BKPSDM)');
    expect(alert).toHaveTextContent('Pesan server: No appraiser is assigned to Dimas');
  });
});

describe('EvidenceForms', () => {
  it('refuses a file above the policy’s size before sending it', async () => {
    const fetch = serve({});
    renderWithProviders(<EvidenceForms planId="plan-1" realizationId="r1" policy={{ max_file_bytes: 10, allowed_content_types: ['application/pdf'] }} />);
    expect(screen.getByText('Maksimum 10 B. Jenis: PDF.')).toBeInTheDocument();
    await userEvent.upload(screen.getByLabelText('Unggah berkas'), new File(['x'.repeat(20)], 'besar.pdf', { type: 'application/pdf' }));
    await userEvent.click(screen.getByRole('button', { name: 'Unggah' }));
    expect(await screen.findByText('Berkas besar.pdf berukuran 20 B, melebihi batas 10 B.')).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('uploads the raw file with its type and name, and explains a 415', async () => {
    const fetch = serve({ 'POST /api/v1/plans/plan-1/evidence': () => problem('evidence_type_not_allowed', 415) });
    renderWithProviders(<EvidenceForms planId="plan-1" realizationId="r1" policy={{ max_file_bytes: 1000, allowed_content_types: ['application/pdf', 'image/png'] }} />);
    await userEvent.upload(screen.getByLabelText('Unggah berkas'), new File(['%PDF'], 'bukti.pdf', { type: 'application/pdf' }));
    await userEvent.click(screen.getByRole('button', { name: 'Unggah' }));
    expect(await screen.findByText('Jenis berkas ini tidak diterima. Jenis yang diterima: PDF, PNG.')).toBeInTheDocument();
    const req = fetch.mock.calls[0]?.[0] as Request;
    const url = new URL(req.url);
    expect(url.searchParams.get('file_name')).toBe('bukti.pdf');
    expect(url.searchParams.get('realization_id')).toBe('r1');
    expect(req.headers.get('Content-Type')).toBe('application/pdf');
  });

  it('refuses a link that is not http(s)', async () => {
    const fetch = serve({});
    renderWithProviders(<EvidenceForms planId="plan-1" policy={null} />);
    await userEvent.type(screen.getByLabelText('Tautan (http/https)'), 'ftp://arsip/laporan.pdf');
    await userEvent.click(screen.getByRole('button', { name: 'Tambah tautan' }));
    expect(await screen.findByText('Isi tautan yang diawali http:// atau https://')).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('PlanSettingsDialog', () => {
  it('sends If-Match and, on 412, offers a reload instead of overwriting', async () => {
    const fetch = serve({
      'PATCH /api/v1/plans/plan-1': () =>
        respond(412, { type: 'urn:kinerja:problem:stale_version', title: 'Stale', status: 412, detail: 'The plan changed', current_version: 3 }),
    });
    const onReload = vi.fn();
    const onClose = vi.fn();
    renderWithProviders(<PlanSettingsDialog plan={PLAN} etag={'"2"'} onClose={onClose} onReload={onReload} />);
    await userEvent.selectOptions(screen.getByLabelText('Pendekatan'), 'qualitative');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText(/telah diubah oleh orang lain/)).toBeInTheDocument();
    const req = fetch.mock.calls[0]?.[0] as Request;
    expect(req.headers.get('If-Match')).toBe('"2"');
    await userEvent.click(screen.getByRole('button', { name: 'Muat ulang' }));
    expect(onReload).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalled();
  });
});

const CYCLE = {
  id: 'cy',
  name: 'Penilaian Kinerja 2026',
  status: 'running',
  status_label: 'Pelaksanaan',
  starts_on: '2026-01-01',
  ends_on: '2026-12-31',
  policies: { evidence: { max_file_bytes: 1048576, allowed_content_types: ['application/pdf'] } },
  periods: [
    { id: 'q3', cycle_id: 'cy', kind: 'quarterly', seq: 3, name: 'Triwulan III', starts_on: '2026-07-01', ends_on: '2026-09-30', fill_deadline_on: '2026-10-10', is_final: false, status: 'open' },
    { id: 'q4', cycle_id: 'cy', kind: 'quarterly', seq: 4, name: 'Triwulan IV', starts_on: '2026-10-01', ends_on: '2026-12-31', fill_deadline_on: '2027-01-10', is_final: false, status: 'open' },
  ],
};

describe('RealizationsTab', () => {
  afterEach(() => vi.useRealTimers());

  it('marks unfilled indicators overdue once the period’s fill-in deadline has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-10-20T09:00:00'));
    signIn({});
    serve({
      'GET /api/v1/cycles/cy': () => respond(200, CYCLE),
      'GET /api/v1/plans/plan-1/realizations': (req) =>
        respond(200, {
          plan_id: 'plan-1',
          period_id: new URL(req.url).searchParams.get('period_id'),
          items: [{ work_result_id: 'wr-1', work_result_description: 'Terverifikasinya usulan mutasi', indicator: PLAN.work_results[0]?.indicators[0], realizations: [] }],
        }),
      'GET /api/v1/plans/plan-1/evidence': () => respond(200, []),
    });
    renderWithProviders(<RealizationsTab plan={{ ...PLAN, status: 'approved' }} isOwner />, { route: '/plans/plan-1?tab=realizations&period=q3' });
    expect(await screen.findByText('1 indikator belum diisi dan batas pengisian sudah lewat.')).toBeInTheDocument();
    expect(screen.getAllByText('Lewat batas').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText('Batas pengisian: 10 Okt 2026')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Isi realisasi Jumlah berkas' })).toBeInTheDocument();
  });

  it('shows the realization, the capaian the server computed and who recorded it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T09:00:00'));
    signIn({});
    serve({
      'GET /api/v1/cycles/cy': () => respond(200, CYCLE),
      'GET /api/v1/plans/plan-1/realizations': () =>
        respond(200, {
          plan_id: 'plan-1',
          period_id: 'q4',
          items: [
            {
              work_result_id: 'wr-1',
              work_result_description: 'Terverifikasinya usulan mutasi',
              indicator: PLAN.work_results[0]?.indicators[0],
              realizations: [{ id: 'r1', indicator_id: 'ind-1', period_id: 'q4', value: '27.00', body: null, source_system: 'task_tracker', recorded_by: 'employee:emp-1', recorded_at: '2026-11-28T02:00:00Z', version: 1, capaian_percent: '90.00' }],
            },
          ],
        }),
      'GET /api/v1/plans/plan-1/evidence': () => respond(200, []),
    });
    renderWithProviders(<RealizationsTab plan={{ ...PLAN, status: 'approved' }} isOwner />, { route: '/plans/plan-1?tab=realizations' });
    expect(await screen.findByText('27 berkas')).toBeInTheDocument();
    expect(screen.getByText('90%')).toBeInTheDocument();
    expect(screen.getByText('Dimas, S.Psi.')).toBeInTheDocument();
    expect(screen.getByText('dari task_tracker')).toBeInTheDocument();
    expect(screen.getByLabelText('Periode')).toHaveValue('q4');
  });
});

describe('MatrixPage', () => {
  it('puts the server’s per-row refusals on their rows and writes nothing else', async () => {
    signIn({ employee_id: 'emp-2' });
    const leaderPlan = { ...PLAN, id: 'lead-plan', employee_id: 'emp-2', employee_name: 'H. Joko Lubis', status: 'approved' };
    serve({
      'GET /api/v1/plans/lead-plan': () => respond(200, leaderPlan),
      'GET /api/v1/employees/emp-2/appraisees': () =>
        respond(200, {
          items: [
            { employee: { kind: 'employee', id: 'emp-7', name: 'Wulan', nip_or_id_number: '1', status: 'asn' }, assignment_id: 'a', acting_kind: 'definitive', valid_from: '2026-10-01' },
            { employee: { kind: 'employee', id: 'emp-8', name: 'Sari', nip_or_id_number: '2', status: 'asn' }, assignment_id: 'b', acting_kind: 'definitive', valid_from: '2026-01-01' },
          ],
        }),
      'GET /api/v1/plans': () =>
        respond(200, {
          items: [
            { ...PLAN, id: 'p7', employee_id: 'emp-7', status: 'draft' },
            { ...PLAN, id: 'p8', employee_id: 'emp-8', status: 'draft' },
          ],
          total: 2,
          page: 1,
          per_page: 500,
        }),
      'POST /api/v1/plans/lead-plan/work-results/wr-1/cascade': () =>
        respond(422, {
          type: 'urn:kinerja:problem:validation',
          title: 'Invalid',
          status: 422,
          detail: 'Some subordinates cannot take it',
          errors: [{ field: 'employee_ids[1]', code: 'not_draft', message: 'Sari has no draft plan in this cycle.' }],
        }),
    });
    renderWithProviders(
      <Routes>
        <Route path="/plans/:planId/matrix/:workResultId" element={<MatrixPage />} />
      </Routes>,
      { route: '/plans/lead-plan/matrix/wr-1' },
    );
    await userEvent.click(await screen.findByLabelText('Pilih Wulan'));
    await userEvent.click(screen.getByLabelText('Pilih Sari'));
    await userEvent.click(screen.getByRole('button', { name: 'Bagikan ke 2 bawahan' }));
    expect(await screen.findByText('Sari has no draft plan in this cycle.')).toBeInTheDocument();
    expect(screen.getByText('Tidak ada yang disimpan. Periksa baris berikut:')).toBeInTheDocument();
    expect(screen.queryByText(/Hasil kerja dibagikan/)).not.toBeInTheDocument();
  });
});
