import { isRecord, queryString, requestJson } from '../../app/api/client';

export interface DivisionRef {
  code: string;
  name: string;
  level: string;
}

export interface DivisionNode extends DivisionRef {
  /** The name without a village committee's title (相思岭村委会 → 相思岭村). */
  shortName: string;
  hasChildren: boolean;
}

export interface DivisionDetail extends DivisionNode {
  /** From the province down to this division. */
  path: DivisionRef[];
  pathText: string;
}

export interface DivisionHit extends DivisionRef {
  shortName: string;
  path: DivisionRef[];
  pathText: string;
}

function ref(value: unknown): DivisionRef | null {
  if (!isRecord(value) || typeof value.code !== 'string' || typeof value.name !== 'string') return null;
  return { code: value.code, name: value.name, level: typeof value.level === 'string' ? value.level : '' };
}

function node(value: unknown): DivisionNode | null {
  const base = ref(value);
  if (!base || !isRecord(value)) return null;
  return {
    ...base,
    shortName: typeof value.shortName === 'string' ? value.shortName : base.name,
    hasChildren: value.hasChildren === true,
  };
}

function path(value: unknown): DivisionRef[] {
  return Array.isArray(value) ? value.map(ref).filter((item): item is DivisionRef => item !== null) : [];
}

export async function fetchDivision(code: string, signal?: AbortSignal): Promise<DivisionDetail> {
  const body = await requestJson(`/api/divisions/${encodeURIComponent(code)}`, { signal });
  const base = node(body);
  if (!base || !isRecord(body)) throw new Error('unreadable division');
  return { ...base, path: path(body.path), pathText: typeof body.pathText === 'string' ? body.pathText : base.name };
}

/** The current divisions one level below `code`. */
export async function fetchDivisionChildren(code: string, signal?: AbortSignal): Promise<DivisionNode[]> {
  const body = await requestJson(`/api/divisions/${encodeURIComponent(code)}/children`, { signal });
  const items = isRecord(body) && Array.isArray(body.items) ? body.items : [];
  return items.map(node).filter((item): item is DivisionNode => item !== null);
}

/** By Chinese name, pinyin, initials or code prefix, inside `within`. */
export async function searchDivisions(q: string, within: string, signal?: AbortSignal): Promise<DivisionHit[]> {
  const body = await requestJson(`/api/divisions/search${queryString({ q, within, limit: 20 })}`, { signal });
  const items = isRecord(body) && Array.isArray(body.items) ? body.items : [];
  return items.flatMap((item: unknown) => {
    const base = ref(item);
    if (!base || !isRecord(item)) return [];
    return [
      {
        ...base,
        shortName: typeof item.shortName === 'string' ? item.shortName : base.name,
        path: path(item.path),
        pathText: typeof item.pathText === 'string' ? item.pathText : base.name,
      },
    ];
  });
}

export const divisionKeys = {
  detail: (code: string) => ['divisions', 'detail', code] as const,
  children: (code: string) => ['divisions', 'children', code] as const,
};
