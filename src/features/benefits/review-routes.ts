import { z } from 'zod';
import { benefitReviewListSchema, benefitReviewSchema, reviewDecisionSchema } from '../../contract/benefits/reviews.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { decideReview, reviewsOfApplication } from './review-view.js';

const tags = ['benefits'];
const idParams = z.object({ id: z.uuid() });

/** Reviews of benefits a confirmed fact removed the basis of: read on the application, decided by the county. */
export function registerReviewRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/benefits/applications/:id/reviews',
    {
      config: { access: { permission: 'benefits.read' } },
      schema: {
        tags,
        summary:
          "An application's reviews (a fact removed the benefit's basis), open first, with the county's deadline",
        params: idParams,
        response: { 200: benefitReviewListSchema },
      },
    },
    async (request) => reviewsOfApplication(db, request.actor, request.params.id),
  );

  app.post(
    '/api/benefits/reviews/:id/decision',
    {
      config: { access: { permission: 'benefits.decide' } },
      schema: {
        tags,
        summary:
          'End the reviewed benefit (paid through the month of endedOn) or keep it, with reasons, at the version seen; a decided review → 409',
        params: idParams,
        body: reviewDecisionSchema,
        response: { 200: benefitReviewSchema },
      },
    },
    async (request) => decideReview(db, request.actor, request.params.id, request.body),
  );
}
