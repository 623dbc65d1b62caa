import { describe, expect, it } from 'vitest';
import { linkFor, localBody } from './links';

describe('linkFor', () => {
  it('leads a rater to the request, others to the most specific object named', () => {
    expect(linkFor({ feedback_request_id: 'r1', evaluation_id: 'e1' })).toBe('/feedback/r1');
    expect(linkFor({ objection_id: 'o1', evaluation_id: 'e1' })).toBe('/objections/o1');
    expect(linkFor({ evaluation_id: 'e1' })).toBe('/evaluations/e1');
    expect(linkFor({ plan_id: 'p1', continuous_feedback_id: 'c1' })).toBe('/plans/p1');
    expect(linkFor({ period_id: 'q4', open_requests: 2 })).toBe('/feedback');
    expect(linkFor({})).toBeNull();
    expect(linkFor(null)).toBeNull();
  });
});

describe('localBody', () => {
  const t = (key: string, o?: Record<string, unknown>) => `${key}${o ? JSON.stringify(o) : ''}`;
  it('words the known kinds from their payload and leaves others to the server', () => {
    expect(localBody('feedback_requested', { due_on: '2027-01-07' }, t, (d) => `[${d}]`)).toBe('body.feedback_requested{"date":"[2027-01-07]"}');
    expect(localBody('feedback_reminder', { open_requests: 2, due_on: '2027-01-07' }, t, (d) => d)).toBe('body.feedback_reminder{"count":2,"date":"2027-01-07"}');
    expect(localBody('something_new', {}, t, (d) => d)).toBeNull();
  });
});
