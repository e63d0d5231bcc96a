import { z } from 'zod';
import {
  childEntrustedCareSchema,
  entrustedDueListSchema,
  recordEntrustedCareSchema,
  recordParentContactSchema,
  updateEntrustedCareSchema,
} from '../../contract/visits/entrusted-care.js';
import { visitDueQuerySchema } from '../../contract/visits/visits.js';
import { recordAudit } from '../../platform/audit/append.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { recordEntrustedCareIn, recordParentContactIn, updateEntrustedCareIn } from './entrusted.js';
import { entrustedDueFor, readEntrustedCare } from './entrusted-views.js';

const tags = ['visits'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const childParams = z.object({ id: z.uuid() });
const idParams = z.object({ id: z.uuid() });

/** Entrusted care of left-behind children (委托照护): the carer, the written notices, the weekly parent contact. */
export function registerEntrustedCareRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/children/:id/entrusted-care',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary:
          "A left-behind child's entrusted care: the carer, the notices, the parents' contacts and when the next is due",
        params: childParams,
        response: { 200: childEntrustedCareSchema },
      },
    },
    async (request) => {
      const care = await readEntrustedCare(db, request.actor, request.params.id);
      await recordAudit(db, request.actor, {
        action: 'entrusted_care.read',
        entityType: 'entrusted_care',
        entityId: care.current?.id ?? null,
        childId: care.childId,
      });
      return care;
    },
  );
  app.post(
    '/api/children/:id/entrusted-care',
    {
      config: { access: { permission: 'visits.record' } },
      schema: {
        tags,
        summary:
          'Record the entrusted carer of a left-behind child; starts the weekly parent-contact clock and, while a written notice is missing, the notice clock (send an Idempotency-Key)',
        params: childParams,
        headers: idempotencyHeader,
        body: recordEntrustedCareSchema,
        response: { 201: childEntrustedCareSchema },
      },
    },
    async (request, reply) => {
      const childId = request.params.id;
      const key = request.headers['idempotency-key'];
      const { replayed } = await unitOfWork(
        db,
        request.actor,
        'entrusted_care.record',
        (uow) => recordEntrustedCareIn(uow, childId, request.body, new Date()),
        key ? { key, request: { childId, ...request.body } } : undefined,
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(await readEntrustedCare(db, request.actor, childId));
    },
  );
  app.patch(
    '/api/entrusted-care/:id',
    {
      config: { access: { permission: 'visits.record' } },
      schema: {
        tags,
        summary:
          'Record the written notices, correct the carer’s capacity or end the care (send the version you saw; stale → 409)',
        params: idParams,
        body: updateEntrustedCareSchema,
        response: { 200: childEntrustedCareSchema },
      },
    },
    async (request) => {
      const { result } = await unitOfWork(db, request.actor, 'entrusted_care.update', (uow) =>
        updateEntrustedCareIn(uow, request.params.id, request.body, new Date()),
      );
      return readEntrustedCare(db, request.actor, result);
    },
  );
  app.post(
    '/api/entrusted-care/:id/contacts',
    {
      config: { access: { permission: 'visits.record' } },
      schema: {
        tags,
        summary:
          "Record a parent's contact with the child; the next is due a week later (rule data) (send an Idempotency-Key)",
        params: idParams,
        headers: idempotencyHeader,
        body: recordParentContactSchema,
        response: { 201: childEntrustedCareSchema },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const { result, replayed } = await unitOfWork(
        db,
        request.actor,
        'entrusted_care.contact',
        (uow) => recordParentContactIn(uow, request.params.id, request.body, new Date()),
        key ? { key, request: { careId: request.params.id, ...request.body } } : undefined,
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(await readEntrustedCare(db, request.actor, result));
    },
  );
  app.get(
    '/api/visits/entrusted-due',
    {
      config: { access: { permission: 'visits.record' } },
      schema: {
        tags,
        summary:
          "Entrusted cares whose parents' weekly contact or written notice is due: children I direct, and those escalated to my organisation; overdue first",
        querystring: visitDueQuerySchema,
        response: { 200: entrustedDueListSchema },
      },
    },
    async (request) => ({ items: await entrustedDueFor(db, request.actor, new Date(), request.query.withinDays) }),
  );
}
