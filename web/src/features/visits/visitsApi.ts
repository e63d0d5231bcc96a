import { type RecordVisitInput, visitDueListSchema, visitViewSchema } from '@contract/visits/visits.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../app/api/client';

export type { RecordVisitInput, VisitDue, VisitView } from '@contract/visits/visits.js';

/** GET /api/visits/due: the children I visit, and those escalated to me; overdue first. */
export function useVisitsDue(withinDays: number) {
  return useQuery({
    queryKey: ['visits', 'due', withinDays],
    queryFn: ({ signal }) => requestParsed(visitDueListSchema, `/api/visits/due?withinDays=${withinDays}`, { signal }),
  });
}

/** POST /api/visits with an idempotency key made once per form, so a retried send records one visit. */
export function recordVisit(input: RecordVisitInput, idempotencyKey: string) {
  return requestParsed(visitViewSchema, '/api/visits', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
