//! The words for an API problem on this feature's screens: this feature's sentence for the
//! problem's code when it has one, else the shared one by status; the server's own detail is
//! kept alongside so that nothing it said is lost.
import type { TFunction } from 'i18next';
import type { ApiProblem } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';

export interface ProblemText {
  title: string;
  /** The server's explanation, when it adds something to the title. */
  detail: string | null;
}

export function describeProblem(t: TFunction, problem: ApiProblem): ProblemText {
  const own = t(`problems.${problem.code}`, { defaultValue: '' });
  const title = own || problemMessage(t, problem);
  const detail = problem.code === 'validation' || !problem.detail || problem.detail === title ? null : problem.detail;
  return { title, detail };
}
