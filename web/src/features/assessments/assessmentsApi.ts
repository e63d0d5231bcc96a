import {
  assessmentListSchema,
  assessmentRulesViewSchema,
  assessmentViewSchema,
  type RecordAssessmentInput,
} from '@contract/assessments/assessments.js';
import { childListPageSchema } from '@contract/registry/search.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../app/api/client';

export type { AssessmentView, RecordAssessmentInput } from '@contract/assessments/assessments.js';

/** GET /api/children?q=: the children I may assess (the registry's search, my scope). */
export function useChildSearch(q: string) {
  return useQuery({
    queryKey: ['assessments', 'search', q],
    enabled: q.trim().length > 0,
    queryFn: ({ signal }) =>
      requestParsed(childListPageSchema, `/api/children${queryString({ q, page: 1, pageSize: 20 })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useChildAssessments(childId: string) {
  return useQuery({
    queryKey: ['assessments', 'child', childId],
    queryFn: ({ signal }) =>
      requestParsed(assessmentListSchema, `/api/children/${encodeURIComponent(childId)}/assessments`, { signal }),
  });
}

/** The scoring rules of the child's place: the form grades live with them, as the server will. */
export function useAssessmentRules(childId: string) {
  return useQuery({
    queryKey: ['assessments', 'rules', childId],
    queryFn: ({ signal }) =>
      requestParsed(assessmentRulesViewSchema, `/api/children/${encodeURIComponent(childId)}/assessment-rules`, {
        signal,
      }),
  });
}

/** POST /api/assessments with a key made once per form, so a retried send records one assessment. */
export function recordAssessment(input: RecordAssessmentInput, idempotencyKey: string) {
  return requestParsed(assessmentViewSchema, '/api/assessments', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
