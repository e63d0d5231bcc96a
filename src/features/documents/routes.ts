import { z } from 'zod';
import {
  documentListQuerySchema,
  documentListSchema,
  documentViewSchema,
  purgeDocumentSchema,
  uploadDocumentQuerySchema,
  withdrawDocumentSchema,
} from '../../contract/documents/views.js';
import { DomainError } from '../../platform/errors.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { declaredMediaType } from './content.js';
import { downloadDocument, listDocuments } from './reading.js';
import { purgeDocument, uploadDocument, withdrawDocument } from './service.js';

const tags = ['documents'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const childParams = z.object({ childId: z.uuid() });
const idParams = z.object({ id: z.uuid() });

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function registerDocumentRoutes(app: HavenApp, { db, config }: HttpDeps): Promise<void> {
  const maxBytes = config.documentMaxBytes;
  const tooLarge = () =>
    new DomainError(
      'documents.too_large',
      413,
      { limitMb: megabytes(maxBytes), limitBytes: maxBytes },
      { limitMb: megabytes(maxBytes), limitBytes: maxBytes },
    );

  // The upload is the raw file, whatever its Content-Type: in a scope of its own, one parser takes
  // every type and counts the bytes as they arrive, so a too-large file stops early with our 413.
  await app.register(async (scope: HavenApp) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (request, payload, done) => {
      if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
        payload.resume();
        done(tooLarge(), undefined);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      payload.on('data', (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        if (size > maxBytes) {
          failed = true;
          done(tooLarge(), undefined);
          return;
        }
        chunks.push(chunk);
      });
      payload.on('end', () => {
        if (!failed) done(null, Buffer.concat(chunks));
      });
      payload.on('error', (error) => {
        if (!failed) done(error, undefined);
      });
    });
    scope.post(
      '/api/children/:childId/documents',
      {
        // The raw file is no declared body: its size and type refusals are declared here.
        config: { access: { permission: 'documents.upload' }, refusals: [413, 415] },
        bodyLimit: maxBytes + 1,
        schema: {
          tags,
          summary:
            "Upload a document to the child's file as the raw body (Content-Type: its media type, or application/octet-stream to let the content decide). Judged by its content: PDF, JPEG, PNG, WebP, HEIC; a photo must be an image; a declared type the bytes are not → 415. Send an Idempotency-Key: a retried upload stores one document.",
          params: childParams,
          querystring: uploadDocumentQuerySchema,
          headers: idempotencyHeader,
          response: { 201: documentViewSchema },
        },
      },
      async (request, reply) => {
        const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const { view, replayed } = await uploadDocument(
          db,
          request.actor,
          {
            childId: request.params.childId,
            query: request.query,
            declared: declaredMediaType(request.headers['content-type']),
            content,
          },
          request.headers['idempotency-key'],
        );
        if (replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(201).send(view);
      },
    );
  });

  app.get(
    '/api/children/:childId/documents',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary:
          "The child's documents, newest first (withdrawn=true: the withdrawn ones too; subjectType + subjectId: those of one case, placement or visit). Same access as the file: a referral that did not share documents → 403. Audited.",
        params: childParams,
        querystring: documentListQuerySchema,
        response: { 200: documentListSchema },
      },
    },
    async (request) => listDocuments(db, request.actor, request.params.childId, { ...request.query, maxBytes }),
  );

  app.get(
    '/api/documents/:id/content',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary: 'Download a document (each download is an entry of the audit chain); purged → 410',
        params: idParams,
      },
    },
    async (request, reply) => {
      const file = await downloadDocument(db, request.actor, request.params.id);
      const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .header('content-type', file.mediaType)
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  app.post(
    '/api/documents/:id/withdraw',
    {
      config: { access: { permission: 'documents.upload' } },
      schema: {
        tags,
        summary: 'Withdraw a document with a reason (send the version you saw); it stays in the history',
        params: idParams,
        body: withdrawDocumentSchema,
        response: { 200: documentViewSchema },
      },
    },
    async (request) => withdrawDocument(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/documents/:id/purge',
    {
      config: { access: { permission: 'documents.purge' } },
      schema: {
        tags,
        summary: "Remove a withdrawn document's file for good (administrators); its record and history stay",
        params: idParams,
        body: purgeDocumentSchema,
        response: { 200: documentViewSchema },
      },
    },
    async (request) => purgeDocument(db, request.actor, request.params.id, request.body),
  );
}
