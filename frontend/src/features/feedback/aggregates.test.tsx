import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { FeedbackAggregatesView } from './aggregates';
import type { FeedbackAggregates } from './api';

const coreValues = [
  { value: 'akuntabel' as const, label: 'Akuntabel', guidelines: [] },
  { value: 'kolaboratif' as const, label: 'Kolaboratif', guidelines: [] },
];

const base: FeedbackAggregates = {
  evaluation_id: 'e1',
  anonymity_threshold: 3,
  is_released: true,
  attributed: [
    {
      rater_role: 'self',
      rater_employee_id: 'emp',
      rater_name: 'Dimas, S.Psi.',
      submitted_at: '2026-07-01T02:00:00Z',
      answers: [{ core_value: 'akuntabel', rating: 'meets', comment: null }],
    },
  ],
  groups: [
    {
      group: 'peer',
      hidden: false,
      answer_count: 3,
      values: [{ core_value: 'kolaboratif', above: 2, meets: 1, below: 0 }],
      comments: [{ core_value: 'kolaboratif', rating: 'above', comment: 'Aktif membantu tim.' }],
    },
    { group: 'subordinate', hidden: true },
    { group: 'others', hidden: true },
  ],
};

describe('FeedbackAggregatesView', () => {
  it('shows peers only as a group, and hidden groups in one sentence that names neither group nor reason', () => {
    renderWithProviders(<FeedbackAggregatesView aggregates={base} coreValues={coreValues} asEmployee />);
    expect(screen.getByText('Dimas, S.Psi.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Rekan kerja' })).toHaveTextContent('3 jawaban');
    expect(screen.getByText('2 di atas, 1 sesuai, 0 di bawah ekspektasi')).toBeInTheDocument();
    expect(screen.getByText('Aktif membantu tim.')).toBeInTheDocument();
    const hidden = screen.getAllByTestId('feedback-hidden');
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toHaveTextContent('tanpa mengungkap penilai');
    expect(screen.queryByText(/Bawahan/)).not.toBeInTheDocument();
  });

  it('tells the employee others’ answers come after the appraiser has rated', () => {
    renderWithProviders(<FeedbackAggregatesView aggregates={{ ...base, is_released: false, groups: [] }} coreValues={coreValues} asEmployee />);
    expect(screen.getByText(/setelah pejabat penilai memberikan rating/)).toBeInTheDocument();
  });
});
