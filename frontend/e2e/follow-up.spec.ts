// User stories of HR acting on set results: the follow-up reports and their CSV downloads.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './helpers';

test('an HR admin downloads the promotion-eligibility CSV', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Tindak lanjut' }).click();

  // The award candidates of the last closed year come first.
  await expect(page.getByLabel('Siklus').locator('option:checked')).toHaveText(/^2025 ·/);
  const awards = page.getByRole('table', { name: 'Kandidat penghargaan' });
  await expect(awards.getByRole('row').nth(1)).toContainText('Sangat Baik');
  await screenshot(page, 'follow-up-awards');

  await page.getByRole('tab', { name: 'Kenaikan pangkat' }).click();
  await expect(page).toHaveURL(/tab=promotion/);
  const table = page.getByRole('table', { name: 'Kenaikan pangkat' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await page.getByLabel('Kelayakan').selectOption('yes');
  await expect(table.getByText('Belum layak')).toHaveCount(0);
  const shown = await table.getByRole('row').count();
  await screenshot(page, 'follow-up-promotion');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^kelayakan-kenaikan-pangkat-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await download.path();
  const text = (await readFile(path, 'utf8')).replace(/^\ufeff/, '');
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toBe('Nama,NIP,Unit,Golongan,TMT golongan,Predikat tahunan,Kelayakan,Alasan');
  // One line per row on screen (the header row of the table excluded).
  expect(lines).toHaveLength(shown);
  for (const line of lines.slice(1)) expect(line).toContain(',Ya,');

  // The tab and the filter survive a reload.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Kenaikan pangkat' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Kelayakan')).toHaveValue('yes');
});

test('an HR admin reviews development needs with their training topics', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/follow-up?tab=development');
  const table = page.getByRole('table', { name: 'Kebutuhan pengembangan' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(table).toContainText('Perencanaan kinerja dan penyusunan SKP');
  await page.getByRole('tab', { name: 'Angka kredit' }).click();
  await expect(page.getByRole('table', { name: 'Angka kredit' }).getByRole('row').nth(1)).toBeVisible();
  await screenshot(page, 'follow-up-credit');
  await page.getByRole('tab', { name: 'Kontrak PPPK' }).click();
  await expect(page.getByRole('table', { name: 'Kontrak PPPK' })).toContainText('Diperpanjang');
});
