// User stories about the organisation tree.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './helpers';

test('an HR admin renames a unit', async ({ page, request }) => {
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Unit organisasi' }).click();
  const tree = page.locator('.tree-root');
  await tree.getByRole('button', { name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', exact: true }).click();
  const panel = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia' }) });
  await expect(panel.getByLabel('Nama unit')).toHaveValue('Badan Kepegawaian dan Pengembangan Sumber Daya Manusia');

  // Someone else renames it meanwhile: the page's ETag is now stale.
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } });
  const { access_token } = await login.json();
  const auth = { Authorization: `Bearer ${access_token}` };
  const treeJson = await (await request.get('/api/v1/units/tree', { headers: auth })).json();
  const bkpsdm = treeJson[0].children.find((u: { code: string }) => u.code === 'DEMO-BKPSDM');
  const current = await request.get(`/api/v1/units/${bkpsdm.id}`, { headers: auth });
  const other = await request.patch(`/api/v1/units/${bkpsdm.id}`, {
    headers: { ...auth, 'If-Match': current.headers()['etag'] ?? '' },
    data: { name: 'BKPSDM (diubah orang lain)' },
  });
  expect(other.status()).toBe(200);

  await panel.getByLabel('Nama unit').fill('BKPSDM Kabupaten Demo');
  await panel.getByRole('button', { name: 'Ubah nama' }).click();
  await expect(page.getByText('Unit ini telah diubah oleh orang lain. Muat ulang lalu coba lagi.')).toBeVisible();

  await page.getByRole('button', { name: 'Muat ulang' }).click();
  const reloaded = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'BKPSDM (diubah orang lain)' }) });
  await expect(reloaded.getByLabel('Nama unit')).toHaveValue('BKPSDM (diubah orang lain)');
  await reloaded.getByLabel('Nama unit').fill('BKPSDM Kabupaten Demo');
  await reloaded.getByRole('button', { name: 'Ubah nama' }).click();
  await expect(page.getByText('Nama unit disimpan.')).toBeVisible();
  await expect(tree.getByRole('button', { name: 'BKPSDM Kabupaten Demo', exact: true })).toBeVisible();
});
