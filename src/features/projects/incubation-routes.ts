import { z } from 'zod';
import {
  incubationActionSchema,
  incubationListSchema,
  incubationViewSchema,
  startIncubationSchema,
} from '../../contract/projects/incubation.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { actOnIncubation, startIncubation } from './incubation.js';
import { listIncubations, readIncubation } from './incubation-views.js';

const tags = ['projects'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

/** Incubation records of children's social organisations (§4.3.1): civil affairs reads and records them. */
export function registerIncubationRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/society/incubations',
    {
      config: { access: { permission: 'projects.read' } },
      schema: {
        tags,
        summary: 'Incubations in my area (milestones, support, outcome) and the counties where one is under way',
        response: { 200: incubationListSchema },
      },
    },
    async (request) => listIncubations(db, request.actor),
  );
  app.get(
    '/api/society/incubations/:id',
    {
      config: { access: { permission: 'projects.read' } },
      schema: {
        tags,
        summary: 'One incubation with its log',
        params: idParams,
        response: { 200: incubationViewSchema },
      },
    },
    async (request) => readIncubation(db, request.actor, request.params.id),
  );
  app.post(
    '/api/society/incubations',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags,
        summary: 'Record an organisation entering incubation in my area (send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: startIncubationSchema,
        response: { 201: incubationViewSchema },
      },
    },
    async (request, response) => {
      const { view, replayed } = await startIncubation(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) response.header('idempotent-replayed', 'true');
      return response.status(201).send(view);
    },
  );
  app.post(
    '/api/society/incubations/:id/actions',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags,
        summary: 'A milestone, support given, registration or the end (expectedSeq; stale → 409)',
        headers: idempotencyHeader,
        params: idParams,
        body: incubationActionSchema,
        response: { 200: incubationViewSchema },
      },
    },
    async (request, response) => {
      const { view, replayed } = await actOnIncubation(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) response.header('idempotent-replayed', 'true');
      return view;
    },
  );
}
