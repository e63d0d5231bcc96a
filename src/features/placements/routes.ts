import { z } from 'zod';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { placeSchema, placementActionSchema } from '../../contract/placements/actions.js';
import {
  actedOnPlacementSchema,
  childPlacementSchema,
  occupancyHistorySchema,
  occupancySchema,
  periodQuerySchema,
  placementViewSchema,
  receptionsSchema,
} from '../../contract/placements/views.js';
import {
  actOnPlacement,
  institutionOccupancy,
  occupancyHistory,
  placeChild,
  readChildPlacement,
  readPlacementFile,
  receptions,
} from './service.js';

const tags = ['placements'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

export function registerPlacementRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/children/:id/placement',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary:
          "Where the child is now and under whose care (the top of the child's file), with earlier placements (audited)",
        params: idParams,
        response: { 200: childPlacementSchema },
      },
    },
    async (request) => readChildPlacement(db, request.actor, request.params.id),
  );

  app.post(
    '/api/children/:id/placements',
    {
      config: { access: { permission: 'placements.act' } },
      schema: {
        tags,
        summary:
          'Place a child who has no current placement (a full institution → 409 with its occupancy unless overCapacityReason is given; send an Idempotency-Key)',
        headers: idempotencyHeader,
        params: idParams,
        body: placeSchema,
        response: { 201: childPlacementSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await placeChild(
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
    '/api/placements/:id',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary: 'One placement episode: hand-over, clocks, log and my allowed next actions (audited)',
        params: idParams,
        response: { 200: placementViewSchema },
      },
    },
    async (request) => readPlacementFile(db, request.actor, request.params.id),
  );

  app.post(
    '/api/placements/:id/actions',
    {
      config: { access: { anyPermission: ['placements.act', 'placements.approve'] } },
      schema: {
        tags,
        summary:
          'Act on a placement: request/approve/refuse a longer rescue-station stay, transfer (ends this episode and starts the next in one step; a return home is a transfer to kind home), end, follow up (send expectedSeq)',
        headers: idempotencyHeader,
        params: idParams,
        body: placementActionSchema,
        response: { 200: actedOnPlacementSchema },
      },
    },
    async (request, reply) => {
      const { answer, replayed } = await actOnPlacement(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return answer;
    },
  );

  app.get(
    '/api/placements/occupancy',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags,
        summary:
          'Institutions in my jurisdiction now: beds, occupancy, overflow, children waiting past the stay limit, lengths of stay',
        response: { 200: occupancySchema },
      },
    },
    async (request) => institutionOccupancy(db, request.actor),
  );

  app.get(
    '/api/placements/occupancy/daily',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags,
        summary:
          'Occupancy of each institution in my jurisdiction at the end of each day of a period (at most 366 days)',
        querystring: periodQuerySchema,
        response: { 200: occupancyHistorySchema },
      },
    },
    async (request) => occupancyHistory(db, request.actor, request.query),
  );

  app.get(
    '/api/placements/receptions',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags,
        summary:
          'Which institution received which kind of child in a period, and for how long (the rescue station / welfare home overlap)',
        querystring: periodQuerySchema,
        response: { 200: receptionsSchema },
      },
    },
    async (request) => receptions(db, request.actor, request.query),
  );
}
