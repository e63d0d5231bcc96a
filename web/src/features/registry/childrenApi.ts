import type { ChildFile as ContractChildFile } from '@contract/registry/child.js';
import { childFileSchema } from '@contract/registry/child.js';
import { type ChildListItem, childListPageSchema } from '@contract/registry/search.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../app/api/client';

/**
 * A child as the list, the drawer and the duplicate views show it: the list's item, plus the
 * file's contact fields when the whole file was read (the list never carries them).
 */
export interface ChildSummary extends Omit<ChildListItem, 'hasIdNumber' | 'residenceName' | 'matchedOn'> {
  residenceName: string | null;
  matchedOn: ChildListItem['matchedOn'];
  phone: string | null;
  address: string | null;
  hukouCode: string | null;
  /** Masked (4210**********100X) unless asked for in full by someone allowed to. */
  masked: boolean;
}

/** A list item (identifiers always masked there). */
export function summaryOfListItem(item: ChildListItem): ChildSummary {
  const { hasIdNumber: _hasIdNumber, ...rest } = item;
  return { ...rest, phone: null, address: null, hukouCode: null, masked: true };
}

/** The place as a reader names it: the last three levels of its path (township, village…). */
export function placeName(place: ContractChildFile['residence']): string | null {
  return place.path.length > 0
    ? place.path
        .slice(-3)
        .map((step) => step.name)
        .join(' ')
    : place.name;
}

/** The summary of a whole file: the confirmed categories, the residence by name. */
export function summaryOfFile(file: ContractChildFile): ChildSummary {
  return {
    id: file.id,
    havenCode: file.havenCode,
    name: file.name,
    sex: file.sex,
    birthDate: file.birthDate,
    age: file.age,
    idNumber: file.idNumber,
    phone: file.phone,
    address: file.address,
    residenceCode: file.residenceCode,
    hukouCode: file.hukouCode,
    residenceName: placeName(file.residence),
    categories: file.categories
      .filter((membership) => membership.state === 'confirmed')
      .map((membership) => membership.category),
    riskGrade: file.riskGrade,
    status: file.status,
    matchedOn: null,
    masked: file.masked,
    version: file.version,
  };
}

export interface ChildPage {
  items: ChildSummary[];
  total: number;
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
      const path = `/api/children${queryString({ ...rest, ...ageRange(age), page, pageSize: childPageSize })}`;
      const body = await requestParsed(childListPageSchema, path, { signal });
      return { items: body.items.map(summaryOfListItem), total: body.total };
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
    queryFn: async ({ signal }) =>
      summaryOfFile(
        await requestParsed(
          childFileSchema,
          `/api/children/${encodeURIComponent(id ?? '')}${queryString({ unmask: unmask || undefined })}`,
          { signal },
        ),
      ),
  });
}
