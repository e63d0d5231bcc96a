import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { isRecord, queryString, requestJson } from '../../app/api/client';

export interface ChildSummary {
  id: string;
  name: string;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  /** Masked (4210**********100X) unless asked for in full by someone allowed to. */
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  residenceCode: string;
  hukouCode: string | null;
  masked: boolean;
  version: number;
}

export interface ChildPage {
  items: ChildSummary[];
  total: number;
}

const optionalText = (value: unknown) => (typeof value === 'string' ? value : null);

function parseChild(value: unknown): ChildSummary | null {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.name !== 'string') return null;
  return {
    id: value.id,
    name: value.name,
    sex: value.sex === 'male' || value.sex === 'female' ? value.sex : null,
    birthDate: optionalText(value.birthDate),
    idNumber: optionalText(value.idNumber),
    phone: optionalText(value.phone),
    address: optionalText(value.address),
    residenceCode: typeof value.residenceCode === 'string' ? value.residenceCode : '',
    hukouCode: optionalText(value.hukouCode),
    masked: value.masked !== false,
    version: typeof value.version === 'number' ? value.version : 0,
  };
}

export const childPageSize = 20;

export function useChildren(filters: { q?: string | undefined; page: number }) {
  return useQuery({
    queryKey: ['children', 'list', filters],
    queryFn: async ({ signal }): Promise<ChildPage> => {
      const body = await requestJson(`/api/children${queryString({ q: filters.q, page: filters.page, pageSize: childPageSize })}`, { signal });
      const items = isRecord(body) && Array.isArray(body.items) ? body.items.map(parseChild).filter((child): child is ChildSummary => child !== null) : [];
      return { items, total: isRecord(body) && typeof body.total === 'number' ? body.total : items.length };
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
      const child = parseChild(await requestJson(`/api/children/${encodeURIComponent(id ?? '')}${queryString({ unmask: unmask || undefined })}`, { signal }));
      if (!child) throw new Error('unreadable child');
      return child;
    },
  });
}
