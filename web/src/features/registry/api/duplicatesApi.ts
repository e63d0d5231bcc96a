import {
  type DuplicatePair as ContractDuplicatePair,
  duplicatePairPageSchema,
  duplicatePairSchema,
  mergeResultSchema,
} from '@contract/registry/search.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../../app/api/client';
import { type ChildSummary, summaryOfListItem } from '../childrenApi';

export interface DuplicatePair extends Omit<ContractDuplicatePair, 'a' | 'b'> {
  a: ChildSummary;
  b: ChildSummary;
}

/** Why two files may be the same child: a stable code with its parameters. */
export type Reason = ContractDuplicatePair['reasons'][number];

export const duplicatePageSize = 10;

export function useDuplicates(state: string, page: number) {
  return useQuery({
    queryKey: ['duplicates', state, page],
    queryFn: async ({ signal }) => {
      const path = `/api/duplicates${queryString({ state, page, pageSize: duplicatePageSize })}`;
      const body = await requestParsed(duplicatePairPageSchema, path, { signal });
      const items = body.items.map(
        (pair): DuplicatePair => ({ ...pair, a: summaryOfListItem(pair.a), b: summaryOfListItem(pair.b) }),
      );
      return { items, total: body.total };
    },
    placeholderData: keepPreviousData,
  });
}

const post = (body: object) => ({
  method: 'POST' as const,
  body,
  headers: { 'Idempotency-Key': crypto.randomUUID() },
});

export const duplicateCommands = {
  notSame: (id: string, body: { reason: string; version: number }) =>
    requestParsed(duplicatePairSchema, `/api/duplicates/${id}/not-same`, post(body)),
  merge: async (id: string, body: { survivorId: string; reason: string; version: number }) => {
    const answer = await requestParsed(mergeResultSchema, `/api/duplicates/${id}/merge`, post(body));
    return { mergeId: answer.mergeId };
  },
  undo: (mergeId: string, body: { reason: string }) =>
    requestParsed(mergeResultSchema, `/api/merges/${mergeId}/undo`, post(body)),
};
