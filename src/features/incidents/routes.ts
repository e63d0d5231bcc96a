import { z } from 'zod';
import {
  incidentListQuerySchema,
  incidentListSchema,
  incidentViewSchema,
  recordIncidentSchema,
  referForSupportSchema,
  referredForSupportSchema,
} from '../../contract/incidents/views.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { listIncidents, recordIncident, referForSupport } from './service.js';

const tags = ['incidents'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });

export function registerIncidentRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/incidents',
    {
      config: { access: { permission: 'incidents.read' } },
      schema: {
        tags,
        summary:
          "A child's or a case's incident records and the juvenile victim/offender flags, for those working the case (audited)",
        querystring: incidentListQuerySchema,
        response: { 200: incidentListSchema },
      },
    },
    async (request) => listIncidents(db, request.actor, request.query),
  );

  app.post(
    '/api/incidents',
    {
      config: { access: { permission: 'incidents.record' } },
      schema: {
        tags,
        summary:
          "Record an incident (kind of harm, date, place, the perpetrator's relation, the child's part) about a child, optionally under a case (send an Idempotency-Key)",
        headers: idempotencyHeader,
        body: recordIncidentSchema,
        response: { 201: incidentViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await recordIncident(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/api/incidents/:id/referral',
    {
      config: { access: { permission: 'referrals.act' } },
      schema: {
        tags,
        summary:
          'Refer the child of an incident for victim support (legal aid, medical, psychological) or community-correction follow-up: a referral sharing the identity (send an Idempotency-Key)',
        headers: idempotencyHeader,
        params: z.object({ id: z.uuid() }),
        body: referForSupportSchema,
        response: { 201: referredForSupportSchema },
      },
    },
    async (request, reply) => {
      const { referralId, replayed } = await referForSupport(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ referralId });
    },
  );
}
