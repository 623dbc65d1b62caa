//! "What needs me now" for a person: every task the server counted for them, as tiles that lead
//! to the screen resolving it, or a clear "no tasks" state; their own plans waiting on others
//! underneath.
import { useMemo } from 'react';
import { Button } from '@/components/button';
import { Spinner } from '@/components/spinner';
import { useCycleDetails, useMyEvaluations, useMyTasks, type CycleView, type Evaluation, type MyTasks } from './api';
import { Icon } from './icons';
import { useDashboardT } from './i18n';
import { ProblemBox } from './problem';
import { TaskTiles, WaitingList } from './task-tiles';
import { deriveTasks, needsEvaluations, pickEvaluations, todayIso, type NamedEvaluation } from './tasks';

function named(list: Evaluation[] | null, cycles: ReadonlyMap<string, CycleView>): NamedEvaluation[] | null {
  if (!list) return null;
  return list.map((evaluation) => {
    const cycle = cycles.get(evaluation.cycle_id);
    const period = (cycle?.periods ?? []).find((p) => p.id === evaluation.period_id) ?? null;
    return { evaluation, period, year: cycle?.year ?? null, seq: period ? (period.is_final ? 1000 : period.seq) : undefined };
  });
}

/** The tiles of a caller's tasks, with the few evaluations behind a count named by their period. */
export function useTaskTiles(tasks: MyTasks | undefined) {
  const evaluations = useMyEvaluations(tasks?.employee_id, needsEvaluations(tasks));
  const picked = useMemo(
    () => (tasks ? pickEvaluations(tasks, evaluations.data) : { acknowledge: null, submit: null }),
    [tasks, evaluations.data],
  );
  const cycleIds = [...new Set([...(picked.acknowledge ?? []), ...(picked.submit ?? [])].map((e) => e.cycle_id))].sort();
  const cycles = useCycleDetails(cycleIds);
  const today = todayIso();
  return useMemo(
    () =>
      tasks
        ? deriveTasks(tasks, { acknowledge: named(picked.acknowledge, cycles), submit: named(picked.submit, cycles), today })
        : null,
    [tasks, picked, cycles, today],
  );
}

export function MyTasksSection() {
  const { t } = useDashboardT();
  const tasks = useMyTasks();
  const derived = useTaskTiles(tasks.data);
  return (
    <section className="db-section" aria-labelledby="db-tasks-heading">
      <div className="db-section-head">
        <h2 id="db-tasks-heading">{t('tasks.heading')}</h2>
        {derived && derived.tiles.length > 0 ? (
          <p className="muted db-summary">{t('tasks.summary', { count: derived.tiles.length })}</p>
        ) : null}
      </div>
      {tasks.isPending ? <Spinner label={t('tasks.loading')} /> : null}
      <ProblemBox
        error={tasks.error}
        action={
          <Button variant="secondary" onClick={() => void tasks.refetch()}>
            {t('tasks.refresh')}
          </Button>
        }
      />
      {derived ? (
        derived.tiles.length > 0 ? (
          <TaskTiles tiles={derived.tiles} label={t('tasks.listLabel')} />
        ) : (
          <div className="db-empty" role="status">
            <span className="db-empty-icon">
              <Icon name="check" size={28} />
            </span>
            <div>
              <p className="db-empty-title">{t('tasks.noneTitle')}</p>
              <p className="muted">{t('tasks.noneBody')}</p>
            </div>
          </div>
        )
      ) : null}
      {derived ? <WaitingList lines={derived.waiting} /> : null}
    </section>
  );
}
