import { caseListSchema, caseViewSchema } from '@contract/cases/views.js';
import { useQueries, useQuery } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../../app/api/client';

/** The child's cases (the case list read by the child's file number, so scope and masking are the list's own). */
export function useChildCases(havenCode: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'list', { q: havenCode, of: 'child-file' }],
    enabled,
    queryFn: ({ signal }) =>
      requestParsed(caseListSchema, `/api/cases${queryString({ q: havenCode, pageSize: 100 })}`, { signal }),
  });
}

/** The reports behind each of the child's cases (read with the case, so the case's own rules apply). */
export function useCaseReports(caseIds: string[]) {
  return useQueries({
    queries: caseIds.map((id) => ({
      queryKey: ['cases', 'detail', id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        requestParsed(caseViewSchema, `/api/cases/${encodeURIComponent(id)}`, { signal }),
    })),
    combine: (results) =>
      results.flatMap((result) =>
        (result.data?.reports ?? []).map((report) => ({ ...report, caseNo: result.data?.caseNo ?? '' })),
      ),
  });
}
