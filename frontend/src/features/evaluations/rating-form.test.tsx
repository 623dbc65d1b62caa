import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import type { Evaluation } from './api';
import { RatingForm } from './rating-form';
import { json, problem, signInAs, stubFetch } from './test-support';

const evaluation: Evaluation = {
  id: 'e1',
  agency_id: 'a',
  cycle_id: 'c',
  period_id: 'p',
  plan_id: 'pl',
  employee_id: 'emp',
  appraiser_employee_id: 'boss',
  is_annual: false,
  status: 'awaiting_rating',
  has_innovation: false,
  regime: 'pmpanrb6_2022',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 3,
};

beforeEach(() => signInAs({ employee_id: 'boss' }));
afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

const group = (name: string) => screen.getByRole('group', { name });

// Form stories click through several steps; a loaded CI machine must not make them flaky.
vi.setConfig({ testTimeout: 15_000 });

describe('RatingForm', () => {
  it('asks for a justification of "above" before sending, then shows the predicate the server computed', async () => {
    const calls = stubFetch(({ method, path, body }) =>
      method === 'PUT' && path === '/api/v1/evaluations/e1/rating'
        ? json({ ...evaluation, ...(body as object), status: 'rated', predicate: 'good', effective_predicate: 'good' })
        : undefined,
    );
    renderWithProviders(<RatingForm evaluation={evaluation} etag={'"3"'} leader={null} onReload={vi.fn()} />);
    await userEvent.click(within(group('Rating hasil kerja')).getByRole('radio', { name: 'Di atas ekspektasi' }));
    expect(screen.getByText('Wajib: jelaskan mengapa hasil kerja di atas ekspektasi.')).toBeInTheDocument();
    await userEvent.click(within(group('Rating perilaku kerja')).getByRole('radio', { name: 'Sesuai ekspektasi' }));
    await userEvent.click(screen.getByRole('button', { name: 'Simpan penilaian' }));
    expect(screen.getByText('Alasan wajib diisi untuk rating di atas atau di bawah ekspektasi.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);

    await userEvent.click(screen.getByLabelText(/Alasan rating hasil kerja/));
    await userEvent.paste('Target terlampaui.');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan penilaian' }));
    expect(await screen.findByText('Penilaian disimpan. Predikat dari server: Baik.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.headers.get('If-Match')).toBe('"3"');
    expect(put?.body).toMatchObject({
      result_rating: 'above',
      behaviour_rating: 'meets',
      result_justification: 'Target terlampaui.',
      behaviour_justification: null,
      has_innovation: false,
    });
  });

  it('shows a unit head’s result rating read-only before the first rating, with the organisation predicate it follows', async () => {
    const calls = stubFetch(({ method }) =>
      method === 'PUT'
        ? json({ ...evaluation, status: 'rated', result_rating: 'meets', behaviour_rating: 'meets', predicate: 'good', effective_predicate: 'good' })
        : undefined,
    );
    renderWithProviders(
      <RatingForm evaluation={evaluation} etag={'"3"'} leader={{ unit_id: 'u1', organisation_predicate: 'good', result_rating: 'meets' }} onReload={vi.fn()} />,
    );
    const leader = screen.getByTestId('leader-result');
    expect(leader).toHaveTextContent('Sesuai ekspektasi');
    expect(leader).toHaveTextContent('Pegawai ini memimpin unit');
    expect(leader).toHaveTextContent('predikat organisasi Baik memberi rating hasil kerja sesuai ekspektasi');
    expect(screen.queryByRole('group', { name: 'Rating hasil kerja' })).not.toBeInTheDocument();
    await userEvent.click(within(group('Rating perilaku kerja')).getByRole('radio', { name: 'Sesuai ekspektasi' }));
    await userEvent.click(screen.getByRole('button', { name: 'Simpan penilaian' }));
    expect(await screen.findByText('Penilaian disimpan. Predikat dari server: Baik.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ result_rating: null, behaviour_rating: 'meets' });
  });

  it('asks for the justification a unit head’s "below" result rating needs, though it is not chosen', async () => {
    const calls = stubFetch(() => undefined);
    renderWithProviders(
      <RatingForm
        evaluation={evaluation}
        etag={'"3"'}
        leader={{ unit_id: 'u1', organisation_predicate: 'needs_improvement', result_rating: 'below' }}
        onReload={vi.fn()}
      />,
    );
    expect(screen.getByTestId('leader-result')).toHaveTextContent('Di bawah ekspektasi');
    await userEvent.click(within(group('Rating perilaku kerja')).getByRole('radio', { name: 'Sesuai ekspektasi' }));
    await userEvent.click(screen.getByRole('button', { name: 'Simpan penilaian' }));
    expect(screen.getByText('Alasan wajib diisi untuk rating di atas atau di bawah ekspektasi.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('says when someone else changed the evaluation and reloads on request', async () => {
    stubFetch(({ method }) => (method === 'PUT' ? problem('stale_version', 412, 'Someone else changed this object.') : undefined));
    const onReload = vi.fn();
    renderWithProviders(<RatingForm evaluation={evaluation} etag={'"2"'} leader={null} onReload={onReload} />);
    await userEvent.click(within(group('Rating hasil kerja')).getByRole('radio', { name: 'Sesuai ekspektasi' }));
    await userEvent.click(within(group('Rating perilaku kerja')).getByRole('radio', { name: 'Sesuai ekspektasi' }));
    await userEvent.click(screen.getByRole('button', { name: 'Simpan penilaian' }));
    expect(await screen.findByText(/telah diubah oleh orang lain/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Muat ulang' }));
    expect(onReload).toHaveBeenCalled();
  });

  it('explains a refusal when the guards moved since the page was read, with the server’s words', async () => {
    stubFetch(({ method }) =>
      method === 'PUT' ? problem('period_not_ended', 422, 'The period Triwulan IV ends on 2026-12-31; rating opens the day after.') : undefined,
    );
    renderWithProviders(<RatingForm evaluation={evaluation} etag={'"3"'} leader={null} onReload={vi.fn()} />);
    await userEvent.click(within(group('Rating hasil kerja')).getByRole('radio', { name: 'Sesuai ekspektasi' }));
    await userEvent.click(within(group('Rating perilaku kerja')).getByRole('radio', { name: 'Sesuai ekspektasi' }));
    await userEvent.click(screen.getByRole('button', { name: 'Simpan penilaian' }));
    await waitFor(() => expect(screen.getByText('Periode belum berakhir; penilaian belum dibuka.')).toBeInTheDocument());
    expect(screen.getByText(/ends on 2026-12-31/)).toBeInTheDocument();
  });
});
