import { z } from 'zod';
import {
  createStaffRecordSchema,
  createTrainingSchema,
  setAttendanceSchema,
  staffRecordListSchema,
  trainingListSchema,
  trainingStatusSchema,
  trainingViewSchema,
} from '../../contract/grassroots/training.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { listStaffRecords, recordStaffRecord } from './staff-records.js';
import { listTrainings, readTraining, recordTraining, setAttendance, trainingStatus } from './training.js';

const tags = ['grassroots'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

export function registerTrainingRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/training',
    {
      config: { access: { permission: 'roster.read' } },
      schema: {
        tags,
        summary: 'Training sessions held in my area, with attendance',
        response: { 200: trainingListSchema },
      },
    },
    async (request) => listTrainings(db, request.actor),
  );
  app.post(
    '/api/training',
    {
      config: { access: { permission: 'roster.manage' } },
      schema: {
        tags,
        summary: 'Record a training session and who attended (send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: createTrainingSchema,
        response: { 201: trainingViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await recordTraining(
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
    '/api/training/status',
    {
      config: { access: { permission: 'roster.read' } },
      schema: {
        tags,
        summary: 'Who on the roster has never been trained and who is overloaded',
        response: { 200: trainingStatusSchema },
      },
    },
    async (request) => trainingStatus(db, request.actor, new Date()),
  );
  app.get(
    '/api/training/:id',
    {
      config: { access: { permission: 'roster.read' } },
      schema: { tags, summary: 'One training session', params: idParams, response: { 200: trainingViewSchema } },
    },
    async (request) => readTraining(db, request.actor, request.params.id),
  );
  app.put(
    '/api/training/:id/attendance',
    {
      config: { access: { permission: 'roster.manage' } },
      schema: {
        tags,
        summary: 'Replace who attended (send the version you saw)',
        params: idParams,
        body: setAttendanceSchema,
        response: { 200: trainingViewSchema },
      },
    },
    async (request) => setAttendance(db, request.actor, request.params.id, request.body),
  );
  app.get(
    '/api/roster/:id/records',
    {
      config: { access: { permission: 'roster.read' } },
      schema: {
        tags,
        summary: 'Subsidies, incentives and accountability records of a roster entry',
        params: idParams,
        response: { 200: staffRecordListSchema },
      },
    },
    async (request) => listStaffRecords(db, request.actor, request.params.id),
  );
  app.post(
    '/api/roster/:id/records',
    {
      config: { access: { permission: 'roster.manage' } },
      schema: {
        tags,
        summary: 'Record a subsidy paid, an incentive or an accountability decision',
        params: idParams,
        body: createStaffRecordSchema,
        response: { 201: staffRecordListSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordStaffRecord(db, request.actor, request.params.id, request.body)),
  );
}
