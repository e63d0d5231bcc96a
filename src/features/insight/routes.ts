import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { byDivisionQuerySchema, byDivisionResultSchema } from './model.js';
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
}
