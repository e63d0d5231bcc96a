import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryString, requestJson } from '../../../app/api/client';
import { parseChild, type ChildSummary } from '../childrenApi';
import { list, num, obj, reasons, str, type Obj, type Reason } from './read';

export interface DuplicatePair {
  id: string;
  score: number;
  reasons: Reason[];
  state: string;
  version: number;
  a: ChildSummary;
  b: ChildSummary;
  mergeId: string | null;
  /** Asked for by a registrar who could not see the other file. */
  mergeRequest: { requestedBy: string; requestedAt: string | null } | null;
}

function parsePair(item: Obj): DuplicatePair | null {
  const id = str(item.id);
  const a = parseChild(obj(item.a ?? item.childA ?? item.left));
  const b = parseChild(obj(item.b ?? item.childB ?? item.right));
  if (!id || !a || !b) return null;
  return {
    id,
    score: num(item.score) ?? 0,
    reasons: reasons(item.reasons),
    state: str(item.state) ?? 'open',
    version: num(item.version) ?? 0,
    a,
    b,
    mergeId: str(item.mergeId),
    mergeRequest: parseRequest(obj(item.mergeRequest)),
  };
}

function parseRequest(request: Obj): DuplicatePair['mergeRequest'] {
  const by = str(request.requestedBy);
  return by ? { requestedBy: by, requestedAt: str(request.requestedAt) } : null;
}

export const duplicatePageSize = 10;

export function useDuplicates(state: string, page: number) {
  return useQuery({
    queryKey: ['duplicates', state, page],
    queryFn: async ({ signal }) => {
      const body = obj(
        await requestJson(`/api/duplicates${queryString({ state, page, pageSize: duplicatePageSize })}`, { signal }),
      );
      const items = list(body.items, parsePair);
      return { items, total: num(body.total) ?? items.length };
    },
    placeholderData: keepPreviousData,
  });
}

const send = (path: string, body: Obj) =>
  requestJson(path, { method: 'POST', body, headers: { 'Idempotency-Key': crypto.randomUUID() } });

export const duplicateCommands = {
  notSame: (id: string, body: { reason: string; version: number }) => send(`/api/duplicates/${id}/not-same`, body),
  merge: async (id: string, body: { survivorId: string; reason: string; version: number }) => {
    const answer = obj(await send(`/api/duplicates/${id}/merge`, body));
    return { mergeId: str(answer.mergeId) ?? str(answer.id) };
  },
  undo: (mergeId: string, body: { reason: string }) => send(`/api/merges/${mergeId}/undo`, body),
};
