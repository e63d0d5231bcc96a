import { z } from 'zod';
import {
  familySupportSchema,
  guardianTrainingViewSchema,
  referGuardianSchema,
  trainingOutcomeSchema,
} from '../../contract/charity/family.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { readFamilySupport, recordTrainingOutcome, referGuardian } from './family-support.js';

const tags = ['charity'];
const idParams = z.object({ id: z.uuid() });

/** Family support on the child's file, and guardians referred to vocational training. */
export function registerFamilySupportRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/children/:id/family-support',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary:
          "The family's support on a child's file: needs, guidance orders, sessions delivered, guardians' training",
        params: idParams,
        response: { 200: familySupportSchema },
      },
    },
    async (request) => readFamilySupport(db, request.actor, request.params.id),
  );
  app.post(
    '/api/children/:id/guardian-trainings',
    {
      config: { access: { permission: 'cases.act' } },
      schema: {
        tags,
        summary: "Refer a child's guardian to vocational training (send an Idempotency-Key)",
        params: idParams,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        body: referGuardianSchema,
        response: { 201: guardianTrainingViewSchema },
      },
    },
    async (request, response) => {
      const { view, replayed } = await referGuardian(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) response.header('idempotent-replayed', 'true');
      return response.status(201).send(view);
    },
  );
  app.post(
    '/api/guardian-trainings/:id/outcome',
    {
      config: { access: { permission: 'cases.act' } },
      schema: {
        tags,
        summary: 'Enrolled, completed or dropped out (forward only; expectedVersion, stale → 409)',
        params: idParams,
        body: trainingOutcomeSchema,
        response: { 200: guardianTrainingViewSchema },
      },
    },
    async (request) => recordTrainingOutcome(db, request.actor, request.params.id, request.body),
  );
}
