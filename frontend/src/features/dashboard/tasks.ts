//! From the server's `/me/tasks` to the tiles of the landing page: one tile per thing that waits
//! for the caller, with the screen that resolves it, most urgent first. Pure: no fetching, and
//! no rule of the appraisal is decided here (the server counted; this only words and links).
import type { CycleView, Evaluation, MyTasks, PeriodView } from './api';
import type { IconName } from './icons';

export type TaskTone = 'danger' | 'warning' | 'primary' | 'neutral';

export interface Text {
  key: string;
  params?: Record<string, string | number>;
}

export interface TaskTile {
  id: string;
  tone: TaskTone;
  icon: IconName;
  /** The figure shown beside the title when the task counts things. */
  count?: number;
  to: string;
  title: Text;
  hints: Text[];
  /** Words of someone else quoted on the tile (a return reason). */
  quote?: string;
  cta: string;
}

export interface WaitingLine {
  id: string;
  to: string;
  text: Text;
}

/** One of the caller's evaluations the tasks point at, with its period when known. */
export interface NamedEvaluation {
  evaluation: Evaluation;
  period: Pick<PeriodView, 'name' | 'fill_deadline_on'> | null;
  year: number | null;
  /** Order of the period in its cycle (the annual one last). */
  seq?: number;
}

type CountField = 'evaluations_to_rate' | 'plans_to_approve' | 'plans_to_review' | 'objections_to_decide' | 'notifications_unread';

const TONE_RANK: Record<TaskTone, number> = { danger: 0, warning: 1, primary: 2, neutral: 3 };

/** Up to this many evaluations of one kind get a tile each; more are one counted tile. */
export const NAMED_MAX = 3;

/**
 * The evaluations behind the counts, when the caller's list shows exactly that many (and not
 * more than NAMED_MAX): finalised results not acknowledged yet, and evaluations open for filling
 * in the cycles the caller has a plan in, in period order. Null when they cannot be named (too
 * many, or the list disagrees with the server's count).
 */
export function pickEvaluations(
  tasks: MyTasks,
  evaluations: readonly Evaluation[] | undefined,
): { acknowledge: Evaluation[] | null; submit: Evaluation[] | null } {
  if (!evaluations) return { acknowledge: null, submit: null };
  const openCycles = new Set(tasks.my_plans.map((p) => p.cycle_id));
  const ack = evaluations.filter((e) => e.status === 'finalised' && !e.received_at);
  const submit = evaluations.filter((e) => (e.status === 'not_started' || e.status === 'filling') && openCycles.has(e.cycle_id));
  const agree = (list: Evaluation[], count: number) => (count > 0 && count <= NAMED_MAX && list.length === count ? list : null);
  return { acknowledge: agree(ack, tasks.results_to_acknowledge), submit: agree(submit, tasks.evaluations_to_submit) };
}

/** Whether the caller's evaluation list is worth reading to name what the counts are about. */
export function needsEvaluations(tasks: MyTasks | undefined): boolean {
  const few = (n: number) => n > 0 && n <= NAMED_MAX;
  return !!tasks && (few(tasks.results_to_acknowledge) || few(tasks.evaluations_to_submit));
}

/** Named evaluations in the order of the appraisal (year, then period). */
function inOrder(list: readonly NamedEvaluation[]): NamedEvaluation[] {
  return [...list].sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || (a.seq ?? 0) - (b.seq ?? 0));
}

export function deriveTasks(
  tasks: MyTasks,
  named: { acknowledge?: NamedEvaluation[] | null; submit?: NamedEvaluation[] | null; today: string },
): { tiles: TaskTile[]; waiting: WaitingLine[] } {
  const tiles: TaskTile[] = [];
  const waiting: WaitingLine[] = [];

  for (const p of tasks.my_plans) {
    const to = `/plans/${p.plan_id}`;
    if (p.status === 'draft' && p.return_reason) {
      tiles.push({
        id: `plan-${p.plan_id}`,
        tone: 'danger',
        icon: 'plan',
        to,
        title: { key: 'tasks.planReturned.title', params: { year: p.year } },
        hints: [{ key: 'tasks.planReturned.hint' }],
        quote: p.return_reason,
        cta: 'tasks.planReturned.cta',
      });
    } else if (p.status === 'draft') {
      tiles.push({
        id: `plan-${p.plan_id}`,
        tone: 'warning',
        icon: 'plan',
        to,
        title: { key: 'tasks.planDraft.title', params: { year: p.year } },
        hints: [{ key: 'tasks.planDraft.hint' }],
        cta: 'tasks.planDraft.cta',
      });
    } else if (p.status === 'submitted' || p.status === 'reviewed') {
      waiting.push({ id: `plan-${p.plan_id}`, to, text: { key: `tasks.planWaiting.${p.status}`, params: { year: p.year } } });
    }
  }

  for (const c of tasks.cycles_without_plan) {
    tiles.push({
      id: `new-plan-${c.cycle_id}`,
      tone: 'warning',
      icon: 'plan',
      to: `/plans/new?cycle=${encodeURIComponent(c.cycle_id)}`,
      title: { key: 'tasks.planMissing.title', params: { year: c.year } },
      hints: [{ key: 'tasks.planMissing.hint', params: { name: c.name } }],
      cta: 'tasks.planMissing.cta',
    });
  }

  if (tasks.results_to_acknowledge > 0) {
    const named_ = named.acknowledge && named.acknowledge.every((n) => n.period) ? inOrder(named.acknowledge) : null;
    if (named_) {
      for (const n of named_) {
        tiles.push({
          id: `acknowledge-${n.evaluation.id}`,
          tone: 'warning',
          icon: 'result',
          to: `/evaluations/${n.evaluation.id}`,
          title: { key: 'tasks.acknowledge.one', params: { period: n.period?.name ?? '', year: n.year ?? '' } },
          hints: [{ key: 'tasks.acknowledge.hint' }],
          cta: 'tasks.acknowledge.cta',
        });
      }
    } else {
      const only = named.acknowledge?.length === 1 ? named.acknowledge[0] : null;
      tiles.push({
        id: 'acknowledge',
        tone: 'warning',
        icon: 'result',
        count: tasks.results_to_acknowledge,
        to: only ? `/evaluations/${only.evaluation.id}` : '/evaluations',
        title: { key: 'tasks.acknowledge.other', params: { count: tasks.results_to_acknowledge } },
        hints: [{ key: 'tasks.acknowledge.hint' }],
        cta: 'tasks.acknowledge.cta',
      });
    }
  }

  if (tasks.evaluations_to_submit > 0) {
    const named_ = named.submit && named.submit.every((n) => n.period) ? inOrder(named.submit) : null;
    if (named_) {
      for (const n of named_) {
        const deadline = n.period?.fill_deadline_on ?? null;
        const late = deadline !== null && deadline < named.today;
        tiles.push({
          id: `submit-${n.evaluation.id}`,
          tone: late ? 'danger' : 'primary',
          icon: 'evaluation',
          to: `/evaluations/${n.evaluation.id}`,
          title: { key: 'tasks.submit.one', params: { period: n.period?.name ?? '', year: n.year ?? '' } },
          hints: [
            { key: 'tasks.submit.hint' },
            ...(deadline ? [{ key: late ? 'tasks.submit.deadlinePassed' : 'tasks.submit.deadline', params: { date: deadline } }] : []),
          ],
          cta: 'tasks.submit.cta',
        });
      }
    } else {
      const only = named.submit?.length === 1 ? named.submit[0] : null;
      tiles.push({
        id: 'submit',
        tone: 'primary',
        icon: 'evaluation',
        count: tasks.evaluations_to_submit,
        to: only ? `/evaluations/${only.evaluation.id}` : '/evaluations',
        title: { key: 'tasks.submit.other', params: { count: tasks.evaluations_to_submit } },
        hints: [{ key: 'tasks.submit.hint' }],
        cta: 'tasks.submit.cta',
      });
    }
  }

  if (tasks.feedback_to_give > 0) {
    tiles.push({
      id: 'feedback',
      tone: tasks.feedback_overdue > 0 ? 'danger' : 'primary',
      icon: 'feedback',
      count: tasks.feedback_to_give,
      to: '/feedback',
      title: { key: 'tasks.feedback.title', params: { count: tasks.feedback_to_give } },
      hints:
        tasks.feedback_overdue > 0
          ? [{ key: 'tasks.feedback.overdue', params: { count: tasks.feedback_overdue } }, { key: 'tasks.feedback.hint' }]
          : [{ key: 'tasks.feedback.hint' }],
      cta: 'tasks.feedback.cta',
    });
  }

  const counted: [CountField, string, string, TaskTone, IconName][] = [
    ['evaluations_to_rate', 'rate', '/evaluations?tab=appraisees&state=awaiting_rating', 'warning', 'evaluation'],
    ['plans_to_approve', 'approve', '/plans?view=to-approve', 'warning', 'plan'],
    ['plans_to_review', 'review', '/plans?view=all&status=submitted', 'warning', 'plan'],
    ['objections_to_decide', 'objections', '/objections', 'warning', 'objection'],
    ['notifications_unread', 'notifications', '/notifications', 'neutral', 'bell'],
  ];
  for (const [field, name, to, tone, icon] of counted) {
    const count = tasks[field];
    if (count > 0) {
      tiles.push({
        id: name,
        tone,
        icon,
        count,
        to,
        title: { key: `tasks.${name}.title`, params: { count } },
        hints: [{ key: `tasks.${name}.hint` }],
        cta: `tasks.${name}.cta`,
      });
    }
  }

  // Stable: within a tone, the order above (own plan, results, then others' requests).
  const ranked = tiles.map((tile, i) => ({ tile, i })).sort((a, b) => TONE_RANK[a.tile.tone] - TONE_RANK[b.tile.tone] || a.i - b.i);
  return { tiles: ranked.map((r) => r.tile), waiting };
}

/**
 * HR: the periods of a cycle that have ended and are not finalised yet (no `finalised_at`: the
 * period's `status` stays `open` after finalisation), each a tile leading to its calibration and
 * finalisation. The annual period is left to its own screen.
 */
export function periodsToFinalise(cycle: CycleView | undefined, today: string): TaskTile[] {
  if (!cycle) return [];
  return (cycle.periods ?? [])
    .filter((p) => !p.is_final && !p.finalised_at && p.ends_on < today)
    .sort((a, b) => a.seq - b.seq)
    .map((p) => ({
      id: `finalise-${p.id}`,
      tone: 'warning' as const,
      icon: 'scale' as const,
      to: `/calibration?cycle=${encodeURIComponent(cycle.id)}&period=${encodeURIComponent(p.id)}`,
      title: { key: 'tasks.finalise.title', params: { period: p.name, year: cycle.year } },
      hints: [{ key: 'tasks.finalise.hint', params: { date: p.ends_on } }],
      cta: 'tasks.finalise.cta',
    }));
}

/** Today as a calendar date in the browser's time zone (`2026-12-01`). */
export function todayIso(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
