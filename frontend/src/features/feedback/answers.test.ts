import { describe, expect, it } from 'vitest';
import { checkAnswers, mapAnswerErrors, toFormValues, toPayload } from './answers';

describe('answers', () => {
  it('sends rated values only, in BerAKHLAK order, and knows which index is which value', () => {
    const values = toFormValues([
      { core_value: 'kolaboratif', rating: 'meets', comment: null },
      { core_value: 'akuntabel', rating: 'above', comment: '  Tepat waktu.  ' },
    ]);
    const { answers, order } = toPayload(values);
    expect(order).toEqual(['akuntabel', 'kolaboratif']);
    expect(answers).toEqual([
      { core_value: 'akuntabel', rating: 'above', comment: 'Tepat waktu.' },
      { core_value: 'kolaboratif', rating: 'meets', comment: null },
    ]);
  });

  it('lets a draft be partial but not keep a comment without a rating', () => {
    const values = toFormValues([{ core_value: 'loyal', rating: 'above', comment: null }]);
    expect(checkAnswers(values, false)).toEqual({});
    values.adaptif.comment = 'Cepat belajar';
    expect(checkAnswers(values, false)).toEqual({ adaptif: 'comment_without_rating' });
  });

  it('requires all seven and a comment for above and below when submitting', () => {
    const values = toFormValues([
      { core_value: 'berorientasi_pelayanan', rating: 'above', comment: ' ' },
      { core_value: 'akuntabel', rating: 'below', comment: 'Laporan terlambat' },
      { core_value: 'kompeten', rating: 'meets', comment: null },
    ]);
    const problems = checkAnswers(values, true);
    expect(problems.berorientasi_pelayanan).toBe('comment_required');
    expect(problems.akuntabel).toBeUndefined();
    expect(problems.kompeten).toBeUndefined();
    expect(problems.harmonis).toBe('rating_missing');
    expect(Object.keys(problems)).toHaveLength(5);
  });

  it('maps answers[i].comment back to the value sent at index i', () => {
    const mapped = mapAnswerErrors(
      [
        { field: 'answers[1].comment', code: 'comment_required', message: 'A rating above or below expectation needs a comment.' },
        { field: 'answers', code: 'incomplete', message: 'Rate all seven core values.' },
      ],
      ['akuntabel', 'loyal'],
    );
    expect(mapped.byValue.loyal).toEqual({ field: 'comment', code: 'comment_required', message: 'A rating above or below expectation needs a comment.' });
    expect(mapped.general).toEqual([{ field: 'answers', code: 'incomplete', message: 'Rate all seven core values.' }]);
  });
});
