import {
  type CountDimension,
  type RegistryCountsResult,
  registryCountsResultSchema,
} from '@contract/insight/registry-counts.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../app/api/client';

export type CountsBy = CountDimension;
export type RegistryCounts = RegistryCountsResult;
/** One division's row: a count per column, null where it is too small to publish. No child in it. */
export type CountsRow = RegistryCounts['rows'][number];

export function useRegistryCounts(within: string, by: CountsBy) {
  return useQuery({
    queryKey: ['insight', 'registry-counts', within, by],
    queryFn: ({ signal }) =>
      requestParsed(registryCountsResultSchema, `/api/insight/registry-counts${queryString({ within, by })}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
