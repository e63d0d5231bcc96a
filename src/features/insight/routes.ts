import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { registryCountsQuerySchema, registryCountsResultSchema } from '../../contract/insight/registry-counts.js';
import { registryCounts } from './counts-service.js';
import { byDivisionQuerySchema, byDivisionResultSchema } from '../../contract/insight/by-division.js';
import { childrenByDivision } from './service.js';
import './messages.js';

export function registerInsightRoutes(app: HavenApp, deps: HttpDeps): void {
  const { db } = deps;

  app.get(
    '/api/insight/children/by-division',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags: ['insight'],
        summary: 'Children per division one level below `within`; counts from 1 to 4 are suppressed, no row-level data',
        querystring: byDivisionQuerySchema,
        response: { 200: byDivisionResultSchema },
      },
    },
    async (request) => childrenByDivision(db, request.actor, request.query.within),
  );

  app.get(
    '/api/insight/registry-counts',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags: ['insight'],
        summary:
          'Active children by confirmed category or by risk grade, per division at `level` within `within`, from the precomputed counts (as of `countedAt`); 1–4 suppressed',
        querystring: registryCountsQuerySchema,
        response: { 200: registryCountsResultSchema },
      },
    },
    async (request) => registryCounts(db, request.actor, request.query),
  );
}
