import { useQuery } from '@tanstack/react-query';
import { requestJson } from '../../../app/api/client';
import { bool, list, obj, str, type Obj } from './read';

export interface TimelineEntry {
  id: string;
  occurredAt: string;
  kind: string;
  actorLabel: string;
  reason: string | null;
  summary: string | null;
  before: Obj | null;
  after: Obj | null;
  restorable: boolean;
}

export function useTimeline(childId: string) {
  return useQuery({
    queryKey: ['children', 'timeline', childId],
    queryFn: async ({ signal }) => {
      const body = await requestJson(`/api/children/${encodeURIComponent(childId)}/timeline?pageSize=100`, { signal });
      const items = Array.isArray(body) ? body : obj(body).items;
      return list(items, (item): TimelineEntry | null => {
        const id = item.id === undefined ? null : String(item.id);
        if (!id) return null;
        const before = item.before && typeof item.before === 'object' ? obj(item.before) : null;
        const after = item.after && typeof item.after === 'object' ? obj(item.after) : null;
        return {
          id,
          occurredAt: str(item.occurredAt) ?? '',
          kind: str(item.kind) ?? '',
          actorLabel: str(item.actorLabel) ?? str(item.actor) ?? '',
          reason: str(item.reason),
          summary: str(item.summary) ?? str(item.message),
          before,
          after,
          restorable: item.restorable === undefined ? before !== null : bool(item.restorable),
        };
      });
    },
  });
}
