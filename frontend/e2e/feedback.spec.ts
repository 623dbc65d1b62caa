// User stories of 360 feedback: a rater answers a request; the rated employee never learns
// which peers rated them; the employee nominates a colleague and the appraiser approves.
// Uses pegawai's Q4 peer request for Wahyu Nugraha, pegawai's Triwulan I result and the
// raters of pegawai's Triwulan IV evaluation, which no other feature's spec touches.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, screenshot, signIn } from './helpers';

async function token(request: APIRequestContext, username: string): Promise<string> {
  const login = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.ok()).toBeTruthy();
  return (await login.json()).access_token as string;
}

test('an employee answers a pending peer request: saves a draft, is told a comment is required for "above", then submits', async ({ page }) => {
  await signIn(page, 'pegawai');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Umpan balik 360' }).click();
  await expect(page.getByRole('heading', { name: 'Umpan balik 360' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Perlu diisi/ })).toHaveAttribute('aria-selected', 'true');
  const row = page.getByRole('row').filter({ hasText: 'Wahyu Nugraha, A.Md.' }).filter({ hasText: 'Triwulan IV' });
  await expect(row).toContainText('Rekan kerja');
  await screenshot(page, 'feedback-inbox');
  await row.getByRole('link', { name: 'Isi umpan balik untuk Wahyu Nugraha, A.Md.' }).click();

  await expect(page.getByRole('heading', { name: 'Umpan balik untuk Wahyu Nugraha, A.Md.' })).toBeVisible();
  // A peer is told their answers stay anonymous.
  await expect(page.getByText(/tidak pernah ditampilkan dengan nama Anda/)).toBeVisible();
  const value = (name: string) => page.getByRole('region', { name });

  // A draft: one value rated, saved, kept after a reload.
  await value('Akuntabel').getByRole('radio', { name: 'Sesuai ekspektasi' }).check();
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.getByText('Draf disimpan. Anda dapat melanjutkan nanti.')).toBeVisible();
  await page.reload();
  await expect(value('Akuntabel').getByRole('radio', { name: 'Sesuai ekspektasi' })).toBeChecked();
  await expect(page.getByText('1 dari 7 nilai telah dinilai')).toBeVisible();

  // "Above" needs a comment: said as soon as it is chosen, and on submitting without one.
  const service = value('Berorientasi Pelayanan');
  await service.getByRole('radio', { name: 'Di atas ekspektasi' }).check();
  await expect(service.getByText(/Wajib diisi: jelaskan mengapa perilakunya di atas ekspektasi/)).toBeVisible();
  for (const name of ['Kompeten', 'Harmonis', 'Loyal', 'Adaptif', 'Kolaboratif']) {
    await value(name).getByRole('radio', { name: 'Sesuai ekspektasi' }).check();
  }
  await page.getByRole('button', { name: 'Kirim umpan balik' }).click();
  await expect(service.getByText('Komentar wajib diisi untuk rating di atas atau di bawah ekspektasi.')).toBeVisible();
  await expect(page.getByText('Periksa 1 isian yang ditandai sebelum mengirim.')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await screenshot(page, 'feedback-form-comment-required');

  await service.getByLabel(/Komentar/).fill('Selalu menanggapi permintaan layanan pegawai pada hari yang sama.');
  await page.getByRole('button', { name: 'Kirim umpan balik' }).click();
  const dialog = page.getByRole('dialog', { name: 'Kirim umpan balik?' });
  await expect(dialog).toContainText('tidak dapat diubah lagi');
  await dialog.getByRole('button', { name: 'Ya, kirim' }).click();

  await expect(page.getByText(/Dikirim pada .*Jawaban yang telah dikirim tidak dapat diubah/)).toBeVisible();
  await expect(page.getByText('Selalu menanggapi permintaan layanan pegawai pada hari yang sama.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kirim umpan balik' })).toHaveCount(0);
  await screenshot(page, 'feedback-submitted');

  await page.getByRole('link', { name: /Kembali ke daftar permintaan/ }).click();
  await page.getByRole('tab', { name: /Sudah dikirim/ }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Wahyu Nugraha, A.Md.' }).filter({ hasText: 'Triwulan IV' })).toContainText('Terkirim');
});

test('an employee follows a feedback notification to the request it is about', async ({ page }) => {
  await signIn(page, 'pegawai');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Notifikasi' }).click();
  await expect(page.getByRole('heading', { name: 'Notifikasi' })).toBeVisible();
  const item = page.getByTestId('notification').filter({ hasText: 'Umpan balik 360 untuk Sri Oktaviani, A.Md.' });
  await expect(item).toContainText('Permintaan umpan balik 360');
  await expect(item).toContainText('Belum dibaca');
  await screenshot(page, 'notifications');
  await item.getByRole('link', { name: /Buka/ }).click();
  await expect(page.getByRole('heading', { name: 'Umpan balik untuk Sri Oktaviani, A.Md.' })).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('notification').filter({ hasText: 'Umpan balik 360 untuk Sri Oktaviani, A.Md.' })).toContainText(/Dibaca/);
});

test('an employee cannot see which peers rated them', async ({ page, request }) => {
  // Who the peers are, asked as HR (who may know), to look for their names on the page.
  const hr = await token(request, 'admin');
  const me = await token(request, 'pegawai');
  const headers = (t: string) => ({ Authorization: `Bearer ${t}` });
  const mine = await (await request.get('/api/v1/evaluations?per_page=50', { headers: headers(me) })).json();
  const cycles = await (await request.get('/api/v1/cycles', { headers: headers(me) })).json();
  const y2026 = cycles.items.find((c: { year: number }) => c.year === 2026);
  const cycle = await (await request.get(`/api/v1/cycles/${y2026.id}`, { headers: headers(me) })).json();
  const q1 = cycle.periods.find((p: { name: string }) => p.name === 'Triwulan I');
  const evaluation = mine.items.find((e: { period_id: string }) => e.period_id === q1.id);
  const raters = await (await request.get(`/api/v1/evaluations/${evaluation.id}/feedback-requests`, { headers: headers(hr) })).json();
  const peerIds = raters
    .filter((r: { rater_role: string; status: string }) => r.rater_role === 'peer' && r.status === 'submitted')
    .map((r: { rater_employee_id: string }) => r.rater_employee_id);
  expect(peerIds.length).toBeGreaterThan(0);
  const peerNames: string[] = [];
  for (const id of peerIds) peerNames.push((await (await request.get(`/api/v1/employees/${id}`, { headers: headers(hr) })).json()).name);

  await signIn(page, 'pegawai');
  await page.goto(`/evaluations/${evaluation.id}`);
  const section = page.getByTestId('feedback-360-section');
  await expect(section.getByRole('heading', { name: 'Umpan balik 360' })).toBeVisible();
  await expect(section.getByText(/hanya ditampilkan sebagai gabungan kelompok/)).toBeVisible();
  // Peers appear only as a group with counts; self and appraiser answers are attributed.
  await expect(section.getByText('Dimas, S.Psi.')).toBeVisible();
  for (const name of peerNames) await expect(page.getByText(name)).toHaveCount(0);
  const text = await page.locator('body').innerText();
  for (const name of peerNames) expect(text).not.toContain(name);
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'evaluation-360-anonymous');
});

test('an appraiser asks peers for 360 feedback and is never told whether one was already asked', async ({ page, request }) => {
  // pegawai's Triwulan IV evaluation: Hendra is already one of its generated peers, Ayu is not.
  const hr = { Authorization: `Bearer ${await token(request, 'admin')}` };
  const penilai = { Authorization: `Bearer ${await token(request, 'penilai')}` };
  const cycles = await (await request.get('/api/v1/cycles?year=2026', { headers: hr })).json();
  const pegawai = (await (await request.post('/api/v1/auth/login', { data: { username: 'pegawai', password: DEMO_PASSWORD } })).json()).user;
  const list = await (await request.get(`/api/v1/evaluations?employee_id=${pegawai.employee_id}&cycle_id=${cycles.items[0].id}&per_page=50`, { headers: penilai })).json();
  const details = await Promise.all(list.items.map(async (e: { id: string }) => (await request.get(`/api/v1/evaluations/${e.id}`, { headers: penilai })).json()));
  const q4 = details.find((d: { period_name: string }) => d.period_name === 'Triwulan IV');
  expect(q4.allowed.actions).toContain('manage_raters');

  await signIn(page, 'penilai');
  await page.goto(`/evaluations/${q4.id}`);
  const raters = page.getByTestId('feedback-raters');
  await expect(raters).toContainText('Rekan kerja dan bawahan yang dipilih sistem tidak ditampilkan');
  // The picker lists pegawai's unit without typing; a search reaches the whole agency.
  const people = raters.getByRole('group', { name: 'Pegawai' });
  await expect(people).toContainText('Rekan di unit kerja pegawai yang dinilai: Bidang Mutasi dan Promosi');
  const ask = async (search: string, name: string) => {
    await raters.getByLabel('Kelompok penilai').selectOption({ label: 'Rekan kerja' });
    await raters.getByRole('searchbox', { name: 'Cari nama atau NIP' }).fill(search);
    await expect(people).toContainText(`cocok dengan “${search}”`);
    // Own unit first: the colleague of that name in pegawai's unit.
    await people.getByRole('radio', { name, exact: true }).first().check();
    await raters.getByRole('button', { name: 'Tambah penilai' }).click();
    await expect(raters.getByRole('status').filter({ hasText: 'Permintaan tercatat' })).toHaveText(
      `Permintaan tercatat: ${name} diminta memberi umpan balik sebagai rekan kerja. Rekan kerja dan bawahan tidak tampil dalam daftar ini, agar penilaian mereka tetap anonim.`,
    );
  };
  await ask('Hendra', 'Hendra, S.Psi.');
  await ask('Ayu', 'Ayu Wulandari, S.E.');
  // Neither is listed to the appraiser, and nothing says who was asked before.
  await expect(raters.getByRole('table')).not.toContainText('Hendra, S.Psi.');
  await expect(raters.getByRole('table')).not.toContainText('Ayu Wulandari, S.E.');
  await expect(page.getByText(/sudah diminta|ditambahkan/)).toHaveCount(0);
  await screenshot(page, 'evaluation-raters-asked');

  // HR, who may know, sees that Ayu is now asked.
  const all = await (await request.get(`/api/v1/evaluations/${q4.id}/feedback-requests`, { headers: hr })).json();
  const found = await (await request.get('/api/v1/employees?q=Ayu%20Wulandari&per_page=20', { headers: hr })).json();
  const ayu = new Set(found.items.filter((e: { name: string }) => e.name === 'Ayu Wulandari, S.E.').map((e: { id: string }) => e.id));
  expect(all.some((r: { rater_employee_id: string; rater_role: string }) => ayu.has(r.rater_employee_id) && r.rater_role === 'peer')).toBe(true);
});

test('an employee nominates a colleague from their unit and the appraiser approves the nomination', async ({ page, request }) => {
  // pegawai's Triwulan IV evaluation, and a colleague of the unit not asked yet (HR may know who is).
  const hr = { Authorization: `Bearer ${await token(request, 'admin')}` };
  const me = { Authorization: `Bearer ${await token(request, 'pegawai')}` };
  const pegawai = (await (await request.post('/api/v1/auth/login', { data: { username: 'pegawai', password: DEMO_PASSWORD } })).json()).user;
  const cycles = await (await request.get('/api/v1/cycles?year=2026', { headers: hr })).json();
  const list = await (await request.get(`/api/v1/evaluations?employee_id=${pegawai.employee_id}&cycle_id=${cycles.items[0].id}&per_page=50`, { headers: me })).json();
  const details = await Promise.all(list.items.map(async (e: { id: string }) => (await request.get(`/api/v1/evaluations/${e.id}`, { headers: me })).json()));
  const q4 = details.find((d: { period_name: string }) => d.period_name === 'Triwulan IV');
  expect(q4.allowed.actions).toContain('nominate_peer');
  const unit: { id: string; name: string }[] = await (await request.get(`/api/v1/evaluations/${q4.id}/nominable-peers`, { headers: me })).json();
  const asked = new Set(
    ((await (await request.get(`/api/v1/evaluations/${q4.id}/feedback-requests`, { headers: hr })).json()) as { rater_employee_id: string }[]).map(
      (r) => r.rater_employee_id,
    ),
  );
  const colleague = unit.find((p) => !asked.has(p.id));
  expect(colleague).toBeDefined();
  const name = colleague?.name ?? '';

  await signIn(page, 'pegawai');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Evaluasi kinerja' }).click();
  await page.getByRole('link', { name: 'Buka evaluasi Triwulan IV', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Evaluasi kinerja saya' })).toBeVisible();
  const form = page.getByTestId('nominate-peer');
  await expect(form.getByRole('heading', { name: 'Usulkan rekan kerja sebagai penilai' })).toBeVisible();
  // The own unit is listed without typing; nothing in it says who already rates.
  const peers = form.getByRole('group', { name: 'Rekan kerja' });
  await expect(peers).toContainText('Rekan di unit kerja Anda: Bidang Mutasi dan Promosi');
  await expect(peers.getByRole('radio', { name: 'Hendra, S.Psi.' })).toBeVisible();
  await expect(peers).not.toContainText(/sudah diminta|sudah menjadi penilai|sudah menilai|telah diminta/);
  await peers.getByRole('radio', { name, exact: true }).check();
  await form.scrollIntoViewIfNeeded();
  await screenshot(page, 'feedback-nominate-picker');
  await form.getByRole('button', { name: 'Usulkan' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'diterima' })).toHaveText(`Usulan untuk ${name} diterima; pejabat penilai Anda yang memutuskan.`);
  await expect(peers.getByRole('radio', { checked: true })).toHaveCount(0);
  await screenshot(page, 'feedback-nominate-received');
  await page.getByRole('button', { name: 'Keluar' }).click();

  // The appraiser finds the nomination on the evaluation and approves it.
  await signIn(page, 'penilai');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Evaluasi kinerja' }).click();
  await page.getByRole('tab', { name: /Pegawai yang saya nilai/ }).click();
  await page.getByRole('link', { name: /^(Buka evaluasi|Nilai) Dimas, S\.Psi\. Triwulan IV 2026$/ }).click();
  await expect(page.getByRole('heading', { name: 'Evaluasi kinerja: Dimas, S.Psi.' })).toBeVisible();
  const raters = page.getByTestId('feedback-raters');
  const row = raters.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Menunggu persetujuan');
  await expect(row).toContainText('Dinominasikan pegawai');
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'feedback-nomination-awaiting-approval');
  await row.getByRole('button', { name: 'Setujui' }).click();
  await expect(raters.getByRole('status').filter({ hasText: 'Nominasi disetujui' })).toContainText('Nominasi disetujui; rekan tersebut diberi tahu.');
  // Approved, the peer is asked and, like every peer, no longer listed to the appraiser.
  await expect(raters.getByRole('table')).not.toContainText(name);
  const after = (await (await request.get(`/api/v1/evaluations/${q4.id}/feedback-requests`, { headers: hr })).json()) as {
    rater_employee_id: string;
    is_approved: boolean;
  }[];
  expect(after.find((r) => r.rater_employee_id === colleague?.id)?.is_approved).toBe(true);
});
