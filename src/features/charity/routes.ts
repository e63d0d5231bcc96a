import { z } from 'zod';
import {
  addVolunteerSchema,
  donationListSchema,
  guidanceOrderListSchema,
  guidanceOrderViewSchema,
  issueGuidanceOrderSchema,
  logHoursSchema,
  needActionSchema,
  needListQuerySchema,
  needListSchema,
  needViewSchema,
  raiseNeedSchema,
  recordDonationSchema,
  recordGuidanceSessionSchema,
  renewCheckSchema,
  volunteerListSchema,
  volunteerViewSchema,
} from '../../contract/charity/views.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { issueGuidanceOrder, listGuidanceOrders, readGuidanceOrder, recordGuidanceSession } from './guidance.js';
import {
  actOnNeed,
  addVolunteer,
  listDonations,
  listVolunteers,
  logHours,
  raiseNeed,
  recordDonation,
  renewCheck,
} from './service.js';
import { listNeeds, readNeed } from './views.js';

const tags = ['charity'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });
const act = { config: { access: { permission: 'cases.act' } } } as const;
const manage = { config: { access: { permission: 'charity.manage' } } } as const;
const replayedHeader = (replayed: boolean, response: { header(k: string, v: string): unknown }) => {
  if (replayed) response.header('idempotent-replayed', 'true');
};

export function registerCharityRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/needs',
    {
      config: { access: { anyPermission: ['cases.act', 'charity.manage'] } },
      schema: {
        tags,
        summary: "Needs I see: by the child's scope with identity, or as a charity where it works without it",
        querystring: needListQuerySchema,
        response: { 200: needListSchema },
      },
    },
    async (request) => ({ items: await listNeeds(db, request.actor, request.query) }),
  );
  app.post(
    '/api/needs',
    {
      ...act,
      schema: {
        tags,
        summary: "Raise a need from a child's plan or visit (send an Idempotency-Key)",
        headers: idempotencyHeader,
        body: raiseNeedSchema,
        response: { 201: needViewSchema },
      },
    },
    async (request, response) => {
      const { view, replayed } = await raiseNeed(db, request.actor, request.body, request.headers['idempotency-key']);
      replayedHeader(replayed, response);
      return response.status(201).send(view);
    },
  );
  app.get(
    '/api/needs/:id',
    {
      config: { access: { anyPermission: ['cases.act', 'charity.manage'] } },
      schema: {
        tags,
        summary: 'One need, with its match and receipt',
        params: idParams,
        response: { 200: needViewSchema },
      },
    },
    async (request) => readNeed(db, request.actor, request.params.id),
  );
  app.post(
    '/api/needs/:id/actions',
    {
      config: { access: { anyPermission: ['cases.act', 'charity.manage'] } },
      schema: {
        tags,
        summary: 'Match a need to a donation or volunteer, hand it over with a receipt, or cancel it (expectedSeq)',
        params: idParams,
        headers: idempotencyHeader,
        body: needActionSchema,
        response: { 200: needViewSchema },
      },
    },
    async (request, response) => {
      const { view, replayed } = await actOnNeed(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      replayedHeader(replayed, response);
      return view;
    },
  );
  app.get(
    '/api/donations',
    {
      ...manage,
      schema: { tags, summary: "My charity's donations and yearly totals", response: { 200: donationListSchema } },
    },
    async (request) => listDonations(db, request.actor),
  );
  app.post(
    '/api/donations',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Record a donation (money in fen, or goods; send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: recordDonationSchema,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, response) => {
      const { id, replayed } = await recordDonation(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      replayedHeader(replayed, response);
      return response.status(201).send({ id });
    },
  );
  app.get(
    '/api/volunteers',
    { ...manage, schema: { tags, summary: 'My volunteers and their checks', response: { 200: volunteerListSchema } } },
    async (request) => ({ items: await listVolunteers(db, request.actor) }),
  );
  app.post(
    '/api/volunteers',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Register a volunteer with the last criminal-record check (send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: addVolunteerSchema,
        response: { 201: volunteerViewSchema },
      },
    },
    async (request, response) => {
      const { view, replayed } = await addVolunteer(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      replayedHeader(replayed, response);
      return response.status(201).send(view);
    },
  );
  app.post(
    '/api/volunteers/:id/check',
    {
      ...manage,
      schema: {
        tags,
        summary: "Renew a volunteer's criminal-record check (expectedVersion)",
        params: idParams,
        body: renewCheckSchema,
        response: { 200: volunteerViewSchema },
      },
    },
    async (request) => renewCheck(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/volunteers/:id/hours',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Add hours a volunteer served (expectedVersion)',
        params: idParams,
        body: logHoursSchema,
        response: { 200: volunteerViewSchema },
      },
    },
    async (request) => logHours(db, request.actor, request.params.id, request.body),
  );
  app.get(
    '/api/guidance-orders',
    {
      config: { access: { anyPermission: ['cases.act', 'projects.deliver'] } },
      schema: {
        tags,
        summary: 'Family-education guidance orders I see, with their sessions and compliance',
        querystring: z.object({ childId: z.uuid().optional() }),
        response: { 200: guidanceOrderListSchema },
      },
    },
    async (request) => ({ items: await listGuidanceOrders(db, request.actor, request.query) }),
  );
  app.post(
    '/api/guidance-orders',
    {
      ...act,
      schema: {
        tags,
        summary: 'Record a family-education guidance order and its sessions (send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: issueGuidanceOrderSchema,
        response: { 201: guidanceOrderViewSchema },
      },
    },
    async (request, response) => {
      const { view, replayed } = await issueGuidanceOrder(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      replayedHeader(replayed, response);
      return response.status(201).send(view);
    },
  );
  app.get(
    '/api/guidance-orders/:id',
    {
      config: { access: { anyPermission: ['cases.act', 'projects.deliver'] } },
      schema: { tags, summary: 'One guidance order', params: idParams, response: { 200: guidanceOrderViewSchema } },
    },
    async (request) => readGuidanceOrder(db, request.actor, request.params.id),
  );
  app.post(
    '/api/guidance-orders/:id/sessions/:number',
    {
      config: { access: { anyPermission: ['cases.act', 'projects.deliver'] } },
      schema: {
        tags,
        summary: 'Record a guidance session as held, attended or not (once)',
        params: z.object({ id: z.uuid(), number: z.coerce.number().int().min(1).max(24) }),
        body: recordGuidanceSessionSchema,
        response: { 200: guidanceOrderViewSchema },
      },
    },
    async (request) => recordGuidanceSession(db, request.actor, request.params.id, request.params.number, request.body),
  );
}
