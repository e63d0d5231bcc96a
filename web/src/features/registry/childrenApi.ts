import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryString, requestJson } from '../../app/api/client';
import {
  type CategoryCode,
  categoryCodes,
  type ChildStatus,
  childStatuses,
  type RiskGrade,
  riskGrades,
} from './api/codes';
import { list, num, obj, oneOf, str, type Obj } from './api/read';

export interface ChildSummary {
  id: string;
  havenCode: string | null;
  name: string;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  /** Masked (4210**********100X) unless asked for in full by someone allowed to. */
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  residenceCode: string;
  hukouCode: string | null;
  status: ChildStatus | null;
  age: number | null;
  residenceName: string | null;
  matchedOn: string | null;
  riskGrade: RiskGrade | null;
  categories: CategoryCode[];
  masked: boolean;
  version: number;
}

export interface ChildPage {
  items: ChildSummary[];
  total: number;
}

export function parseChild(value: Obj): ChildSummary | null {
  const id = str(value.id);
  const name = str(value.name);
  if (!id || name === null) return null;
  const categories = Array.isArray(value.categories)
    ? value.categories.flatMap((item) => {
        const code = oneOf(typeof item === 'string' ? item : (obj(item).category ?? obj(item).code), categoryCodes);
        return code ? [code] : [];
      })
    : [];
  return {
    id,
    havenCode: str(value.havenCode),
    name,
    sex: oneOf(value.sex, ['male', 'female'] as const),
    birthDate: str(value.birthDate),
    idNumber: str(value.idNumber),
    phone: str(value.phone),
    address: str(value.address),
    residenceCode: str(value.residenceCode) ?? '',
    hukouCode: str(value.hukouCode),
    status: oneOf(value.status, childStatuses),
    age: num(value.age),
    residenceName: str(value.residenceName),
    matchedOn: str(value.matchedOn),
    riskGrade: oneOf(value.riskGrade, riskGrades),
    categories,
    masked: value.masked !== false,
    version: num(value.version) ?? 0,
  };
}

export const childPageSize = 20;

export interface ChildFilters {
  q?: string | undefined;
  within?: string | undefined;
  category?: string | undefined;
  riskGrade?: string | undefined;
  status?: string | undefined;
  age?: string | undefined;
  page: number;
}

/** `0-2` → ageMin 0, ageMax 2. */
function ageRange(band: string | undefined): { ageMin?: number; ageMax?: number } {
  const match = band ? /^(\d+)-(\d+)$/.exec(band) : null;
  return match ? { ageMin: Number(match[1]), ageMax: Number(match[2]) } : {};
}

export function useChildren(filters: ChildFilters) {
  return useQuery({
    queryKey: ['children', 'list', filters],
    queryFn: async ({ signal }): Promise<ChildPage> => {
      const { age, page, ...rest } = filters;
      const body = obj(
        await requestJson(`/api/children${queryString({ ...rest, ...ageRange(age), page, pageSize: childPageSize })}`, {
          signal,
        }),
      );
      const items = list(body.items, parseChild);
      return { items, total: num(body.total) ?? items.length };
    },
    placeholderData: keepPreviousData,
  });
}

/** Opening a file is audited on the server, as is asking for it unmasked. */
export function useChild(id: string | undefined, unmask: boolean) {
  return useQuery({
    queryKey: ['children', 'file', id, unmask],
    enabled: id !== undefined,
    // Full identifiers are not kept around once the drawer closes.
    gcTime: unmask ? 0 : 5 * 60_000,
    queryFn: async ({ signal }) => {
      const child = parseChild(
        obj(
          await requestJson(
            `/api/children/${encodeURIComponent(id ?? '')}${queryString({ unmask: unmask || undefined })}`,
            { signal },
          ),
        ),
      );
      if (!child) throw new Error('unreadable child');
      return child;
    },
  });
}
