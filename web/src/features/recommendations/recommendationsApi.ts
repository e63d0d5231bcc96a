import {
  type IssueRecommendationInput,
  type RecommendationActionInput,
  recommendationListSchema,
  recommendationView,
} from '@contract/recommendations/views.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../app/api/client';

export type { RecommendationListItem, RecommendationView } from '@contract/recommendations/views.js';
export type { RecommendationStatus, RecommendationUserAction } from '@contract/recommendations/vocabulary.js';

export function useRecommendations(direction: 'issued' | 'received') {
  return useQuery({
    queryKey: ['recommendations', direction],
    queryFn: ({ signal }) =>
      requestParsed(recommendationListSchema, `/api/recommendations?direction=${direction}`, { signal }),
  });
}

export function useRecommendation(id: string) {
  return useQuery({
    queryKey: ['recommendations', 'one', id],
    queryFn: ({ signal }) => requestParsed(recommendationView, `/api/recommendations/${id}`, { signal }),
  });
}

export function issueRecommendation(input: IssueRecommendationInput, idempotencyKey: string) {
  return requestParsed(recommendationView, '/api/recommendations', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function actOnRecommendation(id: string, input: RecommendationActionInput, idempotencyKey: string) {
  return requestParsed(recommendationView, `/api/recommendations/${id}/actions`, {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
