import { z } from 'zod';
import {
  appraisalQuerySchema,
  appraisalViewSchema,
  recordAppraisalSchema,
} from '../../contract/grassroots/training.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { readAppraisal, recordAppraisal } from './service.js';

const tags = ['grassroots'];
const idParams = z.object({ id: z.uuid() });

export function registerAppraisalRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/roster/:id/appraisal',
    {
      config: { access: { permission: 'roster.read' } },
      schema: {
        tags,
        summary:
          "A director's or supervisor's yearly assessment: indicators computed from the recorded work, the suggested and the recorded rating",
        params: idParams,
        querystring: appraisalQuerySchema,
        response: { 200: appraisalViewSchema },
      },
    },
    async (request) => {
      const now = new Date();
      const year = request.query.year ?? Number(shanghaiYear(now));
      return readAppraisal(db, request.actor, request.params.id, year, now);
    },
  );
  app.put(
    '/api/roster/:id/appraisal',
    {
      config: { access: { permission: 'roster.manage' } },
      schema: {
        tags,
        summary:
          "Record the year's rating (the indicators as computed now are kept with it); send the version to replace one",
        params: idParams,
        body: recordAppraisalSchema,
        response: { 200: appraisalViewSchema },
      },
    },
    async (request) => recordAppraisal(db, request.actor, request.params.id, request.body),
  );
}

const shanghaiYear = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4);
