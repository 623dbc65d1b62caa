// User stories of HR staff working with employee records.
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './helpers';

test('an HR admin logs in and finds an employee by NIP', async ({ page }) => {
  await signIn(page, 'admin');
  // The dashboard counts come from list totals.
  await expect(page.getByRole('heading', { name: 'Beranda' })).toBeVisible();
  await expect(page.locator('.stat-link').filter({ hasText: 'Pegawai' }).locator('.stat-value')).toHaveText(/^[1-9][\d.]*$/);
  await screenshot(page, 'dashboard-hr');

  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pegawai', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Pegawai', level: 1 })).toBeVisible();
  await expect(page.locator('.pagination-total')).toHaveText(/\d+ data/);
  await screenshot(page, 'employee-list');

  await page.getByLabel('Cari nama atau NIP').fill('199306152021011001');
  await page.getByRole('button', { name: 'Terapkan' }).click();
  await expect(page).toHaveURL(/q=199306152021011001/);
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('19930615 202101 1 001');
  await rows.first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Dimas');
  const history = page.getByRole('table', { name: 'Riwayat pejabat penilai' });
  await expect(history.locator('tbody tr').first()).toContainText('Definitif');
  await screenshot(page, 'employee-detail');
});
