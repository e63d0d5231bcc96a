import { sql } from 'kysely';
import { healthSchema } from '../../contract/health/health.js';
import type { HttpDeps, HavenApp } from './deps.js';
import { migrationStatus } from '../db/migrate.js';
import { havenVersion } from '../version.js';
import { databaseRetryAfterSeconds } from '../db/availability.js';

export function registerHealthRoutes(app: HavenApp, deps: HttpDeps): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['platform'],
        summary: 'Is Haven up: database reachable, migrations current, version',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const mode = deps.embedded ? ('embedded' as const) : ('server' as const);
      try {
        await sql`SELECT 1`.execute(deps.db);
        const status = await migrationStatus(deps.db);
        const healthy = status.pending.length === 0 && status.unknown.length === 0;
        return reply.status(healthy ? 200 : 503).send({
          status: healthy ? 'ok' : 'degraded',
          version: havenVersion,
          database: {
            reachable: true,
            state: 'ok',
            mode,
            migrations: { current: status.current, pending: status.pending },
          },
        });
      } catch {
        return reply
          .status(503)
          .header('retry-after', String(databaseRetryAfterSeconds))
          .send({
            status: 'degraded',
            version: havenVersion,
            database: { reachable: false, state: 'unavailable', mode, migrations: { current: null, pending: [] } },
          });
      }
    },
  );
}
