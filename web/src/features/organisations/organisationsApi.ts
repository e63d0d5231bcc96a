import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { isRecord, queryString, requestJson } from '../../app/api/client';

/** The organisation kinds the server knows (src/features/organisations/kinds.ts). */
export const organisationKinds = [
  'civil_affairs_bureau',
  'women_children_committee',
  'township_government',
  'village_committee',
  'police',
  'procuratorate',
  'court',
  'education',
  'health',
  'disabled_persons_federation',
  'rescue_station',
  'minor_protection_centre',
  'child_welfare_home',
  'womens_federation',
  'youth_league',
  'social_work_organisation',
  'charity',
  'volunteer_team',
  'enterprise',
  'school',
  'hospital',
] as const;

export type OrganisationKind = (typeof organisationKinds)[number];

/** Institutions that shelter children record their beds. */
export const residentialKinds: readonly OrganisationKind[] = [
  'rescue_station',
  'minor_protection_centre',
  'child_welfare_home',
];

export function isOrganisationKind(value: unknown): value is OrganisationKind {
  return typeof value === 'string' && (organisationKinds as readonly string[]).includes(value);
}

export interface Organisation {
  id: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind | null;
  divisionCode: string;
  divisionName: string | null;
  bedCapacity: number | null;
  active: boolean;
  version: number;
}

export function parseOrganisation(value: unknown): Organisation | null {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.name !== 'string') return null;
  return {
    id: value.id,
    name: value.name,
    shortName: typeof value.shortName === 'string' ? value.shortName : null,
    kind: isOrganisationKind(value.kind) ? value.kind : null,
    divisionCode: typeof value.divisionCode === 'string' ? value.divisionCode : '',
    divisionName: typeof value.divisionName === 'string' ? value.divisionName : null,
    bedCapacity: typeof value.bedCapacity === 'number' ? value.bedCapacity : null,
    active: value.active !== false,
    version: typeof value.version === 'number' ? value.version : 0,
  };
}

export interface OrganisationFilters {
  kind?: string | undefined;
  q?: string | undefined;
  within?: string | undefined;
  page?: number;
  pageSize?: number;
}

export async function fetchOrganisations(
  filters: OrganisationFilters,
  signal?: AbortSignal,
): Promise<{ items: Organisation[]; total: number }> {
  const body = await requestJson(`/api/organisations${queryString({ ...filters })}`, { signal });
  const items =
    isRecord(body) && Array.isArray(body.items)
      ? body.items.map(parseOrganisation).filter((item): item is Organisation => item !== null)
      : [];
  return { items, total: isRecord(body) && typeof body.total === 'number' ? body.total : items.length };
}

export function useOrganisations(filters: OrganisationFilters, enabled = true) {
  return useQuery({
    queryKey: ['organisations', 'list', filters],
    queryFn: ({ signal }) => fetchOrganisations(filters, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface NewOrganisation {
  name: string;
  shortName?: string | undefined;
  kind: OrganisationKind;
  divisionCode: string;
  bedCapacity?: number | null | undefined;
}

export async function createOrganisation(input: NewOrganisation, idempotencyKey: string): Promise<Organisation> {
  const created = parseOrganisation(
    await requestJson('/api/organisations', {
      method: 'POST',
      body: input,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  );
  if (!created) throw new Error('unreadable organisation');
  return created;
}
