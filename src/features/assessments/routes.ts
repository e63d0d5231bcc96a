import { z } from 'zod';
import {
  assessmentListSchema,
  assessmentRulesViewSchema,
  assessmentViewSchema,
  correctAssessmentSchema,
  recordAssessmentSchema,
  takeUpFollowUpSchema,
} from '../../contract/assessments/assessments.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { correctAssessment, recordAssessment, takeUpFollowUp } from './service.js';
import { listAssessments, readAssessment, rulesForChild } from './views.js';

const tags = ['assessments'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });

export function registerAssessmentRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/children/:id/assessments',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary:
          "A child's guardianship assessments (DB42/T 1969-2023), newest first, and the clocks saying one is due",
        params: idParams,
        response: { 200: assessmentListSchema },
      },
    },
    async (request) => listAssessments(db, request.actor, request.params.id, new Date()),
  );
  app.get(
    '/api/children/:id/assessment-rules',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary:
          "The scoring rules in force for the child's place: points, weights, cut-offs (Haven's defaults until the county publishes its own)",
        params: idParams,
        response: { 200: assessmentRulesViewSchema },
      },
    },
    async (request) => rulesForChild(db, request.actor, request.params.id, new Date()),
  );
  app.post(
    '/api/assessments',
    {
      config: { access: { permission: 'assessments.record' } },
      schema: {
        tags,
        summary:
          "Assess a child's guardianship (20 items); the grade sets the child's risk grade and visit schedule (send an Idempotency-Key)",
        headers: idempotencyHeader,
        body: recordAssessmentSchema,
        response: { 201: assessmentViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await recordAssessment(
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
    '/api/assessments/:id',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary: 'One guardianship assessment',
        params: idParams,
        response: { 200: assessmentViewSchema },
      },
    },
    async (request) => readAssessment(db, request.actor, request.params.id),
  );
  app.patch(
    '/api/assessments/:id',
    {
      config: { access: { permission: 'assessments.record' } },
      schema: {
        tags,
        summary: 'Correct an assessment (send the version you saw); what it replaced is kept',
        params: idParams,
        body: correctAssessmentSchema,
        response: { 200: assessmentViewSchema },
      },
    },
    async (request) => correctAssessment(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/assessments/:id/follow-up',
    {
      config: { access: { permission: 'cases.act' } },
      schema: {
        tags,
        summary: 'Civil affairs takes up a "guardianship missing" result (reported, revocation considered)',
        params: idParams,
        body: takeUpFollowUpSchema,
        response: { 200: assessmentViewSchema },
      },
    },
    async (request) => takeUpFollowUp(db, request.actor, request.params.id, request.body),
  );
}
