import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { EvaluationTrail, MyAuditTrail } from './audit-trail';
import { json, problem, signInAs, stubFetch } from './test-support';

const entry = (seq: number, action: string, entity_type: string, entity_id: string, after: object) => ({
  seq,
  chain: 'agency:a',
  at: `2026-07-2${seq}T03:00:00Z`,
  actor_kind: 'user',
  actor_id: 'u',
  actor_label: seq === 1 ? 'penilai' : 'pegawai',
  action,
  entity_type,
  entity_id,
  before: null,
  after,
  request_id: 'r',
  prev_hash: 'x',
  hash: 'y',
});

beforeEach(() => signInAs({ employee_id: 'emp' }));
afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

describe('audit trail', () => {
  it('lists the changes of one evaluation and its objection, newest first, in words', async () => {
    stubFetch(({ path }) => {
      if (path.includes('entity_type=evaluation'))
        return json({
          items: [entry(1, 'evaluation.rate', 'evaluation', 'e1', { predicate: 'good' }), entry(2, 'evaluation.acknowledge', 'evaluation', 'e2', {})],
          total: 2,
          page: 1,
          per_page: 500,
        });
      if (path.includes('entity_type=objection'))
        return json({ items: [entry(3, 'objection.submit', 'objection', 'o1', { evaluation_id: 'e1' })], total: 1, page: 1, per_page: 500 });
      return undefined;
    });
    renderWithProviders(<EvaluationTrail evaluationId="e1" />);
    const list = await screen.findByTestId('audit-trail');
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Keberatan diajukan');
    expect(items[1]).toHaveTextContent('Rating diberikan oleh pejabat penilai');
    expect(items[1]).toHaveTextContent('penilai');
    expect(screen.queryByText('Penerimaan hasil dikonfirmasi')).not.toBeInTheDocument();
  });

  it('says so when the server has no audit trail yet', async () => {
    stubFetch(() => problem('not_found', 404));
    renderWithProviders(<MyAuditTrail />);
    expect(await screen.findByText('Riwayat perubahan belum tersedia di server ini.')).toBeInTheDocument();
  });
});
