import type { AddLeadInput, OpenTracingInput } from '@contract/placements/tracing.js';
import { tracingListSchema, tracingViewSchema } from '@contract/placements/tracing.js';
import { useQuery } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../app/api/client';

// The tracing register (寻亲), read with the contract's schemas (src/contract/placements/tracing.ts).

export const tracingKeys = {
  list: (status: string) => ['placements', 'tracing', 'list', status] as const,
  one: (id: string) => ['placements', 'tracing', id] as const,
};

export function useTracingList(status: 'active' | 'closed' | 'all') {
  return useQuery({
    queryKey: tracingKeys.list(status),
    queryFn: ({ signal }) => requestParsed(tracingListSchema, `/api/tracing${queryString({ status })}`, { signal }),
  });
}

export function useTracing(id: string) {
  return useQuery({
    queryKey: tracingKeys.one(id),
    queryFn: ({ signal }) => requestParsed(tracingViewSchema, `/api/tracing/${encodeURIComponent(id)}`, { signal }),
  });
}

export function openTracing(body: OpenTracingInput, idempotencyKey: string) {
  return requestParsed(tracingViewSchema, '/api/tracing', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function addLead(id: string, body: AddLeadInput, idempotencyKey: string) {
  return requestParsed(tracingViewSchema, `/api/tracing/${encodeURIComponent(id)}/leads`, {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function decideLead(
  id: string,
  leadId: string,
  body: { expectedVersion: number; decision: 'ruled_out' | 'matched'; note: string },
) {
  return requestParsed(
    tracingViewSchema,
    `/api/tracing/${encodeURIComponent(id)}/leads/${encodeURIComponent(leadId)}/decision`,
    { method: 'POST', body },
  );
}

export function confirmIdentity(
  id: string,
  body: { expectedVersion: number; idNumber: string; name: string | null; evidence: string },
) {
  return requestParsed(tracingViewSchema, `/api/tracing/${encodeURIComponent(id)}/identity`, { method: 'POST', body });
}
