import { z } from 'zod';
import {
  applicationActionInputSchema,
  applicationListQuerySchema,
  applicationListSchema,
  applicationViewSchema,
  applyInputSchema,
  benefitTypesQuerySchema,
  benefitTypesSchema,
} from '../../contract/benefits/applications.js';
import { childExitInputSchema, childExitViewSchema } from '../../contract/registry/exit.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { actOnApplication, applyForBenefit, benefitTypesFor, exitChild } from './service.js';
import { listApplications, readApplication } from './view.js';

const tags = ['benefits'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

export function registerBenefitRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/benefits/types',
    {
      config: { access: { permission: 'benefits.read' } },
      schema: {
        tags,
        summary:
          'The benefit types a place knows today (national codes and local ones), with the monthly standard (fen) and the deadlines',
        querystring: benefitTypesQuerySchema,
        response: { 200: benefitTypesSchema },
      },
    },
    async (request) => benefitTypesFor(db, request.query.division, shanghaiDateOf(new Date())),
  );

  app.get(
    '/api/benefits/applications',
    {
      config: { access: { permission: 'benefits.read' } },
      schema: {
        tags,
        summary: 'Benefit applications of children in my scope, nearest deadline first',
        querystring: applicationListQuerySchema,
        response: { 200: applicationListSchema },
      },
    },
    async (request) => listApplications(db, request.actor, request.query),
  );

  app.post(
    '/api/benefits/applications',
    {
      config: { access: { permission: 'benefits.apply' } },
      schema: {
        tags,
        summary:
          'Record an application received on a date (deadlines count from it); child outside my scope → 404; a second open application for the same benefit → 409 naming it (send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: applyInputSchema,
        response: { 201: applicationViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await applyForBenefit(
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
    '/api/benefits/applications/:id',
    {
      config: { access: { permission: 'benefits.read' } },
      schema: {
        tags,
        summary:
          'One application: its log, its clocks (township verification, county decision), matching flags and my allowed actions',
        params: idParams,
        response: { 200: applicationViewSchema },
      },
    },
    async (request) => readApplication(db, request.actor, request.params.id),
  );

  app.post(
    '/api/benefits/applications/:id/actions',
    {
      config: { access: { permission: 'benefits.read' } },
      schema: {
        tags,
        summary:
          'Accept, verify, approve, refuse or withdraw (send expectedSeq; occurredOn = the date on the paper; a late step is recorded late)',
        headers: idempotencyHeader,
        params: idParams,
        body: applicationActionInputSchema,
        response: { 200: applicationViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await actOnApplication(
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
    '/api/children/:id/exit',
    {
      config: { access: { permission: 'children.exit' } },
      schema: {
        tags,
        summary:
          'The child leaves the registry with a national exit reason and a date (history kept, out of the default lists); approved benefits end, open applications are withdrawn',
        headers: idempotencyHeader,
        params: idParams,
        body: childExitInputSchema,
        response: { 201: childExitViewSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await exitChild(db, request.actor, request.params.id, request.body, request.headers['idempotency-key'])),
  );
}
