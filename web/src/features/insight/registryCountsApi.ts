import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { isRecord, queryString, requestJson } from '../../app/api/client';

export type CountsBy = 'category' | 'risk';

/** One division's row: a count per column, null where it is too small to publish. No child in it. */
export interface CountsRow {
  code: string;
  name: string | null;
  /** Children recorded at a coarser place than the rows' level. */
  direct: boolean;
  counts: (number | null)[];
}

export interface RegistryCounts {
  within: { code: string; name: string | null; level: string };
  level: string;
  by: CountsBy;
  values: string[];
  threshold: number;
  countedAt: string | null;
  rows: CountsRow[];
  totals: (number | null)[];
}

const countsOf = (value: unknown): (number | null)[] =>
  Array.isArray(value) ? value.map((n) => (typeof n === 'number' ? n : null)) : [];

function parseRow(value: unknown): CountsRow | null {
  if (!isRecord(value) || typeof value.code !== 'string') return null;
  return {
    code: value.code,
    name: typeof value.name === 'string' ? value.name : null,
    direct: value.direct === true,
    counts: countsOf(value.counts),
  };
}

export function parseRegistryCounts(body: unknown): RegistryCounts {
  if (!isRecord(body) || !isRecord(body.within)) throw new Error('unreadable registry counts');
  const within = body.within;
  return {
    within: {
      code: typeof within.code === 'string' ? within.code : '',
      name: typeof within.name === 'string' ? within.name : null,
      level: typeof within.level === 'string' ? within.level : '',
    },
    level: typeof body.level === 'string' ? body.level : '',
    by: body.by === 'risk' ? 'risk' : 'category',
    values: Array.isArray(body.values) ? body.values.filter((v): v is string => typeof v === 'string') : [],
    threshold: typeof body.threshold === 'number' ? body.threshold : 5,
    countedAt: typeof body.countedAt === 'string' ? body.countedAt : null,
    rows: Array.isArray(body.rows) ? body.rows.map(parseRow).filter((row): row is CountsRow => row !== null) : [],
    totals: countsOf(body.totals),
  };
}

export function useRegistryCounts(within: string, by: CountsBy) {
  return useQuery({
    queryKey: ['insight', 'registry-counts', within, by],
    queryFn: async ({ signal }) =>
      parseRegistryCounts(await requestJson(`/api/insight/registry-counts${queryString({ within, by })}`, { signal })),
    placeholderData: keepPreviousData,
  });
}
