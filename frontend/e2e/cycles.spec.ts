// User stories of HR administering the appraisal cycles: creating the next year, following the
// running year's progress, and an auditor reading without write actions.
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './helpers';

test('an HR admin creates the 2027 cycle and opens its planning', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Siklus penilaian' }).click();
  await expect(page.getByRole('link', { name: 'Penilaian Kinerja ASN Tahun 2026' })).toBeVisible();
  await screenshot(page, 'cycles-list');
  await page.getByRole('link', { name: 'Buat siklus' }).click();

  // The next year and the documented defaults are filled in.
  await expect(page.getByLabel('Tahun penilaian')).toHaveValue('2027');
  await expect(page.getByLabel('Nama siklus')).toHaveValue('Penilaian Kinerja 2027');
  await expect(page.getByLabel('Jenis periode')).toHaveValue('quarterly');
  await expect(page.getByLabel('Regulasi penilaian')).toHaveValue('pmpanrb6_2022');
  await expect(page.getByLabel('Ambang anonimitas')).toHaveValue('3');
  await expect(page.getByLabel('Masa pengajuan keberatan (hari)')).toHaveValue('14');
  await expect(page.getByRole('radio', { name: /Lunak/ })).toBeChecked();
  await page.getByLabel('Ambang anonimitas').fill('5');
  await screenshot(page, 'cycle-create');

  // A start date outside the year is refused by the server, on its field.
  await page.getByLabel('Mulai', { exact: true }).fill('2026-12-01');
  await page.getByRole('button', { name: 'Buat siklus' }).click();
  await expect(page.getByText('Periksa isian yang ditandai.')).toBeVisible();
  await expect(page.getByLabel('Mulai', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Mulai', { exact: true }).fill('2027-01-01');
  await page.getByRole('button', { name: 'Buat siklus' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('Penilaian Kinerja 2027');
  await expect(page.getByText(/dibuat dalam tahap Draf/)).toBeVisible();
  const periods = page.getByRole('table', { name: 'Periode penilaian' });
  await expect(periods.getByRole('rowheader')).toHaveText(['Triwulan I', 'Triwulan II', 'Triwulan III', 'Triwulan IV', /Tahunan/]);
  await expect(page.getByText(/minimal 5 jawaban/)).toBeVisible();
  await screenshot(page, 'cycle-draft');

  await page.getByRole('button', { name: 'Buka perencanaan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Buka perencanaan' });
  await expect(dialog).toContainText('Pegawai dapat mulai menyusun dan mengajukan SKP');
  await dialog.getByRole('button', { name: 'Buka perencanaan' }).click();
  await expect(page.getByText('Siklus kini dalam tahap Perencanaan.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Perencanaan' }).first()).toHaveAttribute('aria-current', 'step');
  await expect(page.getByRole('button', { name: 'Mulai periode berjalan' })).toBeVisible();
  await screenshot(page, 'cycle-planning');
});

test('an HR admin reads the 2026 progress of Triwulan III and drills into a unit', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/cycles');
  await page.getByRole('link', { name: 'Penilaian Kinerja ASN Tahun 2026' }).click();
  await page.getByRole('link', { name: 'Progres' }).first().click();
  const periodSelect = page.getByLabel('Periode', { exact: true });
  await periodSelect.selectOption((await periodSelect.locator('option', { hasText: /^Triwulan III/ }).getAttribute('value')) ?? '');

  await expect(page.getByText(/Batas pengisian Triwulan III telah lewat/)).toBeVisible();
  const totals = page.getByRole('region', { name: 'Jumlah instansi' });
  await expect(totals).toContainText('Evaluasi dinilai');
  await expect(totals).toContainText('303/305');
  const table = page.getByRole('table', { name: 'Per unit' });
  await expect(table.getByRole('button', { name: 'Dinas Kesehatan', exact: true })).toBeVisible();
  await screenshot(page, 'progress-q3');

  await table.getByRole('button', { name: 'Dinas Kesehatan', exact: true }).click();
  await expect(page.getByText('Unit: Dinas Kesehatan')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Jumlah untuk Dinas Kesehatan' })).toBeVisible();
  await expect(table.getByRole('button', { name: 'Seksi Pelayanan Kesehatan Primer' })).toBeVisible();
  await expect(table.getByRole('button', { name: 'Bidang Mutasi dan Promosi' })).toHaveCount(0);

  // The choice survives a reload (it is in the URL).
  await page.reload();
  await expect(page.getByLabel('Periode', { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel('Periode', { exact: true }).locator('option:checked')).toHaveText(/^Triwulan III/);
  await expect(page.getByText('Unit: Dinas Kesehatan')).toBeVisible();
  await screenshot(page, 'progress-unit');
});

test('an auditor sees the cycle page without write actions', async ({ page }) => {
  await signIn(page, 'auditor');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Siklus penilaian' }).click();
  await expect(page.getByRole('link', { name: 'Buat siklus' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Penilaian Kinerja ASN Tahun 2026' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Penilaian Kinerja ASN Tahun 2026');
  await expect(page.getByRole('table', { name: 'Periode penilaian' })).toBeVisible();
  await expect(page.getByText('Anda melihat siklus ini tanpa hak ubah.')).toBeVisible();
  for (const name of ['Mulai penutupan', 'Tutup siklus', 'Hitung sekarang', 'Ubah kebijakan']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(page.getByRole('button', { name: /Ubah batas pengisian/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Tindakan HR/ })).toHaveCount(0);
  await expect(page.getByText('Kebijakan siklus')).toBeVisible();
  await screenshot(page, 'cycle-auditor');

  // The distribution is readable too, without setting predicates or finalising.
  await page.getByRole('link', { name: 'Distribusi & kalibrasi' }).first().click();
  await expect(page.getByRole('table', { name: 'Unit organisasi' })).toBeVisible();
  await expect(page.getByRole('button', { name: /predikat organisasi/ })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Finalisasi' }).click();
  await expect(page.getByText('Finalisasi hanya dapat dilakukan oleh admin instansi.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Finalisasi/ })).toHaveCount(0);
});
