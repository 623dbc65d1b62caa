import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { EvaluationTrail, MyAuditTrail } from './audit-trail';
import { json, problem, signInAs, stubFetch } from './test-support';
import { changesOf } from './trail-words';

const evaluation = {
  id: 'e1',
  agency_id: 'a',
  employee_id: 'emp',
  status: 'finalised',
  result_rating: 'meets',
  behaviour_rating: 'above',
  predicate: 'good',
  effective_predicate: 'good',
  predicate_label: 'Baik',
  received_at: null,
  content_hash: '2c1e0e',
  version: 4,
  updated_at: '2026-07-15T02:00:00Z',
  numeric_snapshot: null,
};

const entry = (seq: number, actor: { id: string; label: string; name?: string | null }, action: string, entity_type: string, entity_id: string, before: object | null, after: object | null) => ({
  seq,
  chain: 'agency:a',
  at: `2026-07-2${seq}T03:00:00Z`,
  actor_kind: 'user',
  actor_id: actor.id,
  actor_label: actor.label,
  actor_name: actor.name ?? null,
  action,
  entity_type,
  entity_id,
  before,
  after,
  request_id: 'r',
  prev_hash: 'x',
  hash: 'y',
});

const me = { id: 'u', label: 'pegawai', name: 'Dimas, S.Psi.' };
const penilai = { id: 'u-penilai', label: 'penilai', name: 'H. Joko Lubis, S.IP., M.AP.' };
/** An account not linked to an employee (HR's own login). */
const hr = { id: 'u-admin', label: 'admin', name: null };

beforeEach(() => signInAs({ employee_id: 'emp' }));
afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

describe('changesOf', () => {
  it('keeps the fields a change touched, without ids, versions, hashes or the row’s own timestamps', () => {
    const after = { ...evaluation, status: 'finalised', received_at: '2026-12-02T03:00:00Z', version: 5, updated_at: '2026-12-02T03:00:00Z' };
    expect(changesOf({ before: evaluation, after })).toEqual([{ field: 'received_at', before: null, after: '2026-12-02T03:00:00Z' }]);
    expect(changesOf({ before: null, after: { id: 'n1', plan_id: 'pl', body: 'Rapi.', visibility: 'employee', period_id: null } })).toEqual([
      { field: 'body', after: 'Rapi.' },
      { field: 'visibility', after: 'employee' },
    ]);
  });
});

describe('audit trail', () => {
  it('tells an evaluation’s story in words: what, who, when and what changed', async () => {
    stubFetch(({ path }) => {
      if (path.includes('entity_type=evaluation'))
        return json({
          items: [
            entry(3, me, 'evaluation.acknowledge', 'evaluation', 'e1', evaluation, { ...evaluation, received_at: '2026-07-23T03:00:00Z', version: 5 }),
            entry(1, penilai, 'evaluation.rate', 'evaluation', 'e1', { ...evaluation, status: 'awaiting_rating', result_rating: null, behaviour_rating: null, predicate: null }, { ...evaluation, status: 'rated' }),
            entry(2, me, 'evaluation.acknowledge', 'evaluation', 'e2', evaluation, evaluation),
          ],
          total: 3,
          page: 1,
          per_page: 500,
        });
      if (path.includes('entity_type=objection')) return json({ items: [], total: 0, page: 1, per_page: 500 });
      return undefined;
    });
    renderWithProviders(<EvaluationTrail evaluationId="e1" />);
    const list = await screen.findByTestId('audit-trail');
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Penerimaan hasil dikonfirmasi');
    expect(items[0]).toHaveTextContent('oleh Anda');
    expect(items[0]).toHaveTextContent('Diterima pegawai');
    expect(items[1]).toHaveTextContent('Rating diberikan oleh pejabat penilai');
    // The person behind the account, not the username.
    expect(items[1]).toHaveTextContent('oleh H. Joko Lubis, S.IP., M.AP.');
    expect(items[1]).not.toHaveTextContent('oleh penilai');
    expect(items[1]).toHaveTextContent(/Status\s*sebelumnya Menunggu penilaian → , menjadi Dinilai/);
    // A value that was empty before is shown as it is now.
    expect(items[1]).toHaveTextContent(/Rating perilaku kerja\s*Di atas ekspektasi/);
    expect(items[1]).toHaveTextContent(/Predikat\s*Baik/);
    // No raw snapshot: neither field names nor JSON.
    expect(list).not.toHaveTextContent('result_rating');
    expect(list).not.toHaveTextContent('{');
    expect(list).not.toHaveTextContent('2c1e0e');
  });

  it('shows the note an appraiser wrote for the employee, in words', async () => {
    stubFetch(({ path }) =>
      path.startsWith('/api/v1/me/audit-trail')
        ? json({
            items: [
              entry(5, penilai, 'continuous_feedback.create', 'continuous_feedback', 'n1', null, {
                id: 'n1',
                plan_id: 'pl',
                author_employee_id: 'boss',
                author_role: 'appraiser',
                target_type: 'general',
                body: 'Laporan mutasi triwulan IV rapi dan tepat waktu.',
                visibility: 'employee',
                created_at: '2026-07-25T03:00:00Z',
              }),
            ],
            total: 1,
            page: 1,
            per_page: 25,
          })
        : undefined,
    );
    renderWithProviders(<MyAuditTrail />);
    const item = within(await screen.findByTestId('audit-trail')).getByRole('listitem');
    expect(item).toHaveTextContent('Catatan umpan balik berkelanjutan ditulis');
    expect(item).toHaveTextContent('oleh H. Joko Lubis, S.IP., M.AP.');
    expect(item).toHaveTextContent('CatatanLaporan mutasi triwulan IV rapi dan tepat waktu.');
    expect(item).toHaveTextContent('Dapat dibacaPegawai dan pejabat penilai');
    expect(item).toHaveTextContent('TentangUmum');
  });

  it('names an account without an employee by its username, and a system client as the system', async () => {
    stubFetch(({ path }) =>
      path.startsWith('/api/v1/me/audit-trail')
        ? json({
            items: [
              entry(7, hr, 'evaluation.calibrate', 'evaluation', 'e1', evaluation, { ...evaluation, calibrated_predicate: 'needs_improvement' }),
              { ...entry(6, { id: 'sweeper', label: 'sweep' }, 'evaluation.finalise', 'evaluation', 'e1', evaluation, evaluation), actor_kind: 'client' },
            ],
            total: 2,
            page: 1,
            per_page: 25,
          })
        : undefined,
    );
    renderWithProviders(<MyAuditTrail />);
    const items = within(await screen.findByTestId('audit-trail')).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('oleh admin');
    expect(items[1]).toHaveTextContent('oleh sistem (sweep)');
  });

  it('says so when the server has no audit trail yet', async () => {
    stubFetch(() => problem('not_found', 404));
    renderWithProviders(<MyAuditTrail />);
    expect(await screen.findByText('Riwayat perubahan belum tersedia di server ini.')).toBeInTheDocument();
  });
});
