import { organisationKinds, type OrganisationKind } from '@contract/organisations/kinds.js';
import {
  type CreateReferralInput,
  createdReferralSchema,
  type ReferralActionInput,
  referralListSchema,
  referralViewSchema,
} from '@contract/referrals/views.js';
import { services, type ServiceCode } from '@contract/service-matrix/vocabulary.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../app/api/client';

export type { ReferralListItem, ReferralView } from '@contract/referrals/views.js';
export { sharedParts, type ReferralUserAction, type SharedPart } from '@contract/referrals/vocabulary.js';
export { serviceCodes, type ServiceCode } from '@contract/service-matrix/vocabulary.js';

const english = (language: string) => language.startsWith('en');

/** A service's name from the contract's catalogue, in the page's language. */
export function serviceLabel(code: ServiceCode, language: string): string {
  return english(language) ? services[code].en : services[code].zh;
}

export function kindName(kind: OrganisationKind, language: string): string {
  return english(language) ? organisationKinds[kind].en : organisationKinds[kind].zh;
}

export function useReferrals(direction: 'incoming' | 'outgoing' | 'all', childId?: string) {
  const query = new URLSearchParams({ direction });
  if (childId) query.set('childId', childId);
  return useQuery({
    queryKey: ['referrals', direction, childId ?? null],
    queryFn: ({ signal }) => requestParsed(referralListSchema, `/api/referrals?${query.toString()}`, { signal }),
  });
}

export function actOnReferral(id: string, input: ReferralActionInput, idempotencyKey: string) {
  return requestParsed(referralViewSchema, `/api/referrals/${id}/actions`, {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function createReferral(input: CreateReferralInput, idempotencyKey: string) {
  return requestParsed(createdReferralSchema, '/api/referrals', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
