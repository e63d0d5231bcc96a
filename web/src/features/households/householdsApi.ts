import {
  childHouseholdSchema,
  householdListSchema,
  householdProposalListSchema,
  type HouseholdVisitInput,
  householdViewSchema,
  householdVisitResultSchema,
  type LinkHouseholdInput,
  type SharedSituationInput,
} from '@contract/households/households.js';
import { useQuery } from '@tanstack/react-query';
import { requestJson, requestParsed } from '../../app/api/client';

export function useHouseholds() {
  return useQuery({
    queryKey: ['households', 'list'],
    queryFn: ({ signal }) => requestParsed(householdListSchema, '/api/households', { signal }),
  });
}

export function useHouseholdProposals(enabled: boolean) {
  return useQuery({
    queryKey: ['households', 'proposals'],
    enabled,
    queryFn: ({ signal }) => requestParsed(householdProposalListSchema, '/api/households/proposals', { signal }),
  });
}

/** POST /api/households with a key made once per decision, so a retried send links once. */
export function linkHousehold(input: LinkHouseholdInput, idempotencyKey: string) {
  return requestParsed(householdViewSchema, '/api/households', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function declineProposal(childIds: string[], reason: string) {
  return requestJson('/api/households/proposals/decline', { method: 'POST', body: { childIds, reason } });
}

export function enterSharedSituation(householdId: string, input: SharedSituationInput) {
  return requestParsed(householdViewSchema, `/api/households/${encodeURIComponent(householdId)}/situations`, {
    method: 'POST',
    body: input,
  });
}

/** One home visit of the household (each child's visit recorded), once per Idempotency-Key. */
export function recordHouseholdVisit(householdId: string, input: HouseholdVisitInput, idempotencyKey: string) {
  return requestParsed(householdVisitResultSchema, `/api/households/${encodeURIComponent(householdId)}/visits`, {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** GET /api/children/:id/household (audited): the siblings in my scope named, the others only counted. */
export function useChildHousehold(childId: string, enabled = true) {
  return useQuery({
    queryKey: ['households', 'child', childId],
    enabled: enabled && childId !== '',
    queryFn: ({ signal }) =>
      requestParsed(childHouseholdSchema, `/api/children/${encodeURIComponent(childId)}/household`, { signal }),
  });
}
