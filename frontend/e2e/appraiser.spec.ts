// User stories of an employee looking at their own records.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, screenshot, signIn } from './helpers';

test('an employee sees their own appraiser', async ({ page, request }) => {
  // What the API says, to compare the page against.
  const login = await request.post('/api/v1/auth/login', { data: { username: 'pegawai', password: DEMO_PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const { access_token, user } = await login.json();
  const lookup = await request.get(`/api/v1/employees/${user.employee_id}/appraiser`, {
    headers: { Authorization: `Bearer ${access_token}` },
  });
  expect(lookup.ok()).toBeTruthy();
  const { appraiser } = await lookup.json();

  await signIn(page, 'pegawai');
  // An employee sees their own views only.
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  await expect(nav.getByRole('link', { name: 'Pegawai', exact: true })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Profil saya' })).toBeVisible();
  await expect(page.getByText('19930615 202101 1 001')).toBeVisible();
  const card = page.getByTestId('my-appraiser');
  await expect(card).toContainText(appraiser.name);
  await expect(card).toContainText(appraiser.nip_or_id_number);
  await screenshot(page, 'dashboard-employee');
});

test('an appraiser sees the employees they appraise', async ({ page }) => {
  await signIn(page, 'penilai');
  const list = page.getByTestId('my-appraisees');
  await expect(list).toContainText('Dimas, S.Psi.');
  await expect(page.getByRole('heading', { name: /Pegawai yang saya nilai \(\d+\)/ })).toBeVisible();
});
