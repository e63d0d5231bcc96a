import { z } from 'zod';
import {
  casePlanServicesSchema,
  incomingTransfersSchema,
  planServiceSchema,
  requestTransferSchema,
  serviceActedSchema,
  serviceActionSchema,
  transferActionSchema,
} from '../../contract/case-network/views.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { actOnLeadTransfer, actOnService, planService, requestLeadTransfer } from './service.js';
import { incomingTransfers, readCasePlan } from './view.js';

const tags = ['cases'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

export function registerCaseNetworkRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/cases/:id/services',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary:
          "The case plan's services (provider, due date, delivered or not, through which referral), the review of delivered against planned, and the lead transfers (audited)",
        params: idParams,
        response: { 200: casePlanServicesSchema },
      },
    },
    async (request) => readCasePlan(db, request.actor, request.params.id),
  );

  app.post(
    '/api/cases/:id/services',
    {
      config: { access: { permission: 'cases.act' } },
      schema: {
        tags,
        summary:
          'Plan a service in the case (the lead only): type from the catalogue, provider, response time → due date (send an Idempotency-Key)',
        headers: idempotencyHeader,
        params: idParams,
        body: planServiceSchema,
        response: { 201: casePlanServicesSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await planService(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/api/case-services/:id/actions',
    {
      config: { access: { permission: 'cases.act' } },
      schema: {
        tags,
        summary:
          'Refer a planned service (the lead: a referral to the provider), or mark it delivered / not delivered (reason) with the date (send expectedSeq; stale → 409)',
        headers: idempotencyHeader,
        params: idParams,
        body: serviceActionSchema,
        response: { 200: serviceActedSchema },
      },
    },
    async (request, reply) => {
      const { caseId, seq, replayed } = await actOnService(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      const plan = await readCasePlan(db, request.actor, caseId, { audit: false }).catch(() => null);
      return { serviceId: request.params.id, seq, plan };
    },
  );

  app.post(
    '/api/cases/:id/lead-transfers',
    {
      config: { access: { permission: 'cases.act' } },
      schema: {
        tags,
        summary:
          'Ask another organisation to lead the case (the lead only; an organisation the rules do not allow to lead → 400 with the reason; one waiting at a time → 409)',
        headers: idempotencyHeader,
        params: idParams,
        body: requestTransferSchema,
        response: { 201: casePlanServicesSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await requestLeadTransfer(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/case-lead-transfers/incoming',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary: "Transfers of a case's lead waiting for my organisation's answer",
        response: { 200: incomingTransfersSchema },
      },
    },
    async (request) => ({ items: await incomingTransfers(db, request.actor) }),
  );

  app.post(
    '/api/case-lead-transfers/:id/actions',
    {
      config: { access: { permission: 'cases.act' } },
      schema: {
        tags,
        summary:
          'Accept or reject a lead transfer (the receiving organisation) or withdraw it (the sender); a second answer → 409 naming the status',
        headers: idempotencyHeader,
        params: idParams,
        body: transferActionSchema,
        response: { 200: incomingTransfersSchema },
      },
    },
    async (request, reply) => {
      const { replayed } = await actOnLeadTransfer(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return { items: await incomingTransfers(db, request.actor) };
    },
  );
}
