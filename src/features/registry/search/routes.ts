import { z } from 'zod';
import type { HavenApp, HttpDeps } from '../../../platform/http/deps.js';
import { checkDraftForDuplicates } from './candidates-view.js';
import { mergeDuplicatePair, undoMerge } from './merge.js';
import './messages.js';
import {
  duplicateCheckDraftSchema,
  duplicateCheckSchema,
  childListPageSchema,
  childListQuerySchema,
  duplicatePairPageSchema,
  duplicatePairSchema,
  mergeBodySchema,
  mergeResultSchema,
  notSameBodySchema,
  pairListQuerySchema,
  undoBodySchema,
} from '../../../contract/registry/search.js';
import { listDuplicatePairs, markNotSame } from './review.js';
import { searchChildren } from './service.js';

const read = { access: { permission: 'children.read' } } as const;
const write = { access: { permission: 'children.write' } } as const;
const tags = ['registry'];
const idParams = z.object({ id: z.uuid() });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });

export function registerRegistrySearchRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/children',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Find children in my scope: name (substring), pinyin or initials, ID or guardian phone fragment, guardian name, Haven code; filters; ranked; identifiers masked',
        querystring: childListQuerySchema,
        response: { 200: childListPageSchema },
      },
    },
    async (request) => searchChildren(db, request.actor, request.query),
  );

  app.post(
    '/api/children/duplicate-check',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Possible existing files of a child about to be registered; files outside my scope are only counted (elsewhere), never described',
        body: duplicateCheckDraftSchema,
        response: {
          200: duplicateCheckSchema,
        },
      },
    },
    async (request) => checkDraftForDuplicates(db, request.actor, request.body),
  );

  app.get(
    '/api/duplicates',
    {
      config: write,
      schema: {
        tags,
        summary: 'The duplicate review queue: pairs whose two files are both in my scope, best first',
        querystring: pairListQuerySchema,
        response: { 200: duplicatePairPageSchema },
      },
    },
    async (request) => listDuplicatePairs(db, request.actor, request.query),
  );

  app.post(
    '/api/duplicates/:id/not-same',
    {
      config: write,
      schema: {
        tags,
        summary: 'Decide that the two files are different children; remembered, never proposed again',
        params: idParams,
        headers: idempotencyHeader,
        body: notSameBodySchema,
        response: { 200: duplicatePairSchema },
      },
    },
    async (request) =>
      markNotSame(db, request.actor, request.params.id, request.body, request.headers['idempotency-key']),
  );

  app.post(
    '/api/duplicates/:id/merge',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Merge the two files into the survivor; every fact and history entry of both is kept, and the merge can be undone',
        params: idParams,
        headers: idempotencyHeader,
        body: mergeBodySchema,
        response: { 200: mergeResultSchema },
      },
    },
    async (request) =>
      mergeDuplicatePair(db, request.actor, request.params.id, request.body, request.headers['idempotency-key']),
  );

  app.post(
    '/api/merges/:id/undo',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Undo a merge: the merged file is live again with its former status, and the pair is open for review again',
        params: idParams,
        headers: idempotencyHeader,
        body: undoBodySchema,
        response: { 200: mergeResultSchema },
      },
    },
    async (request) =>
      undoMerge(db, request.actor, request.params.id, request.body, request.headers['idempotency-key']),
  );
}
