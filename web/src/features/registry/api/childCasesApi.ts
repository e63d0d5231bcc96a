import { caseListSchema } from '@contract/cases/views.js';
import { useQuery } from '@tanstack/react-query';
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
