import { documentListSchema, documentViewSchema } from '@contract/documents/views.js';
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

/** The photos of a tracing request: documents of the child's file owned by the request (the documents feature's API). */
export function useTracingPhotos(childId: string, tracingId: string) {
  return useQuery({
    queryKey: ['placements', 'tracing', tracingId, 'photos'] as const,
    queryFn: ({ signal }) =>
      requestParsed(
        documentListSchema,
        `/api/children/${encodeURIComponent(childId)}/documents${queryString({ subjectType: 'tracing_request', subjectId: tracingId })}`,
        { signal },
      ),
    retry: false,
  });
}

/** Uploads a photo to the request; the server judges it by content and removes its location data. */
export function uploadTracingPhoto(childId: string, tracingId: string, file: File, idempotencyKey: string) {
  const query = queryString({
    type: 'photo',
    fileName: file.name || 'photo.jpg',
    subjectType: 'tracing_request',
    subjectId: tracingId,
  });
  return requestParsed(documentViewSchema, `/api/children/${encodeURIComponent(childId)}/documents${query}`, {
    method: 'POST',
    rawBody: file,
    headers: { 'Content-Type': file.type || 'application/octet-stream', 'Idempotency-Key': idempotencyKey },
  });
}
