import { z } from 'zod';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { listCases } from './list.js';
import { actionInputSchema, openCaseSchema } from '../../contract/cases/actions.js';
import { caseListQuerySchema, caseListSchema, caseViewSchema, openedCaseSchema } from '../../contract/cases/views.js';
import { actOnCase, openCase } from './service.js';
import { readCase } from './view.js';

const tags = ['cases'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

export function registerCaseRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/cases',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary:
          'Cases of children in my scope, by status, risk grade, overdue and a search (case number, child name, pinyin, Haven code); cases with overdue steps first',
        querystring: caseListQuerySchema,
        response: { 200: caseListSchema },
      },
    },
    async (request) => listCases(db, request.actor, request.query),
  );

  app.post(
    '/api/cases',
    {
      config: { access: { permission: 'cases.act' } },
      schema: {
        tags,
        summary:
          'Open a case from reports (or directly for a registered child); reports about a child with an open case join it (send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: openCaseSchema,
        response: { 201: openedCaseSchema },
      },
    },
    async (request, reply) => {
      const { view, joined, replayed } = await openCase(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ ...view, joined });
    },
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary:
          'The case timeline (audited): actions with who and when, clocks with late steps marked, and my allowed next actions',
        params: idParams,
        response: { 200: caseViewSchema },
      },
    },
    async (request) => readCase(db, request.actor, request.params.id),
  );

  app.post(
    '/api/cases/:id/actions',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary:
          'Record an action (send expectedSeq = the seq you saw; stale → 409 with the current case; not allowed in the status → 409 naming the allowed actions)',
        headers: idempotencyHeader,
        params: idParams,
        body: actionInputSchema,
        response: { 200: caseViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await actOnCase(
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
}
