import { earlierCallListSchema, earlierCallsQuerySchema } from '../../contract/reports/reading.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { earlierCalls } from './earlier-calls.js';

/** Reads for the people working a call: earlier calls from the caller's number. */
export function registerReportReadingRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/reports/earlier-calls',
    {
      config: { access: { permission: 'reports.hotline' } },
      schema: {
        tags: ['reports'],
        summary:
          'Earlier hotline calls from the same number (taken by my hotline centre or readable by me): reference, time, situations and stage only; audited',
        querystring: earlierCallsQuerySchema,
        response: { 200: earlierCallListSchema },
      },
    },
    async (request) => ({ items: await earlierCalls(db, request.actor, request.query.phone) }),
  );
}
