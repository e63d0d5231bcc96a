import {
  isOrganisationKind,
  type OrganisationKind,
  organisationKindCodes,
  residentialKindCodes,
} from '@contract/organisations/kinds.js';
import {
  type Organisation,
  organisationPageSchema,
  organisationSchema,
} from '@contract/organisations/organisations.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../app/api/client';

export { isOrganisationKind, type Organisation, type OrganisationKind };

/** The organisation kinds the server knows (src/contract/organisations/kinds.ts). */
export const organisationKinds: readonly OrganisationKind[] = organisationKindCodes;

/** Institutions that shelter children record their beds. */
export const residentialKinds: readonly OrganisationKind[] = residentialKindCodes;

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
  const body = await requestParsed(organisationPageSchema, `/api/organisations${queryString({ ...filters })}`, {
    signal,
  });
  return { items: body.items, total: body.total };
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

export function createOrganisation(input: NewOrganisation, idempotencyKey: string): Promise<Organisation> {
  return requestParsed(organisationSchema, '/api/organisations', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
