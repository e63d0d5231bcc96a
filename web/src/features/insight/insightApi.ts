import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { isRecord, queryString, requestJson } from '../../app/api/client';

/** One division one level down: a count, or null when it is too small to publish. No child in it. */
export interface DivisionCount {
  code: string;
  name: string | null;
  /** Children recorded at the parent division itself, with no finer place. */
  direct: boolean;
  count: number | null;
  suppressed: boolean;
}

export interface ChildrenByDivision {
  within: { code: string; name: string | null; level: string };
  level: string;
  /** Counts from 1 to threshold − 1 are never published. */
  threshold: number;
  total: number | null;
  totalSuppressed: boolean;
  cells: DivisionCount[];
}

function parseCell(value: unknown): DivisionCount | null {
  if (!isRecord(value) || typeof value.code !== 'string') return null;
  return {
    code: value.code,
    name: typeof value.name === 'string' ? value.name : null,
    direct: value.direct === true,
    count: typeof value.count === 'number' ? value.count : null,
    suppressed: value.suppressed === true,
  };
}

export function parseChildrenByDivision(body: unknown): ChildrenByDivision {
  if (!isRecord(body) || !isRecord(body.within)) throw new Error('unreadable insight');
  const within = body.within;
  return {
    within: {
      code: typeof within.code === 'string' ? within.code : '',
      name: typeof within.name === 'string' ? within.name : null,
      level: typeof within.level === 'string' ? within.level : '',
    },
    level: typeof body.level === 'string' ? body.level : '',
    threshold: typeof body.threshold === 'number' ? body.threshold : 5,
    total: typeof body.total === 'number' ? body.total : null,
    totalSuppressed: body.totalSuppressed === true,
    cells: Array.isArray(body.cells)
      ? body.cells.map(parseCell).filter((cell): cell is DivisionCount => cell !== null)
      : [],
  };
}

export function useChildrenByDivision(within: string) {
  return useQuery({
    queryKey: ['insight', 'children-by-division', within],
    queryFn: async ({ signal }) =>
      parseChildrenByDivision(
        await requestJson(`/api/insight/children/by-division${queryString({ within })}`, { signal }),
      ),
    placeholderData: keepPreviousData,
  });
}
