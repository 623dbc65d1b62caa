// User stories of objections: the appraiser's superior reviews and decides pegawai's objection
// to the Triwulan II result; the employee then sees the final result. When run on its own, the
// objection is first filed through the API (acknowledge, then object), as the employee would.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, screenshot, signIn } from './helpers';

async function token(request: APIRequestContext, username: string): Promise<string> {
  const login = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.ok()).toBeTruthy();
  return (await login.json()).access_token as string;
}

/** pegawai's Triwulan II evaluation, objected to (filed here unless an earlier story did). */
async function objectedQ2(request: APIRequestContext): Promise<string> {
  const headers = { Authorization: `Bearer ${await token(request, 'pegawai')}` };
  const cycles = await (await request.get('/api/v1/cycles', { headers })).json();
  const y2026 = cycles.items.find((c: { year: number }) => c.year === 2026);
  const cycle = await (await request.get(`/api/v1/cycles/${y2026.id}`, { headers })).json();
  const q2 = cycle.periods.find((p: { name: string }) => p.name === 'Triwulan II');
  const mine = await (await request.get(`/api/v1/evaluations?period_id=${q2.id}`, { headers })).json();
  const evaluation = mine.items[0];
  if (evaluation.status === 'finalised') {
    if (!evaluation.received_at) expect((await request.post(`/api/v1/evaluations/${evaluation.id}/acknowledge`, { headers })).ok()).toBeTruthy();
    const filed = await request.post(`/api/v1/evaluations/${evaluation.id}/objections`, {
      headers,
      data: { reasons: 'Realisasi triwulan II melampaui target pada semua indikator; perilaku kerja dinilai terlalu rendah.' },
    });
    expect(filed.ok()).toBeTruthy();
  }
  return evaluation.id as string;
}

test('the appraiser’s superior reviews an objection and changes the result; the employee sees the final result', async ({ page, request }) => {
  const evaluationId = await objectedQ2(request);

  await signIn(page, 'atasan');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Keberatan' }).click();
  await expect(page.getByRole('tab', { name: /Perlu saya putuskan/ })).toHaveAttribute('aria-selected', 'true');
  const row = page.getByRole('row').filter({ hasText: 'Dimas, S.Psi.' });
  await expect(row).toContainText('Triwulan II 2026');
  await expect(row).toContainText('Diajukan');
  await screenshot(page, 'objections-queue');
  await row.getByRole('link', { name: 'Buka keberatan Dimas, S.Psi.' }).click();

  await expect(page.getByRole('heading', { name: 'Keberatan: Dimas, S.Psi.' })).toBeVisible();
  await expect(page.getByText(/perilaku kerja dinilai terlalu rendah|perilaku kerja hanya dinilai sesuai/)).toBeVisible();
  await page.getByRole('button', { name: 'Mulai pemeriksaan' }).click();

  const form = page.getByTestId('decide-form');
  await expect(form).toBeVisible();
  await form.getByRole('radio', { name: /Hasil diubah/ }).check();
  await form.getByRole('group', { name: 'Rating hasil kerja baru' }).getByRole('radio', { name: 'Di atas ekspektasi' }).check();
  await form.getByRole('group', { name: 'Rating perilaku kerja baru' }).getByRole('radio', { name: 'Di atas ekspektasi' }).check();
  await form.getByRole('button', { name: 'Putuskan' }).click();
  await expect(form.getByText('Catatan keputusan wajib diisi.')).toBeVisible();
  await form.getByLabel(/Catatan keputusan/).fill('Bukti dukung menunjukkan semua target terlampaui dan perilaku kerja melampaui ekspektasi.');
  await screenshot(page, 'objection-decide');
  await form.getByRole('button', { name: 'Putuskan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Putuskan keberatan ini?' });
  await expect(dialog).toContainText('final dan tidak dapat diubah');
  await dialog.getByRole('button', { name: 'Ya, putuskan' }).click();

  const decision = page.getByTestId('objection-decision');
  await expect(decision).toContainText('Hasil diubah');
  await expect(decision).toContainText('Sangat Baik');
  await expect(page.getByText('Diputus: diubah').first()).toBeVisible();
  await screenshot(page, 'objection-decided');

  await page.getByRole('button', { name: 'Keluar' }).click();
  await signIn(page, 'pegawai');
  await page.goto(`/evaluations/${evaluationId}`);
  await expect(page.getByRole('heading', { name: 'Evaluasi kinerja saya' })).toBeVisible();
  await expect(page.getByTestId('result').getByTestId('predicate')).toContainText('Sangat Baik');
  await expect(page.getByTestId('employee-actions')).toContainText('Hasil ini final setelah keputusan atas keberatan Anda.');
  await expect(page.getByTestId('explanation').getByRole('heading', { name: 'Mengapa predikat saya Sangat Baik?' })).toBeVisible();
  await screenshot(page, 'evaluation-final-after-objection');

  await page.getByTestId('employee-actions').getByRole('link', { name: 'Lihat keberatan' }).click();
  await expect(page.getByRole('heading', { name: 'Keberatan saya' })).toBeVisible();
  await expect(page.getByTestId('objection-decision')).toContainText('Keputusan ini final');
});

test('HR sees every objection of the agency and records a decision only for a superior without an account', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Keberatan' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Sutrisno Hidayat, S.E.' });
  await expect(row).toContainText('Triwulan II 2026');
  await screenshot(page, 'objections-hr');
  await row.getByRole('link', { name: /Buka keberatan/ }).click();
  await expect(page.getByRole('heading', { name: 'Keberatan: Sutrisno Hidayat, S.E.' })).toBeVisible();
  // Sutrisno's superior (atasan) decides in person: HR is offered recording only on request.
  await expect(page.getByRole('button', { name: 'Mulai pemeriksaan' })).toHaveCount(0);
  await expect(page.getByText('Atasan pejabat penilai tidak memiliki akun Kinerja?')).toBeVisible();
});

test('HR records the decision of a superior whose account is closed, with the decision letter', async ({ page, request }) => {
  // atasan's account is deactivated for the story (the superior has no account any more) and
  // reactivated at the end, whatever happens.
  const hr = { Authorization: `Bearer ${await token(request, 'admin')}` };
  const users = await (await request.get('/api/v1/users?q=atasan&per_page=5', { headers: hr })).json();
  const atasan = users.items.find((u: { username: string }) => u.username === 'atasan');
  const setActive = async (active: boolean) => {
    const read = await request.get(`/api/v1/users/${atasan.id}`, { headers: hr });
    const changed = await request.patch(`/api/v1/users/${atasan.id}`, {
      headers: { ...hr, 'If-Match': read.headers()['etag'] ?? '' },
      data: { is_active: active },
    });
    expect(changed.ok()).toBeTruthy();
  };
  await setActive(false);
  try {
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Keberatan' }).click();
    await page.getByRole('row').filter({ hasText: 'Sutrisno Hidayat, S.E.' }).getByRole('link', { name: /Buka keberatan/ }).click();
    await expect(page.getByRole('heading', { name: 'Keberatan: Sutrisno Hidayat, S.E.' })).toBeVisible();
    await page.getByRole('button', { name: 'Catat keputusan atas namanya' }).click();
    await page.getByRole('button', { name: 'Mulai pemeriksaan' }).click();

    const form = page.getByTestId('decide-form');
    await expect(form.getByRole('heading', { name: 'Catat keputusan atasan (tanpa akun)' })).toBeVisible();
    await form.getByRole('radio', { name: /Hasil tetap/ }).check();
    await form.getByLabel(/Catatan keputusan/).fill('Setelah mendengar pegawai dan pejabat penilai, rating sesuai dengan bukti dukung.');
    await form.getByRole('button', { name: 'Putuskan' }).click();
    // The decision letter is asked for before anything is sent.
    await expect(form.getByText('Nomor surat keputusan wajib diisi.')).toBeVisible();
    await form.getByLabel(/Nomor surat keputusan/).fill('Keputusan Kepala BKPSDM Nomor 800/214/BKPSDM/2026');
    await screenshot(page, 'objection-hr-records');
    await form.getByRole('button', { name: 'Putuskan' }).click();
    await page.getByRole('dialog', { name: 'Putuskan keberatan ini?' }).getByRole('button', { name: 'Ya, putuskan' }).click();

    const decision = page.getByTestId('objection-decision');
    await expect(decision).toContainText('Hasil tetap');
    await expect(decision).toContainText('Irfan, S.Sos., M.Si.');
    await expect(decision.getByTestId('decision-document')).toHaveText('Keputusan Kepala BKPSDM Nomor 800/214/BKPSDM/2026');
    await expect(decision.getByTestId('recorded-by')).toContainText('admin, atas nama atasan yang tidak memiliki akun');
    await screenshot(page, 'objection-hr-recorded');
  } finally {
    await setActive(true);
  }
});
