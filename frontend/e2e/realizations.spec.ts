// User stories of an approved plan in use: realizations with evidence in the current quarter,
// continuous feedback from the appraiser, performance dialogues. Uses `pegawai`'s 2026 plan
// (its Q4 realizations, feedback and dialogues only) and `penilai`.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, screenshot, signIn } from './helpers';

/** Signs the current user out, so that the next `signIn` starts from the login page. */
async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByLabel('Nama pengguna atau NIP')).toBeVisible();
}

async function planOf(request: APIRequestContext, username: string): Promise<string> {
  const login = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  const { access_token, user } = await login.json();
  const headers = { Authorization: `Bearer ${access_token}` };
  const plans = await (await request.get(`/api/v1/plans?employee_id=${user.employee_id}&status=approved`, { headers })).json();
  return plans.items.find((p: { starts_on: string }) => p.starts_on.startsWith('2026')).id as string;
}

async function openMyCurrentPlan(page: Page) {
  await page.goto('/plans');
  await page.getByLabel('Status').selectOption('approved');
  await page.getByRole('link', { name: /^Buka SKP Dimas, S\.Psi\. revisi \d+ \(1 Jan 2026/ }).click();
}

test('an employee records a Q4 realization with a link and an uploaded file', async ({ page }) => {
  await signIn(page, 'pegawai');
  await openMyCurrentPlan(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Disetujui');
  await screenshot(page, 'plans-document-pegawai');
  await page.getByRole('tab', { name: 'Realisasi & bukti dukung' }).click();
  await expect(page.getByLabel('Periode')).toHaveValue(/.+/);
  await expect(page.getByLabel('Periode').locator('option:checked')).toHaveText(/Triwulan IV/);
  await expect(page.getByText(/Batas pengisian:/)).toBeVisible();

  await page.getByRole('button', { name: /^Isi realisasi / }).first().click();
  const dialog = page.getByRole('dialog', { name: /^Realisasi: / });
  await dialog.getByLabel('Nilai realisasi').fill('3');
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog.getByText('Realisasi disimpan.')).toBeVisible();

  await dialog.getByLabel('Tautan (http/https)').fill('https://drive.demo.go.id/laporan-q4.pdf');
  await dialog.getByRole('button', { name: 'Tambah tautan' }).click();
  await expect(dialog.getByText('Tautan bukti dukung ditambahkan.')).toBeVisible();
  await expect(dialog.getByRole('link', { name: 'https://drive.demo.go.id/laporan-q4.pdf' })).toBeVisible();

  // A file type outside the evidence policy is refused with the accepted types named.
  await dialog.getByLabel('Unggah berkas').setInputFiles({ name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('catatan') });
  await dialog.getByRole('button', { name: 'Unggah', exact: true }).click();
  await expect(dialog.getByText(/Jenis berkas ini tidak diterima\. Jenis yang diterima: PDF, PNG, JPEG/)).toBeVisible();

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  await dialog.getByLabel('Unggah berkas').setInputFiles({ name: 'laporan-q4.pdf', mimeType: 'application/pdf', buffer: pdf });
  await dialog.getByRole('button', { name: 'Unggah', exact: true }).click();
  await expect(dialog.getByText('Berkas laporan-q4.pdf diunggah.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Unduh laporan-q4.pdf' })).toBeVisible();
  await expect(dialog.getByText(/SHA-256: [0-9a-f]{64}/)).toBeVisible();
  await screenshot(page, 'plans-realization-dialog');

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Unduh laporan-q4.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('laporan-q4.pdf');
  await dialog.getByRole('button', { name: 'Tutup' }).last().click();
  await screenshot(page, 'plans-realizations');
});

test('the appraiser writes continuous feedback and the employee sees it', async ({ page, request }) => {
  const planId = await planOf(request, 'pegawai');
  const note = 'Laporan mutasi triwulan IV sudah rapi; lengkapi lampiran SK sebelum 20 Desember.';

  await signIn(page, 'penilai');
  await page.goto(`/plans/${planId}`);
  await page.getByRole('tab', { name: 'Umpan balik berkelanjutan' }).click();
  const form = page.getByRole('form', { name: 'Tulis umpan balik' });
  await form.getByLabel('Tentang').selectOption('work_result');
  await form.getByLabel('Butir').selectOption({ index: 1 });
  await form.getByLabel('Catatan').fill(note);
  await form.getByLabel('Ditujukan').selectOption('employee');
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(form.getByText('Umpan balik disimpan.')).toBeVisible();
  await expect(page.getByText(note)).toBeVisible();
  await screenshot(page, 'plans-feedback-appraiser');

  await page.getByRole('tab', { name: 'Dialog kinerja' }).click();
  await expect(page.getByText(/Dicatat oleh/).first()).toBeVisible();
  await screenshot(page, 'plans-dialogues');

  await signOut(page);
  await signIn(page, 'pegawai');
  await page.goto(`/plans/${planId}?tab=feedback`);
  await expect(page.getByText(note)).toBeVisible();
  await expect(page.getByRole('form', { name: 'Tulis catatan sendiri' })).toBeVisible();
  await screenshot(page, 'plans-feedback-employee');
});
