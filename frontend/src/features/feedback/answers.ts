//! The answer form's data: the form values per core value, the body sent to the server, the
//! checks the server will make (said before it does), and the server's `answers[i].…` errors
//! mapped back to the core value they name. No rule beyond what the API documents.
import type { AnswerInput, CoreValue, Rating } from './api';

/** BerAKHLAK order, the order the server keeps answers in. */
export const CORE_VALUES = [
  'berorientasi_pelayanan',
  'akuntabel',
  'kompeten',
  'harmonis',
  'loyal',
  'adaptif',
  'kolaboratif',
] as const satisfies readonly CoreValue[];

export const RATINGS = ['above', 'meets', 'below'] as const satisfies readonly Rating[];

export interface AnswerDraft {
  rating: Rating | '';
  comment: string;
}

export type AnswerValues = Record<CoreValue, AnswerDraft>;

export const COMMENT_MAX = 4000;

/** Form values from the saved answers (unanswered values empty). */
export function toFormValues(answers: readonly AnswerInput[]): AnswerValues {
  const values = Object.fromEntries(CORE_VALUES.map((cv) => [cv, { rating: '', comment: '' }])) as AnswerValues;
  for (const a of answers) values[a.core_value] = { rating: a.rating, comment: a.comment ?? '' };
  return values;
}

/** A comment is needed for a rating above or below expectation (API: `comment_required`). */
export function needsComment(rating: Rating | ''): boolean {
  return rating === 'above' || rating === 'below';
}

/**
 * The body to send: rated values only, in BerAKHLAK order, and which core value each index
 * of the array is (the server names errors by index).
 */
export function toPayload(values: AnswerValues): { answers: AnswerInput[]; order: CoreValue[] } {
  const answers: AnswerInput[] = [];
  const order: CoreValue[] = [];
  for (const cv of CORE_VALUES) {
    const v = values[cv];
    if (!v || v.rating === '') continue;
    const comment = v.comment.trim();
    answers.push({ core_value: cv, rating: v.rating, comment: comment === '' ? null : comment });
    order.push(cv);
  }
  return { answers, order };
}

export type AnswerProblem = 'rating_missing' | 'comment_required' | 'comment_without_rating' | 'comment_too_long';

/**
 * What the server would refuse, per core value. A draft may leave values unrated but cannot
 * keep a comment without a rating (the API stores answers as rating + comment); a submission
 * needs all seven and a comment for every rating above or below expectation.
 */
export function checkAnswers(values: AnswerValues, final: boolean): Partial<Record<CoreValue, AnswerProblem>> {
  const problems: Partial<Record<CoreValue, AnswerProblem>> = {};
  for (const cv of CORE_VALUES) {
    const v = values[cv];
    const comment = v.comment.trim();
    if ([...v.comment].length > COMMENT_MAX) problems[cv] = 'comment_too_long';
    else if (v.rating === '' && final) problems[cv] = 'rating_missing';
    else if (v.rating === '' && comment !== '') problems[cv] = 'comment_without_rating';
    else if (final && needsComment(v.rating) && comment === '') problems[cv] = 'comment_required';
  }
  return problems;
}

export interface MappedErrors {
  /** Field errors by core value and field. */
  byValue: Partial<Record<CoreValue, { field: 'rating' | 'comment'; message: string; code: string }>>;
  /** Errors that name no single answer (e.g. `answers` incomplete). */
  general: { field: string; message: string; code: string }[];
}

const INDEXED = /^answers\[(\d+)\]\.(core_value|rating|comment)$/;

/** Maps a 422's `answers[i].comment` (index into the array sent) back to its core value. */
export function mapAnswerErrors(
  errors: readonly { field: string; message: string; code?: string | null }[],
  order: readonly CoreValue[],
): MappedErrors {
  const out: MappedErrors = { byValue: {}, general: [] };
  for (const e of errors) {
    const m = INDEXED.exec(e.field);
    const cv = m ? order[Number(m[1])] : undefined;
    if (m && cv) {
      out.byValue[cv] = { field: m[2] === 'comment' ? 'comment' : 'rating', message: e.message, code: e.code ?? '' };
    } else {
      out.general.push({ field: e.field, message: e.message, code: e.code ?? '' });
    }
  }
  return out;
}
