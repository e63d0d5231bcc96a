import { z } from 'zod';
import {
  appointStaffSchema,
  assignmentHistorySchema,
  caseloadSchema,
  coverageSchema,
  reassignChildSchema,
  removeStaffSchema,
  rosterListSchema,
  rosterQuerySchema,
  staffViewSchema,
  updateStaffSchema,
} from '../../contract/grassroots/roster.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { caseload, coverage } from './coverage.js';
import { appointStaff, reassignChild, removeStaff, updateStaff } from './service.js';
import { assignmentHistory, listRoster, readStaff } from './views.js';

const tags = ['grassroots'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

export function registerRosterRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/roster',
    {
      config: { access: { permission: 'roster.read' } },
      schema: {
        tags,
        summary: 'The real-name roster of village directors and township supervisors in my area, with their postings',
        querystring: rosterQuerySchema,
        response: { 200: rosterListSchema },
      },
    },
    async (request) => listRoster(db, request.actor, request.query),
  );
  app.post(
    '/api/roster',
    {
      config: { access: { permission: 'roster.manage' } },
      schema: {
        tags,
        summary:
          "Appoint a director (villages) or supervisor (township); the villages' children without a director get this one (send an Idempotency-Key)",
        headers: idempotencyHeader,
        body: appointStaffSchema,
        response: { 201: staffViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await appointStaff(
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
    '/api/roster/coverage',
    {
      config: { access: { permission: 'roster.read' } },
      schema: {
        tags,
        summary:
          'Coverage gaps in my area: villages without a director, townships without a supervisor, directors covering several villages',
        response: { 200: coverageSchema },
      },
    },
    async (request) => coverage(db, request.actor),
  );
  app.get(
    '/api/roster/caseload',
    {
      config: { access: { permission: 'roster.read' } },
      schema: {
        tags,
        summary:
          'Caseload per director (children, high-risk, visits due this month, overdue) and its distribution by county',
        response: { 200: caseloadSchema },
      },
    },
    async (request) => caseload(db, request.actor, new Date()),
  );
  app.get(
    '/api/roster/:id',
    {
      config: { access: { permission: 'roster.read' } },
      schema: {
        tags,
        summary: 'One roster entry with its appointment history',
        params: idParams,
        response: { 200: staffViewSchema },
      },
    },
    async (request) => readStaff(db, request.actor, request.params.id),
  );
  app.patch(
    '/api/roster/:id',
    {
      config: { access: { permission: 'roster.manage' } },
      schema: {
        tags,
        summary: 'Edit a roster entry (send the version you saw; stale → 409); new places end old postings',
        params: idParams,
        body: updateStaffSchema,
        response: { 200: staffViewSchema },
      },
    },
    async (request) => updateStaff(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/roster/:id/removal',
    {
      config: { access: { permission: 'roster.manage' } },
      schema: {
        tags,
        summary:
          "Remove from the roster: postings end; the person's children pass to another director of their village, recorded",
        headers: idempotencyHeader,
        params: idParams,
        body: removeStaffSchema,
        response: { 200: staffViewSchema },
      },
    },
    async (request) =>
      removeStaff(db, request.actor, request.params.id, request.body, request.headers['idempotency-key']),
  );
  app.get(
    '/api/children/:id/assignment',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary: "The child's responsible director now and before",
        params: idParams,
        response: { 200: assignmentHistorySchema },
      },
    },
    async (request) => assignmentHistory(db, request.actor, request.params.id),
  );
  app.put(
    '/api/children/:id/assignment',
    {
      config: { access: { permission: 'roster.manage' } },
      schema: {
        tags,
        summary:
          'Make another director responsible for the child (send the assignment you saw; another one now → 409), recorded',
        headers: idempotencyHeader,
        params: idParams,
        body: reassignChildSchema,
        response: { 200: assignmentHistorySchema },
      },
    },
    async (request, reply) => {
      const { replayed } = await reassignChild(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return assignmentHistory(db, request.actor, request.params.id);
    },
  );
}
