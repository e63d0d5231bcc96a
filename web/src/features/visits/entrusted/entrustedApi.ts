import {
  childEntrustedCareSchema,
  entrustedDueListSchema,
  type RecordEntrustedCareInput,
  type RecordParentContactInput,
  type UpdateEntrustedCareInput,
} from '@contract/visits/entrusted-care.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../../app/api/client';

export type {
  ChildEntrustedCare,
  EntrustedCareView,
  EntrustedContactDue,
  RecordEntrustedCareInput,
  RecordParentContactInput,
  UpdateEntrustedCareInput,
} from '@contract/visits/entrusted-care.js';

/** GET /api/visits/entrusted-due: cares whose parents' weekly contact (or a written notice) is due, overdue first. */
export function useEntrustedDue(withinDays: number) {
  return useQuery({
    queryKey: ['entrusted', 'due', withinDays],
    queryFn: ({ signal }) =>
      requestParsed(entrustedDueListSchema, `/api/visits/entrusted-due?withinDays=${withinDays}`, { signal }),
  });
}

/** GET /api/children/:id/entrusted-care (audited): the current care with its contacts and clock, and earlier ones. */
export function useChildEntrustedCare(childId: string) {
  return useQuery({
    queryKey: ['entrusted', 'child', childId],
    queryFn: ({ signal }) =>
      requestParsed(childEntrustedCareSchema, `/api/children/${encodeURIComponent(childId)}/entrusted-care`, {
        signal,
      }),
  });
}

/** Registers the carer; the key is made once per form, so a retried send records one care. */
export function recordEntrustedCare(childId: string, input: RecordEntrustedCareInput, idempotencyKey: string) {
  return requestParsed(childEntrustedCareSchema, `/api/children/${encodeURIComponent(childId)}/entrusted-care`, {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** The notices as they arrive, the capacity, or the end, at the version seen (stale → 409). */
export function updateEntrustedCare(careId: string, input: UpdateEntrustedCareInput) {
  return requestParsed(childEntrustedCareSchema, `/api/entrusted-care/${encodeURIComponent(careId)}`, {
    method: 'PATCH',
    body: input,
  });
}

/** A parent's contact with the child; one key per form, so a retried send records one contact. */
export function recordParentContact(careId: string, input: RecordParentContactInput, idempotencyKey: string) {
  return requestParsed(childEntrustedCareSchema, `/api/entrusted-care/${encodeURIComponent(careId)}/contacts`, {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
