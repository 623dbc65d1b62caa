import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import type { EvaluationAllowedActions, EvaluationDetail } from './api';
import { EmployeeActions } from './employee-actions';
import { evaluationDetail, json, problem, signInAs, stubFetch } from './test-support';

const finalised = (overrides: Partial<EvaluationDetail> = {}, allowed: Partial<EvaluationAllowedActions> = {}) =>
  evaluationDetail(
    { status: 'finalised', result_rating: 'below', behaviour_rating: 'meets', predicate: 'needs_improvement', effective_predicate: 'needs_improvement', version: 5, ...overrides },
    allowed,
  );

function renderActions(evaluation: EvaluationDetail) {
  return renderWithProviders(<EmployeeActions evaluation={evaluation} etag={'"5"'} deadlineDays={14} objection={null} />);
}

beforeEach(() => signInAs({ employee_id: 'emp', username: 'pegawai' }));
afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

// Form stories click through several steps; a loaded CI machine must not make them flaky.
vi.setConfig({ testTimeout: 15_000 });

describe('EmployeeActions', () => {
  it('acknowledges receipt after a confirmation that names the predicate and the window', async () => {
    const calls = stubFetch(({ method, path }) =>
      method === 'POST' && path === '/api/v1/evaluations/e1/acknowledge' ? json({ ...finalised(), received_at: '2026-07-20T03:00:00Z' }) : undefined,
    );
    renderActions(finalised({}, { actions: ['acknowledge', 'verify'] }));
    await userEvent.click(screen.getByRole('button', { name: 'Konfirmasi penerimaan hasil' }));
    const dialog = screen.getByRole('dialog', { name: 'Konfirmasi penerimaan hasil?' });
    expect(dialog).toHaveTextContent('predikat Butuh Perbaikan');
    expect(dialog).toHaveTextContent('14 hari');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Konfirmasi penerimaan hasil' }));
    expect(await screen.findByText('Penerimaan hasil dikonfirmasi.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.path.endsWith('/acknowledge'))).toBe(true);
  });

  it('shows the server’s last day to object, and the server’s refusal of an objection it no longer accepts', async () => {
    const calls = stubFetch(({ method, path }) =>
      method === 'POST' && path === '/api/v1/evaluations/e1/objections'
        ? problem(
            'objection_too_late',
            422,
            'Objections must be submitted within 14 days of receiving the result; the last day was 2026-08-03. (The last allowed day was 2026-08-03.)',
          )
        : undefined,
    );
    // The day is the server's (allowed.objection_last_day_on), not counted from the receipt here.
    renderActions(finalised({ received_at: '2026-07-19T20:00:00Z' }, { actions: ['object'], objection_last_day_on: '2026-08-03' }));
    expect(screen.getByTestId('objection-window')).toHaveTextContent('Keberatan dapat diajukan sampai dengan 3 Agu 2026');
    await userEvent.click(screen.getByRole('button', { name: 'Ajukan keberatan' }));
    const dialog = screen.getByRole('dialog', { name: 'Ajukan keberatan atas hasil evaluasi' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Kirim keberatan' }));
    expect(within(dialog).getByText('Alasan keberatan minimal 10 karakter.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByLabelText('Alasan keberatan'));
    await userEvent.paste('Realisasi melampaui target, bukti terlampir.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Kirim keberatan' }));
    expect(await screen.findByText('Masa pengajuan keberatan telah berakhir.')).toBeInTheDocument();
    expect(screen.getByText(/the last day was 2026-08-03/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reasons: 'Realisasi melampaui target, bukti terlampir.' });
  });

  it('opens a not-started evaluation and hands in a filled one with a self-assessment', async () => {
    const calls = stubFetch(({ method, path }) => {
      if (method === 'POST' && path.endsWith('/start')) return json({ ...finalised(), status: 'filling' });
      if (method === 'POST' && path.endsWith('/submit')) return json({ ...finalised(), status: 'awaiting_rating' });
      return undefined;
    });
    const { unmount } = renderActions(finalised({ status: 'not_started' }, { actions: ['start'] }));
    await userEvent.click(screen.getByRole('button', { name: 'Mulai pengisian' }));
    expect(await screen.findByText(/Evaluasi dibuka/)).toBeInTheDocument();
    expect(calls.find((c) => c.path.endsWith('/start'))?.headers.get('If-Match')).toBe('"5"');
    unmount();

    renderActions(finalised({ status: 'filling' }, { actions: ['submit', 'nominate_peer'] }));
    expect(screen.getByRole('link', { name: 'Catat realisasi dan bukti dukung' })).toHaveAttribute('href', '/plans/pl');
    await userEvent.click(screen.getByRole('button', { name: 'Ajukan untuk dinilai' }));
    const dialog = screen.getByRole('dialog', { name: 'Ajukan evaluasi untuk dinilai?' });
    await userEvent.click(within(dialog).getByLabelText('Penilaian diri (opsional)'));
    await userEvent.paste('Semua target tercapai.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ajukan untuk dinilai' }));
    expect(await screen.findByText(/Evaluasi diajukan/)).toBeInTheDocument();
    expect(calls.find((c) => c.path.endsWith('/submit'))?.body).toEqual({ self_assessment: 'Semua target tercapai.' });
  });
});

describe('EmployeeActions after the window', () => {
  it('says the window closed on the server’s last day and offers no objection when the server does not', () => {
    stubFetch(() => undefined);
    renderActions(finalised({ received_at: '2026-07-19T20:00:00Z' }, { actions: ['verify'], objection_last_day_on: '2026-08-03' }));
    expect(screen.getByTestId('objection-window')).toHaveTextContent('Masa keberatan berakhir pada 3 Agu 2026; keberatan tidak dapat diajukan lagi.');
    expect(screen.queryByRole('button', { name: 'Ajukan keberatan' })).not.toBeInTheDocument();
  });

  it('offers nothing the server does not list, whatever the state', () => {
    stubFetch(() => undefined);
    renderActions(finalised({ status: 'finalised' }, { actions: [] }));
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByText('Tidak ada langkah yang perlu Anda lakukan saat ini.')).toBeInTheDocument();
  });
});
