import { z } from 'zod';
import type { HavenApp, HttpDeps } from '../../../platform/http/deps.js';
import {
  addLeadSchema,
  closeTracingSchema,
  confirmIdentitySchema,
  decideLeadSchema,
  openTracingSchema,
  tracingListQuerySchema,
  tracingListSchema,
  tracingViewSchema,
} from '../../../contract/placements/tracing.js';
import { addLead, confirmIdentity, decideLead, openTracing, readTracingFile, withdrawTracing } from './service.js';
import { listTracing } from './view.js';

const tags = ['placements'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });
const act = { access: { permission: 'placements.act' as const } };

export function registerTracingRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/tracing',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary:
          'The tracing register (寻亲): requests for children of unknown identity in my scope, longest open first',
        querystring: tracingListQuerySchema,
        response: { 200: tracingListSchema },
      },
    },
    async (request) => ({ requests: await listTracing(db, request.actor, request.query.status) }),
  );

  app.post(
    '/api/tracing',
    {
      config: act,
      schema: {
        tags,
        summary: 'Open a tracing request for a child whose identity is unknown (what is known, where found)',
        headers: idempotencyHeader,
        body: openTracingSchema,
        response: { 201: tracingViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await openTracing(db, request.actor, request.body, request.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/tracing/:id',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary: 'One tracing request with its leads and the child’s current placement (audited)',
        params: idParams,
        response: { 200: tracingViewSchema },
      },
    },
    async (request) => readTracingFile(db, request.actor, request.params.id),
  );

  app.post(
    '/api/tracing/:id/leads',
    {
      config: act,
      schema: {
        tags,
        summary: 'Record a trace or lead (source, what it says, the family it points to); send expectedVersion',
        headers: idempotencyHeader,
        params: idParams,
        body: addLeadSchema,
        response: { 200: tracingViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await addLead(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return view;
    },
  );

  app.post(
    '/api/tracing/:id/leads/:leadId/decision',
    {
      config: act,
      schema: {
        tags,
        summary: 'Rule a lead out, or match the child to the family it names; send expectedVersion',
        params: z.object({ id: z.uuid(), leadId: z.uuid() }),
        body: decideLeadSchema,
        response: { 200: tracingViewSchema },
      },
    },
    async (request) => decideLead(db, request.actor, request.params.id, request.params.leadId, request.body),
  );

  app.post(
    '/api/tracing/:id/identity',
    {
      config: act,
      schema: {
        tags,
        summary:
          'Identity confirmed: the ID number goes on the file (checked like any ID number), the provisional Haven code stays searchable, the history is kept',
        params: idParams,
        body: confirmIdentitySchema,
        response: { 200: tracingViewSchema },
      },
    },
    async (request) => confirmIdentity(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/tracing/:id/withdraw',
    {
      config: act,
      schema: {
        tags,
        summary: 'Close a tracing request without a return home (why)',
        params: idParams,
        body: closeTracingSchema,
        response: { 200: tracingViewSchema },
      },
    },
    async (request) => withdrawTracing(db, request.actor, request.params.id, request.body),
  );
}
