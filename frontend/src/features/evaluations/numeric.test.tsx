import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import type { Evaluation } from './api';
import { NumericBehaviourForm, NumericSnapshot } from './numeric';
import { json, signInAs, stubFetch } from './test-support';

const evaluation: Evaluation = {
  id: 'e1',
  agency_id: 'a',
  cycle_id: 'c',
  period_id: 'p',
  plan_id: 'pl',
  employee_id: 'emp',
  appraiser_employee_id: 'boss',
  is_annual: true,
  status: 'awaiting_rating',
  has_innovation: false,
  regime: 'pp46_2011',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 4,
};

const snapshot = {
  regime: 'pp46_2011',
  inputs: { behaviour: { orientasi_pelayanan: '85', integritas: '90', komitmen: '88', disiplin: '80', kerja_sama: '86' } },
  steps: [{ work_result_id: 'w1', score: { total: '276', nilai: '92' } }],
  nilai_skp: '92',
  perilaku_jumlah: '429',
  nilai_perilaku: '85.8',
  nilai_prestasi_kerja: '89.52',
  label: 'Baik',
  predicate: 'good',
};

beforeEach(() => signInAs({ employee_id: 'boss' }));
afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

describe('NumericBehaviourForm', () => {
  it('asks for the aspects of PP 46/2011 and shows the label the server computed', async () => {
    const calls = stubFetch(({ method }) =>
      method === 'PUT' ? json({ ...evaluation, status: 'rated', numeric_snapshot: snapshot, predicate_label: 'Baik' }) : undefined,
    );
    renderWithProviders(<NumericBehaviourForm evaluation={evaluation} etag={'"4"'} onReload={vi.fn()} />);
    expect(screen.getByLabelText('Integritas')).toBeInTheDocument();
    expect(screen.getByLabelText('Disiplin')).toBeInTheDocument();
    expect(screen.queryByLabelText('Inisiatif kerja')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Simpan dan hitung' }));
    expect(screen.getAllByText('Wajib diisi.')).toHaveLength(5);
    for (const [label, value] of [
      ['Orientasi pelayanan', '85'],
      ['Integritas', '90'],
      ['Komitmen', '88'],
      ['Disiplin', '80'],
      ['Kerja sama', '86'],
    ] as const) {
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    }
    await userEvent.click(screen.getByRole('button', { name: 'Simpan dan hitung' }));
    expect(await screen.findByText('Nilai disimpan dan dihitung: Baik.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.headers.get('If-Match')).toBe('"4"');
    expect(put?.body).toMatchObject({ orientasi_pelayanan: '85', integritas: '90', disiplin: '80', inisiatif_kerja: null, kepemimpinan: null });
  });

  it('shows the kept snapshot: final figures, behaviour scores and steps', () => {
    renderWithProviders(<NumericSnapshot evaluation={{ ...evaluation, status: 'rated', numeric_snapshot: snapshot }} labelFor={() => 'Laporan kepegawaian'} />);
    expect(screen.getByText('Nilai prestasi kerja')).toBeInTheDocument();
    expect(screen.getByText('89,52')).toBeInTheDocument();
    expect(screen.getByText('Laporan kepegawaian')).toBeInTheDocument();
    expect(screen.getByText('Baik')).toBeInTheDocument();
  });
});
