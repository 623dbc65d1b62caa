// User stories about signing in.
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a wrong password shows a clear error', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Nama pengguna atau NIP').fill('admin');
  await page.getByLabel('Kata sandi').fill('not-the-password');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toHaveText('Nama pengguna/NIP atau kata sandi salah.');
  await expect(page).toHaveURL(/\/login$/);
});

test('a user signs in, survives a reload, and signs out', async ({ page }) => {
  await signIn(page, 'superadmin');
  await page.reload();
  await expect(page.getByTestId('current-user')).toContainText('superadmin');
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});
