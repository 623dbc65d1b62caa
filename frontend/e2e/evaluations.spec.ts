// User stories of evaluations: the appraiser rates, the employee reads their result and its
// explanation, acknowledges it and objects, HR checks a sealed result. Uses Fikri Wibowo's
// Triwulan III evaluation (awaiting rating, which finalising Q3 leaves alone) and pegawai's
// Triwulan II result (finalised, not acknowledged at the start of a run).
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './helpers';

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
  await screenshot(page, 'evaluation-explanation');

  const actions = page.getByTestId('employee-actions');
  await actions.getByRole('button', { name: 'Konfirmasi penerimaan hasil' }).click();
  const ack = page.getByRole('dialog', { name: 'Konfirmasi penerimaan hasil?' });
  await expect(ack).toContainText('predikat Baik');
  await ack.getByRole('button', { name: 'Konfirmasi penerimaan hasil' }).click();
  await expect(actions.getByText('Penerimaan hasil dikonfirmasi.')).toBeVisible();
  await expect(actions.getByTestId('objection-window')).toContainText('Keberatan dapat diajukan sampai dengan');
  await screenshot(page, 'evaluation-acknowledged');

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
  await screenshot(page, 'evaluation-hr-verified');
});
