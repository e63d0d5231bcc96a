import { z } from 'zod';
import {
  recordFollowUpDoneSchema,
  recordSupervisionSchema,
  supervisionByDirectorSchema,
} from '../../contract/grassroots/supervision.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { recordSupervisionIn, supervisionByDirector } from './supervision.js';
import { recordFollowUpDoneIn } from './supervision-follow-ups.js';

const tags = ['grassroots'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

/** The township supervisor's supervision log (督导日志), per village director. */
export function registerSupervisionRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/supervision',
    {
      config: { access: { permission: 'roster.read' } },
      schema: {
        tags,
        summary: 'The supervision log of my area per village director (never-checked directors too), newest first',
        querystring: z.object({ staffId: z.uuid().optional() }),
        response: { 200: supervisionByDirectorSchema },
      },
    },
    async (request) => supervisionByDirector(db, request.actor, request.query.staffId),
  );
  app.post(
    '/api/roster/:id/supervision',
    {
      config: { access: { permission: 'roster.read' } },
      schema: {
        tags,
        summary:
          "Record a check of a village director's work: date, village, what was checked, findings, follow-up (the township's supervisor or a roster officer; send an Idempotency-Key)",
        params: idParams,
        headers: idempotencyHeader,
        body: recordSupervisionSchema,
        response: { 201: supervisionByDirectorSchema },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const staffId = request.params.id;
      const { replayed } = await unitOfWork(
        db,
        request.actor,
        'supervision.record',
        (uow) => recordSupervisionIn(uow, staffId, request.body, new Date()),
        key ? { key, request: { staffId, ...request.body } } : undefined,
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(await supervisionByDirector(db, request.actor, staffId));
    },
  );
  app.post(
    '/api/supervision/:id/follow-up-done',
    {
      config: { access: { permission: 'roster.read' } },
      schema: {
        tags,
        summary:
          "Record that a check's follow-up was done; its clock stops (the township's supervisor or a roster officer; send an Idempotency-Key)",
        params: idParams,
        headers: idempotencyHeader,
        body: recordFollowUpDoneSchema,
        response: { 201: supervisionByDirectorSchema },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const logId = request.params.id;
      const { result, replayed } = await unitOfWork(
        db,
        request.actor,
        'supervision.follow_up_done',
        (uow) => recordFollowUpDoneIn(uow, logId, request.body, new Date()),
        key ? { key, request: { logId, ...request.body } } : undefined,
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(await supervisionByDirector(db, request.actor, result));
    },
  );
}
