import { z } from 'zod';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { addCategory, confirmCategory, endCategory, rejectCategory } from './categories.js';
import { readChildFile } from './child-file.js';
import { createChild, updateChild } from './child-write.js';
import { addMember, removeMember, updateMember } from './family.js';
import { readFamilyCopies } from './family-copies-read.js';
import { listTimeline } from './history.js';
import {
  addCategorySchema,
  childFileSchema,
  confirmCategorySchema,
  familyCopiesSchema,
  createChildSchema,
  endCategorySchema,
  memberInputSchema,
  memberRemoveSchema,
  memberUpdateSchema,
  rejectCategorySchema,
  restoreSchema,
  timelinePageSchema,
  updateChildSchema,
} from '../../contract/registry/child.js';
import { restoreEntry } from './restore.js';

const read = { access: { permission: 'children.read' } } as const;
const write = { access: { permission: 'children.write' } } as const;
const tags = ['registry'];
const idParams = z.object({ id: z.uuid() });
const memberParams = z.object({ id: z.uuid(), memberId: z.uuid() });
const categoryParams = z.object({ id: z.uuid(), categoryId: z.uuid() });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const file = { 200: childFileSchema };

/*
 * The child's file (一人一档). The list and search of children is in search/routes.ts; ledgers in
 * ledger/. Every change answers with the file as it now is, masked, with the caller's allowed actions.
 */
export function registerRegistryRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/children/:id',
    {
      config: read,
      schema: {
        tags,
        summary:
          "Open a child's file (audited): identity, places, health, family and situations, categories and entitlements, merged files, allowed actions. `unmask=true` shows full identifiers to roles allowed to see them",
        params: idParams,
        querystring: z.object({ unmask: z.stringbool().default(false) }),
        response: file,
      },
    },
    async (request) => readChildFile(db, request.actor, request.params.id, { unmask: request.query.unmask }),
  );

  app.post(
    '/api/children',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Register a child in my jurisdiction (Idempotency-Key). Refused: an ID number that disagrees with birth date or sex, a second file for an ID number, a likely duplicate unless `confirmedNotDuplicate`',
        headers: idempotencyHeader,
        body: createChildSchema,
        response: { 201: childFileSchema },
      },
    },
    async (request, reply) => {
      const { file: created, replayed } = await createChild(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/children/:id',
    {
      config: write,
      schema: {
        tags,
        summary:
          "Edit a child's file: send the version you edited and a reason; a stale version is refused with the current file",
        params: idParams,
        body: updateChildSchema,
        response: file,
      },
    },
    async (request) => updateChild(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/children/:id/family',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a parent, guardian, carer or relative with dated situations',
        params: idParams,
        body: memberInputSchema,
        response: file,
      },
    },
    async (request) => addMember(db, request.actor, request.params.id, request.body),
  );

  app.patch(
    '/api/children/:id/family/:memberId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Edit a family member (situations replace the list); version and reason required',
        params: memberParams,
        body: memberUpdateSchema,
        response: file,
      },
    },
    async (request) => updateMember(db, request.actor, request.params.id, request.params.memberId, request.body),
  );

  app.get(
    '/api/children/:id/family/:memberId/copies',
    {
      config: read,
      schema: {
        tags,
        summary:
          "Where a change to this person's situations is also written: the same person on the household siblings' files (siblings I may see named, others counted; audited)",
        params: memberParams,
        response: { 200: familyCopiesSchema },
      },
    },
    async (request) => readFamilyCopies(db, request.actor, request.params.id, request.params.memberId),
  );

  app.post(
    '/api/children/:id/family/:memberId/remove',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a family member from the file (kept in history); version and reason required',
        params: memberParams,
        body: memberRemoveSchema,
        response: file,
      },
    },
    async (request) => removeMember(db, request.actor, request.params.id, request.params.memberId, request.body),
  );

  app.post(
    '/api/children/:id/categories',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Add a category no rule proposes (street, juvenile victim or offender, improper guardianship) with evidence',
        params: idParams,
        body: addCategorySchema,
        response: file,
      },
    },
    async (request) => addCategory(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/children/:id/categories/:categoryId/confirm',
    {
      config: write,
      schema: {
        tags,
        summary: "Confirm a rule's category proposal with evidence and a start date",
        params: categoryParams,
        body: confirmCategorySchema,
        response: file,
      },
    },
    async (request) => confirmCategory(db, request.actor, request.params.id, request.params.categoryId, request.body),
  );

  app.post(
    '/api/children/:id/categories/:categoryId/reject',
    {
      config: write,
      schema: {
        tags,
        summary: "Reject a rule's category proposal with a reason (not proposed again on the same facts)",
        params: categoryParams,
        body: rejectCategorySchema,
        response: file,
      },
    },
    async (request) => rejectCategory(db, request.actor, request.params.id, request.params.categoryId, request.body),
  );

  app.post(
    '/api/children/:id/categories/:categoryId/end',
    {
      config: write,
      schema: {
        tags,
        summary: 'End a confirmed category membership with a reason and date',
        params: categoryParams,
        body: endCategorySchema,
        response: file,
      },
    },
    async (request) => endCategory(db, request.actor, request.params.id, request.params.categoryId, request.body),
  );

  app.get(
    '/api/children/:id/timeline',
    {
      config: read,
      schema: {
        tags,
        summary:
          "The child's timeline, newest first (audited): every change with who, when, why, before and after; later cases, visits, placements and benefits",
        params: idParams,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
          kind: z.string().max(40).optional(),
          unmask: z.stringbool().default(false),
        }),
        response: { 200: timelinePageSchema },
      },
    },
    async (request) => listTimeline(db, request.actor, request.params.id, request.query),
  );

  app.post(
    '/api/children/:id/history/:entryId/restore',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Put back the values before one change, as a new change with a reason; refused, naming the fields, when they changed again since',
        params: z.object({ id: z.uuid(), entryId: z.string().regex(/^\d{1,18}$/) }),
        body: restoreSchema,
        response: file,
      },
    },
    async (request) => restoreEntry(db, request.actor, request.params.id, request.params.entryId, request.body),
  );
}
