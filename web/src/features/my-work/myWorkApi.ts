import { myWorkSchema } from '@contract/my-work/my-work.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../app/api/client';

export type { CaseStepDue, MyWork, ReportToAcknowledge, WorkAlert } from '@contract/my-work/my-work.js';

/** GET /api/my-work, read with the contract's schema: a field the server renames fails loudly. */
export function useMyWork() {
  return useQuery({
    queryKey: ['my-work'],
    refetchInterval: 60_000,
    queryFn: ({ signal }) => requestParsed(myWorkSchema, '/api/my-work', { signal }),
  });
}
