import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { EvaluationsPage } from './evaluations-page';
import { evaluationDetail, json, signInAs, stubFetch } from './test-support';

// A list row: the detail's fields without the names and allowed actions (the list has neither).
const row = (id: string, plan: string, predicate: 'good' | 'needs_improvement') =>
  Object.fromEntries(
    Object.entries(evaluationDetail({ id, plan_id: plan, status: 'final', predicate, effective_predicate: predicate })).filter(
      ([k]) => !['allowed', 'employee_name', 'appraiser_name', 'superior_name', 'period_name'].includes(k),
    ),
  );

beforeEach(() => signInAs({ username: 'admin', role: 'agency_admin', employee_id: null }));
afterEach(() => {
  tokens.clear();
  vi.unstubAllGlobals();
});

vi.setConfig({ testTimeout: 15_000 });

describe('HR evaluation list', () => {
  it('filters by predicate on the server, one page at a time', async () => {
    const calls = stubFetch(({ method, path }) => {
      if (method !== 'GET') return undefined;
      const url = new URL(path, 'http://x');
      if (url.pathname === '/api/v1/cycles')
        return json({ items: [{ id: 'c', year: 2026, name: '2026', status: 'running', status_label: 'Berjalan' }], total: 1, page: 1, per_page: 100 });
      if (url.pathname === '/api/v1/cycles/c') return json({ id: 'c', year: 2026, name: '2026', periods: [{ id: 'p', name: 'Triwulan I', seq: 1, is_final: false }] });
      if (url.pathname === '/api/v1/units') return json({ items: [{ id: 'u1', name: 'Bidang Mutasi dan Promosi' }], total: 1, page: 1, per_page: 500 });
      if (url.pathname === '/api/v1/plans')
        return json({
          items: [
            { id: 'pl1', employee_name: 'Dimas, S.Psi.', employee_nip: '199801012022031001' },
            { id: 'pl2', employee_name: 'Hendra, S.Psi.', employee_nip: '199606162024031001' },
          ],
          total: 2,
          page: 1,
          per_page: 500,
        });
      if (url.pathname === '/api/v1/evaluations') {
        const predicate = url.searchParams.get('predicate');
        const items = predicate === 'needs_improvement' ? [row('e1', 'pl1', 'needs_improvement')] : [row('e1', 'pl1', 'needs_improvement'), row('e2', 'pl2', 'good')];
        return json({ items, total: items.length, page: 1, per_page: 50 });
      }
      return undefined;
    });
    renderWithProviders(<EvaluationsPage />, { route: '/evaluations' });
    expect(await screen.findByText('Hendra, S.Psi.')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Predikat'), 'needs_improvement');
    await vi.waitFor(() => expect(screen.queryByText('Hendra, S.Psi.')).not.toBeInTheDocument());
    const table = screen.getByRole('table');
    expect(within(table).getByText('Dimas, S.Psi.')).toBeInTheDocument();
    const lists = calls.filter((c) => c.path.startsWith('/api/v1/evaluations?'));
    expect(lists.at(-1)?.path).toContain('predicate=needs_improvement');
    expect(lists.at(-1)?.path).toContain('per_page=50');
    // Never every page at once to filter in the browser.
    expect(lists.some((c) => c.path.includes('per_page=500'))).toBe(false);
  });
});

describe('the appraiser’s list', () => {
  it('opens on the year of what awaits rating, and offers every year', async () => {
    signInAs({ username: 'penilai', employee_id: 'boss' });
    const mk = (id: string, cycle: string, period: string, status: 'final' | 'awaiting_rating') =>
      ({ ...row(id, id === 'old' ? 'pl2' : 'pl1', 'good'), cycle_id: cycle, period_id: period, status });
    stubFetch(({ method, path }) => {
      if (method !== 'GET') return undefined;
      const url = new URL(path, 'http://x');
      if (url.pathname === '/api/v1/evaluations') {
        const items = url.searchParams.get('appraiser') === 'me' ? [mk('old', 'c25', 'p25', 'final'), mk('now', 'c26', 'p26', 'awaiting_rating')] : [];
        return json({ items, total: items.length, page: 1, per_page: 100 });
      }
      if (url.pathname === '/api/v1/cycles/c25') return json({ id: 'c25', year: 2025, name: '2025', periods: [{ id: 'p25', name: 'Tahunan', seq: 5, is_final: true }] });
      if (url.pathname === '/api/v1/cycles/c26') return json({ id: 'c26', year: 2026, name: '2026', periods: [{ id: 'p26', name: 'Triwulan III', seq: 3, is_final: false }] });
      if (url.pathname === '/api/v1/plans')
        return json({
          items: [
            { id: 'pl1', employee_name: 'Fikri Wibowo, S.AP.', employee_nip: '198810022011031001' },
            { id: 'pl2', employee_name: 'Hendra, S.Psi.', employee_nip: '199606162024031001' },
          ],
          total: 2,
          page: 1,
          per_page: 500,
        });
      return undefined;
    });
    renderWithProviders(<EvaluationsPage />, { route: '/evaluations?tab=appraisees' });
    const list = await screen.findByTestId('appraisee-evaluations');
    expect(await within(list).findByRole('link', { name: 'Nilai Fikri Wibowo, S.AP. Triwulan III 2026' })).toBeInTheDocument();
    expect(within(list).queryByText('Hendra, S.Psi.')).not.toBeInTheDocument();
    const year = within(list).getByLabelText('Tahun penilaian');
    expect(year).toHaveDisplayValue('2026');
    await userEvent.selectOptions(year, 'Semua tahun');
    expect(await within(list).findByText('Hendra, S.Psi.')).toBeInTheDocument();
  });
});
