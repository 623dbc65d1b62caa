// User story of HR closing a quarter: organisation predicates, the distribution curve,
// calibration with a reason and finalisation with a justification for a unit that breaks the
// curve. Works on Dinas Kesehatan and Bagian Hukum, never on the Bidang Mutasi dan Promosi
// (other specs use its evaluations).
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, screenshot, signIn } from './helpers';

const SEKSI = 'Seksi Pelayanan Kesehatan Primer';

test('an HR admin changes an organisation predicate, calibrates an evaluation and finalises Triwulan III', async ({ page, request }) => {
  test.setTimeout(90_000);
  // Someone of the Seksi who is not its head (the head stays out of the unit's curve).
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } });
  const { access_token } = await login.json();
  const auth = { Authorization: `Bearer ${access_token}` };
  const cycles = await (await request.get('/api/v1/cycles?year=2026', { headers: auth })).json();
  const cycle = await (await request.get(`/api/v1/cycles/${cycles.items[0].id}`, { headers: auth })).json();
  const q3 = cycle.periods.find((p: { name: string }) => p.name === 'Triwulan III');
  const dist = await (await request.get(`/api/v1/periods/${q3.id}/distribution`, { headers: auth })).json();
  const seksi = dist.units.find((u: { unit_name: string }) => u.unit_name === SEKSI);
  const sheet = await (await request.get(`/api/v1/periods/${q3.id}/calibration?unit_id=${seksi.unit_id}`, { headers: auth })).json();
  const member = sheet.items.find((r: { employee_id: string; status: string }) => r.employee_id !== seksi.head_employee_id && r.status === 'rated');

  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Distribusi & kalibrasi' }).click();
  // The quarter awaiting calibration is chosen, and written in the URL.
  await expect(page.getByLabel('Periode', { exact: true }).locator('option:checked')).toHaveText('Triwulan III');
  await expect(page).toHaveURL(new RegExp(`period=${q3.id}`));

  const units = page.getByRole('table', { name: 'Unit organisasi' });
  const seksiRow = units.getByRole('row').filter({ has: page.getByRole('rowheader', { name: SEKSI }) });
  await expect(seksiRow).toContainText('2 pelanggaran');
  await seksiRow.getByRole('button', { name: `Tampilkan rincian ${SEKSI}` }).click();
  await expect(page.getByText('16 dari 16 pegawai (100%) berpredikat Baik', { exact: false })).toBeVisible();
  await expect(page.getByText(/Tidak ada pegawai berpredikat Butuh Perbaikan atau Kurang/)).toBeVisible();
  await screenshot(page, 'distribution-q3');

  // Changing a predicate already set needs a reason.
  await units.getByRole('button', { name: 'Ubah predikat organisasi Bagian Hukum' }).click();
  const orgDialog = page.getByRole('dialog', { name: /Ubah predikat organisasi Bagian Hukum/ });
  await orgDialog.getByRole('radio', { name: 'Istimewa' }).check();
  await orgDialog.getByLabel('Dasar penetapan').fill('Seluruh IKU triwulan III tercapai; dua inovasi layanan hukum.');
  await orgDialog.getByRole('button', { name: 'Simpan predikat' }).click();
  await expect(orgDialog.getByText('Perubahan predikat yang sudah ditetapkan memerlukan alasan.')).toBeVisible();
  await orgDialog.getByLabel('Alasan perubahan').fill('Koreksi setelah evaluasi SAKIP triwulan III.');
  await orgDialog.getByRole('button', { name: 'Simpan predikat' }).click();
  await expect(page.getByText('Predikat organisasi Bagian Hukum: Istimewa.')).toBeVisible();
  await expect(units.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Bagian Hukum' }) })).toContainText('Istimewa');

  // Calibration: one member of the Seksi to Butuh Perbaikan, with a reason; the curve updates.
  await page.getByRole('tab', { name: 'Kalibrasi' }).click();
  await page.getByLabel('Unit (beserta sub-unit)').selectOption(seksi.unit_id);
  const live = page.getByRole('complementary', { name: 'Sebaran langsung' });
  await expect(live).toContainText(`Sebaran langsung: ${SEKSI}`);
  await expect(live).toContainText('2 pelanggaran');
  await page.getByRole('button', { name: `Kalibrasi predikat ${member.employee_name}` }).click();
  const calDialog = page.getByRole('dialog', { name: `Kalibrasi predikat ${member.employee_name}` });
  await calDialog.getByRole('radio', { name: 'Butuh Perbaikan' }).check();
  await calDialog.getByRole('button', { name: 'Simpan kalibrasi' }).click();
  await expect(calDialog.getByText('Alasan wajib diisi.')).toBeVisible();
  await calDialog.getByLabel('Alasan kalibrasi').fill('Rapat kalibrasi pimpinan 12 Oktober 2026: capaian di bawah rekan seunit.');
  await calDialog.getByRole('button', { name: 'Simpan kalibrasi' }).click();
  await expect(page.getByText(`Predikat ${member.employee_name} dikalibrasi menjadi Butuh Perbaikan.`)).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: member.employee_name }) });
  await expect(row).toContainText('Rapat kalibrasi pimpinan 12 Oktober 2026');
  await expect(live).toContainText('1 pelanggaran');
  await screenshot(page, 'calibration-sheet');

  await page.getByRole('tab', { name: 'Kecenderungan penilai' }).click();
  await expect(page.getByRole('table', { name: 'Kecenderungan penilai' })).toBeVisible();
  await screenshot(page, 'leniency');

  // Finalisation: the violating Seksi needs a justification.
  await page.getByRole('tab', { name: 'Finalisasi' }).click();
  await expect(page.getByText('Yang akan terjadi pada Triwulan III')).toBeVisible();
  await expect(page.getByText(`Pertimbangan untuk ${SEKSI}`)).toBeVisible();
  await page.getByRole('button', { name: 'Finalisasi Triwulan III' }).click();
  await expect(page.getByText('Isi pertimbangan untuk unit ini.')).toBeVisible();
  await page.getByLabel(`Pertimbangan untuk ${SEKSI}`).fill('Tim puskesmas: capaian pelayanan primer di atas target seluruh kecamatan.');
  await screenshot(page, 'finalise-q3');
  await page.getByRole('button', { name: 'Finalisasi Triwulan III' }).click();
  const confirm = page.getByRole('dialog', { name: 'Finalisasi Triwulan III?' });
  await expect(confirm).toContainText('evaluasi yang belum dinilai tetap terbuka');
  await confirm.getByRole('button', { name: 'Ya, finalisasi' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Triwulan III difinalisasi.' });
  await expect(result).toContainText(/evaluasi difinalisasi; 2 belum dinilai dan dibiarkan\./);
  await expect(result).toContainText('Tim puskesmas: capaian pelayanan primer');
  // The justification is kept on the unit: the curve check shows it as justified.
  await page.getByRole('tab', { name: 'Predikat organisasi & kurva' }).click();
  await expect(units.getByRole('row').filter({ has: page.getByRole('rowheader', { name: SEKSI }) })).toContainText('Dijustifikasi');
  await screenshot(page, 'finalised-q3');
});

test('an HR admin moves from the evaluations list to the cycle and calibration screens without losing them', async ({ page }) => {
  await signIn(page, 'admin');
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  await nav.getByRole('link', { name: 'Evaluasi kinerja' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await nav.getByRole('link', { name: 'Distribusi & kalibrasi' }).click();
  await expect(page.getByLabel('Periode', { exact: true })).toBeVisible();
  await nav.getByRole('link', { name: 'Siklus penilaian' }).click();
  await page.getByRole('link', { name: /2026/ }).first().click();
  await expect(page.getByText('Triwulan III').first()).toBeVisible();
  await nav.getByRole('link', { name: 'Evaluasi kinerja' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Cannot read properties')).toHaveCount(0);
});
