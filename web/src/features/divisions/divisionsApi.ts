import {
  childrenResponseSchema,
  divisionDetailSchema,
  type divisionNodeSchema,
  type divisionRefSchema,
  type searchHitSchema,
  searchResponseSchema,
} from '@contract/divisions/divisions.js';
import type { z } from 'zod';
import { queryString, requestParsed } from '../../app/api/client';

export type DivisionRef = z.infer<typeof divisionRefSchema>;
/** A division with its short name (相思岭村委会 → 相思岭村) and whether it has divisions below. */
export type DivisionNode = z.infer<typeof divisionNodeSchema>;
/** A division with its path from the province down. */
export type DivisionDetail = z.infer<typeof divisionDetailSchema>;
export type DivisionHit = z.infer<typeof searchHitSchema>;

export function fetchDivision(code: string, signal?: AbortSignal): Promise<DivisionDetail> {
  return requestParsed(divisionDetailSchema, `/api/divisions/${encodeURIComponent(code)}`, { signal });
}

/** The current divisions one level below `code`. */
export async function fetchDivisionChildren(code: string, signal?: AbortSignal): Promise<DivisionNode[]> {
  return (
    await requestParsed(childrenResponseSchema, `/api/divisions/${encodeURIComponent(code)}/children`, { signal })
  ).items;
}

/** By Chinese name, pinyin, initials or code prefix, inside `within`. */
export async function searchDivisions(q: string, within: string, signal?: AbortSignal): Promise<DivisionHit[]> {
  return (
    await requestParsed(searchResponseSchema, `/api/divisions/search${queryString({ q, within, limit: 20 })}`, {
      signal,
    })
  ).items;
}

export const divisionKeys = {
  detail: (code: string) => ['divisions', 'detail', code] as const,
  children: (code: string) => ['divisions', 'children', code] as const,
};
