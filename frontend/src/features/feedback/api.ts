//! 360 feedback: the caller's requests as a rater (inbox, answers, draft, submit), the
//! BerAKHLAK reference, an evaluation's anonymous aggregates, and the raters of an evaluation
//! as HR and the appraiser manage them (add, remove, approve nominations; the employee
//! nominates). Never exposes who rated whom beyond what the server returns.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';

export type CoreValue = components['schemas']['CoreValue'];
export type CoreValueInfo = components['schemas']['CoreValueInfo'];
export type Rating = components['schemas']['Rating'];
export type RaterGroup = components['schemas']['RaterGroup'];
export type AnswerInput = components['schemas']['AnswerInput'];
export type MyFeedbackRequest = components['schemas']['MyFeedbackRequest'];
export type FeedbackRequestView = components['schemas']['FeedbackRequestView'];
export type FeedbackAggregates = components['schemas']['FeedbackAggregates'];
export type GroupAggregate = components['schemas']['GroupAggregate'];
export type NominablePeer = components['schemas']['NominablePeer'];

export const feedbackKeys = {
  all: ['feedback'] as const,
  mine: (page: number) => [...feedbackKeys.all, 'mine', page] as const,
  request: (id: string) => [...feedbackKeys.all, 'request', id] as const,
  coreValues: ['reference', 'core-values'] as const,
  aggregates: (evaluationId: string) => [...feedbackKeys.all, 'aggregates', evaluationId] as const,
  raters: (evaluationId: string) => [...feedbackKeys.all, 'raters', evaluationId] as const,
  nominable: (evaluationId: string, q: string) => [...feedbackKeys.all, 'nominable', evaluationId, q] as const,
};

/** The seven core values with their guidelines; reference data, kept for the session. */
export function useCoreValues() {
  return useQuery({
    queryKey: feedbackKeys.coreValues,
    queryFn: async () => unwrap(await api.GET('/api/v1/reference/core-values')),
    staleTime: Infinity,
  });
}

/** What the caller must answer, open requests first (the server's order). */
export function useMyFeedbackRequests(page = 1, perPage = 100) {
  return useQuery({
    queryKey: feedbackKeys.mine(page),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/feedback-requests/mine', { params: { query: { page, per_page: perPage } } })),
  });
}

/** One of the caller's requests, with their own answers. */
export function useMyFeedbackRequest(id: string) {
  return useQuery({
    queryKey: feedbackKeys.request(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/feedback-requests/{feedback_request_id}', { params: { path: { feedback_request_id: id } } })),
  });
}

export function useSaveAnswers(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (answers: AnswerInput[]) =>
      unwrap(
        await api.PUT('/api/v1/feedback-requests/{feedback_request_id}/answers', {
          params: { path: { feedback_request_id: id } },
          body: { answers },
        }),
      ),
    onSuccess: (saved) => {
      qc.setQueryData(feedbackKeys.request(id), saved);
      void qc.invalidateQueries({ queryKey: [...feedbackKeys.all, 'mine'] });
    },
  });
}

export function useSubmitAnswers(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (answers: AnswerInput[]) =>
      unwrap(
        await api.POST('/api/v1/feedback-requests/{feedback_request_id}/submit', {
          params: { path: { feedback_request_id: id } },
          body: { answers },
        }),
      ),
    onSuccess: (saved) => {
      qc.setQueryData(feedbackKeys.request(id), saved);
      void qc.invalidateQueries({ queryKey: [...feedbackKeys.all, 'mine'] });
      void qc.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

/** The 360 feedback of an evaluation as the caller may see it (anonymous groups). */
export function useFeedbackAggregates(evaluationId: string, enabled = true) {
  return useQuery({
    queryKey: feedbackKeys.aggregates(evaluationId),
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/evaluations/{evaluation_id}/feedback', { params: { path: { evaluation_id: evaluationId } } })),
  });
}

/** The requests of an evaluation (HR: all; the appraiser: attributed ones and nominations). */
export function useEvaluationRaters(evaluationId: string, enabled = true) {
  return useQuery({
    queryKey: feedbackKeys.raters(evaluationId),
    enabled,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/evaluations/{evaluation_id}/feedback-requests', { params: { path: { evaluation_id: evaluationId } } }),
      ),
  });
}

/**
 * Colleagues who may be proposed or asked as raters: without `q` the evaluated employee's own
 * unit, with `q` (2–100 characters) a search by name or NIP across the agency; up to 20, own
 * unit first. The server chooses them without regard to who is already asked, and so does
 * this list: it is the same whoever rates.
 */
export function useNominablePeers(evaluationId: string, q: string, enabled = true) {
  return useQuery({
    queryKey: feedbackKeys.nominable(evaluationId, q),
    enabled,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/evaluations/{evaluation_id}/nominable-peers', {
          params: { path: { evaluation_id: evaluationId }, query: q ? { q } : {} },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

function useInvalidateRaters(evaluationId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: feedbackKeys.raters(evaluationId) });
    void qc.invalidateQueries({ queryKey: feedbackKeys.aggregates(evaluationId) });
  };
}

export function useAddRater(evaluationId: string) {
  const invalidate = useInvalidateRaters(evaluationId);
  return useMutation({
    mutationFn: async (body: { rater_employee_id: string; rater_role: RaterGroup }) =>
      unwrap(
        await api.POST('/api/v1/evaluations/{evaluation_id}/feedback-requests', {
          params: { path: { evaluation_id: evaluationId } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useRemoveRater(evaluationId: string) {
  const invalidate = useInvalidateRaters(evaluationId);
  return useMutation({
    mutationFn: async (requestId: string) =>
      unwrap(
        await api.DELETE('/api/v1/feedback-requests/{feedback_request_id}', { params: { path: { feedback_request_id: requestId } } }),
      ),
    onSuccess: invalidate,
  });
}

export function useApproveNomination(evaluationId: string) {
  const invalidate = useInvalidateRaters(evaluationId);
  return useMutation({
    mutationFn: async (requestId: string) =>
      unwrap(
        await api.POST('/api/v1/feedback-requests/{feedback_request_id}/approve', {
          params: { path: { feedback_request_id: requestId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useGenerateRaters(evaluationId: string) {
  const invalidate = useInvalidateRaters(evaluationId);
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/evaluations/{evaluation_id}/feedback-requests/generate', {
          params: { path: { evaluation_id: evaluationId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The evaluated employee proposes a peer; the appraiser approves before the peer is asked. */
export function useNominatePeer(evaluationId: string) {
  return useMutation({
    mutationFn: async (raterEmployeeId: string) =>
      unwrap(
        await api.POST('/api/v1/evaluations/{evaluation_id}/feedback-requests/nominate', {
          params: { path: { evaluation_id: evaluationId } },
          body: { rater_employee_id: raterEmployeeId },
        }),
      ),
  });
}
