import { describe, expect, it } from 'vitest';
import type { CycleView, Evaluation, MyTasks } from './api';
import { deriveTasks, needsEvaluations, periodsToFinalise, pickEvaluations, todayIso } from './tasks';

const NO_TASKS: MyTasks = {
  employee_id: 'emp',
  my_plans: [],
  cycles_without_plan: [],
  plans_to_approve: 0,
  plans_to_review: 0,
  feedback_to_give: 0,
  feedback_overdue: 0,
  evaluations_to_submit: 0,
  evaluations_to_rate: 0,
  results_to_acknowledge: 0,
  objections_to_decide: 0,
  notifications_unread: 0,
};

function evaluation(over: Partial<Evaluation>): Evaluation {
  return {
    id: 'ev',
    agency_id: 'ag',
    cycle_id: 'cy',
    period_id: 'p2',
    plan_id: 'plan',
    employee_id: 'emp',
    is_annual: false,
    status: 'final',
    regime: 'pmpanrb6_2022',
    ...over,
  } as Evaluation;
}

const today = '2026-12-01';

describe('deriveTasks', () => {
  it('has nothing for a person with nothing to do', () => {
    expect(deriveTasks(NO_TASKS, { today })).toEqual({ tiles: [], waiting: [] });
  });

  it('links each count to the screen that resolves it, the urgent ones first', () => {
    const { tiles } = deriveTasks(
      {
        ...NO_TASKS,
        notifications_unread: 5,
        evaluations_to_rate: 2,
        plans_to_approve: 1,
        objections_to_decide: 1,
        feedback_to_give: 7,
        feedback_overdue: 2,
      },
      { today },
    );
    expect(tiles.map((t) => [t.id, t.tone, t.to])).toEqual([
      ['feedback', 'danger', '/feedback'],
      ['rate', 'warning', '/evaluations?tab=appraisees&state=awaiting_rating'],
      ['approve', 'warning', '/plans?view=to-approve'],
      ['objections', 'warning', '/objections'],
      ['notifications', 'neutral', '/notifications'],
    ]);
    expect(tiles[0]?.hints[0]).toEqual({ key: 'tasks.feedback.overdue', params: { count: 2 } });
    expect(tiles[1]?.title).toEqual({ key: 'tasks.rate.title', params: { count: 2 } });
  });

  it('answers 360 requests without urgency when none is overdue', () => {
    const { tiles } = deriveTasks({ ...NO_TASKS, feedback_to_give: 3 }, { today });
    expect(tiles[0]).toMatchObject({ id: 'feedback', tone: 'primary', hints: [{ key: 'tasks.feedback.hint' }] });
  });

  it('quotes the return reason of a returned plan; a plan with the appraiser waits, not the person', () => {
    const { tiles, waiting } = deriveTasks(
      {
        ...NO_TASKS,
        my_plans: [
          { plan_id: 'p27', cycle_id: 'c27', year: 2027, status: 'draft', return_reason: 'Lengkapi indikator waktu.' },
          { plan_id: 'p26', cycle_id: 'c26', year: 2026, status: 'submitted', return_reason: null },
          { plan_id: 'p25', cycle_id: 'c25', year: 2025, status: 'approved', return_reason: null },
        ],
      },
      { today },
    );
    expect(tiles).toHaveLength(1);
    expect(tiles[0]).toMatchObject({ tone: 'danger', to: '/plans/p27', quote: 'Lengkapi indikator waktu.', title: { params: { year: 2027 } } });
    expect(waiting).toEqual([{ id: 'plan-p26', to: '/plans/p26', text: { key: 'tasks.planWaiting.submitted', params: { year: 2026 } } }]);
  });

  it('asks for a plan in every open cycle without one, preselecting the cycle', () => {
    const { tiles } = deriveTasks(
      { ...NO_TASKS, cycles_without_plan: [{ cycle_id: 'c26', year: 2026, name: 'Penilaian Kinerja ASN Tahun 2026' }] },
      { today },
    );
    expect(tiles[0]).toMatchObject({ id: 'new-plan-c26', to: '/plans/new?cycle=c26', title: { key: 'tasks.planMissing.title', params: { year: 2026 } } });
  });

  it('gives each result to acknowledge its own tile, named by period and in order, linking to it', () => {
    const q2 = evaluation({ id: 'ev-q2', status: 'finalised' });
    const q3 = evaluation({ id: 'ev-q3', period_id: 'p3', status: 'finalised' });
    const { tiles } = deriveTasks(
      { ...NO_TASKS, results_to_acknowledge: 2 },
      {
        today,
        acknowledge: [
          { evaluation: q3, period: { name: 'Triwulan III', fill_deadline_on: '2026-10-10' }, year: 2026, seq: 3 },
          { evaluation: q2, period: { name: 'Triwulan II', fill_deadline_on: '2026-07-10' }, year: 2026, seq: 2 },
        ],
      },
    );
    expect(tiles.map((t) => [t.to, t.title.params?.period])).toEqual([
      ['/evaluations/ev-q2', 'Triwulan II'],
      ['/evaluations/ev-q3', 'Triwulan III'],
    ]);
    expect(tiles[0]?.title.key).toBe('tasks.acknowledge.one');
  });

  it('counts results when they cannot be named, linking to the one or to the list', () => {
    expect(deriveTasks({ ...NO_TASKS, results_to_acknowledge: 5 }, { today }).tiles[0]).toMatchObject({
      to: '/evaluations',
      count: 5,
      title: { key: 'tasks.acknowledge.other', params: { count: 5 } },
    });
    // Its period not read yet: counted, but already the right link.
    const one = deriveTasks(
      { ...NO_TASKS, results_to_acknowledge: 1 },
      { today, acknowledge: [{ evaluation: evaluation({ id: 'ev-q2' }), period: null, year: null }] },
    ).tiles[0];
    expect(one).toMatchObject({ to: '/evaluations/ev-q2', title: { key: 'tasks.acknowledge.other' } });
  });

  it('marks an evaluation to submit past its fill-in deadline as urgent', () => {
    const ev = evaluation({ id: 'ev-q4', status: 'filling' });
    const on = (deadline: string) =>
      deriveTasks(
        { ...NO_TASKS, evaluations_to_submit: 1 },
        { today, submit: [{ evaluation: ev, period: { name: 'Triwulan IV', fill_deadline_on: deadline }, year: 2026, seq: 4 }] },
      ).tiles[0];
    expect(on('2027-01-10')).toMatchObject({ tone: 'primary', to: '/evaluations/ev-q4', hints: [{}, { key: 'tasks.submit.deadline', params: { date: '2027-01-10' } }] });
    expect(on('2026-11-30')).toMatchObject({ tone: 'danger', hints: [{}, { key: 'tasks.submit.deadlinePassed' }] });
  });
});

describe('pickEvaluations', () => {
  const tasks = { ...NO_TASKS, results_to_acknowledge: 1, evaluations_to_submit: 1, my_plans: [{ plan_id: 'plan', cycle_id: 'cy', year: 2026, status: 'approved' as const }] };

  it('finds the evaluations behind small counts', () => {
    const list = [
      evaluation({ id: 'q1', status: 'final', received_at: '2026-04-20T00:00:00Z' }),
      evaluation({ id: 'q2', status: 'finalised', received_at: null }),
      evaluation({ id: 'q4', status: 'filling' }),
      evaluation({ id: 'old', cycle_id: 'closed', status: 'not_started' }),
    ];
    expect(pickEvaluations(tasks, list)).toEqual({ acknowledge: [list[1]], submit: [list[2]] });
    expect(needsEvaluations(tasks)).toBe(true);
  });

  it('names none when the list disagrees with the server or there are too many', () => {
    const list = [evaluation({ id: 'a', status: 'finalised' }), evaluation({ id: 'b', status: 'finalised' })];
    expect(pickEvaluations(tasks, list).acknowledge).toBeNull();
    expect(pickEvaluations(tasks, undefined)).toEqual({ acknowledge: null, submit: null });
    expect(needsEvaluations({ ...NO_TASKS, results_to_acknowledge: 4 })).toBe(false);
    expect(needsEvaluations({ ...NO_TASKS, results_to_acknowledge: 3 })).toBe(true);
    expect(needsEvaluations(NO_TASKS)).toBe(false);
  });
});

describe('periodsToFinalise', () => {
  const period = (seq: number, ends_on: string, finalised_at: string | null, is_final = false) => ({
    id: `p${seq}`,
    cycle_id: 'cy',
    kind: 'quarterly',
    seq,
    name: is_final ? 'Tahunan 2026' : `Triwulan ${['I', 'II', 'III', 'IV'][seq - 1]}`,
    starts_on: '2026-01-01',
    ends_on,
    fill_deadline_on: ends_on,
    is_final,
    status: 'open',
    finalised_at,
  });
  const cycle = {
    id: 'cy',
    year: 2026,
    periods: [
      period(1, '2026-03-31', '2026-04-15T02:00:00Z'),
      period(2, '2026-06-30', '2026-07-15T02:00:00Z'),
      period(3, '2026-09-30', null),
      period(4, '2026-12-31', null),
      period(5, '2026-12-31', null, true),
    ],
  } as unknown as CycleView;

  it('lists the ended periods without finalisation, linking to their calibration', () => {
    const tiles = periodsToFinalise(cycle, today);
    expect(tiles.map((t) => t.to)).toEqual(['/calibration?cycle=cy&period=p3']);
    expect(tiles[0]?.title).toEqual({ key: 'tasks.finalise.title', params: { period: 'Triwulan III', year: 2026 } });
    expect(periodsToFinalise(undefined, today)).toEqual([]);
  });
});

describe('todayIso', () => {
  it('is the local calendar date', () => {
    expect(todayIso(new Date(2026, 11, 1, 23, 30))).toBe('2026-12-01');
  });
});
