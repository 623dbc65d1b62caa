// User stories of performance plans (SKP): a new employee drafts and submits a plan that
// cascades from the appraiser's; the appraiser returns it, shares a work result through the
// role–result matrix, and approves it once fixed; HR's views. Uses `pegawaibaru` (no plan
// yet), `penilai` and `admin`; touches no evaluation, objection or 360 record.
import { expect, test, type Page } from '@playwright/test';
import { screenshot, signIn } from './helpers';

const NEWCOMER = 'Wulan Fitriani, S.AP.';
const APPRAISER = 'H. Joko Lubis, S.IP., M.AP.';

/** Signs the current user out, so that the next `signIn` starts from the login page. */
async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByLabel('Nama pengguna atau NIP')).toBeVisible();
}

async function openNewcomerPlan(page: Page) {
  await page.goto('/plans');
  await page.getByRole('link', { name: /^Buka SKP Wulan Fitriani, S\.AP\. revisi 1/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /SKP Wulan Fitriani/ })).toBeVisible();
}

test.describe.serial('a new employee’s plan from draft to approval', () => {
  test('a new employee drafts a plan cascading from the appraiser’s and submits it', async ({ page }) => {
    await signIn(page, 'pegawaibaru');
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'SKP' }).click();
    await expect(page.getByText('Anda belum memiliki SKP.')).toBeVisible();
    await screenshot(page, 'plans-list-empty');

    await page.getByRole('link', { name: 'Buat SKP' }).click();
    await expect(page.getByRole('heading', { name: 'Buat SKP' })).toBeVisible();
    await page.getByLabel('Tahun penilaian').selectOption({ label: 'Penilaian Kinerja ASN Tahun 2026 (Pelaksanaan)' });
    // The cycle starts on 1 January; she joined on 1 October: nobody appraises her then.
    await expect(page.getByText('Belum ada pejabat penilai').first()).toBeVisible();
    await expect(page.getByText(/Hubungi admin kepegawaian \(BKPSDM\)/).first()).toBeVisible();
    await page.getByRole('button', { name: 'Buat SKP' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Sistem belum dapat membuat SKP' })).toBeVisible();
    await screenshot(page, 'plans-create-no-appraiser');

    await page.getByLabel('Tanggal mulai').fill('2026-10-01');
    await expect(page.getByTestId('create-appraiser')).toContainText(APPRAISER);
    await page.getByLabel('Kualitatif').check();
    await page.getByLabel('Kuantitatif').check();
    await screenshot(page, 'plans-create');
    await page.getByRole('button', { name: 'Buat SKP' }).click();

    await expect(page.getByText('SKP dibuat sebagai draf.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Draf');

    // A main work result cascading from the appraiser's approved plan.
    await page.getByRole('button', { name: '+ Tambah hasil kerja (Utama)' }).click();
    const wrDialog = page.getByRole('dialog', { name: 'Hasil kerja baru' });
    const parent = wrDialog.getByLabel('Hasil kerja pimpinan yang diintervensi');
    await expect(parent.locator('option')).not.toHaveCount(1);
    await parent.selectOption({ index: 1 });
    await wrDialog.getByLabel('Rencana hasil kerja').fill('Terverifikasinya berkas usulan mutasi pegawai');
    await wrDialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(wrDialog).toBeHidden();
    await expect(page.getByText('Terverifikasinya berkas usulan mutasi pegawai')).toBeVisible();

    // Its indicator.
    await page.getByRole('button', { name: 'Tambah indikator untuk hasil kerja 1' }).click();
    const indDialog = page.getByRole('dialog', { name: 'Indikator baru' });
    await indDialog.getByLabel('Indikator kinerja individu').fill('Jumlah berkas usulan mutasi yang diverifikasi');
    await indDialog.getByLabel('Target', { exact: true }).fill('60');
    await indDialog.getByLabel('Satuan').fill('berkas');
    await indDialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(indDialog).toBeHidden();
    await expect(page.getByRole('cell', { name: '60 berkas' })).toBeVisible();

    // The leader's specific expectation on one value.
    await page.getByRole('button', { name: 'Ubah ekspektasi khusus pimpinan' }).click();
    const expDialog = page.getByRole('dialog', { name: 'Ekspektasi khusus pimpinan' });
    await expDialog.getByLabel('Kolaboratif').fill('Aktif berbagi data usulan mutasi dengan Bidang Pengembangan.');
    await expDialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(expDialog).toBeHidden();
    await expect(page.getByText('Aktif berbagi data usulan mutasi dengan Bidang Pengembangan.')).toBeVisible();
    await screenshot(page, 'plans-document-draft');

    await page.getByRole('group', { name: 'Tindakan SKP' }).getByRole('button', { name: 'Ajukan ke pejabat penilai' }).click();
    await page.getByRole('dialog', { name: 'Ajukan ke pejabat penilai' }).getByRole('button', { name: 'Ajukan ke pejabat penilai' }).click();
    await expect(page.getByText(`SKP diajukan. Pejabat penilai: ${APPRAISER}`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Diajukan');
    await expect(page.getByText(`Menunggu persetujuan pejabat penilai: ${APPRAISER}`)).toBeVisible();
  });

  test('the appraiser returns the plan with a reason and shares a work result through the matrix', async ({ page }) => {
    await signIn(page, 'penilai');
    await page.goto('/plans');
    await page.getByRole('tab', { name: 'Menunggu persetujuan saya' }).click();
    await expect(page.getByRole('link', { name: /^Buka SKP Wulan Fitriani/ })).toBeVisible();
    await screenshot(page, 'plans-list-to-approve');
    await page.getByRole('link', { name: /^Buka SKP Wulan Fitriani/ }).click();

    await page.getByRole('button', { name: 'Kembalikan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kembalikan SKP' });
    await dialog.getByRole('button', { name: 'Kembalikan' }).click();
    await expect(dialog.getByText('Wajib diisi')).toBeVisible();
    await dialog.getByLabel('Alasan pengembalian').fill('Tambahkan hasil kerja penyusunan rekomendasi promosi sesuai matriks peran.');
    await dialog.getByRole('button', { name: 'Kembalikan' }).click();
    await expect(page.getByText('SKP dikembalikan kepada pegawai.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Draf');

    // From his own approved plan, the role–result matrix gives her a second main result.
    await page.goto('/plans?view=mine');
    await page.getByRole('link', { name: /^Buka SKP H\. Joko Lubis.*2026/ }).click();
    await page.getByRole('link', { name: 'Bagikan hasil kerja 2 ke bawahan (matriks peran dan hasil)' }).click();
    await expect(page.getByRole('heading', { name: 'Matriks pembagian peran dan hasil' })).toBeVisible();
    await page.getByLabel(`Pilih ${NEWCOMER}`).check();
    await page.getByLabel(`Peran / hasil kerja bawahan — ${NEWCOMER}`).fill('Tersusunnya bahan rekomendasi promosi jabatan');
    await page.getByLabel('Indikator kinerja individu').fill('Jumlah bahan rekomendasi yang disusun');
    await page.getByLabel('Target', { exact: true }).fill('4');
    await page.getByLabel('Satuan').fill('dokumen');
    await screenshot(page, 'plans-matrix');
    await page.getByRole('button', { name: 'Bagikan ke 1 bawahan' }).click();
    await expect(page.getByText('Hasil kerja dibagikan ke 1 SKP.')).toBeVisible();
  });

  test('the employee fixes the returned plan and submits it again', async ({ page }) => {
    await signIn(page, 'pegawaibaru');
    await openNewcomerPlan(page);
    await expect(page.getByTestId('return-reason')).toContainText('Tambahkan hasil kerja penyusunan rekomendasi promosi');
    await expect(page.getByText('Tersusunnya bahan rekomendasi promosi jabatan')).toBeVisible();
    // She sharpens the first result before submitting again.
    await page.getByRole('button', { name: 'Ubah hasil kerja 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah hasil kerja' });
    await dialog.getByLabel('Rencana hasil kerja').fill('Terverifikasinya berkas usulan mutasi pegawai tepat waktu');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Terverifikasinya berkas usulan mutasi pegawai tepat waktu')).toBeVisible();
    await page.getByRole('button', { name: 'Ajukan ke pejabat penilai' }).click();
    await page.getByRole('dialog', { name: 'Ajukan ke pejabat penilai' }).getByRole('button', { name: 'Ajukan ke pejabat penilai' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Diajukan');
  });

  test('the appraiser approves the resubmitted plan', async ({ page }) => {
    await signIn(page, 'penilai');
    await page.goto('/plans?view=to-approve');
    await page.getByRole('link', { name: /^Buka SKP Wulan Fitriani/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Diajukan');
    await screenshot(page, 'plans-document-submitted');
    await page.getByRole('group', { name: 'Tindakan SKP' }).getByRole('button', { name: 'Setujui' }).click();
    await page.getByRole('dialog', { name: 'Setujui' }).getByRole('button', { name: 'Setujui' }).click();
    await expect(page.getByText('SKP disetujui.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Disetujui');

    // The employee sees her approved plan, and the printable document.
    await signOut(page);
    await signIn(page, 'pegawaibaru');
    await openNewcomerPlan(page);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Disetujui');
    await expect(page.getByRole('button', { name: 'Buat revisi' })).toBeVisible();
    await screenshot(page, 'plans-document-approved');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeHidden();
    await screenshot(page, 'plans-document-print');
    await page.emulateMedia({ media: 'screen' });
  });

  test('the employee revises her approved plan; the approved revision stays in force', async ({ page }) => {
    await signIn(page, 'pegawaibaru');
    await openNewcomerPlan(page);
    await page.getByRole('button', { name: 'Buat revisi' }).click();
    await page.getByRole('dialog', { name: 'Buat revisi' }).getByRole('button', { name: 'Buat revisi' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('revisi 2');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Draf');
    // The content was copied; the history links the approved revision.
    await expect(page.getByText('Terverifikasinya berkas usulan mutasi pegawai tepat waktu')).toBeVisible();
    const history = page.getByRole('region', { name: 'Riwayat revisi' });
    await expect(history.getByText('Revisi 2 (revisi ini)')).toBeVisible();
    await history.getByRole('link', { name: 'Revisi 1' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('revisi 1');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Disetujui');
    // A second revision cannot be opened while one is pending.
    await expect(page.getByRole('button', { name: 'Buat revisi' })).toHaveCount(0);
  });

  test('the employee edits the draft revision: an additional result with a range target, annexes, a deletion', async ({ page }) => {
    await signIn(page, 'pegawaibaru');
    await page.goto('/plans?status=draft');
    await page.getByRole('link', { name: /^Buka SKP Wulan Fitriani, S\.AP\. revisi 2/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Draf');

    await page.getByRole('button', { name: '+ Tambah hasil kerja (Tambahan)' }).click();
    const wr = page.getByRole('dialog', { name: 'Hasil kerja baru' });
    await expect(wr.getByLabel('Jenis hasil kerja')).toHaveValue('additional');
    await expect(wr.getByLabel('Hasil kerja pimpinan yang diintervensi')).toHaveCount(0);
    await wr.getByLabel('Rencana hasil kerja').fill('Terlaksananya layanan konsultasi kepegawaian');
    await wr.getByRole('button', { name: 'Simpan' }).click();
    await expect(wr).toBeHidden();

    await page.getByRole('button', { name: 'Tambah indikator untuk hasil kerja B1' }).click();
    const ind = page.getByRole('dialog', { name: 'Indikator baru' });
    await ind.getByLabel('Indikator kinerja individu').fill('Waktu tanggap konsultasi');
    await ind.getByLabel('Aspek').selectOption('time');
    await ind.getByLabel('Arah indikator').selectOption('lower');
    await ind.getByLabel('Rentang (min–maks)').check();
    await ind.getByLabel('Target minimum').fill('3');
    await ind.getByLabel('Target maksimum').fill('1');
    await ind.getByLabel('Satuan').fill('hari');
    await ind.getByRole('button', { name: 'Simpan' }).click();
    // The server checks the range as a whole and says which field is wrong.
    await expect(ind.getByRole('alert').first()).toBeVisible();
    await ind.getByLabel('Target minimum').fill('1');
    await ind.getByLabel('Target maksimum').fill('3');
    await ind.getByRole('button', { name: 'Simpan' }).click();
    await expect(ind).toBeHidden();
    await expect(page.getByRole('cell', { name: /1 – 3 hari/ })).toBeVisible();
    await expect(page.getByText('↓ makin rendah makin baik')).toBeVisible();

    await page.getByRole('button', { name: 'Ubah lampiran' }).click();
    const annex = page.getByRole('dialog', { name: 'Lampiran SKP' });
    await annex.getByLabel('Dukungan sumber daya').fill('Akses aplikasi SIASN\nRuang layanan konsultasi');
    await annex.getByLabel('Konsekuensi').fill('Capaian menjadi dasar tunjangan kinerja');
    await annex.getByRole('button', { name: 'Simpan' }).click();
    await expect(annex).toBeHidden();
    await expect(page.getByRole('listitem').filter({ hasText: 'Ruang layanan konsultasi' })).toBeVisible();
    await screenshot(page, 'plans-document-revision-draft');

    await page.getByRole('button', { name: 'Hapus hasil kerja B1' }).click();
    await page.getByRole('dialog', { name: 'Hapus hasil kerja B1' }).getByRole('button', { name: 'Hapus' }).click();
    await expect(page.getByText('Terlaksananya layanan konsultasi kepegawaian')).toHaveCount(0);
  });
});

test('HR sees every plan of the agency with filters, and the bulk report', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/plans');
  await expect(page.getByRole('heading', { level: 1, name: 'SKP' })).toBeVisible();
  await page.getByLabel('Status').selectOption('submitted');
  await expect(page.getByRole('link', { name: /^Buka SKP Joko Santoso/ })).toBeVisible();
  await screenshot(page, 'plans-list-hr');

  // HR's own moves on a live plan: change of appraiser (employee or external) and cancellation.
  await page.getByRole('link', { name: /^Buka SKP Joko Santoso/ }).click();
  const actions = page.getByRole('group', { name: 'Tindakan SKP' });
  await expect(actions.getByRole('button', { name: 'Batalkan SKP' })).toBeVisible();
  await actions.getByRole('button', { name: 'Ganti pejabat penilai' }).click();
  const reassign = page.getByRole('dialog', { name: 'Ganti pejabat penilai SKP' });
  await reassign.getByLabel('Pejabat eksternal (non-ASN)').check();
  await expect(reassign.getByLabel('Pejabat penilai baru').locator('option', { hasText: /Bupati/ })).toHaveCount(1);
  await screenshot(page, 'plans-reassign');
  await reassign.getByRole('button', { name: 'Batal' }).click();
  await expect(reassign).toBeHidden();

  // Bulk creation for a unit whose staff all have plans: every row reported as skipped.
  await page.goto('/plans/bulk');
  await page.getByLabel('Tahun penilaian').selectOption({ label: 'Penilaian Kinerja ASN Tahun 2026' });
  await page.getByLabel('Unit organisasi').selectOption({ label: 'Inspektorat Daerah' });
  await page.getByLabel('Rencana hasil kerja').fill('Terlaksananya pengawasan internal');
  await page.getByRole('button', { name: 'Buat SKP' }).click();
  const report = page.getByTestId('bulk-report');
  await expect(report).toContainText('0 SKP dibuat');
  await expect(report).toContainText('Sudah memiliki SKP');
  await screenshot(page, 'plans-bulk-report');
});

test('an employee cannot open another unit’s plan', async ({ page, request }) => {
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: 'Kinerja-Demo-2026' } });
  const { access_token } = await login.json();
  const headers = { Authorization: `Bearer ${access_token}` };
  const units = await (await request.get('/api/v1/units?per_page=200', { headers })).json();
  const health = units.items.find((u: { name: string }) => u.name === 'Dinas Kesehatan');
  const plans = await (await request.get(`/api/v1/plans?unit_id=${health.id}&per_page=1`, { headers })).json();
  const foreign = plans.items[0].id as string;

  await signIn(page, 'pegawai');
  await page.goto(`/plans/${foreign}`);
  await expect(page.getByText('SKP tidak ditemukan, atau Anda tidak berhak melihatnya.')).toBeVisible();
  await screenshot(page, 'plans-not-found');
});
