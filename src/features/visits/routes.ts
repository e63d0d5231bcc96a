import { z } from 'zod';
import {
  correctVisitSchema,
  recordVisitSchema,
  visitDueListSchema,
  visitDueQuerySchema,
  visitListQuerySchema,
  visitListSchema,
  visitViewSchema,
} from '../../contract/visits/visits.js';
import { offlineKeyQuerySchema, offlineKeySchema } from '../../contract/visits/offline.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { offlineKeyFor } from './offline-key.js';
import { correctVisit, recordVisit } from './service.js';
import { listVisits, readVisit, visitsDueFor } from './views.js';

const tags = ['visits'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

export function registerVisitRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/visits/due',
    {
      config: { access: { permission: 'visits.record' } },
      schema: {
        tags,
        summary:
          'Children due a home visit: those I am the director of, and those escalated to my organisation; overdue first',
        querystring: visitDueQuerySchema,
        response: { 200: visitDueListSchema },
      },
    },
    async (request) => ({ items: await visitsDueFor(db, request.actor, new Date(), request.query.withinDays) }),
  );
  app.get(
    '/api/visits/offline-key',
    {
      config: { access: { permission: 'visits.record' } },
      schema: {
        tags,
        summary:
          "The key that seals this phone's offline visits: this person's on this phone, to a browser session only; a reset password makes what was sealed unreadable",
        querystring: offlineKeyQuerySchema,
        response: { 200: offlineKeySchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return offlineKeyFor(db, request.signIn, request.query.device);
    },
  );
  app.get(
    '/api/visits',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary: "A child's home visits, newest first",
        querystring: visitListQuerySchema,
        response: { 200: visitListSchema },
      },
    },
    async (request) => listVisits(db, request.actor, request.query.childId),
  );
  app.post(
    '/api/visits',
    {
      config: { access: { permission: 'visits.record' } },
      schema: {
        tags,
        summary:
          "Record a home visit (the national follow-up form); stops the visit clock and schedules the next from the child's grade (send an Idempotency-Key)",
        headers: idempotencyHeader,
        body: recordVisitSchema,
        response: { 201: visitViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await recordVisit(db, request.actor, request.body, request.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(view);
    },
  );
  app.get(
    '/api/visits/:id',
    {
      config: { access: { permission: 'children.read' } },
      schema: { tags, summary: 'One home visit', params: idParams, response: { 200: visitViewSchema } },
    },
    async (request) => readVisit(db, request.actor, request.params.id),
  );
  app.patch(
    '/api/visits/:id',
    {
      config: { access: { permission: 'visits.record' } },
      schema: {
        tags,
        summary: 'Correct the form of a visit (send the version you saw; stale → 409)',
        params: idParams,
        body: correctVisitSchema,
        response: { 200: visitViewSchema },
      },
    },
    async (request) => correctVisit(db, request.actor, request.params.id, request.body),
  );
}
