import { z } from 'zod';
import {
  issueRecommendationSchema,
  recommendationActionSchema,
  recommendationListQuerySchema,
  recommendationListSchema,
  recommendationView,
} from '../../contract/recommendations/views.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { actOnRecommendation, issueRecommendation } from './service.js';
import { listRecommendations, readRecommendation } from './view.js';

const tags = ['recommendations'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

export function registerRecommendationRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/recommendations',
    {
      config: { access: { permission: 'recommendations.read' } },
      schema: {
        tags,
        summary: 'Procuratorial recommendations my unit issued or received (with their replies), overdue first',
        querystring: recommendationListQuerySchema,
        response: { 200: recommendationListSchema },
      },
    },
    async (request) => listRecommendations(db, request.actor, request.query),
  );

  app.post(
    '/api/recommendations',
    {
      config: { access: { permission: 'recommendations.issue' } },
      schema: {
        tags,
        summary:
          'Issue a procuratorial recommendation (检察建议) to a unit, optionally about a child; the written reply is due in a month (send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: issueRecommendationSchema,
        response: { 201: recommendationView },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await issueRecommendation(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/recommendations/:id',
    {
      config: { access: { permission: 'recommendations.read' } },
      schema: {
        tags,
        summary: 'One recommendation (audited): the facts, the reply, its log, the reply clock and my next actions',
        params: idParams,
        response: { 200: recommendationView },
      },
    },
    async (request) => readRecommendation(db, request.actor, request.params.id),
  );

  app.post(
    '/api/recommendations/:id/actions',
    {
      config: { access: { anyPermission: ['recommendations.issue', 'recommendations.reply'] } },
      schema: {
        tags,
        summary:
          'Reply (the addressee), accept, return, withdraw or note public-interest litigation (the issuer); send expectedSeq (not allowed in the status → 409 naming it)',
        headers: idempotencyHeader,
        params: idParams,
        body: recommendationActionSchema,
        response: { 200: recommendationView },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await actOnRecommendation(
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
