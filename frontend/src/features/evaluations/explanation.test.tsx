import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '@/lib/i18n';
import { renderWithProviders } from '@/test/render';
import type { Explanation } from './api';
import { ExplanationView } from './explanation';

const explanation: Explanation = {
  evaluation_id: 'e1',
  regime: 'pmpanrb6_2022',
  inputs: { result_rating: 'below', behaviour_rating: 'meets' },
  predicate: 'needs_improvement',
  steps: [
    {
      rule: 'leader_result_mapping',
      citation: 'SE MenPANRB 3/2023',
      outcome: 'Organisation predicate Butuh Perbaikan gives the result rating Di Bawah Ekspektasi.',
    },
    {
      rule: 'kuadran.result_below',
      citation: 'PermenPANRB 6/2022, Lampiran: Kuadran Kinerja Pegawai',
      outcome: 'Work results below expectation can never yield better than Butuh Perbaikan. -> Butuh Perbaikan',
    },
  ],
  summary_id: 'Predikat Anda Butuh Perbaikan karena rating hasil kerja Anda Di Bawah Ekspektasi.',
  summary_en: 'Your predicate is Butuh Perbaikan because your result rating is Di Bawah Ekspektasi (below expectation).',
};

afterEach(() => void i18n.changeLanguage('id'));

describe('ExplanationView', () => {
  it('answers "why is my predicate Butuh Perbaikan?" as a list of steps in Indonesian', () => {
    renderWithProviders(<ExplanationView explanation={explanation} mine />);
    expect(screen.getByRole('heading', { name: 'Mengapa predikat saya Butuh Perbaikan?' })).toBeInTheDocument();
    expect(screen.getByText(explanation.summary_id)).toBeInTheDocument();
    const steps = screen.getAllByRole('listitem');
    expect(steps).toHaveLength(2);
    expect(steps[0]).toHaveTextContent('Pimpinan unit: rating hasil kerja mengikuti predikat kinerja organisasi');
    // The server's facts stay visible where the rule carries some.
    expect(steps[0]).toHaveTextContent('Organisation predicate Butuh Perbaikan');
    expect(steps[1]).toHaveTextContent('Hasil kerja Di Bawah Ekspektasi tidak pernah menghasilkan predikat lebih baik dari Butuh Perbaikan.');
    expect(steps[1]).toHaveTextContent('Dasar: PermenPANRB 6/2022');
  });

  it('switches to English with the language', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<ExplanationView explanation={explanation} mine />);
    expect(screen.getByRole('heading', { name: 'Why is my predicate Needs improvement (Butuh Perbaikan)?' })).toBeInTheDocument();
    expect(screen.getByText(explanation.summary_en)).toBeInTheDocument();
    expect(screen.getByText('Performance quadrant: results below expectations')).toBeInTheDocument();
  });

  it('shows the figures of a numeric step instead of its raw text', () => {
    renderWithProviders(
      <ExplanationView
        explanation={{
          ...explanation,
          regime: 'pmpanrb8_2021',
          predicate: 'good',
          steps: [{ rule: 'capaian_iki', citation: 'PP 30/2019', outcome: '{"indicator_id":"i1","capaian_percent":"91.67","category":"Baik","nilai":"96.5"}' }],
        }}
        mine={false}
        labelFor={(id) => (id === 'i1' ? 'Jumlah laporan' : undefined)}
      />,
    );
    expect(screen.getByText('Capaian indikator (IKI)')).toBeInTheDocument();
    expect(screen.getByText('Jumlah laporan')).toBeInTheDocument();
    expect(screen.getByText('91,67')).toBeInTheDocument();
    expect(screen.queryByText(/indicator_id/)).not.toBeInTheDocument();
  });
});
