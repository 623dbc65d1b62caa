//! Where a notification leads: the object its payload names, most specific first. A rater
//! goes to the feedback request (they may not read the evaluation itself).
export function linkFor(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const id = (key: string) => (typeof p[key] === 'string' && p[key] !== '' ? (p[key] as string) : null);
  const request = id('feedback_request_id');
  if (request) return `/feedback/${request}`;
  const objection = id('objection_id');
  if (objection) return `/objections/${objection}`;
  const evaluation = id('evaluation_id');
  if (evaluation) return `/evaluations/${evaluation}`;
  const plan = id('plan_id');
  if (plan) return `/plans/${plan}`;
  if (id('period_id')) return '/feedback';
  return null;
}

/**
 * The body in the reader's language for the kinds whose payload carries the facts (the server
 * writes bodies in English); null for other kinds, which keep the server's text.
 */
export function localBody(
  kind: string,
  payload: unknown,
  t: (key: string, options?: Record<string, unknown>) => string,
  formatDate: (d: string) => string,
): string | null {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const due = typeof p.due_on === 'string' ? formatDate(p.due_on) : null;
  if (kind === 'feedback_requested') return due ? t('body.feedback_requested', { date: due }) : t('body.feedback_requested_nodate');
  if (kind === 'feedback_reminder' && typeof p.open_requests === 'number' && due) return t('body.feedback_reminder', { count: p.open_requests, date: due });
  if (kind === 'continuous_feedback') return t('body.continuous_feedback');
  return null;
}
