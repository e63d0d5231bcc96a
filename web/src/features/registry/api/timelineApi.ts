import { type TimelineEntry, timelinePageSchema } from '@contract/registry/child.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../../app/api/client';

export type { TimelineEntry };

export function useTimeline(childId: string) {
  return useQuery({
    queryKey: ['children', 'timeline', childId],
    queryFn: async ({ signal }) =>
      (
        await requestParsed(timelinePageSchema, `/api/children/${encodeURIComponent(childId)}/timeline?pageSize=100`, {
          signal,
        })
      ).items,
  });
}
