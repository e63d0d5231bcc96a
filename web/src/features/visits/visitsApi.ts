import {
  type RecordVisitInput,
  type VisitDueList,
  visitDueListSchema,
  visitViewSchema,
} from '@contract/visits/visits.js';
import { useQuery } from '@tanstack/react-query';
import { ApiError, requestParsed } from '../../app/api/client';
import { snapshotGet, snapshotPut } from '../../app/offline/store';

export type { RecordVisitInput, VisitDue, VisitView } from '@contract/visits/visits.js';

/**
 * GET /api/visits/due: the children I visit, and those escalated to me; overdue first. Each answer is
 * kept on the phone, and shown (marked as such) when the network is gone.
 */
export function useVisitsDue(withinDays: number) {
  return useQuery({
    queryKey: ['visits', 'due', withinDays],
    queryFn: async ({ signal }): Promise<VisitDueList & { savedAt?: string }> => {
      const key = `visits-due-${withinDays}`;
      try {
        const list = await requestParsed(visitDueListSchema, `/api/visits/due?withinDays=${withinDays}`, { signal });
        await snapshotPut(key, { ...list, savedAt: new Date().toISOString() }).catch(() => undefined);
        return list;
      } catch (caught) {
        const saved =
          caught instanceof ApiError && caught.status === 0
            ? await snapshotGet<VisitDueList & { savedAt: string }>(key).catch(() => undefined)
            : undefined;
        if (!saved) throw caught;
        return visitDueListSchema.extend({ savedAt: visitDueListSchema.shape.items.element.shape.dueAt }).parse(saved);
      }
    },
    networkMode: 'always',
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
