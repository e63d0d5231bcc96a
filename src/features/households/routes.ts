import { z } from 'zod';
import {
  childHouseholdSchema,
  declineProposalSchema,
  householdListSchema,
  householdProposalListSchema,
  householdViewSchema,
  householdVisitResultSchema,
  householdVisitSchema,
  joinHouseholdSchema,
  leaveHouseholdSchema,
  linkHouseholdSchema,
  sharedSituationSchema,
} from '../../contract/households/households.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { householdProposals } from './proposals.js';
import {
  declineProposalIn,
  enterSharedSituationIn,
  joinHouseholdIn,
  leaveHouseholdIn,
  linkHouseholdIn,
  recordHouseholdVisitIn,
} from './service.js';
import { readChildHousehold, readHousehold, readHouseholds } from './views.js';

const tags = ['households'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });
const write = { permission: 'children.write' } as const;
const read = { permission: 'children.read' } as const;

export function registerHouseholdRoutes(app: HavenApp, { db }: HttpDeps): void {
  const idempotent = (key: string | undefined, request: unknown) => (key ? { key, request } : undefined);
  app.get(
    '/api/households',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Households with a child in my scope: the children, and the people on several of their files',
        response: { 200: householdListSchema },
      },
    },
    async (request) => ({ items: await readHouseholds(db, request.actor) }),
  );
  app.get(
    '/api/households/proposals',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Files that look like one household (same guardian, same village), for a person to review',
        response: { 200: householdProposalListSchema },
      },
    },
    async (request) => ({ items: await householdProposals(db, request.actor) }),
  );
  app.post(
    '/api/households',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Link siblings as one household (a reviewed proposal, or an officer’s judgement with grounds)',
        headers: idempotencyHeader,
        body: linkHouseholdSchema,
        response: { 201: householdViewSchema },
      },
    },
    async (request, reply) => {
      const { result, replayed } = await unitOfWork(
        db,
        request.actor,
        'households.link',
        (uow) => linkHouseholdIn(uow, request.body, new Date()),
        idempotent(request.headers['idempotency-key'], request.body),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(await readHousehold(db, request.actor, result));
    },
  );
  app.post(
    '/api/households/proposals/decline',
    {
      config: { access: write },
      schema: { tags, summary: 'Not one family: the proposal is not made again', body: declineProposalSchema },
    },
    async (request, reply) => {
      await unitOfWork(db, request.actor, 'households.decline', (uow) =>
        declineProposalIn(uow, request.body.childIds, request.body.reason),
      );
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/households/:id',
    {
      config: { access: read },
      schema: { tags, summary: 'One household', params: idParams, response: { 200: householdViewSchema } },
    },
    async (request) => readHousehold(db, request.actor, request.params.id),
  );
  app.get(
    '/api/children/:id/household',
    {
      config: { access: read },
      schema: {
        tags,
        summary:
          "The child's household, if any: the siblings in my scope named, the others counted (child outside my scope → 404; audited)",
        params: idParams,
        response: { 200: childHouseholdSchema },
      },
    },
    async (request) => readChildHousehold(db, request.actor, request.params.id),
  );
  app.post(
    '/api/households/:id/children',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'A sibling joins the household (send the version you saw)',
        params: idParams,
        body: joinHouseholdSchema,
        response: { 200: householdViewSchema },
      },
    },
    async (request) => {
      await unitOfWork(db, request.actor, 'households.join', (uow) =>
        joinHouseholdIn(uow, request.params.id, request.body.childId, request.body.version, new Date()),
      );
      return readHousehold(db, request.actor, request.params.id);
    },
  );
  app.post(
    '/api/households/:id/children/:childId/leave',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'A child leaves the household (dated, with the reason)',
        params: z.object({ id: z.uuid(), childId: z.uuid() }),
        body: leaveHouseholdSchema,
      },
    },
    async (request, reply) => {
      await unitOfWork(db, request.actor, 'households.leave', (uow) =>
        leaveHouseholdIn(uow, request.params.id, request.params.childId, request.body, new Date()),
      );
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/households/:id/situations',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'A situation of a person on several siblings’ files, entered once for all of them',
        params: idParams,
        body: sharedSituationSchema,
        response: { 200: householdViewSchema },
      },
    },
    async (request) => {
      await unitOfWork(db, request.actor, 'households.situation', (uow) =>
        enterSharedSituationIn(uow, request.params.id, request.body, new Date()),
      );
      return readHousehold(db, request.actor, request.params.id);
    },
  );
  app.post(
    '/api/households/:id/visits',
    {
      config: { access: { permission: 'visits.record' } },
      schema: {
        tags,
        summary:
          "One home visit of the household: the form once, each child's visit recorded (send an Idempotency-Key)",
        params: idParams,
        headers: idempotencyHeader,
        body: householdVisitSchema,
        response: { 201: householdVisitResultSchema },
      },
    },
    async (request, reply) => {
      const { result, replayed } = await unitOfWork(
        db,
        request.actor,
        'households.visit',
        (uow) => recordHouseholdVisitIn(uow, request.params.id, request.body, new Date()),
        idempotent(request.headers['idempotency-key'], { id: request.params.id, ...request.body }),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ visits: result });
    },
  );
}
