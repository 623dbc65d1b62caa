// User stories of evaluations: the appraiser rates, a unit head's appraiser sees the result
// rating the organisation predicate gives, the employee reads their result and its explanation,
// acknowledges it and objects, reads their change history, HR checks a sealed result and is
// offered calibration. Uses Fikri Wibowo's Triwulan III evaluation (awaiting rating, which
// finalising Q3 leaves alone), penilai's own evaluations as atasan sees them (read only here),
// and pegawai's Triwulan II result (finalised, not acknowledged at the start of a run).
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, screenshot, signIn } from './helpers';

async function token(request: APIRequestContext, username: string): Promise<string> {
  const login = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.ok()).toBeTruthy();
  return (await login.json()).access_token as string;
}

test('an appraiser rates a Q3 evaluation awaiting rating, with a justification, and sees the predicate', async ({ page }) => {
  await signIn(page, 'penilai');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Evaluasi kinerja' }).click();
  await page.getByRole('tab', { name: /Pegawai yang saya nilai/ }).click();
  await expect(page.getByRole('tab', { name: /Pegawai yang saya nilai/ })).toContainText('menunggu penilaian Anda');
  // Those to rate come first.
  const firstRow = page.getByTestId('appraisee-evaluations').getByRole('row').nth(1);
  await expect(firstRow).toContainText('Menunggu penilaian');
  await screenshot(page, 'evaluations-appraisees');

  await page.getByRole('link', { name: 'Nilai Fikri Wibowo, S.AP. Triwulan III 2026' }).click();
  await expect(page.getByRole('heading', { name: 'Evaluasi kinerja: Fikri Wibowo, S.AP.' })).toBeVisible();
  // Names come with the evaluation: the appraiser and the superior who decides objections.
  await expect(page.getByText('Irfan, S.Sos., M.Si.')).toBeVisible();
  await expect(page.getByTestId('rating-blocked')).toHaveCount(0);
  await screenshot(page, 'evaluation-q3-awaiting-rating');
  // The inputs beside the form: realization against target with the capaian, the 360 groups.
  await expect(page.getByTestId('work-results').getByRole('columnheader', { name: 'Capaian' })).toBeVisible();
  await expect(page.getByTestId('feedback-360')).toBeVisible();

  const form = page.getByTestId('rating-form');
  await form.getByRole('group', { name: 'Rating hasil kerja' }).getByRole('radio', { name: 'Di atas ekspektasi' }).check();
  await expect(form.getByText('Wajib: jelaskan mengapa hasil kerja di atas ekspektasi.')).toBeVisible();
  await form.getByRole('group', { name: 'Rating perilaku kerja' }).getByRole('radio', { name: 'Sesuai ekspektasi' }).check();
  await form.getByRole('button', { name: 'Simpan penilaian' }).click();
  await expect(form.getByText('Alasan wajib diisi untuk rating di atas atau di bawah ekspektasi.')).toBeVisible();

  await form.getByLabel(/Alasan rating hasil kerja/).fill('Semua target triwulan terlampaui; usulan mutasi selesai sebelum tenggat.');
  await form.getByRole('button', { name: 'Simpan penilaian' }).click();
  await expect(form.getByText('Penilaian disimpan. Predikat dari server: Baik.')).toBeVisible();
  await expect(page.getByTestId('result').getByTestId('predicate')).toContainText('Baik');
  await expect(page.getByText('Dinilai').first()).toBeVisible();
  // The explanation follows the saved rating.
  await expect(page.getByRole('heading', { name: 'Mengapa predikat Baik?' })).toBeVisible();
  await screenshot(page, 'evaluation-rated');
});

/** One 2026 evaluation of an employee by period name, with its names and allowed actions. */
async function evaluation2026(request: APIRequestContext, headers: Record<string, string>, employeeId: string, period: string) {
  const cycles = await (await request.get('/api/v1/cycles?year=2026', { headers })).json();
  const list = await (await request.get(`/api/v1/evaluations?employee_id=${employeeId}&cycle_id=${cycles.items[0].id}&per_page=50`, { headers })).json();
  const details = await Promise.all(list.items.map(async (e: { id: string }) => (await request.get(`/api/v1/evaluations/${e.id}`, { headers })).json()));
  return details.find((d: { period_name: string }) => d.period_name === period);
}

/** penilai's own evaluation of a 2026 period (penilai heads the Bidang: a unit head). */
async function unitHeadEvaluation(request: APIRequestContext, period: string) {
  const login = await (await request.post('/api/v1/auth/login', { data: { username: 'penilai', password: DEMO_PASSWORD } })).json();
  const headers = { Authorization: `Bearer ${login.access_token}` };
  return { headers, evaluation: await evaluation2026(request, headers, login.user.employee_id, period) };
}

test('the appraiser of a unit head sees the result rating the organisation predicate gives, and why Q4 cannot be rated yet', async ({ page, request }) => {
  // penilai hands in their own Q4 (filling in the demo): rating is still blocked until the
  // period ends, and the Bidang's organisation predicate for Q4 is not set.
  const { headers, evaluation: q4 } = await unitHeadEvaluation(request, 'Triwulan IV');
  if (q4.status === 'filling') {
    const read = await request.get(`/api/v1/evaluations/${q4.id}`, { headers });
    const submitted = await request.post(`/api/v1/evaluations/${q4.id}/submit`, {
      headers: { ...headers, 'If-Match': read.headers()['etag'] ?? '' },
      data: { self_assessment: 'Seluruh usulan mutasi triwulan IV diproses tepat waktu.' },
    });
    expect(submitted.ok()).toBeTruthy();
  }

  await signIn(page, 'atasan');
  await page.goto('/evaluations?tab=appraisees');
  // Q3 is rated (re-rating open) or, once HR finalised the quarter, read only: either way the
  // result rating follows the organisation predicate Baik, and says so.
  await page.getByRole('link', { name: /^(Nilai|Buka evaluasi) H\. Joko Lubis, S\.IP\., M\.AP\. Triwulan III 2026$/ }).click();
  await expect(page.getByRole('heading', { name: 'Evaluasi kinerja: H. Joko Lubis, S.IP., M.AP.' })).toBeVisible();
  const leader = page.getByTestId('leader-result').or(page.getByTestId('leader-summary'));
  await expect(leader).toContainText('Baik');
  await expect(leader).toContainText('sesuai ekspektasi');
  await expect(page.getByRole('group', { name: 'Rating hasil kerja' })).toHaveCount(0);
  await screenshot(page, 'evaluation-unit-head-q3');

  await page.goto(`/evaluations/${q4.id}`);
  const blocked = page.getByTestId('rating-blocked');
  await expect(blocked.getByRole('heading', { name: 'Penilaian belum dapat dilakukan' })).toBeVisible();
  await expect(blocked).toContainText('Periode Triwulan IV belum berakhir. Penilaian dapat dilakukan mulai 1 Jan 2027.');
  await expect(blocked.getByTestId('leader-result')).toContainText('Predikat kinerja organisasi untuk periode ini belum ditetapkan');
  await expect(page.getByTestId('rating-form')).toHaveCount(0);
  await screenshot(page, 'evaluation-unit-head-q4-blocked');
});

test('an employee reads the explanation of their Q2 result, acknowledges receipt, then files an objection', async ({ page }) => {
  await signIn(page, 'pegawai');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Evaluasi kinerja' }).click();
  await expect(page.getByTestId('my-evaluations')).toContainText('Triwulan II');
  await screenshot(page, 'evaluations-mine');
  await page.getByRole('link', { name: 'Buka evaluasi Triwulan II', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Evaluasi kinerja saya' })).toBeVisible();
  const explanation = page.getByTestId('explanation');
  await expect(explanation.getByRole('heading', { name: 'Mengapa predikat saya Baik?' })).toBeVisible();
  await expect(explanation).toContainText('Langkah penentuan predikat');
  await expect(explanation).toContainText('PermenPANRB 6/2022');
  await screenshot(page, 'evaluation-q2-before-acknowledging');

  const actions = page.getByTestId('employee-actions');
  await expect(actions.getByRole('button', { name: 'Ajukan keberatan' })).toHaveCount(0);
  await actions.getByRole('button', { name: 'Konfirmasi penerimaan hasil' }).click();
  const ack = page.getByRole('dialog', { name: 'Konfirmasi penerimaan hasil?' });
  await expect(ack).toContainText('predikat Baik');
  await ack.getByRole('button', { name: 'Konfirmasi penerimaan hasil' }).click();
  await expect(actions.getByText('Penerimaan hasil dikonfirmasi.')).toBeVisible();
  // The last day is the server's: 14 calendar days (WIB) from today's receipt.
  const wib = new Date(Date.now() + 7 * 3600 * 1000);
  const last = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate() + 14));
  const lastText = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(last);
  await expect(actions.getByTestId('objection-window')).toContainText(`Keberatan dapat diajukan sampai dengan ${lastText}`);
  // The evaluation's own history says it in words.
  await expect(page.getByTestId('evaluation-trail').getByRole('listitem').first()).toContainText('Penerimaan hasil dikonfirmasi');
  await expect(page.getByTestId('evaluation-trail').getByRole('listitem').first()).toContainText('oleh Anda');
  await screenshot(page, 'evaluation-q2-acknowledged');

  await actions.getByRole('button', { name: 'Ajukan keberatan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ajukan keberatan atas hasil evaluasi' });
  await dialog.getByLabel('Alasan keberatan').fill('Terlalu singkat');
  await dialog.getByLabel('Alasan keberatan').fill('');
  await dialog.getByRole('button', { name: 'Kirim keberatan' }).click();
  await expect(dialog.getByText('Alasan keberatan minimal 10 karakter.')).toBeVisible();
  await dialog
    .getByLabel('Alasan keberatan')
    .fill('Realisasi triwulan II melampaui target pada semua indikator (bukti dukung terlampir), tetapi perilaku kerja hanya dinilai sesuai.');
  await dialog.getByRole('button', { name: 'Kirim keberatan' }).click();
  await expect(actions.getByText('Keberatan Anda telah diajukan.')).toBeVisible();
  await expect(page.getByText('Keberatan', { exact: true }).first()).toBeVisible();
  await expect(actions.getByRole('link', { name: 'Lihat keberatan' })).toBeVisible();
});

test('an employee reads their change history: the receipt, the appraiser’s note to them, never a private note', async ({ page, request }) => {
  const pegawai = { Authorization: `Bearer ${await token(request, 'pegawai')}` };
  const penilai = { Authorization: `Bearer ${await token(request, 'penilai')}` };
  // pegawai's Triwulan II result, acknowledged here unless the story above already did.
  const mine = await (await request.get('/api/v1/evaluations?per_page=50', { headers: pegawai })).json();
  const cycles = await (await request.get('/api/v1/cycles', { headers: pegawai })).json();
  const y2026 = cycles.items.find((c: { year: number }) => c.year === 2026);
  const cycle = await (await request.get(`/api/v1/cycles/${y2026.id}`, { headers: pegawai })).json();
  const q2 = cycle.periods.find((p: { name: string }) => p.name === 'Triwulan II');
  const evaluation = mine.items.find((e: { period_id: string }) => e.period_id === q2.id);
  if (!evaluation.received_at) {
    expect((await request.post(`/api/v1/evaluations/${evaluation.id}/acknowledge`, { headers: pegawai })).ok()).toBeTruthy();
  }
  // penilai writes two notes on pegawai's plan: one for the employee, one private.
  const note = (body: string, visibility: string) =>
    request.post(`/api/v1/plans/${evaluation.plan_id}/continuous-feedback`, { headers: penilai, data: { target_type: 'general', body, visibility } });
  expect((await note('Laporan usulan mutasi triwulan IV rapi dan tepat waktu; pertahankan.', 'employee')).ok()).toBeTruthy();
  expect((await note('Catatan pribadi: usulkan diklat kepemimpinan tahun depan.', 'private_to_appraiser')).ok()).toBeTruthy();

  await signIn(page, 'pegawai');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Evaluasi kinerja' }).click();
  await page.getByRole('tab', { name: 'Riwayat perubahan saya' }).click();
  const trail = page.getByTestId('audit-trail');
  const written = trail.getByRole('listitem').filter({ hasText: 'Catatan umpan balik berkelanjutan ditulis' });
  await expect(written).toContainText('oleh H. Joko Lubis, S.IP., M.AP.');
  await expect(written).toContainText('Laporan usulan mutasi triwulan IV rapi dan tepat waktu; pertahankan.');
  await expect(written).toContainText('Pegawai dan pejabat penilai');
  const received = trail.getByRole('listitem').filter({ hasText: 'Penerimaan hasil dikonfirmasi' });
  await expect(received.first()).toContainText('Diterima pegawai');
  await expect(page.getByText('Catatan pribadi: usulkan diklat kepemimpinan tahun depan.')).toHaveCount(0);
  // Plain words, no raw snapshot.
  await expect(trail).not.toContainText('received_at');
  await expect(trail).not.toContainText('{"');
  await screenshot(page, 'evaluations-my-history');

  // Filtered to one kind of record, the note stays and the evaluation entries go.
  await page.getByLabel('Jenis data').selectOption({ label: 'Umpan balik berkelanjutan' });
  await expect(trail.getByRole('listitem').filter({ hasText: 'Penerimaan hasil dikonfirmasi' })).toHaveCount(0);
  await expect(trail).toContainText('Laporan usulan mutasi triwulan IV rapi dan tepat waktu; pertahankan.');
});

test('HR filters the evaluations and checks that a final result is intact', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Evaluasi kinerja' }).click();
  await expect(page.getByLabel('Tahun penilaian')).toBeVisible();
  await page.getByLabel('Periode').selectOption({ label: 'Triwulan I' });
  await page.getByLabel('Predikat').selectOption({ label: 'Butuh Perbaikan' });
  const row = page.getByRole('row').filter({ hasText: 'Dimas, S.Psi.' });
  await expect(row).toContainText('Butuh Perbaikan');
  await expect(row).toContainText('Final');
  await screenshot(page, 'evaluations-hr');
  await row.getByRole('link', { name: /Buka evaluasi Dimas, S.Psi./ }).click();

  await expect(page.getByRole('heading', { name: 'Evaluasi kinerja: Dimas, S.Psi.' })).toBeVisible();
  await expect(page.getByTestId('rating-form')).toHaveCount(0);
  await page.getByRole('button', { name: 'Periksa keutuhan' }).click();
  await expect(page.getByTestId('verify')).toContainText('Utuh: isi yang tersimpan sama dengan saat ditetapkan.');
  await expect(page.getByTestId('calibrate')).toHaveCount(0);
  await screenshot(page, 'evaluation-hr-verified');
});

test('HR is offered calibration on a rated evaluation, with the names from the evaluation', async ({ page, request }) => {
  // Fikri Wibowo's Q3, rated by the first story (or here, when this one runs alone): rated
  // evaluations stay open to calibration until they are finalised.
  const hr = { Authorization: `Bearer ${await token(request, 'admin')}` };
  const found = await (await request.get('/api/v1/employees?q=Fikri%20Wibowo&per_page=5', { headers: hr })).json();
  const q3 = await evaluation2026(request, hr, found.items[0].id, 'Triwulan III');
  expect(['awaiting_rating', 'rated']).toContain(q3.status);
  if (q3.status === 'awaiting_rating') {
    const penilai = { Authorization: `Bearer ${await token(request, 'penilai')}` };
    const read = await request.get(`/api/v1/evaluations/${q3.id}`, { headers: penilai });
    const rated = await request.put(`/api/v1/evaluations/${q3.id}/rating`, {
      headers: { ...penilai, 'If-Match': read.headers()['etag'] ?? '' },
      data: { result_rating: 'meets', behaviour_rating: 'meets', has_innovation: false },
    });
    expect(rated.ok()).toBeTruthy();
  }

  await signIn(page, 'admin');
  await page.goto(`/evaluations/${q3.id}`);
  await expect(page.getByRole('heading', { name: 'Evaluasi kinerja: Fikri Wibowo, S.AP.' })).toBeVisible();
  const calibrate = page.getByTestId('calibrate');
  await expect(calibrate.getByLabel('Predikat setelah kalibrasi')).toBeVisible();
  await calibrate.getByRole('button', { name: 'Simpan kalibrasi' }).click();
  await expect(calibrate.getByText('Alasan kalibrasi wajib diisi.')).toBeVisible();
  await expect(page.getByTestId('rating-form')).toHaveCount(0);
  await screenshot(page, 'evaluation-hr-rated');
});
