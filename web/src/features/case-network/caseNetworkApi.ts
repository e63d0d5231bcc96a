import {
  casePlanServicesSchema,
  incomingTransfersSchema,
  type PlanServiceBody,
  type ServiceActionBody,
  serviceActedSchema,
  type TransferActionBody,
} from '@contract/case-network/views.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../app/api/client';

export type { CasePlanServices, LeadTransfer, PlannedService } from '@contract/case-network/views.js';
export type { ServiceStatus, ServiceUserAction, TransferUserAction } from '@contract/case-network/vocabulary.js';

export const caseNetworkKeys = {
  plan: (caseId: string) => ['case-network', 'plan', caseId] as const,
  incoming: ['case-network', 'incoming'] as const,
};

/** The case plan's services, the review and the lead transfers (404 for a case out of my scope). */
export function useCasePlan(caseId: string) {
  return useQuery({
    queryKey: caseNetworkKeys.plan(caseId),
    queryFn: ({ signal }) => requestParsed(casePlanServicesSchema, `/api/cases/${caseId}/services`, { signal }),
  });
}

/** Lead transfers waiting for my organisation's answer (before it sees the child). */
export function useIncomingTransfers(enabled: boolean) {
  return useQuery({
    queryKey: caseNetworkKeys.incoming,
    enabled,
    queryFn: ({ signal }) => requestParsed(incomingTransfersSchema, '/api/case-lead-transfers/incoming', { signal }),
  });
}

const keyed = (idempotencyKey: string) => ({ 'Idempotency-Key': idempotencyKey });

export function planService(caseId: string, body: PlanServiceBody, idempotencyKey: string) {
  return requestParsed(casePlanServicesSchema, `/api/cases/${caseId}/services`, {
    method: 'POST',
    body,
    headers: keyed(idempotencyKey),
  });
}

export function actOnService(serviceId: string, body: ServiceActionBody, idempotencyKey: string) {
  return requestParsed(serviceActedSchema, `/api/case-services/${serviceId}/actions`, {
    method: 'POST',
    body,
    headers: keyed(idempotencyKey),
  });
}

export function requestTransfer(
  caseId: string,
  body: { toOrganisationId: string; reason: string },
  idempotencyKey: string,
) {
  return requestParsed(casePlanServicesSchema, `/api/cases/${caseId}/lead-transfers`, {
    method: 'POST',
    body,
    headers: keyed(idempotencyKey),
  });
}

export function actOnTransfer(transferId: string, body: TransferActionBody, idempotencyKey: string) {
  return requestParsed(incomingTransfersSchema, `/api/case-lead-transfers/${transferId}/actions`, {
    method: 'POST',
    body,
    headers: keyed(idempotencyKey),
  });
}
