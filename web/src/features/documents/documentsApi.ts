import { documentListSchema, documentViewSchema } from '@contract/documents/views.js';
import type { DocumentType } from '@contract/documents/vocabulary.js';
import { useQuery } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../app/api/client';

// Every answer is read with the contract's schema (src/contract/documents): a renamed field fails loudly.

export const documentKeys = {
  child: (childId: string, withdrawn: boolean) => ['documents', 'child', childId, withdrawn] as const,
  all: (childId: string) => ['documents', 'child', childId] as const,
};

/** The child's documents; `enabled` false waits (each list is an audited read of the file). */
export function useChildDocuments(childId: string, withdrawn: boolean, enabled = true) {
  return useQuery({
    enabled,
    queryKey: documentKeys.child(childId, withdrawn),
    queryFn: ({ signal }) =>
      requestParsed(
        documentListSchema,
        `/api/children/${encodeURIComponent(childId)}/documents${withdrawn ? '?withdrawn=true' : ''}`,
        { signal },
      ),
    retry: false,
  });
}

/** The file as it is (raw body); the server judges it by its content. One key per chosen file: a retry stores one document. */
export function uploadDocument(childId: string, file: File, type: DocumentType, idempotencyKey: string) {
  return requestParsed(
    documentViewSchema,
    `/api/children/${encodeURIComponent(childId)}/documents${queryString({ type, fileName: file.name || 'photo' })}`,
    {
      method: 'POST',
      rawBody: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'Idempotency-Key': idempotencyKey },
    },
  );
}

export function withdrawDocument(id: string, reason: string, version: number) {
  return requestParsed(documentViewSchema, `/api/documents/${encodeURIComponent(id)}/withdraw`, {
    method: 'POST',
    body: { reason, version },
  });
}

export function purgeDocument(id: string, reason: string) {
  return requestParsed(documentViewSchema, `/api/documents/${encodeURIComponent(id)}/purge`, {
    method: 'POST',
    body: { reason },
  });
}

export const downloadUrl = (id: string) => `/api/documents/${encodeURIComponent(id)}/content`;
