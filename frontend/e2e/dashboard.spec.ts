// User stories of the landing page: each person sees what needs them now and follows a task to
// the screen that resolves it; HR sees the running year's headline. Only reads: the specs that
// run later (evaluations, feedback, objections, plans) act on these same tasks. Assertions allow
// for what earlier specs changed (cycles opens 2027 planning, so everyone also has a 2027 plan
// to create; calibration finalises Triwulan III, so its results also await acknowledgement).
import { expect, test, type Page } from '@playwright/test';
import { screenshot, signIn } from './helpers';

function home(page: Page) {
  return page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Beranda' });
}

function tasks(page: Page) {
  return page.getByRole('list', { name: 'Tugas Anda' });
}

/** The task tile whose link is named `name`. */
function tile(page: Page, name: string | RegExp) {
  return tasks(page).getByRole('listitem').filter({ has: page.getByRole('link', { name }) });
}

/** A full-page screenshot once the page has read everything. */
async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
}

async function mobileShot(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Beranda', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Yang perlu Anda kerjakan' }).or(page.getByRole('heading', { name: 'Tahun penilaian berjalan' })).first()).toBeVisible();
  await shot(page, name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('an employee sees their Q2 result to acknowledge and their 360 requests, and follows them', async ({ page }) => {
  await signIn(page, 'pegawai');
  await expect(page.getByRole('heading', { name: 'Yang perlu Anda kerjakan' })).toBeVisible();
  const result = tasks(page).getByRole('link', { name: 'Hasil Triwulan II 2026 belum Anda terima' });
  await expect(result).toBeVisible();
  const feedback = tasks(page).getByRole('link', { name: /^\d+ permintaan umpan balik 360 menunggu jawaban Anda$/ });
  await expect(feedback).toBeVisible();
  await expect(tile(page, /permintaan umpan balik 360/)).toContainText(/\d+ di antaranya sudah melewati batas waktu\./);
  // The bell in the top bar names the unread count.
  await expect(page.getByRole('link', { name: /^Notifikasi: \d+ belum dibaca$/ })).toBeVisible();
  // The record below stays.
  await expect(page.getByRole('heading', { name: 'Profil saya' })).toBeVisible();
  await shot(page, 'dashboard-pegawai');

  await result.click();
  await expect(page.getByRole('heading', { name: 'Evaluasi kinerja saya', level: 1 })).toBeVisible();
  await expect(page.getByText('Dimas, S.Psi. · Triwulan II · Penilaian Kinerja ASN Tahun 2026')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Konfirmasi penerimaan hasil' })).toBeVisible();

  await home(page).click();
  await tasks(page).getByRole('link', { name: /permintaan umpan balik 360 menunggu jawaban Anda/ }).click();
  await expect(page).toHaveURL(/\/feedback$/);
  await expect(page.getByRole('heading', { name: 'Umpan balik 360', level: 1 })).toBeVisible();

  await page.getByRole('link', { name: /^Notifikasi: \d+ belum dibaca$/ }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await mobileShot(page, 'dashboard-pegawai-mobile');
});

test('an appraiser sees two evaluations to rate and one plan to approve', async ({ page }) => {
  await signIn(page, 'penilai');
  const rate = tasks(page).getByRole('link', { name: '2 evaluasi menunggu penilaian Anda' });
  await expect(rate).toBeVisible();
  await expect(tasks(page).getByRole('link', { name: '1 SKP menunggu persetujuan Anda' })).toBeVisible();
  await shot(page, 'dashboard-penilai');

  await rate.click();
  await expect(page).toHaveURL(/\/evaluations\?tab=appraisees&state=awaiting_rating/);
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('awaiting_rating');
  const rows = page.getByTestId('appraisee-evaluations').getByRole('row');
  await expect(rows.filter({ hasText: 'Fikri Wibowo, S.AP.' })).toBeVisible();
  await expect(rows.filter({ hasText: 'Bambang Lubis, S.Sos., M.Si.' })).toBeVisible();

  await home(page).click();
  await tasks(page).getByRole('link', { name: '1 SKP menunggu persetujuan Anda' }).click();
  await expect(page).toHaveURL(/\/plans\?view=to-approve/);
  await expect(page.getByRole('link', { name: /Joko Santoso, S\.Psi\./ })).toBeVisible();
  await mobileShot(page, 'dashboard-penilai-mobile');
});

test('the appraiser’s superior sees the objection to decide', async ({ page }) => {
  await signIn(page, 'atasan');
  const objection = tasks(page).getByRole('link', { name: '1 keberatan menunggu keputusan Anda' });
  await expect(objection).toBeVisible();
  await shot(page, 'dashboard-atasan');
  await objection.click();
  await expect(page).toHaveURL(/\/objections$/);
  await expect(page.getByText('Sutrisno Hidayat, S.E.').first()).toBeVisible();
  await mobileShot(page, 'dashboard-atasan-mobile');
});

test('a newcomer is asked to create their 2026 plan', async ({ page }) => {
  await signIn(page, 'pegawaibaru');
  const create = tasks(page).getByRole('link', { name: 'SKP 2026 belum dibuat' });
  await expect(create).toBeVisible();
  await expect(tile(page, 'SKP 2026 belum dibuat')).toContainText('Penilaian Kinerja ASN Tahun 2026 sudah dibuka');
  // Nothing unread: the bell says so.
  await expect(page.getByRole('link', { name: /^Notifikasi: / })).toBeVisible();
  await shot(page, 'dashboard-pegawaibaru');
  await create.click();
  await expect(page).toHaveURL(/\/plans\/new\?cycle=/);
  await expect(page.getByRole('heading', { name: 'Buat SKP' })).toBeVisible();
  await mobileShot(page, 'dashboard-pegawaibaru-mobile');
});

test('an HR admin sees the running year’s progress headline and goes to the progress report', async ({ page }) => {
  await signIn(page, 'admin');
  const headline = page.getByRole('region', { name: 'Progres Penilaian Kinerja ASN Tahun 2026' });
  await expect(headline).toBeVisible();
  for (const label of ['SKP disetujui', 'Realisasi terisi', 'Umpan balik 360 dijawab', 'Evaluasi dinilai']) {
    await expect(headline).toContainText(new RegExp(`${label}\\d+%[\\d.]+ dari [\\d.]+`));
  }
  await expect(headline).toContainText('Terlambat');
  await expect(headline).toContainText(/Triwulan IV · batas pengisian/);
  const shortcuts = page.getByRole('navigation', { name: 'Pintasan' });
  await expect(shortcuts.getByRole('link', { name: 'Distribusi & kalibrasi' })).toBeVisible();
  await expect(shortcuts.getByRole('link', { name: 'Tindak lanjut' })).toBeVisible();
  // HR has no employee record: no bell.
  await expect(page.getByRole('link', { name: /^Notifikasi: / })).toHaveCount(0);
  await shot(page, 'dashboard-admin');

  await headline.getByRole('link', { name: 'Lihat progres per unit' }).click();
  await expect(page).toHaveURL(/\/cycles\/[0-9a-f-]+\/progress$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Progres Penilaian Kinerja ASN Tahun 2026' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Jumlah instansi' })).toBeVisible();
  await mobileShot(page, 'dashboard-admin-mobile');
});

test('an auditor sees the headline without tasks', async ({ page }) => {
  await signIn(page, 'auditor');
  await expect(page.getByRole('region', { name: 'Progres Penilaian Kinerja ASN Tahun 2026' })).toContainText(/SKP disetujui\d+%/);
  await expect(page.getByRole('heading', { name: 'Yang perlu Anda kerjakan' })).toHaveCount(0);
  await shot(page, 'dashboard-auditor');
  await mobileShot(page, 'dashboard-auditor-mobile');
});
