import { z } from 'zod';
import {
  createdReferralSchema,
  createReferralSchema,
  referralActionSchema,
  referralListQuerySchema,
  referralListSchema,
  referralViewSchema,
} from '../../contract/referrals/views.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { actOnReferral, requestReferral } from './service.js';
import { listReferrals, readReferral } from './view.js';

const tags = ['referrals'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

export function registerReferralRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/referrals',
    {
      config: { access: { permission: 'referrals.read' } },
      schema: {
        tags,
        summary: "My organisation's referrals (received, sent or both), or a child's; newest first",
        querystring: referralListQuerySchema,
        response: { 200: referralListSchema },
      },
    },
    async (request) => listReferrals(db, request.actor, request.query),
  );

  app.post(
    '/api/referrals',
    {
      config: { access: { permission: 'referrals.act' } },
      schema: {
        tags,
        summary:
          'Refer a child (from the file, or from a case with caseId) to an organisation, naming the parts of the file shared; a receiver without the service in the matrix is a warning (send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: createReferralSchema,
        response: { 201: createdReferralSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await requestReferral(
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
    '/api/referrals/:id',
    {
      config: { access: { permission: 'referrals.read' } },
      schema: {
        tags,
        summary: 'One referral (audited): what it shares, its log, its clocks and my allowed next actions',
        params: idParams,
        response: { 200: referralViewSchema },
      },
    },
    async (request) => readReferral(db, request.actor, request.params.id),
  );

  app.post(
    '/api/referrals/:id/actions',
    {
      config: { access: { permission: 'referrals.act' } },
      schema: {
        tags,
        summary:
          'Accept, decline (reason), start, complete (outcome) or withdraw (reason); send expectedSeq = the seq you saw (not allowed in the status → 409 naming it)',
        headers: idempotencyHeader,
        params: idParams,
        body: referralActionSchema,
        response: { 200: referralViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await actOnReferral(
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
