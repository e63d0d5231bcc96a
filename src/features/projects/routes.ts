import { z } from 'zod';
import {
  addPostSchema,
  budgetByCountySchema,
  createProjectSchema,
  editProjectSchema,
  evaluateSchema,
  projectListQuerySchema,
  projectListSchema,
  projectViewSchema,
  recordPaymentSchema,
  recordSessionSchema,
  replySchema,
  sessionViewSchema,
} from '../../contract/projects/projects.js';
import {
  addLicenceSchema,
  capacityViewSchema,
  coverageSchema,
  declareCapacitySchema,
  organisationListSchema,
} from '../../contract/projects/society.js';
import { evaluationStageCodes } from '../../contract/projects/vocabulary.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { addLicence, declareCapacity, listSocialOrganisations, readCapacity } from './capacity.js';
import { coverageByCounty } from './coverage.js';
import { addPost, createProject, editProject, evaluate, recordPayment, recordSession, reply } from './service.js';
import { budgetByCounty, listProjects, readProject } from './views.js';

const tags = ['projects'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });
const read = { config: { access: { permission: 'projects.read' } } } as const;
const manage = { config: { access: { permission: 'projects.manage' } } } as const;

export function registerProjectRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/projects',
    {
      ...read,
      schema: {
        tags,
        summary: 'Purchased-service projects I see, with computed achievement and payments, and providers compared',
        querystring: projectListQuerySchema,
        response: { 200: projectListSchema },
      },
    },
    async (request) => listProjects(db, request.actor, request.query),
  );
  app.post(
    '/api/projects',
    {
      ...manage,
      schema: {
        tags,
        summary:
          'Define a purchased-service project (my organisation purchases; amounts in fen; send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: createProjectSchema,
        response: { 201: projectViewSchema },
      },
    },
    async (request, response) => {
      const { view, replayed } = await createProject(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) response.header('idempotent-replayed', 'true');
      return response.status(201).send(view);
    },
  );
  app.get(
    '/api/projects/budget-by-county',
    {
      ...read,
      schema: {
        tags,
        summary: 'Purchased-service budget per child in difficulty, by county of my area (fen)',
        response: { 200: budgetByCountySchema },
      },
    },
    async (request) => budgetByCounty(db, request.actor),
  );
  app.get(
    '/api/projects/:id',
    {
      ...read,
      schema: {
        tags,
        summary:
          'One project: indicators computed from recorded work beside the targets, budget execution, evaluations',
        params: idParams,
        response: { 200: projectViewSchema },
      },
    },
    async (request) => readProject(db, request.actor, request.params.id),
  );
  app.patch(
    '/api/projects/:id',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Edit the title, end date or targets (expectedVersion; stale → 409)',
        params: idParams,
        body: editProjectSchema,
        response: { 200: projectViewSchema },
      },
    },
    async (request) => editProject(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/projects/:id/payments/:instalment',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Record the payment of an instalment (fen; once)',
        params: z.object({ id: z.uuid(), instalment: z.coerce.number().int().min(1).max(24) }),
        body: recordPaymentSchema,
        response: { 200: projectViewSchema },
      },
    },
    async (request) => recordPayment(db, request.actor, request.params.id, request.params.instalment, request.body),
  );
  app.post(
    '/api/projects/:id/posts',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Place a social worker in a rescue station or protection centre for a period',
        params: idParams,
        body: addPostSchema,
        response: { 201: projectViewSchema },
      },
    },
    async (request, response) =>
      response.status(201).send(await addPost(db, request.actor, request.params.id, request.body)),
  );
  app.post(
    '/api/projects/:id/evaluations',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Mid-term or final evaluation: the computed indicators are kept beside the targets',
        params: idParams,
        body: evaluateSchema,
        response: { 201: projectViewSchema },
      },
    },
    async (request, response) =>
      response.status(201).send(await evaluate(db, request.actor, request.params.id, request.body)),
  );
  app.post(
    '/api/projects/:id/evaluations/:stage/reply',
    {
      config: { access: { permission: 'projects.deliver' } },
      schema: {
        tags,
        summary: "The provider's reply to an evaluation (expectedVersion; stale → 409)",
        params: z.object({ id: z.uuid(), stage: z.enum(evaluationStageCodes) }),
        body: replySchema,
        response: { 200: projectViewSchema },
      },
    },
    async (request) => reply(db, request.actor, request.params.id, request.params.stage, request.body),
  );
  app.post(
    '/api/service-sessions',
    {
      config: { access: { permission: 'projects.deliver' } },
      schema: {
        tags,
        summary: 'Record a session my organisation delivered (counselling, family education, group, training)',
        headers: idempotencyHeader,
        body: recordSessionSchema,
        response: { 201: sessionViewSchema },
      },
    },
    async (request, response) => {
      const { id, replayed } = await recordSession(db, request.actor, request.body, request.headers['idempotency-key']);
      if (replayed) response.header('idempotent-replayed', 'true');
      return response.status(201).send({ id });
    },
  );
  app.get(
    '/api/society/organisations',
    {
      ...read,
      schema: {
        tags,
        summary: 'Social organisations with their social workers, volunteers, counties served and projects',
        response: { 200: organisationListSchema },
      },
    },
    async (request) => listSocialOrganisations(db, request.actor),
  );
  app.get(
    '/api/society/organisations/:id',
    {
      ...read,
      schema: {
        tags,
        summary: "A social organisation's capacity; counties served are derived from its recorded work",
        params: idParams,
        response: { 200: capacityViewSchema },
      },
    },
    async (request) => readCapacity(db, request.actor, request.params.id),
  );
  app.put(
    '/api/society/organisations/:id/capacity',
    {
      config: { access: { permission: 'capacity.manage' } },
      schema: {
        tags,
        summary: 'Declare staff, volunteers and counties served (my organisation; expectedVersion)',
        params: idParams,
        body: declareCapacitySchema,
        response: { 200: capacityViewSchema },
      },
    },
    async (request) => declareCapacity(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/society/organisations/:id/licences',
    {
      config: { access: { permission: 'capacity.manage' } },
      schema: {
        tags,
        summary: 'Record a qualified social worker of my organisation (licence level and year)',
        params: idParams,
        body: addLicenceSchema,
        response: { 201: capacityViewSchema },
      },
    },
    async (request, response) =>
      response.status(201).send(await addLicence(db, request.actor, request.params.id, request.body)),
  );
  app.get(
    '/api/society/coverage',
    {
      ...read,
      schema: {
        tags,
        summary:
          'Coverage by county: social organisations per 10,000 children, counties with none, services with no provider',
        response: { 200: coverageSchema },
      },
    },
    async (request) => coverageByCounty(db, request.actor),
  );
}
