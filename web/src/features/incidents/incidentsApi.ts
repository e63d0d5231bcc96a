import {
  incidentListSchema,
  incidentViewSchema,
  type RecordIncidentInput,
  type ReferForSupportInput,
  referredForSupportSchema,
} from '@contract/incidents/views.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../app/api/client';

export { childRoles, harmKinds, perpetratorRelations } from '@contract/incidents/vocabulary.js';
export type { ChildRole, HarmKind, PerpetratorRelation } from '@contract/incidents/vocabulary.js';
export { victimSupportServices } from '@contract/incidents/views.js';

export function useCaseIncidents(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['incidents', caseId],
    enabled,
    queryFn: ({ signal }) => requestParsed(incidentListSchema, `/api/incidents?caseId=${caseId}`, { signal }),
  });
}

export function recordIncident(input: RecordIncidentInput, idempotencyKey: string) {
  return requestParsed(incidentViewSchema, '/api/incidents', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function referForSupport(incidentId: string, input: ReferForSupportInput, idempotencyKey: string) {
  return requestParsed(referredForSupportSchema, `/api/incidents/${incidentId}/referral`, {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
