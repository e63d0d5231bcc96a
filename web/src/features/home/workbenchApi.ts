import { myWorkSchema } from '@contract/my-work/my-work.js';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { requestParsed } from '../../app/api/client';

/**
 * "My work" read for its counts: the known sections strictly, and any section a newer feature
 * contributes (GET /api/my-work has one key per inbox contribution) as a list whose items may say
 * `overdue` — so a new section is counted on the workbench without a change here.
 */
const sectionItemSchema = z.looseObject({ overdue: z.boolean().optional() });
const myWorkSectionsSchema = myWorkSchema.catchall(z.array(sectionItemSchema));

export interface SectionCount {
  section: string;
  total: number;
  overdue: number;
}

export function useMyWorkCounts(enabled: boolean) {
  return useQuery({
    queryKey: ['my-work', 'counts'],
    enabled,
    refetchInterval: 60_000,
    queryFn: async ({ signal }) => {
      const work = await requestParsed(myWorkSectionsSchema, '/api/my-work', { signal });
      const counts: SectionCount[] = Object.entries(work).map(([section, items]) => {
        const list = items as { overdue?: boolean }[];
        return { section, total: list.length, overdue: list.filter((item) => item.overdue === true).length };
      });
      return { work, counts };
    },
  });
}
