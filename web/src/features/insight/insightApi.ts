import { type ByDivisionResult, byDivisionResultSchema, type DivisionCount } from '@contract/insight/by-division.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../app/api/client';

/** One division one level down: a count, or null when it is too small to publish. No child in it. */
export type { DivisionCount };
/** Counts from 1 to threshold − 1 are never published. */
export type ChildrenByDivision = ByDivisionResult;

export function useChildrenByDivision(within: string) {
  return useQuery({
    queryKey: ['insight', 'children-by-division', within],
    queryFn: ({ signal }) =>
      requestParsed(byDivisionResultSchema, `/api/insight/children/by-division${queryString({ within })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
